// Sort and filter of the overview matrix. Plain JavaScript, no network: works from disk.
(function () {
  "use strict";
  var table = document.getElementById("matrix");
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var filters = document.querySelectorAll("[data-filter]");
  var counter = document.querySelector(".shown-count");
  var thaiDigits = document.body.classList.contains("thai-digits");

  function digits(number) {
    var text = String(number);
    return thaiDigits ? text.replace(/[0-9]/g, function (d) { return "๐๑๒๓๔๕๖๗๘๙".charAt(+d); }) : text;
  }

  function cellValue(row, index, numeric) {
    var cell = row.cells[index];
    if (numeric) return parseFloat(cell.getAttribute("data-value")) || 0;
    return cell.textContent.trim();
  }

  function sortBy(header) {
    var index = header.cellIndex;
    var numeric = header.getAttribute("data-sort") === "num";
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    rows.sort(function (a, b) {
      var x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
      var order = numeric ? x - y : String(x).localeCompare(String(y), "th");
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  function applyFilters() {
    var wanted = {};
    Array.prototype.forEach.call(filters, function (el) { wanted[el.getAttribute("data-filter")] = el.value.trim(); });
    var shown = 0;
    rows.forEach(function (row) {
      var ok = (!wanted.province || row.getAttribute("data-province") === wanted.province) &&
               (!wanted.district || row.getAttribute("data-district") === wanted.district) &&
               (!wanted.type || row.getAttribute("data-type") === wanted.type) &&
               (!wanted.failing || (" " + row.getAttribute("data-failing")).indexOf(" " + wanted.failing + " ") >= 0) &&
               (!wanted.text || row.cells[0].textContent.indexOf(wanted.text) >= 0);
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    if (counter) counter.textContent = "แสดง " + digits(shown) + " จาก " + digits(rows.length) + " แห่ง";
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    if (th.hasAttribute("data-sort")) th.addEventListener("click", function () { sortBy(th); });
  });
  Array.prototype.forEach.call(filters, function (el) { el.addEventListener("input", applyFilters); el.addEventListener("change", applyFilters); });
  applyFilters();
})();
