// Draws the figure page's plotly chart (lib/report/figures.ts puts the figure in window.HQNN_FIGURE and the
// committed PNG in #chart); the PNG comes back if plotly fails.
(function () {
  var element = document.getElementById("chart");
  var figure = window.HQNN_FIGURE;
  if (!element || !figure || !window.Plotly) return;
  var fallback = element.innerHTML;
  element.innerHTML = "";
  window.Plotly.newPlot(element, figure.data, figure.layout, { displaylogo: false }).then(
    function () { element.classList.add("rendered"); },
    function (error) {
      element.innerHTML = fallback;
      console.error("plotly could not draw the figure: " + error);
    });
})();
