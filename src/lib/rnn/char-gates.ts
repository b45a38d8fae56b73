// Every gate of a character model's recurrent layer, at every character of a passage: what the
// gate pages draw as heatmaps. The model (lib/models/char-model.ts) reads one-hot characters into one
// LSTM or GRU layer named "cell"; here its weights come straight from the zip members model.json
// + weights.bin (no tfjs needed) and the passage runs through the step-by-step cells
// (lstm-cell.ts, gru-cell.ts), which are tested to match tfjs's layers.
import type {ActivationName} from "./cell-activations.js";
import type {CellWeights} from "./cell-weights.js";
import {cellWeightsFromTensors} from "./cell-weights.js";
import {weightsFromFiles} from "../formats/model-files.js";
import {runGru, type GruRun} from "./gru-cell.js";
import {runLstm, type LstmRun} from "./lstm-cell.js";
import {charFeatures, concatFeatures, rankUnits, rankUnitsInSlices, type FeatureRanking} from "./char-features.js";
import {charIndex, encodeChars, unknownChars} from "../models/char-model.js";
import {fail, ok, type Result} from "../core/result.js";

export type GateCell = "lstm" | "gru";

/** The recurrent layer of a saved model: its weights and the activations it was built with. */
export interface RecurrentLayer {
  cell: GateCell;
  /** Inputs per step: the vocabulary size for one-hot characters. */
  inputDim: number;
  units: number;
  weights: CellWeights;
  activation: ActivationName;
  recurrentActivation: ActivationName;
}

/** Keras/tfjs serialise activations in snake case ("hard_sigmoid"); the cells take camel case. */
function activationName(value: unknown, fallback: ActivationName, what: string): ActivationName {
  if (value === undefined || value === null) return fallback;
  const name = String(value).replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
  if (!["tanh", "relu", "sigmoid", "hardSigmoid", "linear"].includes(name))
    throw new Error(`${what} is "${String(value)}", which the step-by-step cells do not compute`);
  return name as ActivationName;
}

interface LayerJson {
  class_name?: string;
  className?: string;
  config?: Record<string, unknown>;
}

/** The layers listed in a model.json topology (Sequential or functional). */
function topologyLayers(modelJson: unknown): LayerJson[] {
  const topology = (modelJson as {modelTopology?: {config?: unknown; model_config?: {config?: unknown}}})?.modelTopology;
  const config = (topology?.model_config?.config ?? topology?.config) as {layers?: LayerJson[]} | LayerJson[] | undefined;
  const layers = Array.isArray(config) ? config : config?.layers;
  if (!Array.isArray(layers)) throw new Error("model.json: no layer list in modelTopology");
  return layers;
}

/**
 * The recurrent layer `name` of a saved tfjs layers model, from its two files. The activations
 * are read from the topology, so a model trained with tfjs's default hardSigmoid gates and one
 * with the logistic sigmoid both come out right.
 */
export function recurrentLayerFromFiles(modelJson: unknown, weights: ArrayBuffer | Uint8Array, name = "cell"): RecurrentLayer {
  const layer = topologyLayers(modelJson).find((l) => l.config?.name === name);
  if (!layer) throw new Error(`model.json has no layer named "${name}"`);
  const kind = String(layer.class_name ?? layer.className ?? "");
  if (kind !== "LSTM" && kind !== "GRU") throw new Error(`layer "${name}" is a ${kind}, not an LSTM or GRU`);
  const cell: GateCell = kind === "LSTM" ? "lstm" : "gru";
  const config = layer.config ?? {};
  if (kind === "GRU" && config.reset_after) throw new Error(`layer "${name}" uses reset_after, which tfjs's GRU does not compute`);
  const byName = weightsFromFiles(modelJson, weights);
  const get = (suffix: string) => {
    const tensor = byName.get(`${name}/${suffix}`);
    if (!tensor) throw new Error(`model.json has no weight "${name}/${suffix}"`);
    return tensor;
  };
  const tensors = [get("kernel"), get("recurrent_kernel")];
  if (config.use_bias !== false) tensors.push(get("bias"));
  const cellWeights = cellWeightsFromTensors(tensors);
  const units = cellWeights.recurrentKernel.length;
  const gates = cell === "lstm" ? 4 : 3;
  if (cellWeights.kernel[0]?.length !== gates * units)
    throw new Error(`layer "${name}": kernel has ${cellWeights.kernel[0]?.length} columns, expected ${gates}·${units}`);
  return {
    cell,
    inputDim: cellWeights.kernel.length,
    units,
    weights: cellWeights,
    activation: activationName(config.activation, "tanh", `layer "${name}" activation`),
    recurrentActivation: activationName(config.recurrent_activation, "hardSigmoid", `layer "${name}" recurrent_activation`)
  };
}

/** One signal over the passage: values[t][unit]. */
export interface GateSignal {
  id: string;
  /** As the lecture writes it: "forget gate fₜ". */
  name: string;
  /** The range the values can take, for a colour scale. */
  domain: [number, number];
  values: Float32Array[];
}

export interface GateTrace {
  cell: GateCell;
  units: number;
  /** Characters read (one step each). */
  steps: number;
  signals: GateSignal[];
}

/** One-hot rows for character ids; the cells skip the zeros, so a step costs one kernel row. */
export function oneHotRows(ids: ArrayLike<number>, size: number): Float32Array[] {
  return Array.from(ids, (id) => {
    const row = new Float32Array(size);
    row[id] = 1;
    return row;
  });
}

/**
 * Runs the layer over character ids and returns every gate and state at every step. For an LSTM:
 * forget, input and output gates, the candidate, c_t and h_t; for a GRU: update and reset gates,
 * the candidate and h_t. It starts from the zero state (as tfjs does), or from the state left by
 * reading `warmup` first, whose steps are not in the trace.
 */
export function gateTrace(
  layer: RecurrentLayer,
  ids: ArrayLike<number>,
  {warmup = []}: {warmup?: ArrayLike<number>} = {}
): Result<GateTrace> {
  const checked = checkIds(layer, ids, warmup);
  if (!checked.ok) return checked;
  const options = {activation: layer.activation, recurrentActivation: layer.recurrentActivation, ...warmState(layer, warmup)};
  const xs = oneHotRows(ids, layer.inputDim);
  return ok(traceOf(layer, layer.cell === "lstm" ? runLstm(xs, layer.weights, options) : runGru(xs, layer.weights, options)));
}

/** Every id in the vocabulary, and at least one character to read. */
function checkIds(layer: RecurrentLayer, ids: ArrayLike<number>, warmup: ArrayLike<number>): Result<null> {
  if (ids.length === 0) return fail("There are no characters to read.");
  for (const [what, list] of [
    ["Character", ids],
    ["Warm-up character", warmup]
  ] as const) {
    for (let t = 0; t < list.length; t++) {
      const id = list[t];
      if (!(Number.isInteger(id) && id >= 0 && id < layer.inputDim))
        return fail(`${what} ${t + 1} has id ${id}, outside the vocabulary (0–${layer.inputDim - 1}).`);
    }
  }
  return ok(null);
}

/** The signals of a run of the layer's cell. */
function traceOf(layer: RecurrentLayer, run: LstmRun | GruRun): GateTrace {
  const gate: [number, number] = [0, 1];
  const signed: [number, number] = [-1, 1];
  const steps = run.steps.length;
  if ("c" in run) {
    const lstm = run as LstmRun;
    const c = lstm.c;
    const cMax = c.reduce((m, row) => row.reduce((a, v) => Math.max(a, Math.abs(v)), m), 1);
    return {
      cell: "lstm",
      units: layer.units,
      steps,
      signals: [
        {id: "f", name: "forget gate fₜ", domain: gate, values: lstm.steps.map((s) => s.f)},
        {id: "i", name: "input gate iₜ", domain: gate, values: lstm.steps.map((s) => s.i)},
        {id: "o", name: "output gate oₜ", domain: gate, values: lstm.steps.map((s) => s.o)},
        {id: "c", name: "cell state cₜ", domain: [-cMax, cMax], values: c},
        {id: "g", name: "candidate C̃ₜ", domain: signed, values: lstm.steps.map((s) => s.g)},
        {id: "h", name: "short-term state hₜ", domain: signed, values: lstm.h}
      ]
    };
  }
  const gru = run as GruRun;
  return {
    cell: "gru",
    units: layer.units,
    steps,
    signals: [
      {id: "z", name: "update gate zₜ", domain: gate, values: gru.steps.map((s) => s.z)},
      {id: "r", name: "reset gate rₜ", domain: gate, values: gru.steps.map((s) => s.r)},
      {id: "hCandidate", name: "candidate h̃ₜ", domain: signed, values: gru.steps.map((s) => s.hCandidate)},
      {id: "h", name: "state hₜ", domain: signed, values: gru.h}
    ]
  };
}

/** What long work awaits between slices so that the page can paint and answer the reader (pages pass nextFrame). */
export type Pause = () => Promise<void>;

export interface SliceOptions {
  pause: Pause;
  /** Milliseconds of work between pauses (checked every few steps). */
  budgetMs?: number;
}

const STEPS_PER_CHECK = 16;

/**
 * The layer's cell over `ids` from a state, run a few steps at a time with `pause()` awaited
 * whenever `budgetMs` of work has passed: the same steps, in the same order, as one run.
 */
async function runInSlices(
  layer: RecurrentLayer,
  ids: ArrayLike<number>,
  start: {h0?: Float32Array; c0?: Float32Array},
  {pause, budgetMs = 30}: SliceOptions
): Promise<LstmRun | GruRun> {
  const options = {activation: layer.activation, recurrentActivation: layer.recurrentActivation};
  const lstm: LstmRun = {steps: [], h: [], c: []};
  const gru: GruRun = {steps: [], h: []};
  let {h0, c0} = start;
  let since = performance.now();
  for (let from = 0; from < ids.length; from += STEPS_PER_CHECK) {
    if (performance.now() - since > budgetMs) {
      await pause();
      since = performance.now();
    }
    const xs = oneHotRows(
      Array.from({length: Math.min(STEPS_PER_CHECK, ids.length - from)}, (_, k) => ids[from + k]),
      layer.inputDim
    );
    if (layer.cell === "lstm") {
      const run = runLstm(xs, layer.weights, {...options, h0, c0});
      lstm.steps.push(...run.steps);
      lstm.h.push(...run.h);
      lstm.c.push(...run.c);
      [h0, c0] = [run.h.at(-1), run.c.at(-1)];
    } else {
      const run = runGru(xs, layer.weights, {...options, h0});
      gru.steps.push(...run.steps);
      gru.h.push(...run.h);
      h0 = run.h.at(-1);
    }
  }
  return layer.cell === "lstm" ? lstm : gru;
}

/**
 * gateTrace in slices, pausing between them: the same trace, with the page free to paint and
 * answer its controls while it is computed.
 */
export async function gateTraceInSlices(
  layer: RecurrentLayer,
  ids: ArrayLike<number>,
  {warmup = [], ...slices}: {warmup?: ArrayLike<number>} & SliceOptions
): Promise<Result<GateTrace>> {
  const checked = checkIds(layer, ids, warmup);
  if (!checked.ok) return checked;
  let start = {};
  if (warmup.length) {
    const warm = await runInSlices(layer, warmup, {}, slices);
    start = {h0: Float32Array.from(warm.h.at(-1)!), c0: "c" in warm ? Float32Array.from((warm as LstmRun).c.at(-1)!) : undefined};
  }
  return ok(traceOf(layer, await runInSlices(layer, ids, start, slices)));
}

/** The state after reading `ids` from zeros, as run options (nothing for no warm-up). */
function warmState(layer: RecurrentLayer, ids: ArrayLike<number>): {h0?: Float32Array; c0?: Float32Array} {
  if (ids.length === 0) return {};
  const xs = oneHotRows(ids, layer.inputDim);
  const options = {activation: layer.activation, recurrentActivation: layer.recurrentActivation};
  if (layer.cell === "lstm") {
    const run = runLstm(xs, layer.weights, options);
    return {h0: Float32Array.from(run.h.at(-1)!), c0: Float32Array.from(run.c.at(-1)!)};
  }
  return {h0: Float32Array.from(runGru(xs, layer.weights, options).h.at(-1)!)};
}

/** The signal with this id (throws if the trace has none: a programming error, not input). */
export function signal(trace: GateTrace, id: string): GateSignal {
  const found = trace.signals.find((s) => s.id === id);
  if (!found) throw new Error(`a ${trace.cell} trace has no signal "${id}"`);
  return found;
}

/** Longest passage the gate pages draw: every character is a column of every heatmap. */
export const MAX_PASSAGE_CHARS = 1200;

/** A passage typed or picked → character ids, or a message: empty, too long, or unknown characters. */
export function passageIds(
  text: string,
  vocab: readonly string[],
  {maxLength = MAX_PASSAGE_CHARS} = {}
): Result<{chars: string[]; ids: Int32Array}> {
  if (typeof text !== "string" || text.trim().length === 0) return fail("The passage is empty: pick one or type some text.");
  const chars = [...text];
  if (chars.length > maxLength)
    return fail(
      `The passage has ${chars.length.toLocaleString("en")} characters; this page draws at most ${maxLength.toLocaleString("en")}.`
    );
  const index = charIndex(vocab);
  const unknown = unknownChars(text, index);
  if (unknown.length) {
    const shown = unknown
      .slice(0, 6)
      .map((ch) => `“${ch}” (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")})`)
      .join(", ");
    return fail(
      `The model's ${vocab.length - 1} characters do not include ${shown}${unknown.length > 6 ? ", …" : ""}: remove ${unknown.length === 1 ? "it" : "them"} to see the gates.`
    );
  }
  return ok({chars, ids: encodeChars(text, index)});
}

/** A passage to read: its text, and optionally the text before it to warm the state up on. */
export type ReadPassage = string | {text: string; warmup?: string};

/** Each passage's ids and warm-up ids, or the first message. */
function passageInputs(
  passages: readonly ReadPassage[],
  vocab: readonly string[]
): Result<{texts: string[]; inputs: {ids: Int32Array; warmup: Int32Array}[]}> {
  const texts = passages.map((p) => (typeof p === "string" ? p : p.text));
  const inputs: {ids: Int32Array; warmup: Int32Array}[] = [];
  for (const [k, p] of passages.entries()) {
    const passage = passageIds(texts[k], vocab, {maxLength: Infinity});
    if (!passage.ok) return fail(`Passage ${k + 1}: ${passage.message}`);
    const warmupText = typeof p === "string" ? "" : (p.warmup ?? "");
    const warmup = warmupText ? passageIds(warmupText, vocab, {maxLength: Infinity}) : ok({chars: [], ids: new Int32Array(0)});
    if (!warmup.ok) return fail(`Passage ${k + 1}'s warm-up: ${warmup.message}`);
    inputs.push({ids: passage.value.ids, warmup: warmup.value.ids});
  }
  return ok({texts, inputs});
}

/** The chosen signals of every trace joined end to end, and the texts' features joined the same way. */
function joined(traces: readonly GateTrace[], texts: readonly string[], signalIds: readonly string[]) {
  const signals = signalIds.map((id) => {
    const parts = traces.map((t) => signal(t, id));
    return {id, name: parts[0]?.name ?? id, values: parts.flatMap((p) => p.values)};
  });
  return {signals, features: concatFeatures(texts.map((text) => charFeatures(text)))};
}

/** The chosen signals of every trace joined end to end, ranked against the texts' features. */
function rankTraces(
  traces: readonly GateTrace[],
  texts: readonly string[],
  signalIds: readonly string[],
  top: number
): Result<{rankings: FeatureRanking[]; characters: number}> {
  const {signals, features} = joined(traces, texts, signalIds);
  const rankings = rankUnits(signals, features, {top});
  return rankings.ok ? ok({rankings: rankings.value, characters: features[0]?.values.length ?? 0}) : rankings;
}

/**
 * The search for readable units: every text run from the zero state or after its warm-up, its
 * features and the chosen signals joined end to end, then each feature's best-correlated
 * (signal, unit) pairs.
 */
export function featureRanking(
  layer: RecurrentLayer,
  passages: readonly ReadPassage[],
  vocab: readonly string[],
  signalIds: readonly string[],
  {top = 3} = {}
): Result<{rankings: FeatureRanking[]; characters: number}> {
  const prepared = passageInputs(passages, vocab);
  if (!prepared.ok) return prepared;
  const traces: GateTrace[] = [];
  for (const [k, {ids, warmup}] of prepared.value.inputs.entries()) {
    const trace = gateTrace(layer, ids, {warmup});
    if (!trace.ok) return fail(`Passage ${k + 1}: ${trace.message}`);
    traces.push(trace.value);
  }
  return rankTraces(traces, prepared.value.texts, signalIds, top);
}

/** How featureRankingInSlices reads passage k: gateTraceInSlices by default, or a page's shared copy. */
export type PassageTrace = (k: number, ids: Int32Array, warmup: Int32Array) => Promise<Result<GateTrace>>;

/**
 * featureRanking in slices, pausing between them, with `progress(done, total)` after each
 * passage: the same rankings. `trace` lets a page share each passage's trace with the heatmap
 * that draws it.
 */
export async function featureRankingInSlices(
  layer: RecurrentLayer,
  passages: readonly ReadPassage[],
  vocab: readonly string[],
  signalIds: readonly string[],
  {
    top = 3,
    pause,
    budgetMs,
    trace = (_k, ids, warmup) => gateTraceInSlices(layer, ids, {warmup, pause, budgetMs}),
    progress = () => {}
  }: SliceOptions & {top?: number; trace?: PassageTrace; progress?: (done: number, total: number) => void}
): Promise<Result<{rankings: FeatureRanking[]; characters: number}>> {
  const prepared = passageInputs(passages, vocab);
  if (!prepared.ok) return prepared;
  const {texts, inputs} = prepared.value;
  const traces: GateTrace[] = [];
  for (const [k, {ids, warmup}] of inputs.entries()) {
    const read = await trace(k, ids, warmup);
    if (!read.ok) return fail(`Passage ${k + 1}: ${read.message}`);
    traces.push(read.value);
    progress(k + 1, inputs.length);
  }
  const {signals, features} = joined(traces, texts, signalIds);
  const rankings = await rankUnitsInSlices(signals, features, {top, pause});
  return rankings.ok ? ok({rankings: rankings.value, characters: features[0]?.values.length ?? 0}) : rankings;
}
