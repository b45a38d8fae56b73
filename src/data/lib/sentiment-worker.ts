// The sentiment loaders' worker thread: a second copy of the network, computing the gradient of
// the second half of every batch and scoring every other block of reviews (sentiment-training.ts).
import {parentPort} from "node:worker_threads";
import {replicaLoop, type WorkerMessage} from "./sentiment-training.js";
import {startSentimentBackend} from "./sentiment-backend.js";

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

const {tf} = await startSentimentBackend();
await replicaLoop(tf, (message, transfer) => port.postMessage(message, transfer), next);
