/* mandiff serve: drag and drop onto the file fields, a size check before sending, and a progress note
   while the server works. The forms work without this script; it only helps. No network, no storage. */
(function () {
  "use strict";

  function names(input) {
    return Array.prototype.map.call(input.files, function (f) { return f.name; }).join(", ");
  }

  function showChosen(input) {
    var zone = input.closest(".drop");
    var out = zone && zone.querySelector(".chosen");
    if (out) { out.textContent = input.files.length ? names(input) : ""; }
  }

  /* A file dropped anywhere else must not replace the page with the file itself. */
  ["dragover", "drop"].forEach(function (type) {
    window.addEventListener(type, function (e) {
      if (!e.target.closest || !e.target.closest(".drop")) { e.preventDefault(); }
    });
  });

  Array.prototype.forEach.call(document.querySelectorAll(".drop"), function (zone) {
    var input = zone.querySelector("input[type=file]");
    if (!input) { return; }
    input.addEventListener("change", function () { showChosen(input); });
    zone.addEventListener("dragover", function (e) { e.preventDefault(); zone.classList.add("over"); });
    zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
    zone.addEventListener("drop", function (e) {
      e.preventDefault();
      zone.classList.remove("over");
      var files = e.dataTransfer && e.dataTransfer.files;
      if (!files || !files.length) { return; }
      var list = new DataTransfer();
      for (var i = 0; i < files.length && (input.multiple || i < 1); i++) { list.items.add(files[i]); }
      input.files = list.files;
      showChosen(input);
    });
  });

  function tooLarge(form) {
    var max = Number(form.getAttribute("data-max-bytes"));
    var whole = Number(form.getAttribute("data-max-request"));
    var total = 0;
    var inputs = form.querySelectorAll("input[type=file]");
    for (var i = 0; i < inputs.length; i++) {
      for (var j = 0; j < inputs[i].files.length; j++) {
        var f = inputs[i].files[j];
        total += f.size;
        if (max && f.size > max) { return f.name + " is " + f.size.toLocaleString("en") + " bytes, over the limit of " + max.toLocaleString("en") + " for one file."; }
      }
    }
    if (whole && total > whole) { return "These files add up to " + total.toLocaleString("en") + " bytes, over the " + whole.toLocaleString("en") + " this server takes at once."; }
    return "";
  }

  Array.prototype.forEach.call(document.querySelectorAll("form.job"), function (form) {
    var button = form.querySelector("button.go");
    var progress = form.querySelector(".progress");
    var elapsed = form.querySelector(".elapsed");
    var problem = form.querySelector(".client-error");
    var timers = [];
    form.addEventListener("submit", function (e) {
      var why = tooLarge(form);
      if (why && problem) {
        e.preventDefault();
        problem.textContent = why;
        problem.hidden = false;
        return;
      }
      if (problem) { problem.hidden = true; }
      if (button) { button.disabled = true; }
      var started = Date.now();
      timers.push(setTimeout(function () { if (progress) { progress.hidden = false; } }, 1000));
      timers.push(setInterval(function () {
        if (elapsed) { elapsed.textContent = Math.round((Date.now() - started) / 1000) + " s"; }
      }, 1000));
    });
    /* Back to a page kept by the browser: the form is ready again. */
    window.addEventListener("pageshow", function () {
      timers.forEach(function (t) { clearTimeout(t); clearInterval(t); });
      timers = [];
      if (button) { button.disabled = false; }
      if (progress) { progress.hidden = true; }
    });
  });
})();
