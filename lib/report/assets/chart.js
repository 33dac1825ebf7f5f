// Draws the plotly charts of a page: each element with data-chart="k" gets figure k of window.HQNN_FIGURES (both
// written by lib/report/html.ts, chartElement and chartData); the static PNG inside the element comes back if
// plotly fails.
(function () {
  var figures = window.HQNN_FIGURES;
  if (!figures || !window.Plotly) return;
  Array.prototype.forEach.call(document.querySelectorAll("[data-chart]"), function (element) {
    var figure = figures[Number(element.getAttribute("data-chart"))];
    var fallback = element.innerHTML;
    element.innerHTML = "";
    window.Plotly.newPlot(element, figure.data, figure.layout, { displaylogo: false }).then(
      function () { element.classList.add("rendered"); },
      function (error) {
        element.innerHTML = fallback;
        console.error("plotly could not draw chart " + element.getAttribute("data-chart") + ": " + error);
      });
  });
})();
