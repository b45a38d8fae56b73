// Components that build their own DOM bring their own CSS: added to the document once, by id.
// Colours come from Framework's theme variables, so light and dark both work.

export function injectStyle(id: string, css: string): void {
  if (typeof document === "undefined" || document.getElementById(id)) return;
  const style = document.createElement("style");
  style.id = id;
  style.textContent = css;
  document.head.append(style);
}
