// Exercises for the sequence-shapes page: a small Keras Sequential model, its shapes read by
// topology-shapes.ts, the reader that draws the page's four networks.

import {unwrap} from "../core/result.js";
import {sequenceShape, shapeLabel, topologyShapes, type Shape} from "../models/topology-shapes.js";
import {given} from "./given.js";
import {pick, pickOne, type Exercise} from "./question.js";

const n = (x: number) => x.toLocaleString("en");

type Cell = "SimpleRNN" | "LSTM" | "GRU";
interface Recurrent {
  cell: Cell;
  units: number;
  sequences: boolean;
}
interface StackSpec {
  features: number;
  layers: Recurrent[];
  dense: number;
}

/** A model.json topology (Sequential) for the stack, as tfjs saves one. */
function stackJson({features, layers, dense}: StackSpec) {
  return {
    modelTopology: {
      class_name: "Sequential",
      config: {
        layers: [
          ...layers.map((l, k) => ({
            class_name: l.cell,
            config: {
              name: `${l.cell.toLowerCase()}_${k + 1}`,
              units: l.units,
              return_sequences: l.sequences,
              ...(k === 0 ? {batch_input_shape: [null, null, features]} : {})
            }
          })),
          {class_name: "Dense", config: {name: "dense", units: dense}}
        ]
      }
    }
  };
}

const py = (b: boolean) => (b ? "True" : "False");
const describeStack = ({features, layers, dense}: StackSpec) =>
  `it reads [batch, T, ${features}], then ${layers.map((l) => `${l.cell}(${l.units}, return_sequences=${py(l.sequences)})`).join(", then ")}, then Dense(${dense})`;

function drawStack(r: () => number): StackSpec {
  const count = pick(r, 1, 2);
  const layers = Array.from({length: count}, (_, k) => ({
    cell: pickOne(r, ["SimpleRNN", "LSTM", "GRU"] as Cell[]),
    units: pickOne(r, [8, 16, 32, 64]),
    // A lower layer must hand the next one a sequence.
    sequences: k < count - 1 ? true : r() < 0.5
  }));
  const units = layers[count - 1].units;
  return {
    features: pickOne(r, [1, 3, 8, 26]),
    layers,
    dense: pickOne(
      r,
      [1, 2, 5, 10].filter((d) => d !== units)
    )
  };
}

const NAMES = {
  seq2seq: "sequence to sequence",
  seq2vec: "sequence to vector",
  vec2seq: "vector to sequence",
  delayed: "delayed sequence to sequence"
};

/** Shape of the stack's output, as the page reads it from the file. */
function stackOutput(spec: StackSpec): {output: Shape; name: string} {
  const shapes = unwrap(topologyShapes(stackJson(spec)));
  return {output: shapes.outputs[0].shape, name: NAMES[unwrap(sequenceShape([shapes]))]};
}

/** Sequence shapes: the output shape of a recurrent stack. */
export const outputShapeExercise: Exercise = {
  id: "output-shape",
  title: "the output's shape",
  make(seed) {
    const spec = given(seed, {features: 8, layers: [{cell: "LSTM" as Cell, units: 32, sequences: false}], dense: 2}, drawStack);
    const {output, name} = stackOutput(spec);
    const last = spec.layers.at(-1)!;
    const choices = [`[batch, T, ${spec.dense}]`, `[batch, ${spec.dense}]`, `[batch, T, ${last.units}]`, `[batch, ${last.units}]`];
    const value = shapeLabel(output);
    return {
      prompt: `A Keras model: ${describeStack(spec)}. What is the shape of its output?`,
      answer: {kind: "choice", choices, value},
      explain: `${last.sequences ? `With return_sequences=True the last ${last.cell} writes its state at every step, [batch, T, ${last.units}], and Dense acts on each step` : `With return_sequences=False the last ${last.cell} gives only its final state, [batch, ${last.units}]`}; Dense changes only the last axis to ${spec.dense}: ${value}. The input has a time axis and the output ${last.sequences ? "too" : "has none"}, so this is ${name}.`
    };
  }
};

/** Sequence shapes: how many numbers a stack writes for one sequence of T steps. */
export const outputCountExercise: Exercise = {
  id: "output-count",
  title: "how many numbers come out",
  make(seed) {
    const {spec, steps} = given(
      seed,
      {spec: {features: 1, layers: [{cell: "GRU" as Cell, units: 16, sequences: true}], dense: 1}, steps: 30},
      (r) => ({spec: drawStack(r), steps: pickOne(r, [7, 12, 30, 50, 100])})
    );
    const {output, name} = stackOutput(spec);
    // One sequence: batch 1, and T steps wherever the shape has a time axis.
    const count = output.slice(1).reduce<number>((p, d) => p * (d ?? steps), 1);
    return {
      prompt: `A Keras model: ${describeStack(spec)}. It is given one sequence of T = ${steps} steps. How many numbers does it output?`,
      answer: {kind: "number", value: count, shown: n(count)},
      explain: `The output shape is ${shapeLabel(output)}: ${output.length === 3 ? `${steps} steps · ${spec.dense} = ${n(count)}, one output per step (${name})` : `${spec.dense}, however long the sequence (${name}): only the last state reaches the Dense layer`}.`
    };
  }
};
