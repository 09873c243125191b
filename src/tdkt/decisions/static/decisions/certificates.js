// Print a decision's certificates: start the print, then poll its status until the PDF is
// ready, moving the progress bar; no library, no external script.
(function () {
  "use strict";
  var box = document.getElementById("certificates-progress");
  var form = document.getElementById("certificates-form");
  if (!box) { return; }
  var bar = document.getElementById("certificates-bar");
  var percent = document.getElementById("certificates-percent");
  var label = document.getElementById("certificates-label");
  var link = document.getElementById("certificates-download");
  var error = document.getElementById("certificates-error");
  var timer = null;

  function show(state) {
    box.hidden = false;
    box.dataset.state = state.status;
    bar.value = state.percent;
    percent.textContent = state.percent + " %";
    label.textContent = state.label + " (" + state.done + "/" + state.total + ")";
    error.textContent = state.error || "";
    if (state.download) {
      link.href = state.download;
      link.hidden = false;
    }
  }

  function poll(url, download) {
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        show(state);
        if (state.status === "done") {
          if (form) { form.querySelector("button").disabled = false; }
          if (download) { window.location.href = state.download; }
        } else if (state.status === "failed") {
          if (form) { form.querySelector("button").disabled = false; }
        } else {
          timer = window.setTimeout(function () { poll(url, download); }, 400);
        }
      })
      .catch(function () { timer = window.setTimeout(function () { poll(url, download); }, 1500); });
  }

  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (timer) { window.clearTimeout(timer); }
      form.querySelector("button").disabled = true;
      link.hidden = true;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { "Accept": "application/json" },
        credentials: "same-origin"
      })
        .then(function (response) { return response.json(); })
        .then(function (state) {
          if (state.error && !state.status) {
            error.textContent = state.error;
            box.hidden = false;
            form.querySelector("button").disabled = false;
            return;
          }
          show(state);
          box.dataset.statusUrl = state.status_url;
          poll(state.status_url, true);
        });
    });
  }
  // A print already under way when the page opened: follow it.
  if (box.dataset.statusUrl && (box.dataset.state === "pending" || box.dataset.state === "running")) {
    poll(box.dataset.statusUrl, false);
  }
}());
