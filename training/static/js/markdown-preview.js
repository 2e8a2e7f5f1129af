/* Live preview of lesson Markdown: the server renders and sanitises (the same code as on save). */
(function () {
  "use strict";
  var source = document.querySelector("textarea[data-preview-url]");
  if (!source) { return; }
  var target = document.getElementById(source.getAttribute("data-preview-target"));
  var token = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
  var timer = null;
  var latest = 0;

  function render() {
    var request = ++latest;
    fetch(source.getAttribute("data-preview-url"), {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": token},
      body: JSON.stringify({markdown: source.value})
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (data) {
      // Only the newest answer is shown, so a slow reply cannot overwrite a newer preview.
      if (data && request === latest) { target.innerHTML = data.html; }
    }).catch(function () { /* offline: keep the last preview */ });
  }

  source.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(render, 400);
  });
})();
