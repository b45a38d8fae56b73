// The shift test as one Plot chart: test accuracy against the shift in pixels, one colour per
// model (the colours of the other charts), solid for the shifted images and dashed for the same
// images re-centred.
import * as Plot from "@observablehq/plot";
import type {ShiftReport} from "../../lib/cnn/shift-test.js";

export interface ShiftCurvePoint {
  model: string;
  shift: number;
  accuracy: number;
  correct: number;
  count: number;
  kind: "shifted" | "shifted, then re-centred";
}

/** One point per model, shift and kind. */
export function shiftCurvePoints(report: ShiftReport): ShiftCurvePoint[] {
  return report.models.flatMap((m) =>
    m.points.map((p) => ({
      model: m.name,
      shift: p.shift,
      accuracy: p.accuracy,
      correct: p.correct,
      count: p.count,
      kind: p.recentred ? ("shifted, then re-centred" as const) : ("shifted" as const)
    }))
  );
}

export function shiftCurve(report: ShiftReport, {width = 640, ariaLabel}: {width?: number; ariaLabel?: string} = {}) {
  const points = shiftCurvePoints(report);
  const plain = points.filter((d) => d.kind === "shifted");
  const recentred = points.filter((d) => d.kind !== "shifted");
  return Plot.plot({
    width,
    height: Math.min(420, Math.max(260, width * 0.55)),
    marginLeft: 48,
    ariaLabel,
    x: {label: "shift (pixels) →", ticks: report.shifts, tickFormat: "d", grid: true},
    y: {label: "↑ test accuracy", domain: [0, 1], grid: true, tickFormat: "%"},
    color: {legend: true, domain: report.models.map((m) => m.name)},
    marks: [
      // Plot dashes a whole mark, not a channel: one line mark per kind.
      Plot.line(plain, {x: "shift", y: "accuracy", stroke: "model", strokeWidth: 2}),
      Plot.line(recentred, {x: "shift", y: "accuracy", stroke: "model", strokeWidth: 2, strokeDasharray: "5,4"}),
      Plot.dot(points, {x: "shift", y: "accuracy", fill: "model", r: 3, symbol: "kind"}),
      Plot.tip(
        points,
        Plot.pointer({
          x: "shift",
          y: "accuracy",
          title: (d: ShiftCurvePoint) =>
            `${d.model}, ${d.kind} by ${d.shift} px: ${(100 * d.accuracy).toFixed(2)}% (${d.correct.toLocaleString("en")} of ${d.count.toLocaleString("en")})`
        })
      )
    ]
  });
}
