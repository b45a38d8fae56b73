// Labelled horizontal bars: one bar per row with its value written at its end (accuracies,
// depths, timings), on any page.
import * as Plot from "@observablehq/plot";

/** One bar per row from `start`, its value written at its end. */
export function labelledBars(
  rows: readonly {label: string; value: number}[],
  {
    width = 640,
    ariaLabel = "",
    xLabel = "",
    domain = undefined as [number, number] | undefined,
    start = 0,
    tickFormat = undefined as string | undefined,
    format = (v: number) => String(v)
  } = {}
) {
  return Plot.plot({
    width,
    height: 40 + 34 * rows.length,
    marginLeft: 110,
    marginRight: 60,
    ariaLabel,
    x: {domain, label: xLabel, tickFormat, grid: true},
    y: {label: null, domain: rows.map((r) => r.label)},
    marks: [
      Plot.barX(rows, {x1: start, x2: "value", y: "label", fill: "var(--theme-foreground-focus)", inset: 6}),
      Plot.text(rows, {
        x: "value",
        y: "label",
        text: (r: {value: number}) => format(r.value),
        dx: 6,
        textAnchor: "start",
        fill: "currentColor"
      })
    ]
  });
}
