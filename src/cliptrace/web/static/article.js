// Article page: clicking (or pressing Enter on) a highlighted item shows its details in the panel.
(function () {
  "use strict";
  var text = document.querySelector(".article-text");
  var panel = document.getElementById("details-body");
  if (!text || !panel) return;
  var selected = [];

  function show(ann) {
    var detail = document.getElementById("detail-" + ann);
    if (!detail) return;
    panel.replaceChildren(detail.content.cloneNode(true));
    selected.forEach(function (el) { el.classList.remove("selected"); });
    selected = Array.prototype.slice.call(text.querySelectorAll('[data-ann="' + CSS.escape(ann) + '"]'));
    selected.forEach(function (el) { el.classList.add("selected"); });
  }

  function annOf(target) {
    var el = target.closest && target.closest("[data-ann]");
    return el && text.contains(el) ? el.getAttribute("data-ann") : null;
  }

  text.addEventListener("click", function (ev) {
    var ann = annOf(ev.target);
    if (ann) show(ann);
  });
  text.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter" && ev.key !== " ") return;
    var ann = annOf(ev.target);
    if (ann) { ev.preventDefault(); show(ann); }
  });
  if (location.hash.length > 1) show(decodeURIComponent(location.hash.slice(1)));
})();
