// One tfjs model per description, kept while the description stays the same: a page re-runs its
// cells on every change (even a refused one), and rebuilding would throw away training. A new
// description disposes the old model, but only once the work it is doing has finished, so a
// training step in flight never meets a disposed tensor.
import type {LayersModel} from "@tensorflow/tfjs";
import {disposeModel} from "./dispose-model.js";

export interface KeptModel<S> {
  readonly key: string;
  readonly model: LayersModel;
  /** The page's notes about this model (e.g. how long it has trained). */
  readonly state: S;
  /** True once a newer description replaced it; stop using it. */
  retired: boolean;
  /** Disposal waits for this; set it to each asynchronous step that uses the model. */
  busy: Promise<unknown>;
}

export interface ModelKeeper<D, S> {
  /** The model for this description: the kept one if the description is unchanged, else a new one. */
  get(description: D): KeptModel<S>;
  /** Dispose the kept model (when the page closes). */
  dispose(): void;
}

export function modelKeeper<D, S>(build: (description: D) => LayersModel, initialState: () => S): ModelKeeper<D, S> {
  let current: KeptModel<S> | null = null;
  const retire = (entry: KeptModel<S> | null) => {
    if (!entry || entry.retired) return;
    entry.retired = true;
    const dispose = () => disposeModel(entry.model);
    entry.busy.then(dispose, dispose);
  };
  return {
    get(description) {
      const key = JSON.stringify(description);
      if (current && current.key === key) return current;
      retire(current);
      current = {key, model: build(description), state: initialState(), retired: false, busy: Promise.resolve()};
      return current;
    },
    dispose() {
      retire(current);
      current = null;
    }
  };
}
