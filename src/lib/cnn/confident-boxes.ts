// Boxes from a row of class distributions, one per window: where a class's probability reaches
// the threshold, and neighbouring windows of the same class merged into one box (a digit is seen
// by several overlapping windows, a stride apart). Pure function of arrays.

export interface ConfidentBox {
  /** The class index. */
  label: number;
  /** First and last window of the run (inclusive). */
  first: number;
  last: number;
  /** Left edge and width in input pixels: from the first window's left to the last one's right. */
  x: number;
  width: number;
  /** The highest probability of the class in the run, and the window where it is. */
  peak: number;
  peakWindow: number;
}

export interface BoxOptions {
  threshold: number;
  window: number;
  stride: number;
  /**
   * Keep only the most confident of boxes that overlap by more than this share of the narrower
   * one (non-maximum suppression, as detectors do); 1 keeps every box.
   */
  overlap?: number;
}

/**
 * `probabilities` holds `columns` distributions of `classes` values each (window-major). Returns
 * the boxes left to right (ties by class).
 */
export function confidentBoxes(
  probabilities: ArrayLike<number>,
  columns: number,
  classes: number,
  {threshold, window, stride, overlap = 1}: BoxOptions
): ConfidentBox[] {
  if (probabilities.length !== columns * classes)
    throw new Error(`${columns} windows of ${classes} classes need ${columns * classes} values, got ${probabilities.length}`);
  const boxes: ConfidentBox[] = [];
  for (let c = 0; c < classes; c++) {
    let run: ConfidentBox | null = null;
    for (let j = 0; j <= columns; j++) {
      const p = j < columns ? probabilities[j * classes + c] : -Infinity;
      if (p >= threshold) {
        if (!run) run = {label: c, first: j, last: j, x: j * stride, width: window, peak: p, peakWindow: j};
        run.last = j;
        run.width = (j - run.first) * stride + window;
        if (p > run.peak) [run.peak, run.peakWindow] = [p, j];
      } else if (run) {
        boxes.push(run);
        run = null;
      }
    }
  }
  // Most confident first: each box is kept unless one already kept covers too much of it.
  const kept: ConfidentBox[] = [];
  for (const box of [...boxes].sort((a, b) => b.peak - a.peak || a.x - b.x)) {
    if (kept.every((k) => shared(k, box) <= overlap)) kept.push(box);
  }
  return kept.sort((a, b) => a.x - b.x || a.label - b.label);
}

/** Width two boxes share, as a share of the narrower one. */
function shared(a: ConfidentBox, b: ConfidentBox): number {
  const common = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  return Math.max(0, common) / Math.min(a.width, b.width);
}
