// Progressive enhancement only: every page works without this file.
"use strict";
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
// Police details are asked only when the person or body was a security force. The server
// sends the group open or hidden already (nothing moves after the first paint); this only
// follows a change of the choice. On load it changes nothing, unless the browser restored
// another choice than the page was sent with (a reload keeps what was selected).
document.querySelectorAll("select[id$='-kind']").forEach(function (select) {
  var group = select.closest("fieldset").querySelector("fieldset.police");
  if (!group) { return; }
  function sync() {
    var open = select.value === "security_force" || group.querySelector(".has-error") !== null;
    if (group.hidden === open) { group.hidden = !open; }
  }
  select.addEventListener("change", sync);
  sync();
});
// The note on discrimination at work follows the situation chosen (the server sends it open
// when "work" was saved; without JavaScript it shows after the step is saved, and on review).
(function () {
  var context = document.getElementById("context");
  var note = document.getElementById("labour-note");
  if (!context || !note) { return; }
  context.addEventListener("change", function () { note.hidden = context.value !== "labour"; });
}());
// A second click on "send" while the first is on its way would file nothing new: say so.
document.querySelectorAll("form").forEach(function (form) {
  form.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (!button || button.value !== "submit") { return; }
    if (form.dataset.sending) { event.preventDefault(); return; }
    form.dataset.sending = "1";
  });
});
// A page the browser restores on Back (back-forward cache) keeps the mark of its last sending:
// clear it, or "send" would silently do nothing there. The server then answers a stale form
// with what happened to it (views/complaint_form.py).
window.addEventListener("pageshow", function (event) {
  if (!event.persisted) { return; }
  document.querySelectorAll("form[data-sending]").forEach(function (form) {
    delete form.dataset.sending;
  });
});
