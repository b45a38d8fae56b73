// Loss and accuracy as training goes, one line per series.
import * as Plot from "@observablehq/plot";

export interface TrainingPoint {
  /** Images seen so far. */
  seen: number;
  series: string;
  value: number;
}

export function trainingChart(
  points: TrainingPoint[],
  {
    width = 640,
    y = "loss",
    domain,
    percent = false,
    ariaLabel,
    series
  }: {width?: number; y?: string; domain?: [number, number]; percent?: boolean; ariaLabel?: string; series?: string[]} = {}
) {
  return Plot.plot({
    width,
    height: 220,
    ariaLabel,
    x: {label: "training images seen", grid: true},
    y: {label: y, grid: true, domain, tickFormat: percent ? "%" : undefined},
    // Naming the series keeps their colours (and the legend) before the first point arrives.
    color: {legend: true, type: "categorical", domain: series},
    marks: [
      Plot.lineY(points, {x: "seen", y: "value", stroke: "series", marker: points.length < 60 ? "dot" : undefined}),
      Plot.tip(points, Plot.pointerX({x: "seen", y: "value", stroke: "series"}))
    ]
  });
}
