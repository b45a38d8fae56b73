// The model loaders' worker thread: a second copy of every network, training on the other half
// of each batch (see parallel-training.ts and startReplica in model-training.ts).
import {parentPort, workerData} from "node:worker_threads";
import type {TrainableSpec} from "../../components/models/build-model.js";
import {predictProbabilities} from "../../components/models/train.js";
import {prepare, type WorkerJob} from "./model-training.js";
import {inputShapeOf, messageQueue, replicaLoop} from "./parallel-training.js";
import {startTrainingBackend} from "./training-backend.js";

const port = parentPort!;
const queue = messageQueue();
port.on("message", (message: {type: string}) => queue.push(message));

const {dataset, quick, backend: prefer} = workerData as WorkerJob;
const {tf} = await startTrainingBackend({prefer});
const data = prepare(tf, dataset, quick);
for (;;) {
  const {spec} = await queue.next<{spec: TrainableSpec}>("train");
  const shape = inputShapeOf(spec);
  const x = data.xTrain.reshape([data.xTrain.shape[0], ...shape]);
  const xTest = data.xTest.reshape([data.xTest.shape[0], ...shape]);
  await replicaLoop(tf, spec, {x, y: data.yTrain, xTest}, (message, transfer) => port.postMessage(message, transfer), queue.next, (model, rows) => predictProbabilities(tf, model, rows));
  tf.dispose([x, xTest]);
}
