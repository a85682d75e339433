// Draws the municipal boundary, or the uploaded wijken as a choropleth, from the page's
// embedded GeoJSON; no tile layer (works offline). Colours come from the server.
(function () {
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
    L.geoJSON(JSON.parse(wijken.textContent), {
      style: function (feature) {
        var inArea = feature.properties.in_area;
        return {
          color: inArea ? "#000000" : "#5a6b7f", weight: inArea ? 3 : 1,
          fillColor: feature.properties.colour, fillOpacity: 0.85
        };
      },
      onEachFeature: function (feature, shape) {
        shape.bindTooltip(feature.properties.name + ": " + feature.properties.label);
      }
    }).addTo(map);
    map.attributionControl.addAttribution("wijkgrenzen: upload analist");
  }
  map.attributionControl.addAttribution("CBS/Kadaster");
  map.fitBounds(layer.getBounds(), { padding: [12, 12] });
})();
