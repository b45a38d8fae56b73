// |Δh_t| against t on a log scale: a fading memory is a falling straight line, an exploding one
// a rising line until φ saturates. Exact zeros (the change lost below float32's resolution)
// cannot sit on a log axis; they are left out and the caption of the page says where.
import * as Plot from "@observablehq/plot";
import type {MemoryPoint} from "../../lib/rnn/rnn-memory.js";

export function memoryChart(points: readonly MemoryPoint[], {width = 640, ariaLabel = "Change in h_t against t, log scale"} = {}) {
  const shown = points.filter((p) => p.change > 0);
  return Plot.plot({
    width,
    height: 260,
    ariaLabel,
    x: {label: "time step t", grid: true},
    y: {type: "log", label: "|Δhₜ|", grid: true, tickFormat: (d: number) => d.toExponential(0)},
    color: {legend: true},
    marks: [
      Plot.lineY(shown, {x: "t", y: "change", stroke: "series", marker: "dot"}),
      Plot.tip(
        shown,
        Plot.pointer({
          x: "t",
          y: "change",
          stroke: "series",
          title: (d: MemoryPoint) => `${d.series}\nt = ${d.t}\n|Δh| = ${d.change.toExponential(2)}`
        })
      )
    ]
  });
}
