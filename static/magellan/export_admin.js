// The « select all » box of django-import-export's export page, wired here: the CSP forbids inline handlers.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".select-toggle").forEach(function (boite) {
    boite.addEventListener("change", onSelectToggleChange);
  });
});
