/* Live simulations: short polling (every request returns at once), never a held connection.
 * Learner: poll the state about every second, show the current question with a countdown from
 * the server's remaining seconds, send the answer as JSON (a resend carries the same edit
 * number, so it never duplicates). Trainer: poll the answers since a cursor every 1.5 s. */
(function () {
  "use strict";
  var room = document.getElementById("live-room");
  if (!room) { return; }
  var form = document.getElementById("live-form");
  var token = form.querySelector("input[name=csrf_token]").value;
  var text = document.getElementById("live-text");
  var promptId = document.getElementById("live-prompt-id");
  var rev = document.getElementById("live-rev");
  var saved = document.getElementById("live-saved");
  var clock = document.getElementById("live-countdown");
  var overtime = document.getElementById("live-overtime");
  var endsAt = Date.now() + (parseInt(clock.getAttribute("data-remaining"), 10) || 0) * 1000;
  var sentText = text.value, sending = false, open = true, pending = null;

  function pad(n) { return n < 10 ? "0" + n : String(n); }
  function tick() {
    if (!promptId.value) { return; }
    var left = Math.round((endsAt - Date.now()) / 1000), shown = Math.max(0, left);
    clock.textContent = Math.floor(shown / 60) + ":" + pad(shown % 60);
    clock.classList.toggle("text-danger", left <= 10);
    overtime.classList.toggle("d-none", left > 0 || !open);
  }
  window.setInterval(tick, 250);

  function show(id, visible) { document.getElementById(id).classList.toggle("d-none", !visible); }
  function setText(id, value) { document.getElementById(id).textContent = value; }

  function savedText(answer) {
    return room.getAttribute("data-sent-text") + " " + answer.saved_at +
      (answer.late ? " · " + room.getAttribute("data-late-text") : "");
  }

  function send(payload) {
    sending = true;
    return fetch(room.getAttribute("data-answer-url"), {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": token, "Accept": "application/json"},
      body: JSON.stringify(payload)
    }).then(function (response) {
      return response.json().then(function (body) { return {ok: response.ok, status: response.status, body: body}; });
    }).then(function (result) {
      sending = false;
      if (result.ok) {
        pending = null;
        if (String(payload.prompt) === promptId.value) {
          sentText = payload.text;
          rev.value = String(result.body.rev + 1);
          saved.textContent = savedText(result.body);
          saved.classList.remove("text-danger");
        }
      } else if (result.status >= 400 && result.status < 500) {
        pending = null;  // refused for good (session closed, moved on): say why, do not retry
        if (String(payload.prompt) === promptId.value) {
          saved.textContent = result.body.error || "";
          saved.classList.add("text-danger");
        }
      }
      return result;
    }).catch(function () {
      sending = false;  // network: keep ``pending`` and retry with the same edit number
      saved.textContent = room.getAttribute("data-error-text");
      saved.classList.add("text-danger");
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!text.value.trim() || !promptId.value || sending) { return; }
    pending = {prompt: promptId.value, text: text.value, rev: parseInt(rev.value, 10) || 1};
    send(pending);
  });

  function showPrompt(prompt) {
    var changed = String(prompt.id) !== promptId.value;
    if (changed) {
      // A typed but unsent answer to the previous question is still sent (stored as late).
      if (promptId.value && text.value.trim() && text.value !== sentText) {
        send({prompt: promptId.value, text: text.value, rev: parseInt(rev.value, 10) || 1});
      }
      promptId.value = String(prompt.id);
      text.value = "";
      sentText = "";
      rev.value = "1";
      saved.textContent = "";
      setText("live-position", prompt.position);
      setText("live-journalist", prompt.journalist);
      setText("live-outlet", prompt.outlet ? " · " + prompt.outlet : "");
      setText("live-tone", prompt.tone);
      setText("live-question", prompt.text);
    }
    endsAt = Date.now() + prompt.remaining * 1000;
    show("live-waiting", false);
    show("live-prompt", true);
    tick();
  }

  function poll() {
    if (pending && !sending) { send(pending); }
    fetch(room.getAttribute("data-state-url"), {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) { if (!response.ok) { throw new Error(String(response.status)); } return response.json(); })
      .then(function (state) {
        if (state.prompt) { showPrompt(state.prompt); }
        if (!state.open) {
          open = false;
          show("live-closed", true);
          text.disabled = true;
          document.getElementById("live-send").disabled = true;
          setText("live-state", room.getAttribute("data-closed-text"));
          document.getElementById("live-state").className = "badge fs-6 text-bg-secondary";
          return;
        }
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 1000);
}());

(function () {
  "use strict";
  var panel = document.getElementById("live-answers");
  if (!panel) { return; }
  var roster = JSON.parse(panel.getAttribute("data-roster") || "[]");
  var status = document.getElementById("live-poll-status");
  var cursor = parseInt(panel.getAttribute("data-cursor"), 10) || 0;

  function refreshCounts(section) {
    var answered = {};
    section.querySelectorAll(".live-answer").forEach(function (li) { answered[li.getAttribute("data-user")] = true; });
    section.querySelector(".live-count").textContent = String(Object.keys(answered).length);
    var missing = roster.filter(function (person) { return !answered[String(person[0])]; })
      .map(function (person) { return person[1]; });
    section.querySelector(".live-missing").textContent =
      missing.length ? panel.getAttribute("data-missing-text") + " " + missing.join(", ") : "";
  }

  function place(answer) {
    var section = document.getElementById("live-prompt-" + answer.prompt);
    if (!section) { window.location.reload(); return; }  // pushed from another tab: show it
    var holder = document.createElement("ol");
    holder.innerHTML = answer.fragment;  // rendered and escaped by the server's template
    var fresh = holder.firstElementChild;
    var old = document.getElementById(fresh.id);
    if (old) { old.replaceWith(fresh); } else { section.querySelector(".live-answers").appendChild(fresh); }
    refreshCounts(section);
  }

  function poll() {
    fetch(panel.getAttribute("data-url") + "?since=" + cursor,
          {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) { if (!response.ok) { throw new Error(String(response.status)); } return response.json(); })
      .then(function (data) {
        status.textContent = "";
        data.answers.forEach(place);
        cursor = data.cursor;
        if (data.open) { window.setTimeout(poll, 1500); }
      })
      .catch(function () {
        status.textContent = status.getAttribute("data-error-text");
        window.setTimeout(poll, 3000);
      });
  }
  window.setTimeout(poll, 1500);
}());
