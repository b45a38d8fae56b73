// Notes on a page about how its numbers were made: the badge and warning for a quick build
// (WORKBOOK_QUICK=1), whose models are not the real ones.

/** A warning paragraph for results of a quick build (WORKBOOK_QUICK=1). */
export function quickNote(text: string): HTMLElement {
  const p = document.createElement("p");
  p.className = "warning";
  p.setAttribute("role", "note");
  p.append(quickBadge(), ` ${text}`);
  return p;
}

/** A visible "quick mode" label, for results that are not the real ones. */
export function quickBadge(): HTMLElement {
  const badge = document.createElement("strong");
  badge.textContent = "Quick mode";
  badge.style.cssText = "border: 1px solid currentColor; border-radius: 4px; padding: 0 0.3em; color: var(--theme-red, currentColor)";
  return badge;
}
