// Report interactions, plain JavaScript with no dependencies: filters on the tables of a section and
// the evidence sentences behind a number. Corpus text is only ever set with textContent.
(function () {
  "use strict";

  var blob = document.getElementById("evidence-data");
  var sentences = (blob ? JSON.parse(blob.textContent) : {}).sentences || {};

  function rowMatches(row, active) {
    return Object.keys(active).every(function (name) {
      var value = row.getAttribute("data-" + name);
      // a table without this column is not filtered by it
      return value === null || value.split("|").indexOf(active[name]) !== -1;
    });
  }

  function applyFilters(form) {
    var scope = document.getElementById(form.getAttribute("data-scope"));
    var active = {};
    form.querySelectorAll("select[data-filter]").forEach(function (select) {
      if (select.value) { active[select.getAttribute("data-filter")] = select.value; }
    });
    scope.querySelectorAll(".table-wrap").forEach(function (wrap) {
      var rows = wrap.querySelectorAll("tbody tr.row");
      var shown = 0;
      rows.forEach(function (row) {
        var ok = rowMatches(row, active);
        row.hidden = !ok;
        var next = row.nextElementSibling;
        if (!ok && next && next.classList.contains("ev-row")) { next.hidden = true; }
        if (ok) { shown += 1; }
      });
      var count = wrap.querySelector(".count");
      if (count) { count.textContent = shown + " of " + rows.length + " rows"; }
    });
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  // keyword in context: the sentence as text nodes, its keywords wrapped in <mark>
  function appendHighlighted(parent, text, keywords) {
    var terms = keywords.filter(function (k) { return k && k.length > 1; })
      .map(function (k) { return escapeRegExp(k.replace(/_/g, " ")); });
    if (!terms.length) { parent.appendChild(document.createTextNode(text)); return; }
    var pattern = new RegExp("\\b(" + terms.join("|") + ")", "gi");
    var last = 0, match;
    while ((match = pattern.exec(text)) !== null) {
      if (match[0].length === 0) { pattern.lastIndex += 1; continue; }
      parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      var mark = document.createElement("mark");
      mark.textContent = match[0];
      parent.appendChild(mark);
      last = match.index + match[0].length;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function sentenceItem(id, keywords) {
    var item = document.createElement("li");
    var sentence = sentences[id];
    var meta = document.createElement("div");
    meta.className = "ev-meta";
    if (!sentence) {
      meta.textContent = id + ": sentence text not available";
      item.appendChild(meta);
      return item;
    }
    meta.textContent = [sentence.doc, sentence.year, sentence.who, sentence.country, sentence.group]
      .filter(function (v) { return v !== null && v !== undefined && v !== ""; }).join(" · ") + " · " + id;
    var text = document.createElement("div");
    text.className = "ev-text";
    appendHighlighted(text, sentence.text || "", keywords.concat(sentence.cues || []));
    item.appendChild(text);
    item.appendChild(meta);
    return item;
  }

  function toggleEvidence(row) {
    var next = row.nextElementSibling;
    if (next && next.classList.contains("ev-row")) { next.hidden = !next.hidden; return; }
    var ids = JSON.parse(row.getAttribute("data-ev") || "[]");
    var keywords = JSON.parse(row.getAttribute("data-kw") || "[]");
    var evidenceRow = document.createElement("tr");
    evidenceRow.className = "ev-row";
    var cell = document.createElement("td");
    cell.colSpan = row.children.length;
    var list = document.createElement("ul");
    list.className = "evidence";
    ids.forEach(function (id) { list.appendChild(sentenceItem(id, keywords)); });
    cell.appendChild(list);
    evidenceRow.appendChild(cell);
    row.parentNode.insertBefore(evidenceRow, row.nextSibling);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.ev");
    if (button) { toggleEvidence(button.closest("tr")); }
  });

  document.querySelectorAll("form.filters").forEach(function (form) {
    form.addEventListener("change", function () { applyFilters(form); });
    form.addEventListener("reset", function () { setTimeout(function () { applyFilters(form); }, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
  });
})();
