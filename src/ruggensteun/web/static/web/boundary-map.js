// Draws the municipal boundary, or the uploaded wijken as a choropleth, from the page's
// embedded GeoJSON; no tile layer (works offline). Colours, and the credit for the wijk
// boundaries (their stored source: shipped CBS/Kadaster or an analyst's upload), come from
// the server.
(function () {
  // Wijk names come from an uploaded file: Leaflet inserts a string tooltip as HTML, so every
  // tooltip is an element whose text is set as text (issue 12).
  function textElement(text) {
    var element = document.createElement("span");
    element.textContent = text;
    return element;
  }
  // Leaflet inserts attributions as HTML; an upload's source names its file, so every
  // character HTML could read as markup is replaced by its entity (no HTML is parsed here).
  var ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
  function escaped(text) {
    return String(text).replace(/[&<>"']/g, function (character) { return ENTITIES[character]; });
  }
  var container = document.getElementById("kaart");
  var outline = document.getElementById("gemeentegrens");
  var wijken = document.getElementById("wijkkaart");
  if (!container || !outline || typeof L === "undefined") { return; }
  var geometry = JSON.parse(outline.textContent);
  if (!geometry) { container.textContent = container.getAttribute("data-empty") || ""; return; }
  var map = L.map(container, { zoomControl: true, attributionControl: true, scrollWheelZoom: false });
  var layer = L.geoJSON({ type: "Feature", geometry: geometry, properties: {} }, {
    style: { color: "#154273", weight: 2, fillColor: "#154273", fillOpacity: wijken ? 0 : 0.15 }
  }).addTo(map);
  if (wijken) {
    var collection = JSON.parse(wijken.textContent);
    L.geoJSON(collection, {
      style: function (feature) {
        var inArea = feature.properties.in_area;
        return {
          color: inArea ? "#000000" : "#5a6b7f", weight: inArea ? 3 : 1,
          fillColor: feature.properties.colour, fillOpacity: 0.85
        };
      },
      onEachFeature: function (feature, shape) {
        shape.bindTooltip(textElement(feature.properties.name + ": " + feature.properties.label));
      }
    }).addTo(map);
    if (collection.credit) { map.attributionControl.addAttribution(escaped(collection.credit)); }
  }
  map.attributionControl.addAttribution("CBS/Kadaster");
  map.fitBounds(layer.getBounds(), { padding: [12, 12] });
})();
