// Plain-language definitions of the jargon the pages use, for the hover/tap terms (ui/term.ts).
// One sentence or two each, written for a reader who knows matrices and derivatives but not the
// vocabulary of numerical linear algebra or of deep-learning libraries.

export const GLOSSARY = {
  jacobian: {
    term: "Jacobian",
    definition:
      "The matrix of all partial derivatives of a vector function: row i, column j says how much output i moves when input j moves a little. Chaining functions multiplies their Jacobians."
  },
  "spectral norm": {
    term: "spectral norm",
    definition: "The most a matrix can stretch a vector: the largest ratio of ‖Mv‖ to ‖v‖ over all vectors v (its largest singular value)."
  },
  "spectral radius": {
    term: "spectral radius",
    definition:
      "The size of a matrix's largest eigenvalue. Multiplying by the matrix again and again grows or shrinks vectors roughly like this number to the power of the number of steps."
  },
  eigenvalue: {
    term: "eigenvalue",
    definition: "A number λ with Mv = λv for some vector v ≠ 0: along v, the matrix M only scales, by λ."
  },
  "orthogonal matrix": {
    term: "orthogonal matrix",
    definition:
      "A matrix whose columns are unit length and at right angles to one another: it rotates or reflects vectors without changing their length, so all its eigenvalues have size 1."
  },
  "glorot-uniform": {
    term: "glorot-uniform",
    definition:
      "A common way to start weights: uniform random numbers in ±√(6 / (inputs + outputs)), sized so signals neither grow nor shrink on average as they pass through a layer (Glorot and Bengio 2010)."
  },
  "chain rule": {
    term: "chain rule",
    definition: "The derivative of a function of a function is the product of their derivatives: d f(g(x))/dx = f′(g(x)) · g′(x)."
  },
  "backpropagation through time": {
    term: "backpropagation through time",
    definition:
      "Training an RNN by unrolling it into one layer per step and running ordinary backpropagation through the unrolled network, so the error at a late step reaches the weights through every earlier step."
  },
  curriculum: {
    term: "curriculum",
    definition: "Training on easy examples first (here: short lags) and harder ones later, as a course would."
  },
  "gradient clipping": {
    term: "gradient clipping",
    definition:
      "Scaling the whole gradient down whenever its length exceeds a limit, so one exploding step cannot throw the weights far away."
  }
} as const satisfies Record<string, {term: string; definition: string}>;

export type GlossaryKey = keyof typeof GLOSSARY;
