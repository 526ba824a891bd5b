// Small behaviours for the console; everything else is plain HTML and htmx.
document.addEventListener("click", (event) => {
  const toggle = event.target.closest("[data-toggle-menu]");
  if (toggle) document.querySelector(".sidebar")?.classList.toggle("open");
  const confirmButton = event.target.closest("[data-confirm]");
  if (confirmButton && !window.confirm(confirmButton.dataset.confirm)) event.preventDefault();
});
// A submit button is disabled once its form is sent, so a double click sends one request.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.dataset.submitted) { event.preventDefault(); return; }
  form.dataset.submitted = "1";
  setTimeout(() => delete form.dataset.submitted, 4000);
});
// A select that filters its page: choosing a value sends the form (no inline handlers: CSP).
document.addEventListener("change", (event) => {
  if (event.target.matches("select[data-submit-on-change]")) event.target.form.requestSubmit();
});
// On a phone the filters of a list fold behind one button, so the rows come first.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("form.filters").forEach((form) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "filters-toggle";
    button.textContent = document.body.dataset.filtersLabel || "Filters";
    button.setAttribute("aria-expanded", "false");
    button.addEventListener("click", () => {
      const open = form.classList.toggle("open");
      button.setAttribute("aria-expanded", String(open));
    });
    form.before(button);
  });
});
// A "tick all" box ticks every row box of the same name on the page.
document.addEventListener("change", (event) => {
  const all = event.target.closest("[data-check-all]");
  if (!all) return;
  document.querySelectorAll(`input[type=checkbox][name="${all.dataset.checkAll}"]`).forEach((box) => {
    box.checked = all.checked;
  });
});
