// Figures page: claimed counts over time, one series per cited source; each point links to its sentence.
// A line joins only the claims of a series about the same people in the same place, less than half a
// year apart. Axis ticks are
// round numbers and calendar dates; a few claims far from all the others are left off the axes, and
// named, instead of squashing every other point.
(function () {
  "use strict";
  var svgBox = document.getElementById("figures-chart");
  var legend = document.getElementById("figures-legend");
  if (!svgBox) return;
  var S = window.cliptraceSvg;
  var W = 900, H = 420, M = { top: 24, right: 20, bottom: 40, left: 70 };
  var DAY = 86400000, YEAR = 365.25 * DAY, LINE_GAP = YEAR / 2;

  function day(s) { return Date.parse(s + "T00:00:00Z"); }

  // Round tick values: multiples of 1, 2, 2.5 or 5 times a power of ten, from 0 to above vmax.
  function valueTicks(vmax) {
    var raw = vmax / 4, power = Math.pow(10, Math.floor(Math.log10(raw)));
    var step = [1, 2, 2.5, 5, 10].map(function (m) { return m * power; })
                                  .find(function (s) { return s >= raw; });
    var ticks = [];
    for (var v = 0; v < vmax + step; v += step) ticks.push(v);
    return ticks;
  }

  // Calendar ticks: the first unit (days, months or years) that gives at most 6 ticks, at round dates.
  var UNITS = [[1, "day"], [7, "day"], [1, "month"], [3, "month"], [6, "month"], [1, "year"], [2, "year"],
               [5, "year"], [10, "year"], [25, "year"]];
  function dateTicks(t0, t1) {
    for (var u = 0; u < UNITS.length; u++) {
      var n = UNITS[u][0], unit = UNITS[u][1], ticks = [], d = new Date(t0);
      if (unit === "day") d = new Date(Math.ceil(t0 / (n * DAY)) * n * DAY);
      else if (unit === "month") d = new Date(Date.UTC(d.getUTCFullYear(), Math.ceil((d.getUTCMonth() + (d.getUTCDate() > 1 ? 1 : 0)) / n) * n, 1));
      else d = new Date(Date.UTC(Math.ceil((d.getUTCFullYear() + (d.getUTCMonth() || d.getUTCDate() > 1 ? 1 : 0)) / n) * n, 0, 1));
      while (d.getTime() <= t1 && ticks.length <= 6) {
        ticks.push(d.getTime());
        if (unit === "day") d = new Date(d.getTime() + n * DAY);
        else if (unit === "month") d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
        else d = new Date(Date.UTC(d.getUTCFullYear() + n, 0, 1));
      }
      if (ticks.length <= 6) {
        var cut = unit === "year" ? 4 : unit === "month" ? 7 : 10;
        return ticks.map(function (t) { return [t, new Date(t).toISOString().slice(0, cut)]; });
      }
    }
    return [];
  }

  // The range drawn on an axis: every number, unless a few lie far outside where the rest are
  // (beyond three interquartile ranges, and at least `minReach`, from the middle half).
  function inliers(numbers, minReach) {
    var sorted = numbers.slice().sort(function (a, b) { return a - b; });
    var q = function (f) { return sorted[Math.floor(f * (sorted.length - 1))]; };
    var reach = Math.max(3 * (q(0.75) - q(0.25)), minReach);
    var inside = sorted.filter(function (t) { return t >= q(0.25) - reach && t <= q(0.75) + reach; });
    return [inside[0], inside[inside.length - 1]];
  }

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
    // Dates far from the rest (a figure "as of" a historical event) and values orders of magnitude
    // beyond the rest (a misread "10 million killed") are left off, and named, not drawn.
    var span = inliers(points.map(function (p) { return day(p.date); }), YEAR);
    var t0 = span[0], t1 = span[1];
    if (t1 - t0 < 30 * DAY) { var mid = (t0 + t1) / 2; t0 = mid - 15 * DAY; t1 = mid + 15 * DAY; }
    var magnitudes = inliers(points.map(function (p) { return Math.log10(Math.max(p.value, 1)); }), 3);
    function shown(p) {
      var m = Math.log10(Math.max(p.value, 1));
      // small counts never squash (the value axis starts at 0, or 1 on a logarithmic one): only the high side
      return day(p.date) >= span[0] && day(p.date) <= span[1] && m <= magnitudes[1];
    }
    var left = points.filter(function (p) { return !shown(p); });
    var values = points.filter(shown).map(function (p) { return p.value; });
    var vmax = Math.max.apply(null, values) || 1;
    // Claims spanning orders of magnitude (a death toll beside "two million people") would flatten
    // every smaller series on a linear axis: use a logarithmic one then, and say so.
    var logScale = vmax / Math.max(Math.min.apply(null, values), 1) > 100;
    var ticks = logScale ? [] : valueTicks(vmax);
    if (logScale) for (var p10 = 1; p10 / 10 < vmax; p10 *= 10) ticks.push(p10);
    var top = ticks[ticks.length - 1];
    function share(v) { return logScale ? Math.log10(Math.max(v, 1)) / Math.log10(top) : v / top; }
    function x(d) { return M.left + (day(d) - t0) / (t1 - t0) * (W - M.left - M.right); }
    function y(v) { return H - M.bottom - share(v) * (H - M.top - M.bottom); }
    var notes = [];
    if (logScale) {
      svg.querySelector("title").textContent += " (logarithmic scale)";
      notes.push("logarithmic scale");
    }
    if (left.length) {
      notes.push(left.length + " claim" + (left.length > 1 ? "s" : "") + " far from the others not drawn (" +
                 left.map(function (p) { return p.value.toLocaleString("en") + " on " + p.date; }).join(", ") +
                 "): see the tables below");
    }
    if (notes.length) S.text(svg, M.left + 6, M.top - 8, notes.join(" · "), { "class": "chart-note" });

    ticks.forEach(function (v) {  // value grid and labels
      var yy = y(v);
      S.el("line", { "class": "grid", x1: M.left, x2: W - M.right, y1: yy, y2: yy }, svg);
      S.text(svg, M.left - 6, yy + 4, v.toLocaleString("en"), { "class": "tick y", "text-anchor": "end" });
    });
    dateTicks(t0, t1).forEach(function (tick) {  // date labels at round calendar dates
      var xx = M.left + (tick[0] - t0) / (t1 - t0) * (W - M.left - M.right);
      S.el("line", { "class": "grid", x1: xx, x2: xx, y1: H - M.bottom, y2: H - M.bottom + 5 }, svg);
      S.text(svg, xx, H - M.bottom + 18, tick[1], { "class": "tick x", "text-anchor": "middle" });
    });
    S.el("line", { "class": "axis", x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom }, svg);
    S.el("line", { "class": "axis", x1: M.left, x2: M.left, y1: M.top, y2: H - M.bottom }, svg);

    legend.replaceChildren();
    series.forEach(function (s, k) {
      var colour = S.color(k);
      var pts = s.points.filter(shown).sort(function (a, b) { return day(a.date) - day(b.date); });
      // One line per subject and place counted, broken where half a year passes without a claim:
      // a toll from one war is not the next war's.
      var lines = {}, last = {};
      pts.forEach(function (p) {
        var who = (p.subject || "").toLowerCase() + "|" + (p.place || "");
        if (!(who in last) || day(p.date) - day(lines[last[who]].slice(-1)[0].date) > LINE_GAP) {
          last[who] = who + "|" + p.date;
          lines[last[who]] = [];
        }
        lines[last[who]].push(p);
      });
      Object.keys(lines).forEach(function (key) {
        if (lines[key].length < 2) return;
        S.el("polyline", { "class": "series-line", fill: "none", stroke: colour, "stroke-width": 2, "stroke-opacity": 0.6,
                           points: lines[key].map(function (p) { return x(p.date) + "," + y(p.value); }).join(" ") }, svg);
      });
      pts.forEach(function (p) {
        var a = S.el("a", { href: p.href, "class": "point" }, svg);
        var label = s.label + ": " + p.value.toLocaleString("en") + " " + (p.subject || s.category) +
                    (p.place ? " in " + p.place : "") + " (" + s.category + ", " + p.approx.replace("_", " ") + "), " +
                    p.date + (p.claims > 1 ? ", " + p.claims + " claims" : "") + " — " + p.text;
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
