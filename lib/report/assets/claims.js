// The claims table's filters (lib/report/claims.ts writes the table and the <select data-filter> elements).
(function () {
  var rows = Array.prototype.slice.call(document.getElementById("claims").tBodies[0].rows);
  var selects = Array.prototype.slice.call(document.querySelectorAll("select[data-filter]"));
  var count = document.getElementById("claims-count");

  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var visible = selects.every(function (s) { return !s.value || row.getAttribute("data-" + s.getAttribute("data-filter")) === s.value; });
      row.hidden = !visible;
      if (visible) shown++;
    });
    count.textContent = shown + " of " + rows.length + " claims shown";
  }

  // claims.html?section=2.2 (the links of the front and figures pages) preselects a filter.
  function presetFromQuery() {
    var query = new URLSearchParams(location.search);
    selects.forEach(function (s) {
      var wanted = query.get(s.getAttribute("data-filter"));
      if (wanted !== null && Array.prototype.some.call(s.options, function (o) { return o.value === wanted; })) s.value = wanted;
    });
  }

  // claims.html#<claim id> opens that claim's details, clearing the filters if they hide it.
  function revealTarget() {
    var row = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!row || row.tagName !== "TR") return;
    if (row.hidden) {
      selects.forEach(function (s) { s.value = ""; });
      apply();
    }
    var details = row.querySelector("details");
    if (details) details.open = true;
    row.scrollIntoView({ block: "center" });
  }

  // The table's sticky header sits right under the sticky filter bar, however tall that wraps.
  function placeHeader() {
    var bar = document.querySelector(".filters");
    document.documentElement.style.setProperty("--filters-height", bar.getBoundingClientRect().height + "px");
  }

  selects.forEach(function (s) { s.addEventListener("change", apply); });
  window.addEventListener("resize", placeHeader);
  window.addEventListener("hashchange", revealTarget);
  placeHeader();
  presetFromQuery();
  apply();
  revealTarget();
})();
