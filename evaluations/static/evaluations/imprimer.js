// The « Imprimer » button of a rapport: shown only when JavaScript runs, it opens the print dialog.
document.querySelectorAll("[data-magellan-imprimer]").forEach(function (bouton) {
  bouton.hidden = false;
  bouton.addEventListener("click", function () { window.print(); });
});
