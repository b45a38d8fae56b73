// The training session's lifecycle with fake buttons (EventTargets with `disabled`): start,
// progress, stop, retrain, refused plans, failures, and disposal only after the step in flight,
// with fake models where timing matters and a tiny real tfjs model for tensor counts.
import {beforeAll, describe, expect, test} from "vitest";
import {tf, useBackend} from "../../src/data/lib/training/tf-node.js";
import {fail, ok} from "../../src/lib/core/result.js";
import {compileClassifier, trainClassifier, type TrainingConfig} from "../../src/lib/training/train.js";
import {trainingSession, type Session} from "../../src/ui/training-session.js";

type Button = EventTarget & {disabled: boolean};
const button = (): Button => Object.assign(new EventTarget(), {disabled: false});
const click = (b: Button) => b.dispatchEvent(new Event("click"));
const frame = () => Promise.resolve();
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A promise the test opens: stands for a training step in flight. */
function gate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return {promise, open};
}

/** The next state that satisfies `predicate` (the session keeps only the latest). */
async function until<S>(session: Session<S>, predicate: (state: S) => boolean): Promise<S> {
  for (;;) {
    const {done, value} = await session.next();
    if (done) throw new Error("the session ended first");
    if (predicate(value)) return value;
  }
}

const fakeModel = (id: number) => ({id, disposed: false});
type Fake = ReturnType<typeof fakeModel>;

function invalidator() {
  let invalidate!: () => void;
  const invalidation = new Promise<void>((resolve) => (invalidate = resolve));
  return {invalidation, invalidate};
}

describe("trainingSession with fake models", () => {
  test("start → progress → done, with the buttons following the run", async () => {
    const start = button();
    const stop = button();
    const step = gate();
    const session = trainingSession<Fake, undefined, {points: number[]}>({
      start,
      stop,
      frame,
      build: () => fakeModel(1),
      dispose: () => {},
      initial: {points: []},
      train: async ({show}) => {
        await show({progress: 0.5, points: [1]});
        await step.promise;
        return {progress: 1, points: [1, 2]};
      }
    });
    expect(await until(session, () => true)).toMatchObject({phase: "idle", run: 0, progress: 0, model: null});
    expect([start.disabled, stop.disabled]).toEqual([false, true]);
    click(start);
    expect(await until(session, (s) => s.progress === 0.5)).toMatchObject({phase: "training", run: 1, points: [1]});
    expect([start.disabled, stop.disabled]).toEqual([true, false]);
    step.open();
    const done = await until(session, (s) => s.phase !== "training");
    expect(done).toMatchObject({phase: "done", run: 1, progress: 1, points: [1, 2], error: null});
    expect(done.model?.id).toBe(1);
    await settle();
    expect([start.disabled, stop.disabled]).toEqual([false, true]);
    await session.return();
  });

  test("a second start disposes the first model before building the next", async () => {
    const start = button();
    let built = 0;
    const models: Fake[] = [];
    const session = trainingSession<Fake>({
      start,
      frame,
      build: () => {
        models.push(fakeModel(++built));
        return models[models.length - 1];
      },
      dispose: (model) => {
        model.disposed = true;
      },
      train: async () => {}
    });
    click(start);
    await until(session, (s) => s.phase === "done" && s.run === 1);
    expect(models.map((m) => m.disposed)).toEqual([false]);
    click(start);
    const second = await until(session, (s) => s.phase === "done" && s.run === 2);
    expect(second.model?.id).toBe(2);
    expect(models.map((m) => m.disposed)).toEqual([true, false]);
    await session.return();
    await settle();
    expect(models.map((m) => m.disposed)).toEqual([true, true]);
  });

  test("a refused plan shows its message and starts nothing; a good one then starts", async () => {
    const start = button();
    const stop = button();
    let text = "0";
    let built = 0;
    const session = trainingSession<Fake, number>({
      start,
      stop,
      frame,
      plan: () => (Number(text) > 0 ? ok(Number(text)) : fail(`The rate must be above 0 (got ${text})`)),
      build: () => fakeModel(++built),
      dispose: () => {},
      train: async ({plan}) => void expect(plan).toBe(2)
    });
    click(start);
    expect(await until(session, (s) => s.refused !== null)).toMatchObject({
      phase: "idle",
      run: 0,
      refused: "The rate must be above 0 (got 0)",
      model: null
    });
    expect(built).toBe(0);
    expect([start.disabled, stop.disabled]).toEqual([false, true]);
    text = "2";
    click(start);
    expect(await until(session, (s) => s.phase === "done")).toMatchObject({run: 1, refused: null});
    expect(built).toBe(1);
    await session.return();
  });

  test("invalidation while a step is in flight stops the run and disposes only after that step", async () => {
    const start = button();
    const {invalidation, invalidate} = invalidator();
    const step = gate();
    const model = fakeModel(1);
    let sawStop = false;
    let stepsAfterStop = 0;
    const session = trainingSession<Fake>({
      start,
      invalidation,
      frame,
      build: () => model,
      dispose: (m) => {
        m.disposed = true;
      },
      train: async ({shouldStop, show}) => {
        for (let batch = 0; batch < 100; batch++) {
          if (shouldStop()) {
            sawStop = true;
            return;
          }
          if (batch === 1) await step.promise; // the step in flight
          if (model.disposed) stepsAfterStop++;
          await show({progress: (batch + 1) / 100});
        }
      }
    });
    click(start);
    await until(session, (s) => s.progress > 0);
    invalidate();
    await settle();
    expect(model.disposed).toBe(false);
    expect((await session.next()).done).toBe(true);
    step.open();
    await settle();
    expect(sawStop).toBe(true);
    expect(stepsAfterStop).toBe(0);
    expect(model.disposed).toBe(true);
    expect(start.disabled).toBe(true); // the closed session leaves the buttons to the next one
  });

  test("the generator's return() (Framework's invalidation) ends the session too, and later clicks do nothing", async () => {
    const start = button();
    let built = 0;
    const session = trainingSession<Fake>({start, frame, build: () => fakeModel(++built), dispose: () => {}, train: async () => {}});
    await session.return();
    click(start);
    await settle();
    expect(built).toBe(0);
    expect((await session.next()).done).toBe(true);
  });

  test("an error becomes a failed state with its message; the next start trains again", async () => {
    const start = button();
    const stop = button();
    let runs = 0;
    const session = trainingSession<Fake>({
      start,
      stop,
      frame,
      build: () => fakeModel(1),
      dispose: () => {},
      train: async () => {
        if (++runs === 1) throw new Error("training diverged: the loss is NaN");
      }
    });
    click(start);
    expect(await until(session, (s) => s.phase !== "idle" && s.phase !== "training")).toMatchObject({
      phase: "failed",
      error: "training diverged: the loss is NaN"
    });
    await settle();
    expect([start.disabled, stop.disabled]).toEqual([false, true]);
    click(start);
    expect(await until(session, (s) => s.phase === "done")).toMatchObject({run: 2, error: null});
    await session.return();
  });

  test("a model that fails to build is a failed state, and nothing is disposed", async () => {
    const start = button();
    const disposed: unknown[] = [];
    const session = trainingSession<Fake>({
      start,
      frame,
      build: () => {
        throw new Error("the kernel is larger than the input");
      },
      dispose: (m) => void disposed.push(m),
      train: async () => {}
    });
    click(start);
    expect(await until(session, (s) => s.phase === "failed")).toMatchObject({error: "the kernel is larger than the input", model: null});
    await session.return();
    await settle();
    expect(disposed).toEqual([]);
  });

  test("a kept model carries its state across rounds, reports each run as busy, and is never disposed here", async () => {
    const start = button();
    const stop = button();
    const model = fakeModel(7);
    const busy: Promise<void>[] = [];
    const session = trainingSession<Fake, undefined, {batches: number; points: number[]}>({
      start,
      stop,
      frame,
      model,
      dispose: (m) => {
        m.disposed = true;
      },
      onBusy: (running) => void busy.push(running),
      initial: {batches: 0, points: []},
      train: async ({model: m, current}) => {
        expect(m).toBe(model);
        return {batches: current().batches + 20, points: [...current().points, current().batches]};
      }
    });
    expect(await until(session, () => true)).toMatchObject({phase: "idle", model: {id: 7}});
    click(start);
    await until(session, (s) => s.phase === "done" && s.run === 1);
    click(start);
    expect(await until(session, (s) => s.phase === "done" && s.run === 2)).toMatchObject({batches: 40, points: [0, 20]});
    expect(busy).toHaveLength(2);
    await session.return();
    await settle();
    expect(model.disposed).toBe(false);
  });

  test("Stop ends a run after the batch in flight: phase stopped", async () => {
    const start = button();
    const stop = button();
    let batches = 0;
    const session = trainingSession<Fake>({
      start,
      stop,
      frame: settle,
      build: () => fakeModel(1),
      dispose: () => {},
      train: async ({shouldStop, show}) => {
        while (!shouldStop() && batches < 1000) await show({progress: ++batches / 1000});
      }
    });
    click(start);
    await until(session, (s) => s.progress > 0);
    click(stop);
    expect(await until(session, (s) => s.phase !== "training")).toMatchObject({phase: "stopped"});
    expect(batches).toBeLessThan(1000);
    await session.return();
  });

  test("without a start button one run starts at once", async () => {
    const session = trainingSession<Fake>({frame, build: () => fakeModel(1), dispose: () => {}, train: async () => ({progress: 1})});
    expect(await until(session, (s) => s.phase === "done")).toMatchObject({run: 1, progress: 1});
    await session.return();
  });
});

describe("trainingSession with a tiny tfjs model", () => {
  beforeAll(async () => void (await useBackend("cpu")));

  const config: TrainingConfig = {optimizer: "adam", learningRate: 0.01, learningRateDecay: 1, epochs: 5, batchSize: 4, seed: 1};
  const build = () => {
    const model = tf.sequential({layers: [tf.layers.dense({inputShape: [3], units: 2, activation: "softmax"})]});
    compileClassifier(tf, model, config);
    return model;
  };
  const data = () =>
    tf.tidy(() => ({
      x: tf.randomUniform([40, 3], 0, 1, "float32", 1),
      y: tf.oneHot(
        tf.tensor1d(
          Array.from({length: 40}, (_, i) => i % 2),
          "int32"
        ),
        2
      )
    }));

  test("Stop keeps the trained model usable; retraining and invalidation bring the tensor count back to the baseline", async () => {
    const start = button();
    const stop = button();
    const {x, y} = data();
    const baseline = tf.memory().numTensors;
    const {invalidation, invalidate} = invalidator();
    const session = trainingSession({
      start,
      stop,
      invalidation,
      frame: settle,
      build,
      initial: {batches: 0},
      train: async ({model, shouldStop, show}) => {
        let batches = 0;
        const logs = await trainClassifier(tf, model, {x, y}, config, {
          shouldStop,
          onBatch: () => show({batches: ++batches, progress: batches / 50})
        });
        return {batches, phase: logs.length < config.epochs ? "stopped" : "done"};
      }
    });
    click(start);
    await until(session, (s) => s.batches >= 2);
    click(stop);
    const stopped = await until(session, (s) => s.phase !== "training");
    expect(stopped.phase).toBe("stopped");
    expect(stopped.batches).toBeLessThan(50);
    // Still usable: its weights are alive and it predicts.
    const prediction = tf.tidy(() => (stopped.model!.predict(x.slice(0, 1)) as tf.Tensor).dataSync());
    expect(prediction).toHaveLength(2);
    await settle();
    const afterOne = tf.memory().numTensors;
    expect(afterOne).toBeGreaterThan(baseline);
    click(start);
    const second = await until(session, (s) => s.phase === "done" && s.run === 2);
    expect(second.batches).toBe(50);
    // The same count as after the first run: the first model and its optimizer are disposed.
    expect(tf.memory().numTensors).toBe(afterOne);
    // A backend or dataset change re-runs the page's cell: invalidation disposes the model.
    invalidate();
    await settle();
    expect(tf.memory().numTensors).toBe(baseline);
    tf.dispose([x, y]);
  });

  test("invalidation under a running trainOnBatch waits for it; nothing leaks", async () => {
    const start = button();
    const {x, y} = data();
    const baseline = tf.memory().numTensors;
    const {invalidation, invalidate} = invalidator();
    let errors = 0;
    const session = trainingSession({
      start,
      invalidation,
      frame: settle,
      build,
      train: async ({model, shouldStop, show}) => {
        await trainClassifier(tf, model, {x, y}, config, {
          shouldStop,
          onBatch: ({batch}) => {
            if (batch === 2) invalidate(); // the page goes while this run is between steps
            return show({progress: batch / 10});
          }
        }).catch(() => void errors++);
      }
    });
    click(start);
    await until(session, (s) => s.progress > 0).catch(() => undefined);
    await invalidation;
    await settle();
    await settle();
    expect(errors).toBe(0);
    expect(tf.memory().numTensors).toBe(baseline);
    tf.dispose([x, y]);
  });
});
