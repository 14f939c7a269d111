// Figures page: claimed counts over time, one series per cited source; each point links to its sentence.
(function () {
  "use strict";
  var svgBox = document.getElementById("figures-chart");
  var legend = document.getElementById("figures-legend");
  if (!svgBox) return;
  var S = window.cliptraceSvg;
  var W = 900, H = 420, M = { top: 20, right: 20, bottom: 40, left: 70 };

  function day(s) { return Date.parse(s + "T00:00:00Z"); }

  function draw(data) {
    var series = data.series.filter(function (s) { return s.points.length; });
    var svg = S.el("svg", { "class": "chart", viewBox: "0 0 " + W + " " + H, role: "img",
                            "aria-labelledby": "figures-chart-title" });
    S.text(S.el("title", { id: "figures-chart-title" }, svg), 0, 0, "");
    svg.querySelector("title").textContent = "Claimed counts over time, " + series.length + " series";
    var points = [].concat.apply([], series.map(function (s) { return s.points; }));
    if (!points.length) {
      S.text(svg, W / 2, H / 2, "No dated figures for this selection.", { "text-anchor": "middle" });
      svgBox.replaceChildren(svg);
      return;
    }
    var t0 = Math.min.apply(null, points.map(function (p) { return day(p.date); }));
    var t1 = Math.max.apply(null, points.map(function (p) { return day(p.date); }));
    if (t1 === t0) { t0 -= 86400000 * 15; t1 += 86400000 * 15; }
    var values = points.map(function (p) { return p.value; });
    var vmax = Math.max.apply(null, values) * 1.08 || 1;
    // Claims spanning orders of magnitude (a death toll beside "two million people") would flatten
    // every smaller series on a linear axis: use a logarithmic one then, and say so.
    var logScale = vmax / Math.max(Math.min.apply(null, values), 1) > 100;
    var top = Math.log10(vmax + 1);
    function share(v) { return logScale ? Math.log10(v + 1) / top : v / vmax; }
    function x(d) { return M.left + (day(d) - t0) / (t1 - t0) * (W - M.left - M.right); }
    function y(v) { return H - M.bottom - share(v) * (H - M.top - M.bottom); }
    if (logScale) {
      svg.querySelector("title").textContent += " (logarithmic scale)";
      S.text(svg, M.left + 6, M.top - 6, "logarithmic scale", { "class": "muted" });
    }

    for (var i = 0; i <= 4; i++) {  // value grid and labels
      var v = logScale ? Math.pow(10, top * i / 4) - 1 : vmax * i / 4, yy = y(v);
      S.el("line", { "class": "grid", x1: M.left, x2: W - M.right, y1: yy, y2: yy }, svg);
      S.text(svg, M.left - 6, yy + 4, Math.round(v).toLocaleString(), { "text-anchor": "end" });
    }
    for (var j = 0; j <= 4; j++) {  // date labels
      var tt = t0 + (t1 - t0) * j / 4;
      S.text(svg, M.left + (W - M.left - M.right) * j / 4, H - M.bottom + 18,
             new Date(tt).toISOString().slice(0, 10), { "text-anchor": j === 0 ? "start" : j === 4 ? "end" : "middle" });
    }
    S.el("line", { "class": "axis", x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom }, svg);
    S.el("line", { "class": "axis", x1: M.left, x2: M.left, y1: M.top, y2: H - M.bottom }, svg);

    legend.replaceChildren();
    series.forEach(function (s, k) {
      var colour = S.color(k);
      var pts = s.points.slice().sort(function (a, b) { return day(a.date) - day(b.date); });
      if (pts.length > 1) {
        S.el("polyline", { fill: "none", stroke: colour, "stroke-width": 2, "stroke-opacity": 0.6,
                           points: pts.map(function (p) { return x(p.date) + "," + y(p.value); }).join(" ") }, svg);
      }
      pts.forEach(function (p) {
        var a = S.el("a", { href: p.href, "class": "point" }, svg);
        var label = s.label + ": " + p.value.toLocaleString() + " " + s.category + " (" + p.approx + "), " + p.date +
                    (p.claims > 1 ? ", " + p.claims + " claims" : "") + " — " + p.text;
        a.setAttribute("aria-label", label);
        S.el("title", {}, a).textContent = label;
        S.el("circle", { cx: x(p.date), cy: y(p.value), r: 5, fill: colour, stroke: "#fff", "stroke-width": 1 }, a);
      });
      var li = document.createElement("li");
      S.swatch(li, colour);
      li.appendChild(document.createTextNode(s.label + " — " + s.category + " (" + s.points.length + ")"));
      legend.appendChild(li);
    });
    svgBox.replaceChildren(svg);
  }

  fetch("/api/figures" + location.search, { headers: { Accept: "application/json" } })
    .then(function (r) { return r.json(); })
    .then(draw)
    .catch(function () { svgBox.textContent = "The chart could not be loaded."; });
})();
