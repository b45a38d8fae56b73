// Costs of a convolution: why depthwise-separable convolutions (MobileNet, Xception) are cheap.

import {checkInteger, fail, ok, type Result} from "../core/result.js";

type Pair = number | readonly [number, number];
const pair = (p: Pair): readonly [number, number] => (typeof p === "number" ? [p, p] : p);

export interface ConvCost {
  readonly weights: number;
  readonly biases: number;
  /** weights + biases */
  readonly parameters: number;
  /** One per weight per output position (biases excluded). */
  readonly multiplyAdds: number;
}

export interface ConvCostSpec {
  /** Output height and width (see planWindow). */
  output: Pair;
  kernel: Pair;
  inChannels: number;
  outChannels: number;
  /** Depthwise filters per input channel in the separable version. */
  depthMultiplier?: number;
  /** Count biases (Keras's use_bias); default true. */
  bias?: boolean;
}

export interface ConvCostComparison {
  readonly standard: ConvCost;
  readonly depthwise: ConvCost;
  readonly pointwise: ConvCost;
  /** depthwise + pointwise */
  readonly separable: ConvCost;
  /** separable / standard; about 1/outChannels + 1/k² with multiplier 1 */
  readonly parameterRatio: number;
  readonly multiplyAddRatio: number;
}

function cost(weightsPerPosition: number, positions: number, biases: number): ConvCost {
  return {weights: weightsPerPosition, biases, parameters: weightsPerPosition + biases, multiplyAdds: positions * weightsPerPosition};
}

/**
 * Parameters and multiply-adds of a standard k×k convolution against its depthwise-separable
 * replacement (Keras's SeparableConv2D: biases only on the pointwise pass).
 */
export function compareConvCosts(spec: ConvCostSpec): Result<ConvCostComparison> {
  const {inChannels: cin, outChannels: cout, depthMultiplier: m = 1, bias = true} = spec;
  const [oh, ow] = pair(spec.output ?? NaN);
  const [kh, kw] = pair(spec.kernel ?? NaN);
  const problem =
    checkInteger("Output height", oh, 1) ??
    checkInteger("Output width", ow, 1) ??
    checkInteger("Kernel height", kh, 1) ??
    checkInteger("Kernel width", kw, 1) ??
    checkInteger("Input channels", cin, 1) ??
    checkInteger("Output channels", cout, 1) ??
    checkInteger("Depth multiplier", m, 1);
  if (problem) return fail(problem);
  const positions = oh * ow;
  const standard = cost(kh * kw * cin * cout, positions, bias ? cout : 0);
  const depthwise = cost(kh * kw * cin * m, positions, 0);
  const pointwise = cost(cin * m * cout, positions, bias ? cout : 0);
  const separable: ConvCost = {
    weights: depthwise.weights + pointwise.weights,
    biases: depthwise.biases + pointwise.biases,
    parameters: depthwise.parameters + pointwise.parameters,
    multiplyAdds: depthwise.multiplyAdds + pointwise.multiplyAdds
  };
  return ok({
    standard,
    depthwise,
    pointwise,
    separable,
    parameterRatio: separable.parameters / standard.parameters,
    multiplyAddRatio: separable.multiplyAdds / standard.multiplyAdds
  });
}
