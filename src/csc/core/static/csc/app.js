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
// A step the server refuses answers with a redirect and a message (a closed month, a record
// changed meanwhile): what was typed into that form is put back, so nothing typed is lost.
// The text stays in this tab's session storage from the submit to the next page only.
const KEPT = "csc-kept-form";
const NOT_KEPT = ["hidden", "password", "file", "checkbox", "radio", "submit", "button"];
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.method.toLowerCase() !== "post") return;
  const values = {};
  for (const field of form.elements) {
    if (field.name && field.value && !NOT_KEPT.includes(field.type) && field.tagName !== "BUTTON") {
      values[field.name] = field.value;
    }
  }
  sessionStorage.setItem(KEPT, JSON.stringify({ action: form.action, values }));
}, true);
document.addEventListener("DOMContentLoaded", () => {
  const kept = JSON.parse(sessionStorage.getItem(KEPT) || "null");
  sessionStorage.removeItem(KEPT);
  if (!kept || !document.querySelector(".messages .msg.error")) return;
  document.querySelectorAll("form").forEach((form) => {
    if (form.action !== kept.action) return;
    for (const [name, value] of Object.entries(kept.values)) {
      const field = form.elements.namedItem(name);
      if (field && "value" in field && !field.value) field.value = value;
    }
  });
});
