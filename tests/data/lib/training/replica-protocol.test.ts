// The two-thread replica protocol with a fake peer: serveReplica runs in this thread behind a
// Peer that clones every message as postMessage would. Both replicas stay equal to the bit, the
// result is the same with and without the peer, and the worker refuses work it cannot do.
import {beforeAll, describe, expect, test} from "vitest";
import type {Scalar} from "@tensorflow/tfjs";
import {
  addInto,
  assignValues,
  checkFiniteLoss,
  gradientsOf,
  halves,
  replicaOf,
  replicaPair,
  serveReplica,
  type HalfStep,
  type Peer,
  type Replica,
  type ReplicaMessage,
  type ReplicaParts,
  variableValues
} from "../../../../src/data/lib/training/replica-protocol.js";
import {messageQueue} from "../../../../src/data/lib/training/ts-worker.js";
import {tf, useBackend} from "../../../../src/data/lib/training/tf-node.js";

interface Init {
  seed: number;
  learningRate: number;
}

/** Rows of a regression batch: 3 inputs and 2 targets each. */
interface Half {
  x: Float32Array;
  y: Float32Array;
  batchSize: number;
}

const parts: ReplicaParts<Init, Half, Replica, HalfStep> = {
  create({seed, learningRate}) {
    const model = tf.sequential({
      layers: [tf.layers.dense({inputShape: [3], units: 2, kernelInitializer: tf.initializers.glorotUniform({seed})})]
    });
    model.compile({optimizer: tf.train.adam(learningRate), loss: "meanSquaredError"});
    return replicaOf(model);
  },
  gradients(replica, {x, y, batchSize}) {
    const rows = x.length / 3;
    return gradientsOf(tf, replica, rows, batchSize, () => {
      const xs = tf.tensor2d(x, [rows, 3]);
      const ys = tf.tensor2d(y, [rows, 2]);
      return () => (replica.model.apply(xs) as Scalar).sub(ys).square().sum().div(batchSize) as Scalar;
    });
  },
  transfer: (half) => [half.x.buffer as ArrayBuffer, half.y.buffer as ArrayBuffer]
};

/** A worker in this thread: what the main thread sends is cloned (buffers moved) into its inbox. */
function fakeWorker(): Peer & {sent: string[]} {
  const inbox: unknown[] = [];
  let waiting: ((message: unknown) => void) | null = null;
  const fromWorker = messageQueue();
  const sent: string[] = [];
  const post = (message: unknown, transfer?: ArrayBuffer[]) => fromWorker.push(structuredClone(message, {transfer}) as {type: string});
  const next = () => (inbox.length ? Promise.resolve(inbox.shift()) : new Promise((resolve) => (waiting = resolve)));
  serveReplica(
    tf,
    parts,
    post,
    next as () => Promise<ReplicaMessage<Init, Half> | {type: "weights"}>,
    (_message: {type: "weights"}, replica) => {
      post({type: "weights", values: variableValues(replica!)});
    }
  ).catch((error: Error) => fromWorker.fail(error));
  return {
    sent,
    send(message, transfer) {
      sent.push((message as {type: string}).type);
      const copy = structuredClone(message, {transfer});
      if (waiting) {
        const resolve = waiting;
        waiting = null;
        resolve(copy);
      } else inbox.push(copy);
    },
    next: fromWorker.next
  };
}

/** Seeded batches of 5 rows (odd, so the halves differ in size). */
function batch(step: number): {x: Float32Array; y: Float32Array} {
  const x = Float32Array.from({length: 15}, (_, i) => Math.sin(step * 31 + i));
  const y = Float32Array.from({length: 10}, (_, i) => Math.cos(step * 17 + i));
  return {x, y};
}

async function train(peer: Peer | null): Promise<{main: Float32Array; lossSums: number[]}> {
  const pair = replicaPair(tf, parts, {seed: 3, learningRate: 0.05}, peer);
  const lossSums: number[] = [];
  for (let step = 0; step < 6; step++) {
    if (step % 3 === 0) pair.setLearningRate(0.05 / (1 + step));
    const {x, y} = batch(step);
    const [mine, theirs] = await pair.step(
      {x: x.slice(0, 9), y: y.slice(0, 6), batchSize: 5},
      {x: x.slice(9), y: y.slice(6), batchSize: 5},
      (sum) => sum.map((g) => Math.max(-1, Math.min(1, g)))
    );
    lossSums.push(mine.lossSum + theirs.lossSum);
  }
  const main = variableValues(pair.replica);
  pair.replica.model.dispose();
  return {main, lossSums};
}

beforeAll(async () => {
  await useBackend("cpu");
});

describe("replica protocol", () => {
  test("with a worker, both replicas end equal to the bit, and equal to training without one", async () => {
    const peer = fakeWorker();
    const withPeer = await train(peer);
    peer.send({type: "weights"});
    const worker = (await peer.next<{values: Float32Array}>("weights")).values;
    const alone = await train(null);
    expect(Buffer.from(worker.buffer).equals(Buffer.from(withPeer.main.buffer))).toBe(true);
    expect(Buffer.from(alone.main.buffer).equals(Buffer.from(withPeer.main.buffer))).toBe(true);
    expect(alone.lossSums).toEqual(withPeer.lossSums);
    expect(peer.sent.slice(0, 4)).toEqual(["init", "rate", "half", "sum"]);
    expect(peer.sent.filter((type) => type === "half")).toHaveLength(6);
  });

  test("values taken after a step put both replicas back there after later steps (a kept epoch)", async () => {
    const peer = fakeWorker();
    const pair = replicaPair(tf, parts, {seed: 3, learningRate: 0.05}, peer);
    const step = async (k: number) => {
      const {x, y} = batch(k);
      await pair.step({x: x.slice(0, 9), y: y.slice(0, 6), batchSize: 5}, {x: x.slice(9), y: y.slice(6), batchSize: 5});
    };
    await step(0);
    const kept = variableValues(pair.replica);
    await step(1);
    await step(2);
    const later = variableValues(pair.replica);
    expect(Buffer.from(later.buffer).equals(Buffer.from(kept.buffer))).toBe(false);
    pair.setValues(kept);
    peer.send({type: "weights"});
    const worker = (await peer.next<{values: Float32Array}>("weights")).values;
    expect(Buffer.from(variableValues(pair.replica).buffer).equals(Buffer.from(kept.buffer))).toBe(true);
    expect(Buffer.from(worker.buffer).equals(Buffer.from(kept.buffer))).toBe(true);
    expect(() => assignValues(tf, pair.replica, new Float32Array(3))).toThrow(/expected 8 values, got 3/);
    pair.replica.model.dispose();
  });

  test("the worker refuses work before its network and messages it does not know", async () => {
    const refuse = async (message: unknown) => {
      const queue = [message as ReplicaMessage<Init, Half>];
      const next = () => {
        const first = queue.shift();
        return first ? Promise.resolve(first) : new Promise<never>(() => {});
      };
      return serveReplica(tf, parts, () => {}, next);
    };
    await expect(refuse({type: "half", half: {x: new Float32Array(3), y: new Float32Array(2), batchSize: 1}})).rejects.toThrow(
      /before its network/
    );
    await expect(refuse({type: "predict"})).rejects.toThrow(/does not know: predict/);
  });

  test("pieces: halves round the first up, sums in place, an empty half is zeros, a diverged loss stops", () => {
    expect(halves([1, 2, 3, 4, 5])).toEqual([
      [1, 2, 3],
      [4, 5]
    ]);
    expect(halves([7])).toEqual([[7], []]);
    expect(Array.from(addInto(Float32Array.of(1, 2), Float32Array.of(0.5, -2)))).toEqual([1.5, 0]);
    const replica = parts.create({seed: 1, learningRate: 0.1});
    const empty = parts.gradients(replica, {x: new Float32Array(0), y: new Float32Array(0), batchSize: 4});
    expect(empty.lossSum).toBe(0);
    expect(Array.from(empty.grads)).toEqual(new Array(replica.size).fill(0));
    expect(replica.size).toBe(3 * 2 + 2);
    replica.model.dispose();
    expect(() => checkFiniteLoss(Number.NaN)).toThrow(/diverged/);
  });
});
