// Exercises for the trajectories page: principal directions of a few hidden states, with the
// pca-2d.ts that draws the page's trajectory.

import {pca, project} from "../core/pca-2d.js";
import {unwrap} from "../core/result.js";
import {given} from "./given.js";
import {format, pick, pickOne, type Exercise} from "./question.js";

const fixed = (x: number, d: number) => x.toFixed(d).replace(/^-/, "−");

/** Four hidden states of two units at the corners of a rectangle, a × b. */
function rectangle(seed: number) {
  return given(seed, {a: 2, b: 1}, (r) => {
    const a = pick(r, 1, 6);
    return {
      a,
      b: pickOne(
        r,
        [1, 2, 3, 4, 5, 6].filter((x) => x !== a)
      )
    };
  });
}
const corners = (a: number, b: number) => [
  [0, 0],
  [a, 0],
  [0, b],
  [a, b]
];
const pointList = (rows: number[][]) => rows.map((p) => `(${p.join(", ")})`).join(", ");

/** Trajectories: the share of variance along the first principal direction. */
export const pcaShareExercise: Exercise = {
  id: "pca-share",
  title: "variance along the first direction",
  make(seed) {
    const {a, b} = rectangle(seed);
    const rows = corners(a, b);
    const fit = unwrap(pca(rows, 2));
    const share = Math.round((1000 * fit.variance[0]) / fit.totalVariance) / 10;
    return {
      prompt: `A two-unit network's hidden state visits ${pointList(rows)} over four steps. What share of the states' variance lies along the first principal direction, in percent? (One decimal.)`,
      answer: {kind: "number", value: share, tolerance: 0.1, shown: `${share.toFixed(1)}%`},
      explain: `Unit 1 varies by ±${format(a / 2)} around its mean, variance ${format(fit.variance[a > b ? 0 : 1])}; unit 2 by ±${format(b / 2)}, variance ${format(fit.variance[a > b ? 1 : 0])}; the two do not covary, so the directions are the units' own axes and the first holds ${format(fit.variance[0])} / ${format(fit.totalVariance)} = ${share.toFixed(1)}%. The trajectory chart shows 16 units along the two directions with the most variance, and says what share they keep.`
    };
  }
};

/** Trajectories: where a state lands along the first principal direction. */
export const pcaCoordinateExercise: Exercise = {
  id: "pca-coordinate",
  title: "a state's first coordinate",
  make(seed) {
    const {a, b} = rectangle(seed);
    const rows = corners(a, b);
    const fit = unwrap(pca(rows, 2));
    const [pc1] = project(fit, rows[3]);
    const value = Math.round(pc1 * 100) / 100;
    const dir = Array.from(fit.components[0], (x) => Math.round(x * 1e6) / 1e6 + 0);
    return {
      prompt: `The same four states, ${pointList(rows)}. The chart places each at its coordinate along the first principal direction (the direction's sign chosen so its largest entry is positive). Where does (${a}, ${b}) land? (Two decimals.)`,
      answer: {kind: "number", value, tolerance: 0.01, shown: fixed(value, 2)},
      explain: `Subtract the mean (${Array.from(fit.mean, format).join(", ")}) to get (${format(a - fit.mean[0])}, ${format(b - fit.mean[1])}), then take the dot product with the unit direction (${dir.map(format).join(", ")}): ${fixed(pc1, 2)}. The chart's axes are these coordinates, not any one unit.`
    };
  }
};
