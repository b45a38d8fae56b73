// SimpleRNN, LSTM and GRU side by side on the tasks of the gated-cell pages, assembled from the
// metrics files other loaders ship: the character models (char-models.zip), the long-lag task
// (long-lag.zip) and the timing task (peephole.zip). Only what was measured is shown; a cell a
// task did not train says so instead of a number.
import * as Plot from "@observablehq/plot";

/** The fields of a char model's metrics.json used here (CharMetrics in char-metrics.ts). */
export interface CharMetricsLike {
  corpusName: string;
  cell: "lstm" | "gru";
  units: number;
  parameters: number;
  seconds: number;
  bitsPerChar: number[];
  unigram: number;
  bigram: number;
  quick: boolean;
}

/** The fields of long-lag.zip's metrics.json used here. */
export interface LongLagLike {
  quick: boolean;
  /** The training recipe these results are from (recipeView in vanishing-gradients.ts). */
  name?: string;
  task: {lags: number[]; chance: number; testCount: number};
  training: {units: number; epochs: number};
  cells: {cell: string; name: string; parameters: number; trainingSeconds: number}[];
  runs: {cell: string; lag: number; testAccuracy: number}[];
}

/** The fields of peephole.zip's metrics.json used here. */
export interface PeepholeLike {
  quick: boolean;
  task: {ks: number[]; testCount: number};
  training: {units: number};
  cells: {cell: string; name: string; parameters: number; trainingSeconds: number}[];
  runs: {cell: string; k: number; exact: number; meanTimingError: number}[];
}

export interface ComparisonRow {
  task: string;
  cell: string;
  parameters: string;
  seconds: string;
  result: string;
}

const CELLS = [
  {id: "simpleRNN", name: "SimpleRNN"},
  {id: "lstm", name: "LSTM"},
  {id: "gru", name: "GRU"}
];

const count = (n: number) => n.toLocaleString("en");
const secs = (s: number) => (s >= 100 ? s.toFixed(0) : s.toFixed(1));
const pct = (p: number) => `${(100 * p).toFixed(0)}%`;

/** One row per (task, cell); cells a task did not train get a row that says so. */
export function comparisonRows({
  chars = [],
  longLag = null,
  timing = null
}: {
  chars?: readonly CharMetricsLike[];
  longLag?: LongLagLike | null;
  timing?: PeepholeLike | null;
}): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  const quick = (q: boolean) => (q ? " (quick build)" : "");
  if (chars.length) {
    const task = `next character, ${chars[0].corpusName}${quick(chars.some((m) => m.quick))}`;
    for (const {id, name} of CELLS) {
      const m = chars.find((c) => c.cell === id);
      rows.push(
        m
          ? {
              task,
              cell: `${name} (${m.units} units)`,
              parameters: count(m.parameters),
              seconds: secs(m.seconds),
              result: `${m.bitsPerChar.at(-1)!.toFixed(2)} bits/char held out (bigram ${m.bigram.toFixed(2)})`
            }
          : {task, cell: name, parameters: "—", seconds: "—", result: "not trained on this site"}
      );
    }
  } else {
    rows.push({task: "next character", cell: "all", parameters: "—", seconds: "—", result: "the character models' metrics are missing"});
  }
  if (longLag) {
    const lags = longLag.task.lags;
    const task = `long lag: recall a marked symbol ${lags[0]}–${lags.at(-1)} steps back${longLag.name ? `, ${longLag.name}` : ""}${quick(longLag.quick)}`;
    for (const {id, name} of CELLS) {
      const c = longLag.cells.find((x) => x.cell === id);
      const runs = lags.map((lag) => longLag.runs.find((r) => r.cell === id && r.lag === lag));
      rows.push(
        c
          ? {
              task,
              cell: `${name} (${longLag.training.units} units)`,
              parameters: count(c.parameters),
              seconds: secs(c.trainingSeconds),
              result: `test accuracy by lag ${lags.join("/")}: ${runs.map((r) => (r ? pct(r.testAccuracy) : "?")).join(" / ")} (chance ${pct(longLag.task.chance)})`
            }
          : {task, cell: name, parameters: "—", seconds: "—", result: "not trained on this task"}
      );
    }
  } else {
    rows.push({task: "long lag", cell: "all", parameters: "—", seconds: "—", result: "the long-lag loader's metrics are missing"});
  }
  if (timing) {
    const ks = timing.task.ks;
    const task = `timing: a pulse ${ks[0]}–${ks.at(-1)} steps after a cue${quick(timing.quick)}`;
    const cells = [...CELLS, {id: "peephole", name: "peephole LSTM"}];
    for (const {id, name} of cells) {
      const c = timing.cells.find((x) => x.cell === id);
      const runs = ks.map((k) => timing.runs.find((r) => r.cell === id && r.k === k));
      rows.push(
        c
          ? {
              task,
              cell: `${name} (${timing.training.units} units)`,
              parameters: count(c.parameters),
              seconds: secs(c.trainingSeconds),
              result: `exactly on time, by delay ${ks.join("/")}: ${runs.map((r) => (r ? pct(r.exact) : "?")).join(" / ")}`
            }
          : {task, cell: name, parameters: "—", seconds: "—", result: "not trained on this task (LSTM and peephole LSTM only)"}
      );
    }
  } else {
    rows.push({task: "timing", cell: "all", parameters: "—", seconds: "—", result: "the timing task's metrics are missing"});
  }
  return rows;
}

/** Test accuracy against lag, one line per cell: the long-lag results at a glance. */
export function longLagChart(metrics: LongLagLike, {width = 640} = {}) {
  const points = metrics.runs.map((r) => ({
    lag: r.lag,
    accuracy: r.testAccuracy,
    cell: metrics.cells.find((c) => c.cell === r.cell)?.name ?? r.cell
  }));
  return Plot.plot({
    width,
    height: 260,
    ariaLabel: `Test accuracy against lag for ${[...new Set(points.map((p) => p.cell))].join(", ")}`,
    x: {type: "log", label: "lag (steps between the input and the answer)", ticks: metrics.task.lags, tickFormat: "d"},
    y: {domain: [0, 1], label: "test accuracy", tickFormat: "%", grid: true},
    color: {legend: true, domain: CELLS.map((c) => c.name)},
    marks: [
      Plot.ruleY([metrics.task.chance], {strokeDasharray: "4,3", stroke: "currentColor", strokeOpacity: 0.6}),
      Plot.text([metrics.task.chance], {
        y: (d: number) => d,
        x: metrics.task.lags[0],
        text: () => "chance",
        dy: -8,
        textAnchor: "start",
        fill: "currentColor"
      }),
      Plot.line(points, {x: "lag", y: "accuracy", stroke: "cell", strokeWidth: 2, marker: "circle"}),
      Plot.tip(
        points,
        Plot.pointer({
          x: "lag",
          y: "accuracy",
          title: (p: (typeof points)[number]) => `${p.cell}, lag ${p.lag}: ${(100 * p.accuracy).toFixed(1)}%`
        })
      )
    ]
  });
}
