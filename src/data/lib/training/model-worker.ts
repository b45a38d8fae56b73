// The model loaders' worker thread (see startReplica in model-training.ts): it trains the small
// networks on its own ("alone"), then a second copy of the CNN on the other half of each batch
// ("train", see parallel-training.ts).
import {parentPort, workerData} from "node:worker_threads";
import type {TrainableSpec} from "../../../lib/training/build-model.js";
import {predictProbabilities} from "../../../lib/training/train.js";
import {prepare, trainNetwork, type WorkerJob} from "./model-training.js";
import {inputShapeOf, messageQueue, replicaLoop} from "./parallel-training.js";
import {startTrainingBackend} from "./training-backend.js";

const port = parentPort!;
const queue = messageQueue();
port.on("message", (message: {type: string}) => queue.push(message));

const {dataset, quick, backend: prefer} = workerData as WorkerJob;
const backend = await startTrainingBackend({prefer});
const {tf} = backend;
const data = prepare(tf, dataset, quick);
const log = (line: string) => port.postMessage({type: "log", line});
// Jobs arrive in order: every "alone" job before the "train" job that needs this thread.
void (async () => {
  for (;;) {
    const {spec} = await queue.next<{spec: TrainableSpec}>("alone");
    const result = await trainNetwork(backend, spec, data, quick, log, null);
    port.postMessage({type: "result", result});
  }
})().catch((error: unknown) => {
  throw error;
});
for (;;) {
  const {spec} = await queue.next<{spec: TrainableSpec}>("train");
  const inputShape = inputShapeOf(spec);
  const xTest = data.xTest.reshape([data.xTest.shape[0], ...inputShape]);
  const set = {pixels: data.trainPixels, labels: data.trainLabels, inputShape, classes: 10};
  await replicaLoop(tf, spec, set, xTest, (message, transfer) => port.postMessage(message, transfer), queue.next, (model, rows) => predictProbabilities(tf, model, rows));
  xTest.dispose();
}
