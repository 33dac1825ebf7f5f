/**
 * Forward simulation: batched expectation values.
 *
 * Each sample is simulated in its own 2^n scratch state (kept hot in cache), one sample after another; gate
 * matrices that depend only on weights are built once per batch. Shortcut: the leading single-qubit ops (e.g.
 * an angle embedding followed by the first Rot layer) map |0...0> to a product state, so they are applied to one
 * 2-vector per wire and the state is then expanded once.
 */

import { Circuit } from "./circuit";
import { MATRIX_SIZE } from "./gates";
import { Plan, Sampler, checkRunArgs, planFor } from "./plan";
import { applyCNOT, applyCZ, applyMatrix, expvalPauli, writeProductState } from "./statevector";

/** Scratch arrays for simulating one sample at a time. */
export class Workspace {
  readonly re: Float64Array;
  readonly im: Float64Array;
  /** Per-wire 2-vectors after the prefix, interleaved (re0, im0, re1, im1) per wire. */
  readonly wireStates: Float64Array;
  readonly qubitRe = new Float64Array(2);
  readonly qubitIm = new Float64Array(2);

  constructor(plan: Plan) {
    this.re = new Float64Array(plan.dim);
    this.im = new Float64Array(plan.dim);
    this.wireStates = new Float64Array(4 * plan.nWires);
  }
}

/** Applies ops [from, to) of the plan (matrices from the sampler) to the state re, im. */
export function runOps(plan: Plan, sampler: Sampler, re: Float64Array, im: Float64Array, from: number, to: number): void {
  const n = plan.nWires, m = sampler.matrices;
  for (let i = from; i < to; i++) {
    const op = plan.ops[i];
    if (op.single) applyMatrix(re, im, n, op.wires[0], m, i * MATRIX_SIZE);
    else if (op.gate === "CNOT") applyCNOT(re, im, n, op.wires[0], op.wires[1]);
    else applyCZ(re, im, n, op.wires[0], op.wires[1]);
  }
}

/** Computes each wire's 2-vector after the prefix ops (starting from |0>) into ws.wireStates. */
export function runPrefix(plan: Plan, sampler: Sampler, ws: Workspace): void {
  const { qubitRe: re, qubitIm: im, wireStates: v } = ws;
  for (let w = 0; w < plan.nWires; w++) {
    re[0] = 1; im[0] = 0; re[1] = 0; im[1] = 0;
    for (const i of plan.prefixByWire[w]) applyMatrix(re, im, 1, 0, sampler.matrices, i * MATRIX_SIZE);
    v[4 * w] = re[0]; v[4 * w + 1] = im[0]; v[4 * w + 2] = re[1]; v[4 * w + 3] = im[1];
  }
}

/** Final state of the current sample (sampler already loaded) in ws.re, ws.im. */
export function simulateSample(plan: Plan, sampler: Sampler, ws: Workspace): void {
  runPrefix(plan, sampler, ws);
  writeProductState(ws.wireStates, plan.nWires, ws.re, ws.im);
  runOps(plan, sampler, ws.re, ws.im, plan.prefixLength, plan.ops.length);
}

/** Writes the expectation value of every observable of state re, im to out[o..]. */
export function measure(plan: Plan, re: Float64Array, im: Float64Array, out: Float64Array, o: number): void {
  const obs = plan.observables;
  for (let k = 0; k < obs.length; k++) out[o + k] = expvalPauli(re, im, plan.nWires, obs[k].pauli, obs[k].wire);
}

/** Forward pass with a prepared sampler (its offsets are honoured); writes batch * nObs values to out. */
export function forwardWith(plan: Plan, sampler: Sampler, inputs: ArrayLike<number>, weights: ArrayLike<number>, batch: number, out: Float64Array): void {
  const ws = new Workspace(plan);
  const nObs = plan.observables.length;
  sampler.loadWeights(weights);
  for (let b = 0; b < batch; b++) {
    sampler.loadSample(inputs, b);
    simulateSample(plan, sampler, ws);
    measure(plan, ws.re, ws.im, out, b * nObs);
  }
}

/**
 * Expectation values of the circuit's observables for `batch` samples.
 * inputs: batch * nInputs (sample-major), weights: nWeights. Returns batch * nObs, sample-major.
 */
export function forward(circuit: Circuit, inputs: ArrayLike<number>, weights: ArrayLike<number>, batch: number): Float64Array {
  const plan = planFor(circuit);
  checkRunArgs(plan, inputs, weights, batch);
  const out = new Float64Array(batch * plan.observables.length);
  forwardWith(plan, new Sampler(plan), inputs, weights, batch, out);
  return out;
}

/** The final statevector of one sample (inputs of length nInputs), as {re, im}; for tests and tools. */
export function finalState(circuit: Circuit, inputs: ArrayLike<number>, weights: ArrayLike<number>): { re: Float64Array; im: Float64Array } {
  const plan = planFor(circuit);
  checkRunArgs(plan, inputs, weights, 1);
  const sampler = new Sampler(plan);
  const ws = new Workspace(plan);
  sampler.loadWeights(weights);
  sampler.loadSample(inputs, 0);
  simulateSample(plan, sampler, ws);
  return { re: ws.re, im: ws.im };
}
