// Two synthetic sequence tasks that isolate memory and timing, generated from a seed so the
// loaders and the tests get the same sequences every time.
//
// Long lag (recall a marked symbol through distractors): every step shows one of `classes`
// symbols drawn at random, and step 0 also carries a marker; the label, read after the last
// step, is the marked symbol, `lag` steps back. Later steps show the same symbols, so a network
// cannot keep its memory by ignoring some input channels, as it could if the distractors had an
// alphabet of their own (a SimpleRNN with an orthogonal recurrent matrix then holds the class
// for 50 steps): it must store at the marker and hold against every later input. Chance is
// 1/classes.
//
// Timing: a single cue (a 1 on the input) at a random step; the target is 1 exactly `k` steps
// after the cue and 0 everywhere else, so the network must count k steps with nothing to mark
// them (Gers & Schmidhuber's peephole experiments are of this kind).

export interface LongLagOptions {
  lag: number;
  count: number;
  /** Symbols (default 4: chance 25%). */
  classes?: number;
}

export interface LongLagSet {
  lag: number;
  count: number;
  /** Time steps per sequence: lag + 1. */
  steps: number;
  /** One-hot symbol channels, then the marker channel (1 at step 0 only): classes + 1. */
  channels: number;
  classes: number;
  /** count × steps × channels. */
  x: Float32Array;
  /** The class of every sequence (its marked step-0 symbol). */
  labels: Uint8Array;
  /** The symbol of every sequence's last step (what a memoryless guess would answer). */
  lastSymbols: Uint8Array;
}

/** `count` seeded sequences of the long-lag task; draws one symbol per step, step 0 first. */
export function longLagSet(random: () => number, {lag, count, classes = 4}: LongLagOptions): LongLagSet {
  if (!Number.isInteger(lag) || lag < 1) throw new RangeError(`lag must be a whole number of at least 1 (got ${lag})`);
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a whole number of at least 1 (got ${count})`);
  if (!Number.isInteger(classes) || classes < 2 || classes > 255) throw new RangeError(`need 2–255 classes (got ${classes})`);
  const steps = lag + 1;
  const channels = classes + 1;
  const x = new Float32Array(count * steps * channels);
  const labels = new Uint8Array(count);
  const lastSymbols = new Uint8Array(count);
  for (let n = 0; n < count; n++) {
    const base = n * steps * channels;
    for (let t = 0; t < steps; t++) {
      const symbol = Math.floor(random() * classes);
      x[base + t * channels + symbol] = 1;
      if (t === 0) labels[n] = symbol;
      if (t === lag) lastSymbols[n] = symbol;
    }
    x[base + classes] = 1;
  }
  return {lag, count, steps, channels, classes, x, labels, lastSymbols};
}

export interface TimingOptions {
  k: number;
  count: number;
  /** The cue falls on one of the first `cueWindow` steps (default 10). */
  cueWindow?: number;
  /** Steps after the latest possible pulse (default 5), so a late pulse counts as wrong. */
  tail?: number;
}

export interface TimingSet {
  k: number;
  count: number;
  /** cueWindow + k + tail */
  steps: number;
  /** count × steps, 1 at the cue. */
  x: Float32Array;
  /** count × steps, 1 exactly k steps after the cue. */
  y: Float32Array;
  /** Step of every sequence's cue. */
  cues: Uint16Array;
}

export function timingSet(random: () => number, {k, count, cueWindow = 10, tail = 5}: TimingOptions): TimingSet {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a whole number of at least 1 (got ${k})`);
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a whole number of at least 1 (got ${count})`);
  if (!Number.isInteger(cueWindow) || cueWindow < 1 || !Number.isInteger(tail) || tail < 0)
    throw new RangeError("cueWindow must be at least 1 and tail at least 0");
  const steps = cueWindow + k + tail;
  const x = new Float32Array(count * steps);
  const y = new Float32Array(count * steps);
  const cues = new Uint16Array(count);
  for (let n = 0; n < count; n++) {
    const cue = Math.floor(random() * cueWindow);
    cues[n] = cue;
    x[n * steps + cue] = 1;
    y[n * steps + cue + k] = 1;
  }
  return {k, count, steps, x, y, cues};
}

/** One sequence's input and target of a timing task with its cue at `cue` (for a page's plot). */
export function timingSequence(k: number, cue: number, steps: number): {x: Float32Array; y: Float32Array} {
  const x = new Float32Array(steps);
  const y = new Float32Array(steps);
  if (cue >= 0 && cue < steps) x[cue] = 1;
  if (cue + k >= 0 && cue + k < steps) y[cue + k] = 1;
  return {x, y};
}

export interface PulseScore {
  /** Sequences whose output is above the threshold at the target step and nowhere else. */
  exact: number;
  /** Sequences whose highest output after the cue is at the target step. */
  peakOnTime: number;
  /** Mean |step of the highest output after the cue − target step|. */
  meanTimingError: number;
  count: number;
}

/**
 * Scores outputs (count × steps, values 0–1) of a timing task: an exact pulse means above
 * `threshold` at cue + k and at or below it at every other step.
 */
export function scorePulses(
  outputs: ArrayLike<number>,
  set: Pick<TimingSet, "k" | "count" | "steps" | "cues">,
  threshold = 0.5
): PulseScore {
  const {k, count, steps, cues} = set;
  if (outputs.length !== count * steps) throw new RangeError(`expected ${count}×${steps} outputs, got ${outputs.length}`);
  let exact = 0;
  let peakOnTime = 0;
  let errorSum = 0;
  for (let n = 0; n < count; n++) {
    const target = cues[n] + k;
    let good = true;
    // The highest output after the cue (k ≥ 1, so the target is among these steps).
    let peak = -1;
    for (let t = 0; t < steps; t++) {
      const v = outputs[n * steps + t];
      if (v > threshold !== (t === target)) good = false;
      if (t > cues[n] && (peak < 0 || v > outputs[n * steps + peak])) peak = t;
    }
    if (good) exact++;
    if (peak === target) peakOnTime++;
    errorSum += Math.abs(peak - target);
  }
  return {exact: exact / count, peakOnTime: peakOnTime / count, meanTimingError: errorSum / count, count};
}
