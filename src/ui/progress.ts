// A labelled progress bar for long work (training, loading), readable by screen readers.

export function progressBar(fraction: number, label: string): HTMLElement {
  const wrapper = document.createElement("div");
  wrapper.className = "progress";
  const bar = document.createElement("progress");
  bar.max = 1;
  bar.value = Math.max(0, Math.min(1, fraction));
  bar.setAttribute("aria-label", label);
  const text = document.createElement("span");
  text.textContent = ` ${label}: ${Math.round(bar.value * 100)}%`;
  wrapper.append(bar, text);
  return wrapper;
}
