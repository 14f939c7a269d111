// Small helpers shared by the charts: SVG elements and a colour palette.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var PALETTE = ["#0b5cad", "#d1495b", "#2a9d8f", "#e9a03b", "#7a3e9d", "#4f772d", "#c05299",
                 "#3d405b", "#f07167", "#00798c", "#8d6a9f", "#6c757d"];
  function el(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(node);
    return node;
  }
  function text(parent, x, y, content, attrs) {
    var t = el("text", Object.assign({ x: x, y: y }, attrs || {}), parent);
    t.textContent = content;  // textContent, never innerHTML: names come from articles
    return t;
  }
  function color(i) { return PALETTE[i % PALETTE.length]; }
  function swatch(li, fill) {
    var s = el("svg", { "class": "swatch", viewBox: "0 0 10 10", "aria-hidden": "true" });
    el("rect", { width: 10, height: 10, fill: fill }, s);
    li.appendChild(s);
  }
  window.cliptraceSvg = { el: el, text: text, color: color, swatch: swatch };
})();
