// A confusion matrix drawn with Plot: true class down, predicted class across, the count in
// every cell. Mistakes (off the diagonal) are shaded red by count; the diagonal, the images
// got right, is green by the share of its class, so the two never read as one scale. Shading
// is opacity over the page's background and the text is currentColor, so both themes read.
import * as Plot from "@observablehq/plot";
import {classLabel} from "../../lib/formats/dataset-files.js";
import {fail, ok, type Result} from "../../lib/core/result.js";

export interface ConfusionCell {
  /** True class. */
  actual: number;
  predicted: number;
  count: number;
  /** Images of the true class (the row's sum). */
  total: number;
  /** count over the images of the true class (0 when the class has none). */
  share: number;
  diagonal: boolean;
}

/** One cell per (true, predicted) pair, row by row; a message when the matrix is not square counts. */
export function confusionCells(confusion: readonly (readonly number[])[]): Result<ConfusionCell[]> {
  const n = confusion.length;
  if (n === 0) return fail("the confusion matrix is empty");
  const cells: ConfusionCell[] = [];
  for (let actual = 0; actual < n; actual++) {
    const row = confusion[actual];
    if (row?.length !== n) return fail(`row ${actual} of the confusion matrix has ${row?.length ?? 0} cells, expected ${n}`);
    if (!row.every((c) => Number.isInteger(c) && c >= 0))
      return fail(`row ${actual} of the confusion matrix holds something other than counts`);
    const total = row.reduce((a, b) => a + b, 0);
    row.forEach((count, predicted) =>
      cells.push({actual, predicted, count, total, share: total ? count / total : 0, diagonal: actual === predicted})
    );
  }
  return ok(cells);
}

/** The largest count off the diagonal (for one shading scale across several matrices). */
export function largestMistake(confusion: readonly (readonly number[])[]): number {
  return Math.max(0, ...confusion.flatMap((row, a) => row.filter((_, p) => p !== a)));
}

const RIGHT = "#3ca951"; // Plot's "observable10" green
const WRONG = "#ff725c"; // and its red

export interface ConfusionOptions {
  width?: number;
  classes: string[];
  /** Count that gets the strongest red (default: this matrix's largest mistake); pass the same to several matrices to compare them. */
  maxMistake?: number;
  ariaLabel?: string;
  /** Called with the cell clicked (or tapped), e.g. to show its images. */
  onSelect?: (cell: ConfusionCell) => void;
}

export function confusionMatrix(
  confusion: readonly (readonly number[])[],
  {width = 480, classes, maxMistake, ariaLabel, onSelect}: ConfusionOptions
): SVGSVGElement | HTMLElement {
  const cells = confusionCells(confusion);
  if (!cells.ok) {
    const p = document.createElement("p");
    p.className = "warning";
    p.textContent = cells.message;
    return p;
  }
  const n = confusion.length;
  const named = classes.some((c, i) => c !== String(i));
  // Names go down the side ("3: Dress"); across, the numbers alone fit at phone width.
  const marginLeft = named ? Math.min(96, Math.max(...classes.map((_, i) => classLabel(classes, i).length)) * 6.5 + 14) : 34;
  const marginTop = 40;
  const plotWidth = Math.max(200, width);
  const cell = (plotWidth - marginLeft - 4) / n;
  const fontSize = Math.max(8, Math.min(13, cell / 3.3));
  const top = maxMistake ?? largestMistake(confusion);
  const shade = (d: ConfusionCell) =>
    d.count === 0 ? 0 : d.diagonal ? 0.15 + 0.5 * d.share : 0.1 + 0.7 * Math.sqrt(Math.min(1, d.count / (top || 1)));
  const name = (c: number) => classLabel(classes, c);
  const chart = Plot.plot({
    width: plotWidth,
    height: Math.round(cell * n + marginTop + 8),
    marginLeft,
    marginTop,
    marginRight: 4,
    marginBottom: 8,
    ariaLabel,
    x: {type: "band", domain: [...Array(n).keys()], axis: "top", label: "predicted class →", labelAnchor: "right", tickSize: 0, padding: 0},
    y: {type: "band", domain: [...Array(n).keys()], label: "true class ↓", labelAnchor: "top", tickSize: 0, padding: 0, tickFormat: name},
    marks: [
      Plot.cell(cells.value, {
        x: "predicted",
        y: "actual",
        fill: (d: ConfusionCell) => (d.diagonal ? RIGHT : WRONG),
        fillOpacity: shade,
        inset: 0.5
      }),
      // The diagonal is also outlined, so it stands out without colour.
      Plot.cell(
        cells.value.filter((d) => d.diagonal),
        {x: "predicted", y: "actual", stroke: "currentColor", strokeOpacity: 0.6, inset: 1}
      ),
      // Counts in every non-empty cell; bold on the diagonal.
      ...[true, false].map((diagonal) =>
        Plot.text(
          cells.value.filter((d) => d.count > 0 && d.diagonal === diagonal),
          {
            x: "predicted",
            y: "actual",
            text: (d: ConfusionCell) => String(d.count),
            fill: "currentColor",
            fontSize,
            fontWeight: diagonal ? "bold" : "normal"
          }
        )
      ),
      Plot.tip(
        cells.value,
        Plot.pointer({
          x: "predicted",
          y: "actual",
          title: (d: ConfusionCell) =>
            d.diagonal
              ? `${name(d.actual)}: ${d.count} of ${d.total} right (${(100 * d.share).toFixed(1)}%)`
              : `true ${name(d.actual)}, predicted ${name(d.predicted)}: ${d.count} image${d.count === 1 ? "" : "s"} (${(100 * d.share).toFixed(1)}% of the class)`
        })
      )
    ]
  });
  if (onSelect) {
    // The pointer (which also drives the tip) sets the chart's value to the cell under it.
    chart.style.cursor = "pointer";
    chart.addEventListener("click", () => {
      const cell = (chart as unknown as {value?: ConfusionCell | null}).value;
      if (cell) onSelect(cell);
    });
  }
  return chart;
}

/** The `k` most frequent mistakes (off-diagonal cells), largest first; none for a bad matrix. */
export function commonestMistakes(confusion: readonly (readonly number[])[], k = 3): ConfusionCell[] {
  const cells = confusionCells(confusion);
  if (!cells.ok) return [];
  return cells.value
    .filter((d) => !d.diagonal && d.count > 0)
    .sort((a, b) => b.count - a.count || a.actual - b.actual || a.predicted - b.predicted)
    .slice(0, k);
}
