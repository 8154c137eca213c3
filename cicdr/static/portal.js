// Progressive enhancement only: every page works without this file.
"use strict";
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
// Police details are asked only when the person or body was a security force.
document.querySelectorAll("select[id$='-kind']").forEach(function (select) {
  var group = select.closest("fieldset").querySelector("fieldset.police");
  if (!group) { return; }
  function sync() {
    group.hidden = select.value !== "security_force" && !group.querySelector(".has-error");
  }
  select.addEventListener("change", sync);
  sync();
});
// A second click on "send" while the first is on its way would file nothing new: say so.
document.querySelectorAll("form").forEach(function (form) {
  form.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (!button || button.value !== "submit") { return; }
    if (form.dataset.sending) { event.preventDefault(); return; }
    form.dataset.sending = "1";
  });
});
