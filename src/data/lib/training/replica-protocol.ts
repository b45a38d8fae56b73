// The two-thread replica protocol of the training loaders, written once. tfjs's wasm backend uses
// one core and the build machine has two, so the main thread and one worker thread each hold an
// identical replica of the network (same seeds, same optimizer):
//   "init" {init}          the worker builds its replica from what the main thread built its own
//   "rate" {learningRate}  both set the optimizer's learning rate (at every epoch)
//   "half" {half}          per batch: the worker's half of it; each thread computes the gradient
//                          of its half's summed loss ÷ the whole batch's size
//   "grads" (worker →)     the worker's flat gradient (variables in order), its loss sum, …
//   "sum" {grads}          the main thread adds the two (its own first, float32, in JavaScript),
//                          optionally transforms the sum (clipping), sends it back; both apply it
//   "values" {values}      both set the trainable variables to these (flat, in order): an earlier
//                          epoch's weights kept as the best
// so the replicas stay bit-for-bit equal. Without a worker the main thread computes both halves
// itself, in the same order, so results do not depend on the number of threads.
//
// A trainer supplies the model-specific parts (ReplicaParts: build a replica, compute a half's
// gradients); its main thread drives replicaPair, its worker runs serveReplica, which hands any
// other message (predictions, whole jobs) to the trainer's own handler. Imported only by the
// trainers and workers in src/data/lib/training/ (Node, build time); pages never load it.
import type {LayersModel, NamedTensorMap, Optimizer, Scalar, Variable} from "@tensorflow/tfjs";
import type {TF} from "../../../lib/core/tf-types.js";
import {disposeModel} from "../../../lib/training/dispose-model.js";
import {setLearningRate} from "../../../lib/training/train.js";

/** The other thread, as the main thread sees it. */
export interface Peer {
  send(message: unknown, transfer?: ArrayBuffer[]): void;
  /** The next message of this type (messages of one type arrive in order). */
  next<T>(type: string): Promise<T>;
}

/** One thread's copy of the network: its model, the trainable variables in order, their optimizer. */
export interface Replica {
  model: LayersModel;
  variables: Variable[];
  optimizer: Optimizer;
  /** Total number of trainable values, the length of a flat gradient. */
  size: number;
}

/** What a thread posts for its half of a batch (trainers add counts, e.g. `correct`). */
export interface HalfStep {
  grads: Float32Array;
  lossSum: number;
}

/** The model-specific parts, built on each thread over that thread's data. */
export interface ReplicaParts<Init, Half, R extends Replica, Step extends HalfStep> {
  /** The replica `init` describes (the same on both threads). */
  create(init: Init): R;
  /** The gradient of a half batch, as gradientsOf computes it. */
  gradients(replica: R, half: Half): Step;
  /** Buffers of a half that may be moved to the worker rather than copied. */
  transfer?(half: Half): ArrayBuffer[];
}

/** The messages serveReplica follows, in the order the main thread sends them. */
export type ReplicaMessage<Init, Half> =
  | {type: "init"; init: Init}
  | {type: "rate"; learningRate: number}
  | {type: "half"; half: Half}
  | {type: "sum"; grads: Float32Array}
  | {type: "values"; values: Float32Array};

const PROTOCOL_TYPES: ReadonlySet<string> = new Set(["init", "rate", "half", "sum", "values"]);

/** The replica of a compiled model: its variables in order and the optimizer it was compiled with. */
export function replicaOf(model: LayersModel): Replica {
  const variables = model.trainableWeights.map((w) => w.read() as Variable);
  return {model, variables, optimizer: model.optimizer, size: variables.reduce((n, v) => n + v.size, 0)};
}

/** The two halves of a batch: the first (rounded up) for the main thread. */
export function halves<T>(rows: readonly T[]): [T[], T[]] {
  const cut = Math.ceil(rows.length / 2);
  return [rows.slice(0, cut), rows.slice(cut)];
}

/**
 * The gradient of a half batch, flattened in variable order, and its loss × `scale` (the loss
 * being the half's sum ÷ the whole batch, `scale` turns it back into a sum). `count` 0 (an empty
 * half) gives zeros. Inside one tf.tidy, `prepare` builds the inputs and returns the loss.
 */
export function gradientsOf(tf: TF, replica: Replica, count: number, scale: number, prepare: () => () => Scalar): HalfStep {
  const grads = new Float32Array(replica.size);
  if (count === 0) return {grads, lossSum: 0};
  let lossSum = 0;
  tf.tidy(() => {
    const loss = prepare();
    const {value, grads: named} = tf.variableGrads(loss, replica.variables);
    lossSum = value.dataSync()[0] * scale;
    flattenGradients(named, replica.variables, grads);
  });
  checkFiniteLoss(lossSum);
  return {grads, lossSum};
}

/** Add `b` into `a` (float32, in JavaScript: the same rounding on every thread). */
export function addInto(a: Float32Array, b: Float32Array): Float32Array {
  for (let i = 0; i < a.length; i++) a[i] += b[i];
  return a;
}

/** Named gradients, flattened in variable order into `into` (the peer exchange format). */
export function flattenGradients(named: NamedTensorMap, variables: Variable[], into: Float32Array): void {
  let offset = 0;
  for (const v of variables) {
    into.set(named[v.name].dataSync(), offset);
    offset += v.size;
  }
}

/** Stop when a loss stops being a number, naming the usual cure. */
export function checkFiniteLoss(lossSum: number): void {
  if (!Number.isFinite(lossSum)) throw new Error(`training diverged: the loss is ${lossSum} (try a smaller learning rate)`);
}

/** One optimizer step with a flat gradient. */
export function applyGradients(tf: TF, replica: Pick<Replica, "variables" | "optimizer">, flat: Float32Array): void {
  tf.tidy(() => {
    const named: NamedTensorMap = {};
    let offset = 0;
    for (const v of replica.variables) {
      named[v.name] = tf.tensor(flat.subarray(offset, offset + v.size), v.shape);
      offset += v.size;
    }
    replica.optimizer.applyGradients(named);
  });
}

/** The trainable variables' values, flat, in order (a copy). */
export function variableValues(replica: Replica): Float32Array {
  const flat = new Float32Array(replica.size);
  let offset = 0;
  for (const v of replica.variables) {
    flat.set(v.dataSync() as Float32Array, offset);
    offset += v.size;
  }
  return flat;
}

/** Set the trainable variables from flat values in order (what variableValues gave). */
export function assignValues(tf: TF, replica: Replica, flat: Float32Array): void {
  if (flat.length !== replica.size) throw new Error(`expected ${replica.size} values, got ${flat.length}`);
  tf.tidy(() => {
    let offset = 0;
    for (const v of replica.variables) {
      v.assign(tf.tensor(flat.subarray(offset, offset + v.size), v.shape));
      offset += v.size;
    }
  });
}

/** The main thread's side: its replica, and the operations that keep the worker's equal to it. */
export interface ReplicaPair<Half, R extends Replica, Step extends HalfStep> {
  replica: R;
  /** Set the learning rate on both replicas. */
  setLearningRate(rate: number): void;
  /**
   * One batch: `theirs` to the worker (or computed here without one), `mine` here, the sum
   * (through `combine`) applied on both. Returns both halves' steps, mine first.
   */
  step(mine: Half, theirs: Half, combine?: (sum: Float32Array) => Float32Array): Promise<[Step, Step]>;
  /** Set both replicas' trainable variables (flat values in order, as variableValues gives). */
  setValues(values: Float32Array): void;
}

/** Build the main thread's replica of `init` and, with `peer`, the worker's ("init"). */
export function replicaPair<Init, Half, R extends Replica, Step extends HalfStep>(
  tf: TF,
  parts: ReplicaParts<Init, Half, R, Step>,
  init: Init,
  peer: Peer | null
): ReplicaPair<Half, R, Step> {
  const replica = parts.create(init);
  const send = (message: ReplicaMessage<Init, Half>, transfer?: ArrayBuffer[]) => peer?.send(message, transfer);
  send({type: "init", init});
  return {
    replica,
    setLearningRate(rate) {
      setLearningRate(replica.model, rate);
      send({type: "rate", learningRate: rate});
    },
    async step(mine, theirs, combine = (sum) => sum) {
      if (peer) send({type: "half", half: theirs}, parts.transfer?.(theirs));
      const a = parts.gradients(replica, mine);
      const b = peer ? await peer.next<Step>("grads") : parts.gradients(replica, theirs);
      const sum = combine(addInto(a.grads, b.grads));
      send({type: "sum", grads: sum});
      applyGradients(tf, replica, sum);
      return [a, b];
    },
    setValues(values) {
      assignValues(tf, replica, values);
      send({type: "values", values: values.slice()});
    }
  };
}

/**
 * The worker's side: a replica that follows the main thread's messages one at a time, in order.
 * `post` sends to the main thread; any message that is not the protocol's goes to `other`, with
 * the current replica (null before the first "init").
 */
export async function serveReplica<Init, Half, R extends Replica, Step extends HalfStep, Other extends {type: string} = never>(
  tf: TF,
  parts: ReplicaParts<Init, Half, R, Step>,
  post: (message: unknown, transfer?: ArrayBuffer[]) => void,
  next: () => Promise<ReplicaMessage<Init, Half> | Other>,
  other?: (message: Other, replica: R | null) => void | Promise<void>
): Promise<never> {
  let replica: R | null = null;
  const ready = () => {
    if (!replica) throw new Error("the worker was sent work before its network");
    return replica;
  };
  for (;;) {
    const message = await next();
    if (!PROTOCOL_TYPES.has(message.type)) {
      if (!other) throw new Error(`the replica worker got a message it does not know: ${message.type}`);
      await other(message as Other, replica);
      continue;
    }
    const m = message as ReplicaMessage<Init, Half>;
    switch (m.type) {
      case "init":
        if (replica) disposeModel(replica.model);
        replica = parts.create(m.init);
        break;
      case "rate":
        setLearningRate(ready().model, m.learningRate);
        break;
      case "half": {
        const step = parts.gradients(ready(), m.half);
        post({type: "grads", ...step}, [step.grads.buffer as ArrayBuffer]);
        break;
      }
      case "sum":
        applyGradients(tf, ready(), m.grads);
        break;
      case "values":
        assignValues(tf, ready(), m.values);
        break;
    }
  }
}
