/* mandiff chain page: a cell opens its step's redline, a unit its story, in place; two filters.
   Everything it opens is already in the page (hidden); no network, no storage. */
(function () {
  "use strict";
  var body = document.body;
  var matrix = document.getElementById("matrix");
  var toolbar = document.getElementById("chain-toolbar");
  if (!matrix || !toolbar) { return; }
  toolbar.hidden = false;

  var lineages = matrix.tBodies;
  var cWps = document.getElementById("c-wps");
  var cChg = document.getElementById("c-chg");
  var empty = document.getElementById("empty");
  var count = document.getElementById("c-count");
  var allStories = document.getElementById("c-stories");

  function shown(el) { return el.getClientRects().length > 0; }

  function applyFilters() {
    body.classList.toggle("f-cwps", !!(cWps && cWps.checked));
    body.classList.toggle("f-cchg", cChg.checked);
    var n = Array.prototype.filter.call(lineages, shown).length;
    count.textContent = n + (n === 1 ? " lineage" : " lineages");
    empty.hidden = n > 0;
  }
  if (cWps) { cWps.addEventListener("change", applyFilters); }
  cChg.addEventListener("change", applyFilters);

  /* The row under a lineage shows while anything in it is open. */
  function tidy(lineage) {
    var more = lineage.querySelector("tr.more");
    var open = !!lineage.querySelector('button[aria-expanded="true"]');
    more.hidden = !open;
    lineage.classList.toggle("open", open);
  }

  /* A step that kept the words of the step before is sent without them: copy them from that step's
     panel, its new side only (what was struck out there is not in this text). */
  function fillIn(panel) {
    var txt = panel && panel.querySelector(".txt[data-same-as]");
    if (!txt || txt.childNodes.length) { return; }
    var source = document.getElementById(txt.getAttribute("data-same-as"));
    var from = source && source.querySelector(".txt");
    if (!from) { return; }
    var copy = from.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll("del, .bo, .gap"), function (e) { e.remove(); });
    Array.prototype.forEach.call(copy.querySelectorAll("ins"), function (e) { e.replaceWith.apply(e, e.childNodes); });
    while (copy.firstChild) { txt.appendChild(copy.firstChild); }
  }

  function setOpen(button, open) {
    var panel = document.getElementById(button.getAttribute("aria-controls"));
    button.setAttribute("aria-expanded", String(open));
    if (panel) {
      if (open) { fillIn(panel); }
      panel.hidden = !open;
    }
  }

  /* A cell: its step opens, and the step open before in the same row closes (one redline a row). */
  function toggle(button) {
    var lineage = button.closest("tbody");
    var open = button.getAttribute("aria-expanded") !== "true";
    if (open && button.classList.contains("cb")) {
      Array.prototype.forEach.call(lineage.querySelectorAll('button.cb[aria-expanded="true"]'), function (b) {
        setOpen(b, false);
      });
    }
    setOpen(button, open);
    tidy(lineage);
  }

  matrix.addEventListener("click", function (e) {
    var button = e.target.closest("button[aria-controls]");
    if (button && matrix.contains(button)) { toggle(button); }
  });

  /* Escape closes what is open in the row of the focused cell, and gives the cell its focus back. */
  matrix.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") { return; }
    var lineage = e.target.closest("tbody.lin");
    if (!lineage) { return; }
    var first = null;
    Array.prototype.forEach.call(lineage.querySelectorAll('button[aria-expanded="true"]'), function (b) {
      first = first || b;
      setOpen(b, false);
    });
    tidy(lineage);
    if (first) { first.focus(); }
  });

  allStories.addEventListener("click", function () {
    var open = allStories.getAttribute("aria-pressed") !== "true";
    allStories.setAttribute("aria-pressed", String(open));
    allStories.textContent = open ? "Close every story" : "Open every story";
    Array.prototype.forEach.call(lineages, function (lineage) {
      var b = lineage.querySelector("button.ub");
      if (b) { setOpen(b, open); tidy(lineage); }
    });
  });

  /* A link to a lineage (#l12) that the filters hide: lift them so the reader lands on it. */
  function reveal() {
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (err) { return; }
    var el = id ? document.getElementById(id) : null;
    var lineage = el ? el.closest("tbody.lin") : null;
    if (!lineage) { return; }
    if (!shown(lineage)) {
      if (cWps) { cWps.checked = false; }
      cChg.checked = false;
      applyFilters();
    }
    lineage.scrollIntoView({ block: "center" });
  }
  window.addEventListener("hashchange", reveal);
  applyFilters();
  if (location.hash) { reveal(); }
}());
