// A training step with the gradient clipped to a global norm (Pascanu et al. 2013), which
// tfjs-layers' compile has no option for: recurrent gradients can explode, and one huge step
// undoes what the network had learned. The loss and accuracy are the compiled model's
// (categorical cross-entropy with argmax accuracy, or binary cross-entropy with accuracy at a
// 0.5 threshold), so the numbers match trainOnBatch's.
import type {LayersModel, NamedTensorMap, Scalar, Tensor} from "@tensorflow/tfjs";
import type {TF} from "../core/tf-types.js";

/** The global norm √(Σ‖g‖²) of a set of gradients, and the gradients scaled down to at most `maxNorm`. Call inside tf.tidy. */
export function clipGlobalNorm(tf: TF, grads: NamedTensorMap, maxNorm: number): {norm: Scalar; clipped: NamedTensorMap} {
  const names = Object.keys(grads);
  const norm = tf.sqrt(tf.addN(names.map((n) => tf.sum(tf.square(grads[n]))))) as Scalar;
  const scale = tf.minimum(1, tf.div(maxNorm, tf.maximum(norm, 1e-12)));
  return {norm, clipped: Object.fromEntries(names.map((n) => [n, tf.mul(grads[n], scale)]))};
}

/** One step of the model's optimizer on (xs, ys) with the gradient clipped to `clipNorm`; resolves to [loss, accuracy]. */
export async function clippedStep(tf: TF, model: LayersModel, xs: Tensor, ys: Tensor, clipNorm: number): Promise<[number, number]> {
  if (!(clipNorm > 0)) throw new RangeError(`clipNorm must be above 0 (got ${clipNorm})`);
  const binary = model.loss === "binaryCrossentropy";
  if (!binary && model.loss !== "categoricalCrossentropy")
    throw new Error(`clippedStep needs a model compiled with categoricalCrossentropy or binaryCrossentropy (got ${String(model.loss)})`);
  const numbers = tf.tidy(() => {
    let predictions: Tensor | null = null;
    const {value, grads} = tf.variableGrads(() => {
      predictions = tf.keep(model.apply(xs, {training: true}) as Tensor);
      return tf.mean(
        binary ? tf.metrics.binaryCrossentropy(ys, predictions) : tf.metrics.categoricalCrossentropy(ys, predictions)
      ) as Scalar;
    });
    const {clipped} = clipGlobalNorm(tf, grads, clipNorm);
    model.optimizer.applyGradients(clipped);
    const hits = binary
      ? tf.equal(ys, tf.cast(tf.greater(predictions!, 0.5), ys.dtype))
      : tf.equal(tf.argMax(predictions!, -1), tf.argMax(ys, -1));
    const accuracy = tf.mean(tf.cast(hits, "float32"));
    tf.dispose(predictions!);
    return tf.stack([value, accuracy]);
  });
  const [loss, accuracy] = await numbers.data();
  numbers.dispose();
  return [loss, accuracy];
}
