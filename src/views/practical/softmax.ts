// A classifier's output for one image: the softmax probability of every class as a bar, the
// predicted class and the true one marked, each probability printed beside its bar.
import * as Plot from "@observablehq/plot";

export interface SoftmaxOptions {
  width?: number;
  /** Class names, in output order. */
  classes: readonly string[];
  /** The true class, marked on the chart. */
  truth?: number | null;
  ariaLabel?: string;
}

export function softmaxChart(
  probabilities: ArrayLike<number>,
  {width = 640, classes, truth = null, ariaLabel}: SoftmaxOptions
): SVGSVGElement | HTMLElement {
  const rows = Array.from(probabilities, (p, i) => ({label: classes[i] ?? String(i), p, index: i}));
  const best = rows.reduce((a, b) => (b.p > a.p ? b : a), rows[0]);
  const note = (d: {index: number}) =>
    [d.index === best.index ? "predicted" : "", d.index === truth ? "true class" : ""].filter(Boolean).join(", ");
  return Plot.plot({
    width,
    height: 40 + rows.length * 22,
    marginLeft: 90,
    marginRight: 140,
    ariaLabel: ariaLabel ?? `Softmax output: ${rows.map((r) => `${r.label} ${(r.p * 100).toFixed(1)}%`).join(", ")}`,
    x: {domain: [0, 1], label: "probability", grid: true, tickFormat: "%"},
    y: {domain: rows.map((r) => r.label), label: null},
    marks: [
      Plot.barX(rows, {
        y: "label",
        x: "p",
        fill: (d) => (d.index === best.index ? "var(--theme-foreground-focus)" : "currentColor"),
        fillOpacity: (d) => (d.index === best.index ? 0.9 : 0.35)
      }),
      Plot.text(rows, {
        y: "label",
        x: "p",
        text: (d) => `${(d.p * 100).toFixed(1)}%${note(d) ? `  ${note(d)}` : ""}`,
        dx: 6,
        textAnchor: "start",
        fill: "currentColor"
      }),
      Plot.ruleX([0])
    ]
  });
}
