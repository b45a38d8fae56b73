// The character loader's worker thread: a second copy of the network, computing the gradient of
// the second half of every batch (char-training.ts, over the protocol of replica-protocol.ts).
import {parentPort} from "node:worker_threads";
import {parentMessages} from "./ts-worker.js";
import {charParts, type CharHalf, type CharInit} from "./char-training.js";
import {serveReplica, type ReplicaMessage} from "./replica-protocol.js";
import {startTrainingBackend} from "./training-backend.js";

const port = parentPort!;
const next = parentMessages<ReplicaMessage<CharInit, CharHalf>>();

const {tf} = await startTrainingBackend({prefer: "wasm"});
await serveReplica(tf, charParts(tf), (message, transfer) => port.postMessage(message, transfer), next);
