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
    var labels = data.nodes.map(function (d) {
      var a = S.el("a", { href: "/people/" + encodeURIComponent(d.id), "class": "node " + (d.type || "person") }, svg);
      a.setAttribute("aria-label", d.name + " (" + (d.type || "person") + ", " + d.degree + " connections)");
      S.el("title", {}, a).textContent = d.name;
      d.r = 5 + 9 * d.degree / maxDegree;
      var style = { fill: S.color(d.group || 0), stroke: "#fff", "stroke-width": 1.5 };
      if ((d.type || "person") === "person") {
        S.el("circle", Object.assign({ cx: d.x, cy: d.y, r: d.r }, style), a);
      } else {  // organisations, places and others: squares, so they are not read as people
        S.el("rect", Object.assign({ x: d.x - d.r, y: d.y - d.r, width: 2 * d.r, height: 2 * d.r }, style), a);
      }
      return S.text(a, d.x, d.y, d.name, { "class": "node-label" });
    });
    box.replaceChildren(svg);  // in the document now: label widths can be measured
    placeLabels(data.nodes, labels);
  }

  // Labels that do not collide: the best-connected people first, each label tried right, left,
  // above and below its node, kept in the first place that overlaps no label and no other node;
  // a label with no free place is hidden and shows when its node is hovered or focused.
  function placeLabels(nodes, labels) {
    var taken = [], GAP = 3;
    var discs = nodes.map(function (d) { return { x0: d.x - d.r, y0: d.y - d.r, x1: d.x + d.r, y1: d.y + d.r }; });
    function overlaps(a, b) { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1; }
    function boxAt(label, spot) {  // the label's real box there (font ascent and descent included)
      label.setAttribute("x", spot[0]);
      label.setAttribute("y", spot[1]);
      label.setAttribute("text-anchor", spot[2]);
      var b = label.getBBox();
      return { x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height };
    }
    nodes.forEach(function (d, i) {
      var r = d.r + GAP;
      var spots = [[d.x + r, d.y + 4, "start"], [d.x - r, d.y + 4, "end"],  // [x, baseline y, anchor]
                   [d.x, d.y - r - 2, "middle"], [d.x, d.y + r + 10, "middle"]];
      var box = null;
      var free = spots.find(function (s) {
        box = boxAt(labels[i], s);
        return box.x0 >= 0 && box.x1 <= W && box.y0 >= 0 && box.y1 <= H &&
          !taken.some(function (t) { return overlaps(box, t); }) &&
          !discs.some(function (c, j) { return j !== i && overlaps(box, c); });
      });
      if (free) taken.push(box); else { boxAt(labels[i], spots[0]); labels[i].classList.add("crowded"); }
    });
  }

  fetch("/api/network" + location.search, { headers: { Accept: "application/json" } })
    .then(function (r) { return r.json(); })
    .then(draw)
    .catch(function () { box.textContent = "The graph could not be loaded."; });
})();
