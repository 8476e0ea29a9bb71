// Chips on every claim (summary, matrix, timeline, quotes, divergences) open the supporting articles
// side by side, the supporting sentences marked. The claim stays in the panel's head while the columns
// scroll, and the reader picks which columns to show.
"use strict";

var MAX_COLUMNS_WIDE = 3;
var lastChip = null;

function parseSupport(text) {
  return (text || "").split(" ").filter(Boolean).map(function (word) {
    var parts = word.split(":");
    return { article: parts[0], start: Number(parts[1]), end: Number(parts[2]) };
  });
}

function narrow() { return window.matchMedia("(max-width: 700px)").matches; }

function showColumn(panel, id, on) {
  var column = panel.querySelector('.column[data-article="' + id + '"]');
  if (column) { column.hidden = !on; }
}

// After the set of open columns changes (their widths, so their line breaks, change with it), bring
// each column's first marked sentence to a third of its height.
function centreMarks(panel) {
  panel.querySelectorAll(".column:not([hidden])").forEach(function (column) {
    var first = column.querySelector(".s.hl");
    column.scrollTop = first ? Math.max(0, first.offsetTop - column.clientHeight / 3) : 0;
  });
}

function openCompare(chip) {
  var item = chip.closest("[data-support]");
  var support = parseSupport(item.getAttribute("data-support"));
  var panel = document.getElementById("compare");
  var wanted = {};
  var order = [];
  support.forEach(function (s) {
    if (!wanted[s.article]) { wanted[s.article] = []; order.push(s.article); }
    wanted[s.article].push(s);
  });
  var clicked = chip.getAttribute("data-article");
  var shown = [clicked];
  var room = narrow() ? 1 : MAX_COLUMNS_WIDE;
  order.forEach(function (id) { if (shown.length < room && shown.indexOf(id) < 0) { shown.push(id); } });
  document.querySelectorAll(".chip.active").forEach(function (c) { c.classList.remove("active"); });
  chip.classList.add("active");
  lastChip = chip;
  panel.querySelectorAll(".s.hl").forEach(function (el) { el.classList.remove("hl"); });
  panel.querySelectorAll(".column").forEach(function (column) {
    var spans = wanted[column.getAttribute("data-article")] || [];
    column.querySelectorAll(".s").forEach(function (el) {
      var start = Number(el.getAttribute("data-start"));
      var end = Number(el.getAttribute("data-end"));
      if (spans.some(function (s) { return start < s.end && s.start < end; })) { el.classList.add("hl"); }
    });
  });
  panel.querySelectorAll(".picker label").forEach(function (label) {
    var id = label.getAttribute("data-article");
    label.classList.toggle("supports", Boolean(wanted[id]));
    label.querySelector("input").checked = shown.indexOf(id) >= 0;
  });
  var text = item.querySelector(".text");
  panel.querySelector(".compare-what").textContent = text ? text.textContent : "";
  panel.hidden = false;
  document.body.classList.add("comparing");
  panel.querySelectorAll(".column").forEach(function (column) {
    var id = column.getAttribute("data-article");
    showColumn(panel, id, shown.indexOf(id) >= 0);
  });
  centreMarks(panel);
  document.getElementById("compare-close").focus({ preventScroll: true });
}

function closeCompare() {
  var panel = document.getElementById("compare");
  if (!panel || panel.hidden) { return; }
  panel.hidden = true;
  document.body.classList.remove("comparing");
  if (lastChip) { lastChip.focus({ preventScroll: true }); }
}

document.addEventListener("click", function (event) {
  var chip = event.target.closest ? event.target.closest(".chip[data-article]") : null;
  if (chip) { event.preventDefault(); openCompare(chip); return; }
  if (event.target.id === "compare-close") { closeCompare(); }
});

document.addEventListener("change", function (event) {
  var box = event.target;
  if (!box.closest || !box.closest("#compare .picker")) { return; }
  var panel = document.getElementById("compare");
  showColumn(panel, box.value, box.checked);
  centreMarks(panel);
});

document.addEventListener("keydown", function (event) {
  if (event.key === "Escape") { closeCompare(); }
});

// The Add page: one row of outlet / URL / date fields per chosen file.
document.addEventListener("change", function (event) {
  if (event.target.id !== "files") { return; }
  var rows = document.getElementById("file-meta");
  if (!rows) { return; }
  var template = document.getElementById("file-meta-row");
  rows.textContent = "";
  Array.prototype.forEach.call(event.target.files, function (file) {
    var row = template.content.cloneNode(true);
    row.querySelector(".name").textContent = file.name;
    rows.appendChild(row);
  });
});

// "New since your last visit": claims this browser has not shown before on this story are marked.
// What was seen is remembered in this browser only (localStorage, short hashes), never on the server.
function shortHash(text) {
  var h = 0x811c9dc5;
  for (var i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16);
}

(function markNewSinceLastVisit() {
  var head = document.querySelector("h1[data-story]");
  if (!head) { return; }
  var key = "synoptic-seen:" + head.getAttribute("data-story");
  var claims = Array.prototype.slice.call(document.querySelectorAll(".claim > .text, .claim .text"));
  var hashes = claims.map(function (el) { return shortHash(el.textContent.trim()); });
  var before = null;
  try { before = JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { before = null; }
  if (Array.isArray(before)) {
    var seen = {};
    before.forEach(function (h) { seen[h] = true; });
    var fresh = 0;
    claims.forEach(function (el, i) {
      var claim = el.closest(".claim");
      if (!seen[hashes[i]] && claim && !claim.classList.contains("new")) {
        claim.classList.add("new");
        fresh += 1;
      }
    });
    var note = document.getElementById("new-since");
    if (note && fresh) {
      note.textContent = fresh + " new since your last visit (marked)";
      note.hidden = false;
    }
  }
  try { window.localStorage.setItem(key, JSON.stringify(hashes)); } catch (e) { /* storage off */ }
})();
