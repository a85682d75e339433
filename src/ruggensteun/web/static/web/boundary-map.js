// Draws the municipal boundary from the page's embedded GeoJSON; no tile layer (works offline).
(function () {
  var container = document.getElementById("kaart");
  var data = document.getElementById("gemeentegrens");
  if (!container || !data || typeof L === "undefined") { return; }
  var geometry = JSON.parse(data.textContent);
  if (!geometry) { container.textContent = container.getAttribute("data-empty") || ""; return; }
  var map = L.map(container, { zoomControl: true, attributionControl: true, scrollWheelZoom: false });
  var layer = L.geoJSON({ type: "Feature", geometry: geometry, properties: {} }, {
    style: { color: "#154273", weight: 2, fillColor: "#154273", fillOpacity: 0.15 }
  }).addTo(map);
  map.attributionControl.addAttribution("CBS/Kadaster");
  map.fitBounds(layer.getBounds(), { padding: [12, 12] });
})();
