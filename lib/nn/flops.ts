/**
 * Floating-point operations of one training step of the section 2.2 models (lib/nn/models.ts), counted
 * analytically from their shapes, phase by phase, for the roofline of experiments/bench-roofline.ts.
 *
 * Conventions: a multiply-add is 2 FLOPs; a comparison (ReLU, max pooling), a division, a square root, exp and log
 * count 1 each; copies, reshapes, casts and sign flips count 0. A convolution ('same' padding, stride 1) counts
 * every tap of every output position, the padding's zeros included, because that is what the GEMM-style kernels
 * execute (XNNPACK's indirection buffer, the im2col product of lib/nn/wasm-kernels.ts).
 *
 * Per phase (N images, a conv with H x W outputs, CI -> CO channels, K x K taps; dense in -> out):
 *   conv              forward 2 N H W CO K² CI + N H W CO (bias), filter gradient 2 N H W CO K² CI, bias gradient
 *                     N H W CO, input gradient 2 N H W CI K² CO (not for the first conv: lib/nn/conv-layer.ts skips it)
 *   BatchNorm         forward 5 per element (sum, sum of squares, scale and shift: lib/nn/batch-norm.ts),
 *                     backward 8 per element; running statistics 6 per channel; per-channel constants left out
 *   ReLU              forward 1 per element, backward 2 (tfjs: step(x) * dy)
 *   max pool 2x2      forward 3 comparisons per output, backward 3 (lib/nn/wasm-memory-kernels.ts finds the maximum again)
 *   dense             forward 2 N in out + N out, backward 4 N in out + N out (input and weight gradients, bias)
 *   loss              approximate: softmax cross-entropy and the accuracy count, forward and backward, 15 per logit
 *   quantum layer     the engine's state-vector arithmetic (float64), see circuitFlops
 *   Adam              14 per weight (lib/nn/adam.ts: 3 + 4 for the moments, 2 divisions, sqrt, +eps, division, x lr, +w)
 */
import { Circuit, hqnnBranchCircuit } from "../quantum";
import { Head, ModelConfig } from "./models";
import { PARALLEL_LAYERS, PARALLEL_QUBITS } from "./parallel-head";

/** A 'same', stride-1 convolution: H x W outputs (= inputs), CI -> CO channels, K x K filter. */
export interface ConvShape { h: number; w: number; ci: number; co: number; k: number }

export const convForwardFlops = (n: number, s: ConvShape) => 2 * n * s.h * s.w * s.co * s.k * s.k * s.ci + n * s.h * s.w * s.co;
export const convInputGradFlops = (n: number, s: ConvShape) => 2 * n * s.h * s.w * s.ci * s.k * s.k * s.co;
export const convFilterGradFlops = (n: number, s: ConvShape) => 2 * n * s.h * s.w * s.co * s.k * s.k * s.ci;
export const convBiasGradFlops = (n: number, s: ConvShape) => n * s.h * s.w * s.co;
export const denseForwardFlops = (n: number, inUnits: number, out: number) => 2 * n * inUnits * out + n * out;
export const denseBackwardFlops = (n: number, inUnits: number, out: number) => 4 * n * inUnits * out + n * out;

const BN_FORWARD = 5, BN_BACKWARD = 8, BN_RUNNING = 6, RELU_FORWARD = 1, RELU_BACKWARD = 2, POOL = 3;
const LOSS = 15;
export const ADAM_FLOPS_PER_WEIGHT = 14;

/** FLOPs of the lane kernels (lib/quantum/lanes.ts, simulate.ts, grad/adjoint.ts), per sample. */
const APPLY_2X2 = 28; // a 2x2 complex matrix times a 2-vector: 16 multiplies, 12 adds
const PRODUCT_STATE_ENTRY = 12; // two complex products per amplitude written by writeProductLane
const EXPVAL_PAIR = { X: 4, Y: 4, Z: 8 } as const;
const ADD_PAULI_PAIR = 8;
const ADJOINT_STEP_PAIR = 80; // three Pauli elements (24) and U^dag on the state and the adjoint state (2 x 28)
const PARAM_GRADIENT = 6; // n . e added to the slot's gradient
const PARTIAL_TRACE_PAIR = 32;
const PAULI_ELEMENTS = 3;
const CONJUGATE_2X2 = 112; // U^dag T U on a 2x2 complex matrix

/** Leading single-qubit ops of a circuit: they map |0...0> to a product state (lib/quantum/plan.ts). */
function prefixLength(circuit: Circuit): number {
  const i = circuit.ops.findIndex((op) => op.wires.length > 1);
  return i < 0 ? circuit.ops.length : i;
}

function forwardPerSample(circuit: Circuit): number {
  const pairs = (1 << circuit.nWires) / 2, prefix = prefixLength(circuit);
  let flops = prefix * APPLY_2X2 + PRODUCT_STATE_ENTRY * ((1 << circuit.nWires) - 1);
  for (const op of circuit.ops.slice(prefix)) if (op.wires.length === 1) flops += pairs * APPLY_2X2;
  for (const o of circuit.observables) flops += pairs * EXPVAL_PAIR[o.pauli] + 1;
  return flops;
}

/** The adjoint sweep after the forward pass: the observables' vector, the gates undone, the prefix per wire, the scatter. */
function sweepPerSample(circuit: Circuit): number {
  const pairs = (1 << circuit.nWires) / 2, prefix = prefixLength(circuit);
  let flops = circuit.observables.length * pairs * ADD_PAULI_PAIR;
  for (const op of circuit.ops.slice(prefix)) {
    if (op.wires.length === 1) flops += pairs * ADJOINT_STEP_PAIR + op.params.length * PARAM_GRADIENT;
  }
  for (let w = 0; w < circuit.nWires; w++) {
    const ops = circuit.ops.slice(0, prefix).filter((op) => op.wires[0] === w);
    if (ops.length === 0) continue;
    flops += pairs * PARTIAL_TRACE_PAIR + (ops.length - 1) * CONJUGATE_2X2;
    for (const op of ops) flops += PAULI_ELEMENTS + op.params.length * PARAM_GRADIENT;
  }
  const slots = circuit.ops.reduce((s, op) => s + op.params.filter((p) => p.src !== "const").length, 0);
  return flops + slots;
}

/**
 * FLOPs per sample of the engine's forward pass and of its adjoint VJP (which runs the forward pass again, then
 * the backward sweep): the arithmetic in the inner loops of the state-vector kernels, one count per operation.
 * Left out, so the count is a lower bound: the gate matrices (a sin and a cos per rotation, per sample for input
 * rotations, once per batch for weights) and the index tables. CNOTs are free (folded into the memory layout) and
 * CZs only flip signs.
 */
export function circuitFlops(circuit: Circuit): { forward: number; backward: number } {
  const forward = forwardPerSample(circuit);
  return { forward, backward: forward + sweepPerSample(circuit) };
}

/** One phase of a training step and its FLOPs. */
export interface PhaseFlops { phase: string; flops: number }

/** The convolution blocks of a model: each conv's shape (5x5, 'same') and its pooled output. */
export function convShapes(cfg: Pick<ModelConfig, "inputShape" | "convChannels">): ConvShape[] {
  let [h, w, ci] = cfg.inputShape;
  return cfg.convChannels.map((co) => {
    const s = { h, w, ci, co, k: 5 };
    [h, w, ci] = [Math.floor(h / 2), Math.floor(w / 2), co];
    return s;
  });
}

function convBlockPhases(n: number, s: ConvShape, b: number): PhaseFlops[] {
  const elements = n * s.h * s.w * s.co, pooled = n * Math.floor(s.h / 2) * Math.floor(s.w / 2) * s.co;
  return [
    { phase: `conv${b} forward`, flops: convForwardFlops(n, s) },
    ...(b > 1 ? [{ phase: `conv${b} input grad`, flops: convInputGradFlops(n, s) }] : []),
    { phase: `conv${b} filter grad`, flops: convFilterGradFlops(n, s) },
    { phase: `conv${b} bias grad`, flops: convBiasGradFlops(n, s) },
    { phase: `bn${b} forward`, flops: BN_FORWARD * elements },
    { phase: `bn${b} backward`, flops: BN_BACKWARD * elements },
    { phase: `relu${b} forward`, flops: RELU_FORWARD * elements },
    { phase: `relu${b} backward`, flops: RELU_BACKWARD * elements },
    { phase: `pool${b} forward`, flops: POOL * pooled },
    { phase: `pool${b} backward`, flops: POOL * pooled },
  ];
}

/** The layers after the convolutions: dense layers (in, out), BatchNorms and ReLUs of width n, the quantum layer. */
function headLayers(cfg: ModelConfig, head: Head) {
  const last = convShapes(cfg).at(-1);
  const flat = last ? Math.floor(last.h / 2) * Math.floor(last.w / 2) * last.co : cfg.inputShape.reduce((a, b) => a * b, 1);
  const dense: [number, number][] = [[flat, cfg.n], ...(head === "dense" ? [[cfg.n, cfg.n]] as [number, number][] : []), [cfg.n, cfg.classes]];
  return { dense, batchNorms: head === "quantum" ? 2 : 1, relus: head === "quantum" ? 1 : 2, quantum: head === "quantum" };
}

/** The branch circuit of every quantum head (lib/nn/parallel-head.ts) and the number of circuits for width n. */
export function parallelCircuit(n: number): { circuit: Circuit; nCircuits: number } {
  return { circuit: hqnnBranchCircuit({ nQubits: PARALLEL_QUBITS, nLayers: PARALLEL_LAYERS }), nCircuits: n / PARALLEL_QUBITS };
}

/** Trainable weights of a model, from its shapes (conv kernels and biases, BatchNorm scale and shift, dense, quantum). */
export function trainableWeightCount(cfg: ModelConfig, head: Head): number {
  const convs = convShapes(cfg).reduce((s, c) => s + c.k * c.k * c.ci * c.co + c.co + 2 * c.co, 0);
  const h = headLayers(cfg, head);
  const { circuit, nCircuits } = parallelCircuit(cfg.n);
  return convs + h.dense.reduce((s, [i, o]) => s + i * o + o, 0) + 2 * cfg.n * h.batchNorms + (h.quantum ? nCircuits * circuit.nWeights : 0);
}

function headPhases(cfg: ModelConfig, head: Head, n: number): PhaseFlops[] {
  const h = headLayers(cfg, head), width = n * cfg.n;
  const phases: PhaseFlops[] = [
    { phase: "dense forward", flops: h.dense.reduce((s, [i, o]) => s + denseForwardFlops(n, i, o), 0) },
    { phase: "dense backward", flops: h.dense.reduce((s, [i, o]) => s + denseBackwardFlops(n, i, o), 0) },
    { phase: "head bn forward", flops: h.batchNorms * BN_FORWARD * width },
    { phase: "head bn backward", flops: h.batchNorms * BN_BACKWARD * width },
    { phase: "head relu forward", flops: h.relus * RELU_FORWARD * width },
    { phase: "head relu backward", flops: h.relus * RELU_BACKWARD * width },
  ];
  if (h.quantum) {
    const { circuit, nCircuits } = parallelCircuit(cfg.n), per = circuitFlops(circuit);
    phases.push({ phase: "quantum forward", flops: n * nCircuits * per.forward }, { phase: "quantum backward", flops: n * nCircuits * per.backward });
  }
  return phases;
}

/** Every phase of one training step on a batch of n images, with its FLOPs. */
export function stepFlops(cfg: ModelConfig, head: Head, n: number): PhaseFlops[] {
  const convs = convShapes(cfg);
  const channels = convs.reduce((s, c) => s + c.co, 0) + headLayers(cfg, head).batchNorms * cfg.n;
  return [
    ...convs.flatMap((s, i) => convBlockPhases(n, s, i + 1)),
    { phase: "bn running stats", flops: BN_RUNNING * channels },
    ...headPhases(cfg, head, n),
    { phase: "loss", flops: LOSS * n * cfg.classes },
    { phase: "adam", flops: ADAM_FLOPS_PER_WEIGHT * trainableWeightCount(cfg, head) },
  ];
}
