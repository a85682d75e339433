// The overview's map of the Netherlands: the outline and the municipalities with focus areas.
// No tile layer (works offline); a click on a municipality jumps to its rows in the table.
(function () {
  // Names come from users (an analyst names an area): Leaflet inserts a string tooltip as
  // HTML, so every tooltip is an element whose text is set as text (issue 12).
  function textElement(text) {
    var element = document.createElement("span");
    element.textContent = text;
    return element;
  }
  var container = document.getElementById("overzichtskaart");
  var data = document.getElementById("overzichtskaart-data");
  if (!container || !data || typeof L === "undefined") { return; }
  var map = L.map(container, { zoomControl: true, scrollWheelZoom: false, attributionControl: true });
  var layer = L.geoJSON(JSON.parse(data.textContent), {
    style: function (feature) {
      return feature.properties.kind === "land"
        ? { color: "#5a6b7f", weight: 1, fillColor: "#ffffff", fillOpacity: 1 }
        : { color: "#0b2a4a", weight: 1, fillColor: "#154273", fillOpacity: 0.9 };
    },
    onEachFeature: function (feature, shape) {
      if (feature.properties.kind !== "gemeente") { return; }
      shape.bindTooltip(textElement(
        feature.properties.name + ": " + feature.properties.areas.join(", ")
      ));
      shape.on("click", function () { window.location.hash = feature.properties.anchor; });
    }
  }).addTo(map);
  map.attributionControl.addAttribution("CBS/Kadaster");
  map.fitBounds(layer.getBounds(), { padding: [8, 8] });
})();
