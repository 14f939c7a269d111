// Network page: people who met or are quoted together, as a clickable SVG graph.
// A small deterministic force layout (no library): same data, same picture.
(function () {
  "use strict";
  var box = document.getElementById("network-chart");
  if (!box) return;
  var S = window.cliptraceSvg;
  var W = 900, H = 600;

  function layout(nodes, edges) {
    var n = nodes.length, index = {};
    nodes.forEach(function (d, i) {
      index[d.id] = i;
      var angle = 2 * Math.PI * i / Math.max(n, 1);  // start on a circle: deterministic
      d.x = W / 2 + Math.cos(angle) * W / 3;
      d.y = H / 2 + Math.sin(angle) * H / 3;
    });
    var links = edges.map(function (e) { return [index[e.source], index[e.target]]; })
                     .filter(function (l) { return l[0] !== undefined && l[1] !== undefined; });
    var k = Math.sqrt(W * H / Math.max(n, 1)) * 0.6;
    for (var it = 0; it < 300; it++) {
      var temp = 20 * (1 - it / 300) + 0.5;
      var dx = new Float64Array(n), dy = new Float64Array(n);
      for (var i = 0; i < n; i++) for (var j = i + 1; j < n; j++) {
        var ddx = nodes[i].x - nodes[j].x, ddy = nodes[i].y - nodes[j].y;
        var dist = Math.max(Math.sqrt(ddx * ddx + ddy * ddy), 0.01), f = k * k / dist;
        // Fruchterman-Reingold's grid variant: only near nodes repel, so the big cluster does not
        // push small groups against the edges, and gravity can gather them beside it.
        if (dist > 3 * k) continue;
        dx[i] += ddx / dist * f; dy[i] += ddy / dist * f; dx[j] -= ddx / dist * f; dy[j] -= ddy / dist * f;
      }
      links.forEach(function (l) {
        var a = nodes[l[0]], b = nodes[l[1]], ddx = a.x - b.x, ddy = a.y - b.y;
        var dist = Math.max(Math.sqrt(ddx * ddx + ddy * ddy), 0.01), f = dist * dist / k;
        dx[l[0]] -= ddx / dist * f; dy[l[0]] -= ddy / dist * f; dx[l[1]] += ddx / dist * f; dy[l[1]] += ddy / dist * f;
      });
      for (var m = 0; m < n; m++) {
        // gravity: unconnected groups stay near the middle instead of piling up on the edges
        dx[m] += (W / 2 - nodes[m].x) * 0.1; dy[m] += (H / 2 - nodes[m].y) * 0.1;
        var len = Math.max(Math.sqrt(dx[m] * dx[m] + dy[m] * dy[m]), 0.01);
        nodes[m].x = Math.min(W - 170, Math.max(20, nodes[m].x + dx[m] / len * Math.min(len, temp)));
        nodes[m].y = Math.min(H - 20, Math.max(20, nodes[m].y + dy[m] / len * Math.min(len, temp)));
      }
    }
    return links;
  }

  function draw(data) {
    var svg = S.el("svg", { "class": "chart", viewBox: "0 0 " + W + " " + H, role: "group",
                            "aria-label": "Network of " + data.nodes.length + " people" });
    if (!data.nodes.length) {
      S.text(svg, W / 2, H / 2, "Nobody met or was quoted with anybody yet.", { "text-anchor": "middle" });
      box.replaceChildren(svg);
      return;
    }
    var links = layout(data.nodes, data.edges);
    var maxWeight = Math.max.apply(null, data.edges.map(function (e) { return e.weight; }).concat([1]));
    links.forEach(function (l, i) {
      var a = data.nodes[l[0]], b = data.nodes[l[1]], e = data.edges[i];
      var line = S.el("line", { "class": "edge" + (e.met ? " met" : ""), x1: a.x, y1: a.y, x2: b.x, y2: b.y,
                                "stroke-width": 1 + 4 * e.weight / maxWeight }, svg);
      S.el("title", {}, line).textContent = a.name + " — " + b.name + ": " + e.weight +
        " article(s)" + (e.met ? ", met" : "");
    });
    var maxDegree = Math.max.apply(null, data.nodes.map(function (d) { return d.degree; }).concat([1]));
    data.nodes.forEach(function (d) {
      var a = S.el("a", { href: "/people/" + encodeURIComponent(d.id), "class": "node" }, svg);
      a.setAttribute("aria-label", d.name + " (" + d.degree + " connections)");
      S.el("title", {}, a).textContent = d.name;
      S.el("circle", { cx: d.x, cy: d.y, r: 5 + 9 * d.degree / maxDegree, fill: S.color(d.group || 0),
                       stroke: "#fff", "stroke-width": 1.5 }, a);
      S.text(a, d.x + 8 + 9 * d.degree / maxDegree, d.y + 4, d.name, { "class": "node-label" });
    });
    box.replaceChildren(svg);
  }

  fetch("/api/network" + location.search, { headers: { Accept: "application/json" } })
    .then(function (r) { return r.json(); })
    .then(draw)
    .catch(function () { box.textContent = "The graph could not be loaded."; });
})();
