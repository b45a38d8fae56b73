// The character loader's worker thread: a second copy of the network, computing the gradient of
// the second half of every batch (char-training.ts).
import {parentPort} from "node:worker_threads";
import {parentMessages} from "./ts-worker.js";
import {replicaLoop, type WorkerMessage} from "./char-training.js";
import {startTrainingBackend} from "./training-backend.js";

const port = parentPort!;
const next = parentMessages<WorkerMessage>();

const {tf} = await startTrainingBackend({prefer: "wasm"});
await replicaLoop(tf, (message, transfer) => port.postMessage(message, transfer), next);
