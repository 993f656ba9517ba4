(function () {
  "use strict";
  // Filters by severity and category. Without JavaScript the form stays hidden and every finding shows.
  var form = document.getElementById("filters");
  if (!form) { return; }
  var order = ["critical", "major", "minor", "neutral"];
  var notes = Array.prototype.slice.call(document.querySelectorAll("li.note[data-finding]"));
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.f[data-findings]"));
  var count = document.getElementById("filter-count");

  function wanted(name) {
    var chosen = {};
    Array.prototype.forEach.call(form.querySelectorAll("input[name='" + name + "']"), function (box) {
      chosen[box.value] = box.checked;
    });
    return chosen;
  }

  function apply() {
    var severities = wanted("severity"), categories = wanted("category"), shown = {}, visible = 0;
    notes.forEach(function (note) {
      var show = severities[note.dataset.severity] !== false && categories[note.dataset.category] !== false;
      note.hidden = !show;
      if (show) { shown[note.dataset.finding] = note.dataset.severity; visible += 1; }
    });
    marks.forEach(function (mark) {
      var top = null;
      mark.dataset.findings.split(" ").forEach(function (id) {
        var severity = shown[id];
        if (severity && (top === null || order.indexOf(severity) < order.indexOf(top))) { top = severity; }
      });
      order.forEach(function (severity) { mark.classList.remove("sev-" + severity); });
      mark.classList.toggle("muted", top === null);
      if (top !== null) { mark.classList.add("sev-" + top); }
    });
    if (count) { count.textContent = visible + " of " + notes.length + " findings shown"; }
  }

  form.addEventListener("change", apply);
  form.hidden = false;
  apply();
}());
