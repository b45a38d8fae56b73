// The sentiment loaders' worker thread: a second copy of the network, computing the gradient of
// the second half of every batch and scoring every other block of reviews (sentiment-training.ts,
// over the protocol of replica-protocol.ts).
import {parentPort} from "node:worker_threads";
import {parentMessages} from "./ts-worker.js";
import {serveSentimentReplica, type WorkerMessage} from "./sentiment-training.js";
import {startSentimentBackend} from "./sentiment-backend.js";

const port = parentPort!;
const next = parentMessages<WorkerMessage>();

const {tf} = await startSentimentBackend();
await serveSentimentReplica(tf, (message, transfer) => port.postMessage(message, transfer), next);
