// The character loader's worker thread: a second copy of the network, computing the gradient of
// the second half of every batch (char-training.ts).
import {parentPort} from "node:worker_threads";
import {replicaLoop, type WorkerMessage} from "./char-training.js";
import {startTrainingBackend} from "./training-backend.js";

const port = parentPort!;
// Every message in arrival order; the loop takes them one at a time.
const inbox: WorkerMessage[] = [];
let waiting: ((message: WorkerMessage) => void) | null = null;
port.on("message", (message: WorkerMessage) => {
  if (waiting) {
    const resolve = waiting;
    waiting = null;
    resolve(message);
  } else inbox.push(message);
});
const next = () => (inbox.length ? Promise.resolve(inbox.shift()!) : new Promise<WorkerMessage>((resolve) => (waiting = resolve)));

const {tf} = await startTrainingBackend({prefer: "wasm"});
await replicaLoop(tf, (message, transfer) => port.postMessage(message, transfer), next);
