/* mandiff report: filters, redline / side-by-side view and keyboard navigation between changes; the
   filter of the check page (the chain page has its own chain.js).
   The page reads fully without this script; it only adds the controls. No network, no storage. */
(function () {
  "use strict";
  var body = document.body;

  function anyVisible(list) {
    return Array.prototype.some.call(list, function (el) { return el.getClientRects().length > 0; });
  }

  /* A row of a table of changes leads to its unit: the whole row, not only the link in it. */
  function rowsLeadToUnits() {
    Array.prototype.forEach.call(document.querySelectorAll("table.changes tbody tr[data-target]"), function (tr) {
      tr.addEventListener("click", function (e) {
        if (e.target.closest("a")) { return; }
        location.hash = "#" + tr.getAttribute("data-target");
      });
    });
  }

  /* The check page: "Problems only" hides the retained asks, in the table and in full. */
  var asks = document.getElementById("asks");
  var checkBar = document.getElementById("check-toolbar");
  if (asks && checkBar) {
    checkBar.hidden = false;
    var fProblems = document.getElementById("f-problems");
    var noProblem = document.getElementById("empty");
    var applyCheck = function () {
      body.classList.toggle("f-problems", fProblems.checked);
      noProblem.hidden = anyVisible(asks.querySelectorAll(".ask"));
    };
    fProblems.addEventListener("change", applyCheck);
    /* A link to an ask the filter hides: lift the filter so the reader lands on it. */
    var revealAsk = function () {
      var id;
      try { id = decodeURIComponent(location.hash.slice(1)); } catch (err) { return; }
      var ask = id ? document.getElementById(id) : null;
      if (!ask || !ask.classList.contains("ask")) { return; }
      if (!anyVisible([ask])) {
        fProblems.checked = false;
        applyCheck();
        ask.scrollIntoView({ block: "start" });
      }
      ask.focus({ preventScroll: true });
    };
    window.addEventListener("hashchange", revealAsk);
    rowsLeadToUnits();
    if (location.hash) { revealAsk(); }
    return;
  }

  var units = document.getElementById("units");
  var toolbar = document.getElementById("toolbar");
  if (!units || !toolbar) { return; }
  toolbar.hidden = false;

  var fWps = document.getElementById("f-wps");
  var fChg = document.getElementById("f-chg");
  var pos = document.getElementById("pos");
  var empty = document.getElementById("empty");
  var current = null;

  function visible(el) { return el.getClientRects().length > 0; }
  function changes() {
    return Array.prototype.filter.call(units.querySelectorAll(".unit.c"), visible);
  }

  function showPosition() {
    var list = changes();
    var i = current ? list.indexOf(current) : -1;
    pos.textContent = i >= 0 ? "Change " + (i + 1) + " of " + list.length
      : list.length + (list.length === 1 ? " change" : " changes");
    empty.hidden = anyVisible(units.querySelectorAll(".unit"));
  }

  /* A heading stays only while some unit under it is shown (walked backwards: a heading's scope ends
     at the next heading of its level or above). */
  function tidyHeadings() {
    var shown = [false, false, false, false];
    var items = units.children;
    for (var i = items.length - 1; i >= 0; i--) {
      var el = items[i];
      if (el.classList.contains("unit")) {
        if (visible(el)) { shown = [true, true, true, true]; }
      } else if (el.classList.contains("hd")) {
        var level = Number(el.getAttribute("data-level")) || 3;
        el.classList.toggle("hd-empty", !shown[level]);
        for (var l = level; l < shown.length; l++) { shown[l] = false; }
      }
    }
  }

  function applyFilters() {
    body.classList.toggle("f-wps", fWps.checked);
    body.classList.toggle("f-chg", fChg.checked);
    tidyHeadings();
    if (current && !visible(current)) { setCurrent(null); }
    showPosition();
  }
  fWps.addEventListener("change", applyFilters);
  fChg.addEventListener("change", applyFilters);

  /* Side by side: each column is the redline with the other side's words taken out. Built once. */
  var built = false;
  function buildPairs() {
    if (built) { return; }
    built = true;
    Array.prototype.forEach.call(units.querySelectorAll(".unit .txt"), function (txt) {
      var pair = document.createElement("div");
      pair.className = "pair";
      var oldSide = txt.cloneNode(true);
      var newSide = txt.cloneNode(true);
      oldSide.className = "po";
      newSide.className = "pn";
      Array.prototype.forEach.call(oldSide.querySelectorAll("ins, .bn, .gap"), function (e) { e.remove(); });
      Array.prototype.forEach.call(newSide.querySelectorAll("del, .bo, .gap"), function (e) { e.remove(); });
      pair.appendChild(oldSide);
      pair.appendChild(newSide);
      txt.parentNode.insertBefore(pair, txt.nextSibling);
    });
  }
  function setView(view) {
    if (view === "sbs") { buildPairs(); }
    body.classList.toggle("sbs", view === "sbs");
    Array.prototype.forEach.call(toolbar.querySelectorAll(".view-btn"), function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-view") === view));
    });
  }
  Array.prototype.forEach.call(toolbar.querySelectorAll(".view-btn"), function (b) {
    b.addEventListener("click", function () { setView(b.getAttribute("data-view")); });
  });

  /* Keyboard and buttons: next and previous change among the rows the filters show. */
  function setCurrent(el) {
    if (current) { current.classList.remove("current"); }
    current = el;
    if (el) {
      el.classList.add("current");
      el.focus({ preventScroll: true });
      el.scrollIntoView({ block: "center" });
    }
    showPosition();
  }
  function step(direction) {
    var list = changes();
    if (!list.length) { return; }
    var i = current ? list.indexOf(current) : -1;
    if (i < 0) {
      /* start from what the reader is looking at */
      var top = 0;
      i = direction > 0 ? -1 : list.length;
      for (var k = 0; k < list.length; k++) {
        if (list[k].getBoundingClientRect().top > top) { i = direction > 0 ? k - 1 : k; break; }
      }
    }
    var next = Math.min(list.length - 1, Math.max(0, i + direction));
    setCurrent(list[next]);
  }
  document.getElementById("next").addEventListener("click", function () { step(1); });
  document.getElementById("prev").addEventListener("click", function () { step(-1); });
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    var t = e.target;
    if (t && (t.isContentEditable || /^(TEXTAREA|SELECT)$/.test(t.tagName) ||
              (t.tagName === "INPUT" && t.type !== "checkbox"))) { return; }
    if (e.key === "j" || e.key === "n") { step(1); e.preventDefault(); }
    else if (e.key === "k" || e.key === "p") { step(-1); e.preventDefault(); }
  });

  /* A link to a row the filters hide: lift the filters so the reader lands on it. */
  function reveal() {
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (err) { return; }
    if (!id) { return; }
    var el = document.getElementById(id);
    if (!el) { return; }
    var row = el.classList.contains("unit") ? el : el.closest(".unit");
    if (row && !visible(row)) {
      fWps.checked = false;
      fChg.checked = false;
      applyFilters();
      el.scrollIntoView({ block: "start" });
    }
    if (row) { setCurrent(row.classList.contains("c") ? row : null); if (!row.classList.contains("c")) { row.focus({ preventScroll: true }); } }
  }
  window.addEventListener("hashchange", reveal);

  rowsLeadToUnits();

  showPosition();
  if (location.hash) { reveal(); }
}());
