/* Press room: countdown from the server's remaining seconds, save-as-you-type, template scaffold. */
(function () {
  /* Timed preparation: count down the server's remaining seconds, then reload: the server ends it. */
  "use strict";
  var prep = document.getElementById("sim-prep");
  if (!prep) { return; }
  var clock = document.getElementById("sim-prep-countdown");
  var endsAt = Date.now() + (parseInt(prep.getAttribute("data-remaining"), 10) || 0) * 1000;
  function pad(n) { return n < 10 ? "0" + n : String(n); }
  function tick() {
    var left = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
    clock.textContent = Math.floor(left / 60) + ":" + pad(left % 60);
    if (left <= 0) { window.location.assign(prep.getAttribute("data-reload-url")); return; }
    window.setTimeout(tick, 250);
  }
  tick();
})();
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

/* Spoken answers: MediaRecorder in the browser, stopped at the length limit, uploaded when stopped. */
(function () {
  "use strict";
  var box = document.getElementById("sim-recorder");
  if (!box || !window.MediaRecorder || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { return; }
  var form = document.getElementById("sim-answer-form");
  var token = form.querySelector("input[name=csrf_token]").value;
  var start = document.getElementById("sim-record");
  var stop = document.getElementById("sim-stop");
  var status = document.getElementById("sim-record-status");
  var player = document.getElementById("sim-audio");
  var maxSeconds = parseInt(box.getAttribute("data-max-seconds"), 10) || 300;
  var recorder = null, chunks = [], startedAt = 0, ticker = null, limit = null;
  box.classList.remove("d-none");

  function text(name, seconds) { return box.getAttribute(name).replace("%(s)s", String(seconds)); }
  function elapsed() { return Math.max(1, Math.round((Date.now() - startedAt) / 1000)); }

  function upload(blob, seconds) {
    var data = new FormData();
    data.append("prompt", form.getAttribute("data-prompt"));
    data.append("seconds", String(seconds));
    data.append("audio", blob, "answer.webm");
    status.textContent = box.getAttribute("data-uploading-text");
    fetch(box.getAttribute("data-url"), {method: "POST", credentials: "same-origin", body: data,
      headers: {"X-CSRFToken": token, "Accept": "application/json"}})
      .then(function (response) {
        return response.json().then(function (body) { return {ok: response.ok, body: body}; });
      })
      .then(function (result) {
        if (!result.ok) { throw new Error(result.body.error || ""); }
        status.textContent = text("data-saved-text", result.body.seconds);
        player.src = result.body.url + "?t=" + Date.now();
        player.classList.remove("d-none");
      })
      .catch(function (error) {
        status.textContent = error.message || box.getAttribute("data-error-text");
      });
  }

  function finish() {
    if (!recorder || recorder.state === "inactive") { return; }
    recorder.stop();
  }

  start.addEventListener("click", function () {
    navigator.mediaDevices.getUserMedia({audio: true}).then(function (stream) {
      chunks = [];
      recorder = new MediaRecorder(stream);
      recorder.addEventListener("dataavailable", function (event) { if (event.data.size) { chunks.push(event.data); } });
      recorder.addEventListener("stop", function () {
        var seconds = Math.min(elapsed(), maxSeconds);
        window.clearInterval(ticker);
        window.clearTimeout(limit);
        stream.getTracks().forEach(function (track) { track.stop(); });
        start.classList.remove("d-none");
        stop.classList.add("d-none");
        upload(new Blob(chunks, {type: recorder.mimeType || "audio/webm"}), seconds);
      });
      recorder.start(1000);
      startedAt = Date.now();
      start.classList.add("d-none");
      stop.classList.remove("d-none");
      status.textContent = text("data-recording-text", 0);
      ticker = window.setInterval(function () { status.textContent = text("data-recording-text", elapsed()); }, 500);
      limit = window.setTimeout(finish, maxSeconds * 1000);
    }).catch(function () {
      status.textContent = box.getAttribute("data-denied-text");
    });
  });
  stop.addEventListener("click", finish);
}());
