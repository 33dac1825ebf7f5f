/**
 * Which architectures give the paper's parameter counts? The text of section 2.2 leaves open where
 * BatchNorm goes, whether layers have biases, the input size after resizing, the third convolution's width,
 * and the classical replacement of the quantum layer. This enumerates those choices and counts trainable
 * parameters exactly (PyTorch convention: BatchNorm has 2 per feature, running statistics do not count).
 */

export interface ArchChoice {
  inChannels: number;
  inputSize: number;
  convChannels: number[];
  kernel: 3 | 5;
  convBias: boolean;
  convBn: boolean;
  n: number;
  denseBias: boolean;
  bnAfterDense1: boolean;
  bnAfterQuantum: boolean;
  bnAfterOutput: boolean;
  classes: number;
  /** "quantum": c = n/5 circuits of 5 qubits, 3 SEL layers (9 weights per qubit). "dense:m": n -> m -> classes. */
  head: "quantum" | "dense-same" | "none" | `hidden:${number}`;
}

export const QUANTUM_WEIGHTS_PER_FEATURE = 9; // 3 StronglyEntanglingLayers x 3 angles per qubit

function conv(cin: number, cout: number, k: number, bias: boolean) { return cin * cout * k * k + (bias ? cout : 0); }
function dense(a: number, b: number, bias: boolean) { return a * b + (bias ? b : 0); }

/** Spatial size after each conv (size-preserving padding) + MaxPool 2 (floor). */
export function flatFeatures(a: Pick<ArchChoice, "inputSize" | "convChannels">): number {
  let s = a.inputSize;
  for (let i = 0; i < a.convChannels.length; i++) s = Math.floor(s / 2);
  return a.convChannels[a.convChannels.length - 1] * s * s;
}

export function countParams(a: ArchChoice): number {
  let total = 0, c = a.inChannels;
  for (const co of a.convChannels) {
    total += conv(c, co, a.kernel, a.convBias) + (a.convBn ? 2 * co : 0);
    c = co;
  }
  const flat = flatFeatures(a);
  total += dense(flat, a.n, a.denseBias) + (a.bnAfterDense1 ? 2 * a.n : 0);
  let last = a.n;
  if (a.head === "quantum") {
    total += a.n * QUANTUM_WEIGHTS_PER_FEATURE + (a.bnAfterQuantum ? 2 * a.n : 0);
  } else if (a.head === "dense-same") {
    total += dense(a.n, a.n, a.denseBias) + (a.bnAfterQuantum ? 2 * a.n : 0);
  } else if (a.head.startsWith("hidden:")) {
    const h = Number(a.head.slice(7));
    total += dense(a.n, h, a.denseBias) + (a.bnAfterQuantum ? 2 * h : 0);
    last = h;
  }
  return total + dense(last, a.classes, a.denseBias) + (a.bnAfterOutput ? 2 * a.classes : 0);
}

export interface SearchSpace {
  inChannels: number[];
  inputSizes: number[];
  convChannels: number[][];
  kernels: (3 | 5)[];
  classes: number;
  heads: ArchChoice["head"][];
  n: number[];
}

function* product<T>(lists: T[][]): Generator<T[]> {
  if (lists.length === 0) { yield []; return; }
  for (const x of lists[0]) for (const rest of product(lists.slice(1))) yield [x, ...rest];
}

/** Every architecture in the space whose parameter count equals `target`. */
export function searchArchitectures(space: SearchSpace, target: number): ArchChoice[] {
  const found: ArchChoice[] = [];
  const bools = [true, false];
  for (const [inChannels, inputSize, convChannels, kernel, head, n, convBias, convBn, denseBias, b1, bq, bo] of product<any>([
    space.inChannels, space.inputSizes, space.convChannels, space.kernels, space.heads, space.n, bools, bools, bools, bools, bools, bools,
  ])) {
    if (head === "none" && bq) continue;
    const a: ArchChoice = { inChannels, inputSize, convChannels, kernel, convBias, convBn, n, denseBias,
      bnAfterDense1: b1, bnAfterQuantum: bq, bnAfterOutput: bo, classes: space.classes, head };
    if (countParams(a) === target) found.push(a);
  }
  return found;
}

/** A one-line description of an architecture, for tables. */
export function describeArch(a: ArchChoice): string {
  const head = a.head === "quantum" ? `${a.n / 5}x5-qubit circuits` : a.head === "dense-same" ? `dense ${a.n}->${a.n}` : a.head === "none" ? "no middle layer" : `dense ${a.n}->${a.head.slice(7)}`;
  return `${a.inChannels}x${a.inputSize}x${a.inputSize} input, conv ${a.convChannels.join("-")} (${a.kernel}x${a.kernel}${a.convBias ? ", bias" : ", no bias"}${a.convBn ? ", BN" : ""}), ` +
    `dense ->${a.n}${a.denseBias ? "" : " (no bias)"}${a.bnAfterDense1 ? " +BN" : ""}, ${head}${a.bnAfterQuantum ? " +BN" : ""}, dense ->${a.classes}${a.bnAfterOutput ? " +BN" : ""}`;
}
