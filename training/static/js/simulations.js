/* Press room: countdown from the server's remaining seconds, save-as-you-type, template scaffold. */
(function () {
  "use strict";
  var form = document.getElementById("sim-answer-form");
  if (!form) { return; }
  var clock = document.getElementById("sim-countdown");
  var overtime = document.getElementById("sim-overtime");
  var text = document.getElementById("sim-text");
  var saved = document.getElementById("sim-saved");
  var token = form.querySelector("input[name=csrf_token]").value;
  var remaining = parseInt(clock.getAttribute("data-remaining"), 10) || 0;
  var endsAt = Date.now() + remaining * 1000;

  function pad(n) { return n < 10 ? "0" + n : String(n); }
  function tick() {
    var left = Math.round((endsAt - Date.now()) / 1000);
    var shown = Math.max(0, left);
    clock.textContent = Math.floor(shown / 60) + ":" + pad(shown % 60);
    if (left <= 0) {
      clock.classList.add("text-danger");
      overtime.classList.remove("d-none");
      return;
    }
    if (left <= 10) { clock.classList.add("text-danger"); }
    window.setTimeout(tick, 250);
  }
  tick();

  var timer = null, lastSent = text.value, sending = false;
  function save() {
    timer = null;
    if (sending || text.value === lastSent) { return; }
    sending = true;
    var value = text.value;
    fetch(form.getAttribute("data-save-url"), {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": token, "Accept": "application/json"},
      body: JSON.stringify({prompt: form.getAttribute("data-prompt"), text: value})
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      lastSent = value;
      var now = new Date();
      saved.textContent = saved.getAttribute("data-saved-text") + " " + pad(now.getHours()) + ":" +
        pad(now.getMinutes()) + ":" + pad(now.getSeconds());
      saved.classList.remove("text-danger");
    }).catch(function () {
      saved.textContent = saved.getAttribute("data-error-text");
      saved.classList.add("text-danger");
    }).finally(function () {
      sending = false;
      if (text.value !== lastSent && timer === null) { timer = window.setTimeout(save, 800); }
    });
  }
  text.addEventListener("input", function () {
    if (timer !== null) { window.clearTimeout(timer); }
    timer = window.setTimeout(save, 800);
  });
  form.addEventListener("submit", function () {
    if (timer !== null) { window.clearTimeout(timer); }
  });
  var use = document.getElementById("sim-use-template");
  if (use) {
    use.addEventListener("click", function () {
      if (!text.value.trim()) { text.value = document.getElementById("sim-template").textContent; }
      text.focus();
      save();
    });
  }
}());
