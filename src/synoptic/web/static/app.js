// Citation chips: open the supporting articles side by side, the supporting sentence marked in each.
"use strict";

function parseSupport(text) {
  return (text || "").split(" ").filter(Boolean).map(function (word) {
    var parts = word.split(":");
    return { article: parts[0], start: Number(parts[1]), end: Number(parts[2]) };
  });
}

function openCompare(chip) {
  var item = chip.closest("[data-support]");
  var support = parseSupport(item.getAttribute("data-support"));
  var panel = document.getElementById("compare");
  var wanted = {};
  support.forEach(function (s) { (wanted[s.article] = wanted[s.article] || []).push(s); });
  document.querySelectorAll(".chip.active").forEach(function (c) { c.classList.remove("active"); });
  chip.classList.add("active");
  panel.querySelectorAll(".s.hl").forEach(function (el) { el.classList.remove("hl"); });
  var clicked = chip.getAttribute("data-article");
  var target = null;
  panel.querySelectorAll(".column").forEach(function (column) {
    var id = column.getAttribute("data-article");
    var spans = wanted[id];
    column.hidden = !spans;
    if (!spans) { return; }
    var first = null;
    column.querySelectorAll(".s").forEach(function (el) {
      var start = Number(el.getAttribute("data-start"));
      var end = Number(el.getAttribute("data-end"));
      var hit = spans.some(function (s) { return start < s.end && s.start < end; });
      if (hit) { el.classList.add("hl"); first = first || el; }
    });
    if (first) { first.scrollIntoView({ block: "center" }); }
    if (id === clicked) { target = column; }
  });
  var what = panel.querySelector(".compare-what");
  var text = item.querySelector(".text");
  what.textContent = text ? text.textContent : "";
  panel.hidden = false;
  (target || panel).scrollIntoView({ block: "start" });
}

document.addEventListener("click", function (event) {
  var chip = event.target.closest ? event.target.closest(".chip[data-article]") : null;
  if (chip) { event.preventDefault(); openCompare(chip); return; }
  if (event.target.id === "compare-close") { document.getElementById("compare").hidden = true; }
});
