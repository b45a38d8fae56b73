// A worker thread running a TypeScript module, for loaders that train on both cores. A worker
// does not inherit tsx's loader, so a small bootstrap module registers it, then imports the
// target. Messages come back by type (messageQueue); {type: "log", line} goes to `log`.
import {readFileSync} from "node:fs";
import {createRequire} from "node:module";
import {dirname, join} from "node:path";
import {pathToFileURL} from "node:url";
import {parentPort, Worker} from "node:worker_threads";
import type {Peer} from "./replica-protocol.js";

/** tsx's ESM API (register() installs its TypeScript loader), found through tsx's exports map. */
export function tsxEsmApi(): string {
  const dir = dirname(createRequire(import.meta.url).resolve("tsx/package.json"));
  const exports = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).exports["./esm/api"];
  return pathToFileURL(join(dir, exports.import.default ?? exports.import)).href;
}

/**
 * Messages from a port, by type: next(type) resolves with the next message of that type, in
 * order of arrival; fail(error) rejects every present and future wait.
 */
export function messageQueue(): {
  push: (message: {type: string}) => void;
  next: <T>(type: string) => Promise<T>;
  fail: (error: Error) => void;
} {
  const queued = new Map<string, unknown[]>();
  const waiting = new Map<string, {resolve: (value: unknown) => void; reject: (error: Error) => void}[]>();
  let failure: Error | null = null;
  return {
    push(message) {
      const waiter = waiting.get(message.type)?.shift();
      if (waiter) waiter.resolve(message);
      else queued.set(message.type, [...(queued.get(message.type) ?? []), message]);
    },
    next<T>(type: string) {
      if (failure) return Promise.reject(failure);
      const ready = queued.get(type);
      if (ready?.length) return Promise.resolve(ready.shift() as T);
      return new Promise<T>((resolve, reject) =>
        waiting.set(type, [...(waiting.get(type) ?? []), {resolve: resolve as (value: unknown) => void, reject}])
      );
    },
    fail(error) {
      failure = error;
      for (const list of waiting.values()) for (const waiter of list.splice(0)) waiter.reject(error);
    }
  };
}

/** Start `target` (a .ts module URL) in a worker thread with `workerData`; stop() ends it. */
export function startTsWorker(
  target: URL,
  workerData: unknown,
  log: (line: string) => void = () => {}
): Peer & {stop: () => Promise<void>} {
  const bootstrap = `import {register} from ${JSON.stringify(tsxEsmApi())}; register(); await import(${JSON.stringify(target.href)});`;
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), {workerData});
  const queue = messageQueue();
  let stopping = false;
  worker.on("message", (message: {type: string; line?: string}) =>
    message.type === "log" ? log(message.line ?? "") : queue.push(message)
  );
  worker.on("error", (error) => queue.fail(new Error(`worker thread: ${error.message}`)));
  worker.on("exit", (code) => stopping || queue.fail(new Error(`the worker thread exited (code ${code})`)));
  return {
    send: (message, transfer) => worker.postMessage(message, transfer),
    next: queue.next,
    stop: async () => {
      stopping = true;
      await worker.terminate();
    }
  };
}

/** In a worker: the parent's messages one at a time, in arrival order (next() waits for the next one). */
export function parentMessages<T>(): () => Promise<T> {
  const port = parentPort;
  if (!port) throw new Error("parentMessages: not running in a worker thread");
  const inbox: T[] = [];
  let waiting: ((message: T) => void) | null = null;
  port.on("message", (message: T) => {
    if (waiting) {
      const resolve = waiting;
      waiting = null;
      resolve(message);
    } else inbox.push(message);
  });
  return () => (inbox.length ? Promise.resolve(inbox.shift()!) : new Promise<T>((resolve) => (waiting = resolve)));
}
