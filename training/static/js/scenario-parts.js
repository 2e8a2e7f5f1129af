/* Scenario part pages: "up"/"down" buttons move a row and renumber the order fields.
   Without JavaScript the order numbers do the same on save. */
(function () {
  "use strict";
  var form = document.querySelector(".sim-part-form");
  if (!form) { return; }
  var upLabel = form.getAttribute("data-up"), downLabel = form.getAttribute("data-down");

  function renumber(list) {
    list.querySelectorAll(".sim-row").forEach(function (row, index) {
      row.querySelector("input[name$='-position']").value = String(index + 1);
    });
  }
  function button(label, text, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "btn btn-outline-secondary btn-sm";
    b.textContent = text;
    b.setAttribute("aria-label", label);
    b.addEventListener("click", onClick);
    return b;
  }
  form.querySelectorAll("fieldset").forEach(function (list) {
    list.querySelectorAll(".sim-row").forEach(function (row) {
      var slot = row.querySelector(".sim-row-move");
      if (!slot) { return; }
      slot.appendChild(button(upLabel, "↑", function () {
        var previous = row.previousElementSibling;
        if (previous && previous.classList.contains("sim-row")) { list.insertBefore(row, previous); renumber(list); }
      }));
      slot.appendChild(button(downLabel, "↓", function () {
        var next = row.nextElementSibling;
        if (next && next.classList.contains("sim-row")) { list.insertBefore(next, row); renumber(list); }
      }));
    });
  });
})();
