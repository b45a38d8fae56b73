// Buttons that act (train, stop) rather than set a value: a page waits for their next click
// without making the button a reactive input (which would re-run cells on every press).

export function actionButton(label: string): HTMLButtonElement {
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = label;
  return button;
}

/** Resolves true on the button's next click, or false when `until` settles (e.g. the cell's invalidation). */
export function nextClick(button: EventTarget, until: Promise<unknown>): Promise<boolean> {
  return new Promise((resolve) => {
    const onClick = () => {
      button.removeEventListener("click", onClick);
      resolve(true);
    };
    button.addEventListener("click", onClick);
    until.then(() => {
      button.removeEventListener("click", onClick);
      resolve(false);
    });
  });
}
