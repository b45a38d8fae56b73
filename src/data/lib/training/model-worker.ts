// The model loaders' worker thread (see startReplica in model-training.ts): it trains the small
// networks on its own ("alone"), then serves a second copy of the CNN, computing the other half
// of each batch and of the test set (parallel-training.ts, over replica-protocol.ts).
import type {LayersModel, Tensor} from "@tensorflow/tfjs";
import {parentPort, workerData} from "node:worker_threads";
import type {TrainableSpec} from "../../../lib/training/build-model.js";
import {predictProbabilities} from "../../../lib/training/train.js";
import {prepare, trainNetwork, type WorkerJob} from "./model-training.js";
import {classifierParts, inputShapeOf, predictSecondHalf, type ClassifierMessage, type PredictRequest} from "./parallel-training.js";
import {serveReplica} from "./replica-protocol.js";
import {startTrainingBackend} from "./training-backend.js";
import {parentMessages} from "./ts-worker.js";

type AloneMessage = {type: "alone"; spec: TrainableSpec};

const port = parentPort!;
const next = parentMessages<ClassifierMessage | AloneMessage>();
const post = (message: unknown, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer);

const {dataset, quick, backend: prefer} = workerData as WorkerJob;
const backend = await startTrainingBackend({prefer});
const {tf} = backend;
const data = prepare(tf, dataset, quick);
const log = (line: string) => port.postMessage({type: "log", line});
const setFor = (spec: TrainableSpec) => ({pixels: data.trainPixels, labels: data.trainLabels, inputShape: inputShapeOf(spec), classes: 10});
const predict = (model: LayersModel, rows: Tensor) => predictProbabilities(tf, model, rows);
// Jobs arrive in order: every "alone" job before the CNN's "init" (the main thread waits for their results).
await serveReplica(tf, classifierParts(tf, setFor), post, next, async (message: PredictRequest | AloneMessage, replica) => {
  if (message.type === "alone") {
    const result = await trainNetwork(backend, message.spec, data, quick, log, null);
    post({type: "result", result});
  } else {
    if (!replica) throw new Error("the worker was sent work before its network");
    const values = await predictSecondHalf(replica, data.xTest, predict);
    post({type: "probabilities", values}, [values.buffer as ArrayBuffer]);
  }
});
