// Images per class and split, counted with Arquero from the label arrays.
import aq from "arquero/dist/arquero.js";
import * as Plot from "@observablehq/plot";

export interface ClassCount {
  label: number;
  split: "train" | "test";
  count: number;
}

export function classCounts(train: Uint8Array, test: Uint8Array): ClassCount[] {
  const table = aq.table({
    label: Uint8Array.from([...train, ...test]),
    split: Array.from({length: train.length + test.length}, (_, i) => (i < train.length ? "train" : "test"))
  });
  return table.groupby("split", "label").count().orderby("label", "split").objects() as ClassCount[];
}

export function classCountsChart(counts: ClassCount[], classes: string[], {width = 640, highlight = null as number | null} = {}) {
  return Plot.plot({
    width,
    height: 40 + classes.length * 24,
    marginLeft: 90,
    x: {label: "images", grid: true},
    y: {label: null, domain: classes},
    color: {legend: true, domain: ["train", "test"], range: ["var(--theme-foreground-focus)", "var(--theme-foreground-muted)"]},
    marks: [
      Plot.barX(counts, {
        x: "count",
        y: (d: ClassCount) => classes[d.label],
        fill: "split",
        fillOpacity: (d: ClassCount) => (highlight === null || d.label === highlight ? 1 : 0.3),
        tip: true
      }),
      Plot.ruleX([0])
    ]
  });
}
