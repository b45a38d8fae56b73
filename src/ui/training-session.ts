// The lifecycle every page that trains in the browser repeats: wait for Start, read the plan,
// build (or keep) a model, train with a stop flag, show progress, and on the cell's invalidation
// stop and dispose the model once the step in flight is done. No Plot, no tf: the page's `train`
// does the work; this owns buttons, state and disposal. The value is a generator for a cell.
import type {LayersModel} from "@tensorflow/tfjs";
import type {Result} from "../lib/core/result.js";
import {disposeModel} from "../lib/training/dispose-model.js";
import {nextClick} from "./action-button.js";
import {nextFrame} from "./next-frame.js";

export type Phase = "idle" | "training" | "testing" | "stopped" | "done" | "failed";

/** What the session shows; `E` is the page's own fields (counts, curves, results). */
export type SessionState<M, E> = E & {
  phase: Phase;
  run: number;
  /** Fraction of the run done, 0..1. */
  progress: number;
  /** The Start press's plan was refused with this message (nothing started). */
  refused: string | null;
  /** Why the last run failed. */
  error: string | null;
  model: M | null;
};

export interface RunContext<M, P, E> {
  model: M;
  plan: P;
  run: number;
  /** True once Stop was pressed or the cell was invalidated: check it between batches. */
  shouldStop: () => boolean;
  /** True once the cell was invalidated: the page is moving on, nothing more will be shown. */
  closed: () => boolean;
  /** Merge `patch` into the state; resolves on the next frame, so a loop may await it. */
  show: (patch: Partial<SessionState<M, E>>) => Promise<void>;
  current: () => SessionState<M, E>;
}

type Button = EventTarget & {disabled: boolean};

export interface SessionOptions<M, P, E> {
  /** Each click starts a run; without one, a single run starts at once. */
  start?: Button | null;
  stop?: Button | null;
  /** The cell's invalidation (Framework also calls the generator's return()). */
  invalidation?: Promise<unknown>;
  /** Read when Start is pressed; a refused plan shows its message and starts nothing. */
  plan?: () => Result<P>;
  /** A fresh model per run: the previous one is disposed first. */
  build?: (plan: P) => M;
  /** Or one model kept across rounds; the page owns it (the session never disposes it). */
  model?: M;
  dispose?: (model: M) => void;
  /** Hears each run's promise (e.g. a model keeper's `busy`, so it waits before disposing). */
  onBusy?: (running: Promise<void>) => void;
  /** The page's fields; a built model starts each run from them again, a kept one carries on. */
  initial?: E;
  nextRun?: () => number;
  /** Trains; its result (a patch) is merged when it ends, e.g. a result or phase "stopped". */
  train: (context: RunContext<M, P, E>) => Promise<Partial<SessionState<M, E>> | undefined>;
  frame?: () => Promise<unknown>;
}

/** A cell's generator value: Framework pulls `next` once a frame and calls `return` on invalidation. */
export interface Session<S> {
  next(): Promise<IteratorResult<S, undefined>>;
  return(): Promise<IteratorResult<S, undefined>>;
  [Symbol.asyncIterator](): Session<S>;
}

/** Latest-value queue: a reader gets the newest state only (as Framework's Generators.observe does). */
function latest<T>() {
  let value: T;
  let fresh = false;
  let ended = false;
  let wake: (() => void) | null = null;
  const rouse = () => {
    wake?.();
    wake = null;
  };
  return {
    push: (next: T) => {
      value = next;
      fresh = true;
      rouse();
    },
    end: () => {
      ended = true;
      rouse();
    },
    async next(): Promise<IteratorResult<T, undefined>> {
      while (!fresh && !ended) await new Promise<void>((resolve) => (wake = resolve));
      if (ended) return {done: true, value: undefined}; // a closed cell shows nothing more
      fresh = false;
      return {done: false, value};
    }
  };
}

export function trainingSession<M = LayersModel, P = undefined, E extends object = Record<never, never>>({
  start = null,
  stop = null,
  invalidation,
  plan: readPlan,
  build,
  model: kept,
  dispose = disposeModel as unknown as (model: M) => void,
  onBusy,
  initial = {} as E,
  nextRun = (
    (count) => () =>
      ++count
  )(0),
  train,
  frame = nextFrame
}: SessionOptions<M, P, E>): Session<SessionState<M, E>> {
  const fresh = (run: number, model: M | null) =>
    ({...initial, phase: "idle", run, progress: 0, refused: null, error: null, model}) as SessionState<M, E>;
  let state = fresh(0, kept ?? null);
  let model: M | null = kept ?? null;
  let stopping = false;
  let closed = false;
  let running: Promise<void> = Promise.resolve();
  let close!: () => void;
  const whenClosed = new Promise<void>((resolve) => (close = resolve));
  const queue = latest<SessionState<M, E>>();
  const set = (patch: Partial<SessionState<M, E>>) => {
    state = {...state, ...patch};
    queue.push(state);
  };
  const buttons = (busy: boolean) => {
    if (start) start.disabled = busy;
    if (stop) stop.disabled = !busy;
  };
  const onStop = () => (stopping = true);

  async function runOnce(plan: P) {
    const run = nextRun();
    try {
      if (build) {
        if (model) dispose(model);
        model = null; // should build throw, nothing is left to dispose twice
        model = build(plan);
        state = fresh(run, model);
      }
      set({run, phase: "training", progress: 0, refused: null, error: null} as Partial<SessionState<M, E>>);
      const show = (patch: Partial<SessionState<M, E>>) => {
        if (!closed) set(patch);
        return frame().then(() => undefined);
      };
      const context = {
        model: model as M,
        plan,
        run,
        shouldStop: () => stopping || closed,
        closed: () => closed,
        show,
        current: () => state
      };
      const patch = await train(context);
      if (!closed) set({phase: stopping ? "stopped" : "done", ...patch} as Partial<SessionState<M, E>>);
    } catch (error) {
      if (!closed) set({phase: "failed", error: error instanceof Error ? error.message : String(error)} as Partial<SessionState<M, E>>);
    }
  }

  async function loop() {
    do {
      if (start && !(await nextClick(start, whenClosed))) return;
      const planned = readPlan ? readPlan() : ({ok: true, value: undefined as P} as const);
      if (!planned.ok) {
        set({refused: planned.message} as Partial<SessionState<M, E>>);
        continue;
      }
      stopping = false;
      buttons(true);
      running = runOnce(planned.value);
      onBusy?.(running);
      await running;
      if (!closed) buttons(false);
    } while (start && !closed);
  }

  function end() {
    if (closed) return;
    closed = true;
    stop?.removeEventListener("click", onStop);
    close();
    queue.end();
    // Never under a running step: the run sees `closed` at its next check and ends first.
    if (build) running.then(() => model && dispose(model));
  }

  stop?.addEventListener("click", onStop);
  buttons(false);
  queue.push(state);
  invalidation?.then(end);
  void loop();
  const session: Session<SessionState<M, E>> = {
    next: () => queue.next(),
    return: async () => {
      end();
      return {done: true, value: undefined};
    },
    [Symbol.asyncIterator]: () => session
  };
  return session;
}
