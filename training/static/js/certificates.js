/* Certificates: copy a share link; drive a bulk-issue job chunk by chunk. Pages work without it. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) { return; }
    var input = document.querySelector(button.getAttribute("data-copy"));
    input.select();
    var done = function () { button.textContent = button.getAttribute("data-copied"); };
    if (navigator.clipboard) { navigator.clipboard.writeText(input.value).then(done, function () {}); }
  });

  var job = document.querySelector(".bulk-job");
  if (!job || job.getAttribute("data-finished") === "true") { return; }
  var token = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
  var form = job.querySelector(".job-continue");
  if (form) { form.hidden = true; }
  function show(state) {
    var percent = state.total ? Math.round(100 * state.done / state.total) : 100;
    var bar = job.querySelector(".progress-bar");
    bar.className = "progress-bar pct-" + percent;
    job.querySelector(".progress").setAttribute("aria-valuenow", percent);
    job.querySelector(".progress-value").textContent = percent + "%";
    job.querySelector(".job-done").textContent = state.done;
    job.querySelector(".job-issued").textContent = state.issued;
    job.querySelector(".job-skipped").textContent = state.skipped;
  }
  function step() {
    fetch(job.getAttribute("data-step-url"), {method: "POST", credentials: "same-origin",
      headers: {"X-CSRFToken": token, "Accept": "application/json"}})
      .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
      .then(function (state) {
        show(state);
        if (state.finished) { window.location.reload(); } else { window.setTimeout(step, 150); }
      })
      .catch(function () { if (form) { form.hidden = false; } });
  }
  step();
})();
