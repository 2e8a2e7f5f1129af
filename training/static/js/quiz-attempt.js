/* Quiz attempt: autosave every answer, keep a copy in this browser, re-send after a reconnect or reload,
   count down the server's time. The page works without it (a plain form, page by page). */
(function () {
  "use strict";
  var root = document.querySelector(".quiz-attempt");
  if (!root) { return; }
  var form = root.querySelector(".quiz-form");
  var token = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
  var key = "quiz-attempt-" + root.getAttribute("data-attempt");
  var status = root.querySelector(".quiz-save-status");
  var store = {};
  try { store = JSON.parse(window.localStorage.getItem(key) || "{}"); } catch (e) { store = {}; }
  var timers = {};
  var sending = {};
  var finished = false;

  function persist() {
    try { window.localStorage.setItem(key, JSON.stringify(store)); } catch (e) { /* storage full: the server copy remains */ }
  }
  function section(position) { return root.querySelector('.quiz-question[data-position="' + position + '"]'); }
  function serverSeq(position) { return parseInt(section(position).getAttribute("data-seq"), 10) || 0; }
  function fieldsOf(position) {
    var fields = {};
    section(position).querySelectorAll("input, select, textarea").forEach(function (control) {
      var name = control.name;
      if (!name || (name !== "q" + position && name.indexOf("q" + position + "-") !== 0)) { return; }
      if (!fields[name]) { fields[name] = []; }
      if ((control.type === "radio" || control.type === "checkbox") && !control.checked) { return; }
      fields[name].push(control.value);
    });
    return fields;
  }
  function restore(position, fields) {
    section(position).querySelectorAll("input, select, textarea").forEach(function (control) {
      if (!(control.name in fields)) { return; }
      var values = fields[control.name];
      if (control.type === "radio" || control.type === "checkbox") { control.checked = values.indexOf(control.value) >= 0; }
      else { control.value = values.length ? values[0] : ""; }
    });
  }
  function show(text, kind) {
    status.textContent = text;
    status.className = "quiz-save-status small " + (kind === "error" ? "text-danger" : kind === "offline" ? "text-warning-emphasis" : "text-success");
  }
  function clock(iso) {
    var date = iso ? new Date(iso) : new Date();
    return date.toLocaleTimeString("vi-VN", {hour12: false, timeZone: "Asia/Ho_Chi_Minh", hour: "2-digit", minute: "2-digit", second: "2-digit"});
  }
  function pending() {
    return Object.keys(store).filter(function (position) { return store[position] && !store[position].acked && !store[position].rejected; });
  }
  function send(position) {
    var entry = store[position];
    if (!entry || entry.acked || entry.rejected || sending[position]) { return Promise.resolve(); }
    sending[position] = true;
    show(root.getAttribute("data-saving-label"), "ok");
    var sent = entry.seq;
    return fetch(root.getAttribute("data-answer-url"), {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": token},
      body: JSON.stringify({position: parseInt(position, 10), seq: sent, fields: entry.fields})
    }).then(function (response) {
      return response.json().then(function (body) { return {status: response.status, body: body}; });
    }).then(function (result) {
      sending[position] = false;
      var message = section(position) && section(position).querySelector(".quiz-question-status");
      if (result.status === 200) {
        if (store[position] && store[position].seq <= result.body.seq) { store[position].acked = true; }
        if (section(position)) { section(position).setAttribute("data-seq", Math.max(serverSeq(position), result.body.seq)); }
        if (message) { message.textContent = ""; }
        persist();
        show(root.getAttribute("data-saved-label").replace("HH:MM:SS", clock(result.body.saved_at)), "ok");
        if (store[position] && !store[position].acked) { schedule(position, 0); }
      } else if (result.status === 409 && result.body.locked) {
        // The question was checked (practice mode) in another tab: its answer is locked, the attempt goes on.
        if (store[position]) { store[position].rejected = true; }
        persist();
        if (message) { message.textContent = result.body.error.message; }
      } else if (result.status === 409) {
        finished = true;
        window.localStorage.removeItem(key);
        window.location.assign(result.body.review_url || root.getAttribute("data-review-url"));
      } else if (result.status === 400) {
        if (store[position]) { store[position].rejected = true; }
        persist();
        if (message) { message.textContent = result.body.error.message; }
        show(root.getAttribute("data-error-label") + " " + result.body.error.message, "error");
      } else {
        throw new Error(result.status);
      }
    }).catch(function () {
      sending[position] = false;
      show(root.getAttribute("data-offline-label"), "offline");
      schedule(position, 3000);
    });
  }
  function schedule(position, delay) {
    window.clearTimeout(timers[position]);
    timers[position] = window.setTimeout(function () { send(position); }, delay);
  }
  function changed(position) {
    var previous = store[position] ? store[position].seq : 0;  // never reuse a number, even after a reload
    var seq = Math.max(previous, serverSeq(position)) + 1;
    store[position] = {seq: seq, fields: fieldsOf(position), acked: false};
    section(position).querySelector(".quiz-seq").value = seq;
    persist();
    schedule(position, 500);
  }
  function flush() { return Promise.all(pending().map(function (position) { return send(position); })); }

  root.querySelectorAll(".quiz-question").forEach(function (question) {
    var position = question.getAttribute("data-position");
    if (question.hasAttribute("data-checked")) { delete store[position]; return; }  // checked: locked for good
    var entry = store[position];
    if (entry && entry.seq > serverSeq(position) && !entry.rejected) {
      // Typed while offline or just before a reload: put it back and send it again.
      restore(position, entry.fields);
      question.querySelector(".quiz-seq").value = entry.seq;
      entry.acked = false;
    } else if (entry && entry.seq <= serverSeq(position)) {
      delete store[position];
    }
    var handler = function (event) {
      var select = event.target;
      if (select.hasAttribute && select.hasAttribute("data-ordering") && event.type === "change") {
        // Keep the places a permutation: the item that had this place takes the old one.
        question.querySelectorAll("select[data-ordering]").forEach(function (other) {
          if (other !== select && other.value === select.value) { other.value = select.getAttribute("data-previous"); }
        });
        select.setAttribute("data-previous", select.value);
      }
      changed(position);
    };
    question.addEventListener("change", handler);
    question.addEventListener("input", function (event) { if (event.target.tagName !== "SELECT") { handler(event); } });
    question.querySelectorAll("select[data-ordering]").forEach(function (select) { select.setAttribute("data-previous", select.value); });
  });
  persist();
  pending().forEach(function (position) { schedule(position, 0); });
  window.addEventListener("online", flush);

  form.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    if (submitter && submitter.value === "finish" && !finished &&
        !window.confirm(submitter.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
    // The local copy stays until the server shows the answers saved (a failed post loses nothing).
  });

  var remaining = root.getAttribute("data-remaining");
  if (remaining !== "") {
    var end = Date.now() + parseInt(remaining, 10) * 1000;
    var display = root.querySelector(".quiz-timer");
    var tick = function () {
      var left = Math.max(0, Math.round((end - Date.now()) / 1000));
      display.textContent = Math.floor(left / 60) + ":" + ("0" + (left % 60)).slice(-2);
      if (left <= 0 && !finished) {
        finished = true;
        flush().then(function () {
          var input = document.createElement("input");
          input.type = "hidden"; input.name = "action"; input.value = "finish";
          form.appendChild(input);
          form.submit();
        });
        return;
      }
      window.setTimeout(tick, 1000);
    };
    tick();
  }
})();
