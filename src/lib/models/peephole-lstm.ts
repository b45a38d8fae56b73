// An LSTM cell with peephole connections (Gers & Schmidhuber 2000, "Recurrent nets that time
// and count") as a tfjs layer: the input and forget gates also see c_{t−1}, the output gate
// sees the new c_t, each through one weight per unit (a diagonal, as in the paper):
//   i = σ(x·K_i + h_{t−1}·U_i + b_i + p_i⊙c_{t−1})
//   f = σ(x·K_f + h_{t−1}·U_f + b_f + p_f⊙c_{t−1})
//   c_t = f⊙c_{t−1} + i⊙φ(x·K_c + h_{t−1}·U_c + b_c)
//   o = σ(x·K_o + h_{t−1}·U_o + b_o + p_o⊙c_t)
//   h_t = o⊙φ(c_t)
// Kernel, recurrent kernel and bias have tfjs's LSTM layout (gate blocks i, f, c, o), so a
// standard LSTM's weights drop in; `peepholes` is one more weight [3, units], rows p_i, p_f, p_o,
// initialised to zeros: a fresh peephole cell computes exactly what a standard LSTM with the same
// weights does. src/lib/rnn/lstm-cell.ts is the step-by-step reference (tests check both).
//
// tfjs classes come from the caller's `tf` (the page and the loaders import different builds),
// so the class is made by a function, once per tf, and registered for serialisation: a saved
// model.json names "PeepholeLSTMCell" and reloads after `definePeepholeLstm(tf)`.
import type {Tensor} from "@tensorflow/tfjs";
import type {TF} from "../core/tf-types.js";

export type GateActivation = "hardSigmoid" | "sigmoid";

export interface PeepholeLstmArgs {
  units: number;
  /** σ of the gates; tfjs's LSTM default is "hardSigmoid". */
  recurrentActivation?: GateActivation;
  /** false gives a standard LSTM (no peephole weight at all). */
  peepholes?: boolean;
  /** The forget gate's bias starts at 1 instead of 0, as tfjs's LSTM unitForgetBias does. */
  forgetBias?: boolean;
  /** Seed of the initial kernel (glorot uniform) and recurrent kernel (orthogonal). */
  seed?: number;
  name?: string;
  trainable?: boolean;
}

/** The weights of one step as tensors, in the cell's layout. */
export interface PeepholeWeights {
  kernel: Tensor;
  recurrentKernel: Tensor;
  bias: Tensor;
  /** [3, units]: p_i, p_f, p_o; null for a standard LSTM. */
  peepholes: Tensor | null;
}

export const PEEPHOLE_CLASS_NAME = "PeepholeLSTMCell";

/** σ as tfjs computes it (hardSigmoid is clip(0.2x + 0.5, 0, 1), as in tfjs-layers). */
export function gateActivation(tf: TF, name: GateActivation, z: Tensor): Tensor {
  return name === "sigmoid" ? tf.sigmoid(z) : tf.clipByValue(tf.add(tf.mul(z, 0.2), 0.5), 0, 1);
}

/**
 * One step on a batch: x [batch, inputDim], h and c [batch, units]. Differentiable, so tf.grad
 * sees through it (the gradients page and the tests use it directly).
 */
export function peepholeLstmStep(
  tf: TF,
  x: Tensor,
  h: Tensor,
  c: Tensor,
  {kernel, recurrentKernel, bias, peepholes}: PeepholeWeights,
  recurrentActivation: GateActivation = "hardSigmoid"
): {h: Tensor; c: Tensor} {
  return tf.tidy(() => {
    const z = tf.add(tf.add(tf.matMul(x, kernel), tf.matMul(h, recurrentKernel)), bias);
    const [zi, zf, zc, zo] = tf.split(z, 4, 1);
    const [pi, pf, po] = peepholes ? tf.unstack(peepholes) : [null, null, null];
    const peep = (zk: Tensor, p: Tensor | null, state: Tensor) => (p ? tf.add(zk, tf.mul(state, p)) : zk);
    const i = gateActivation(tf, recurrentActivation, peep(zi, pi, c));
    const f = gateActivation(tf, recurrentActivation, peep(zf, pf, c));
    const cNext = tf.add(tf.mul(f, c), tf.mul(i, tf.tanh(zc)));
    // The output gate looks at the state just written, c_t.
    const o = gateActivation(tf, recurrentActivation, peep(zo, po, cNext));
    return {h: tf.mul(o, tf.tanh(cNext)), c: cNext};
  });
}

type CellClass = new (args: PeepholeLstmArgs) => InstanceType<TF["layers"]["RNNCell"]> & {units: number};
const defined = new WeakMap<object, CellClass>();

/** The PeepholeLSTMCell class for this tf, registered for (de)serialisation; made once per tf. */
export function definePeepholeLstm(tf: TF): CellClass {
  const known = defined.get(tf.layers);
  if (known) return known;
  type Variable = ReturnType<InstanceType<TF["layers"]["Layer"]>["addWeight"]>;

  class PeepholeLSTMCell extends tf.layers.RNNCell {
    static className = PEEPHOLE_CLASS_NAME;
    units: number;
    stateSize: number[];
    recurrentActivation: GateActivation;
    usePeepholes: boolean;
    forgetBias: boolean;
    seed: number | undefined;
    kernel!: Variable;
    recurrentKernel!: Variable;
    bias!: Variable;
    peepholeWeights: Variable | null = null;

    constructor(args: PeepholeLstmArgs) {
      super(args);
      if (!Number.isInteger(args.units) || args.units < 1)
        throw new Error(`PeepholeLSTMCell: units must be a positive whole number (got ${args.units})`);
      this.units = args.units;
      this.stateSize = [args.units, args.units];
      this.recurrentActivation = args.recurrentActivation ?? "hardSigmoid";
      if (this.recurrentActivation !== "hardSigmoid" && this.recurrentActivation !== "sigmoid") {
        throw new Error(
          `PeepholeLSTMCell: recurrentActivation must be "hardSigmoid" or "sigmoid" (got ${String(this.recurrentActivation)})`
        );
      }
      this.usePeepholes = args.peepholes ?? true;
      this.forgetBias = args.forgetBias ?? false;
      this.seed = args.seed ?? undefined;
    }

    override build(inputShape: (number | null)[] | (number | null)[][]): void {
      const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as (number | null)[];
      const inputDim = shape[shape.length - 1] as number;
      const units = this.units;
      this.kernel = this.addWeight("kernel", [inputDim, 4 * units], "float32", tf.initializers.glorotUniform({seed: this.seed}));
      this.recurrentKernel = this.addWeight(
        "recurrent_kernel",
        [units, 4 * units],
        "float32",
        tf.initializers.orthogonal({seed: this.seed})
      );
      this.bias = this.addWeight("bias", [4 * units], "float32", tf.initializers.zeros());
      // Gate blocks i, f, c, o: ones on the forget block only.
      if (this.forgetBias) {
        const initial = tf.tidy(() => tf.concat([tf.zeros([units]), tf.ones([units]), tf.zeros([2 * units])]));
        this.bias.write(initial);
        initial.dispose();
      }
      if (this.usePeepholes) this.peepholeWeights = this.addWeight("peepholes", [3, units], "float32", tf.initializers.zeros());
      this.built = true;
    }

    override call(inputs: Tensor | Tensor[]): Tensor[] {
      const list = inputs as Tensor[];
      if (!Array.isArray(list) || list.length !== 3)
        throw new Error(`PeepholeLSTMCell expects 3 input tensors (x, h, c), got ${Array.isArray(list) ? list.length : 1}`);
      const [x, h, c] = list;
      const next = peepholeLstmStep(
        tf,
        x,
        h,
        c,
        {
          kernel: this.kernel.read(),
          recurrentKernel: this.recurrentKernel.read(),
          bias: this.bias.read(),
          peepholes: this.peepholeWeights?.read() ?? null
        },
        this.recurrentActivation
      );
      return [next.h, next.h, next.c];
    }

    override getConfig() {
      return {
        ...super.getConfig(),
        units: this.units,
        recurrentActivation: this.recurrentActivation,
        peepholes: this.usePeepholes,
        // Only when set, so the model.json of a cell without it is what it always was.
        ...(this.forgetBias ? {forgetBias: true} : {}),
        seed: this.seed ?? null
      };
    }
  }
  tf.serialization.registerClass(PeepholeLSTMCell as never);
  defined.set(tf.layers, PeepholeLSTMCell as unknown as CellClass);
  return PeepholeLSTMCell as unknown as CellClass;
}

/** A recurrent layer of peephole LSTM cells (tf.layers.rnn around the cell). */
export function peepholeLstmLayer(
  tf: TF,
  {returnSequences = false, inputShape, name, ...args}: PeepholeLstmArgs & {returnSequences?: boolean; inputShape?: number[]}
) {
  const Cell = definePeepholeLstm(tf);
  // The name belongs to the layer (getLayer finds it), not to the cell inside it.
  return tf.layers.rnn({cell: new Cell(args), returnSequences, inputShape, name});
}
