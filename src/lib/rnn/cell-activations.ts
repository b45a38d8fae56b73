// The activation functions the recurrent cells use, defined exactly as tfjs-layers 4.22 does
// (activations.js and backend/tfjs_backend.js), so step-by-step values match a trained layer.

export type ActivationName = "tanh" | "relu" | "sigmoid" | "hardSigmoid" | "linear";

/**
 * tfjs's hard sigmoid: clip(0.2·x + 0.5, 0, 1). Keras 3 changed its hard_sigmoid to
 * relu6(x + 3)/6 (slope 1/6); tfjs kept the older slope 0.2, which is what its layers compute.
 */
export function hardSigmoid(x: number): number {
  return Math.min(1, Math.max(0, 0.2 * x + 0.5));
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

const functions: Record<ActivationName, (x: number) => number> = {
  tanh: Math.tanh,
  relu: (x) => Math.max(0, x),
  sigmoid,
  hardSigmoid,
  linear: (x) => x
};

/** The scalar function for a name; throws on names tfjs would accept but the cells don't. */
export function activation(name: ActivationName): (x: number) => number {
  const f = functions[name];
  if (!f) throw new Error(`unsupported activation "${name}"`);
  return f;
}
