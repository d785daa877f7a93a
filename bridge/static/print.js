// A "Print" button: <button type="button" data-print>…</button> opens the browser's print dialogue
// (the page's print stylesheet hides navigation and forms). No inline script, so the CSP stays strict.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
