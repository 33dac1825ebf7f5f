/**
 * Forward simulation: batched expectation values on the lane kernels (lanes.ts).
 *
 * The batch is cut into chunks of `plan.lanes` samples simulated side by side. Shortcut: the leading single-qubit
 * ops (e.g. an angle embedding followed by the first Rot layer) map |0...0> to a product state, so per sample they
 * act on one 2-vector per wire and the state is written out once. CNOTs cost nothing at run time (plan.ts).
 */

import { Circuit } from "./circuit";
import * as gates from "./gates";
import * as lanes from "./lanes";
import { checkMemory } from "./memory";
import * as plans from "./plan";
import { Plan, Sampler, checkRunArgs, planFor } from "./plan";

// tsx runs every module as CommonJS with getter-based exports; binding the hot functions once keeps getter
// calls out of the per-gate loops (they cost ~25% of the run time when called through the import).
const { applyPerLane, applyShared, expvalLanes, negateLanes, writeProductLane } = lanes;
const { MATRIX_SIZE } = gates;
const { writeBothSet, writePairs } = plans;

/** Scratch state of one chunk: re/im of dim * lanes, per-wire 2-vectors of the prefix, index tables. */
export class Workspace {
  readonly re: Float64Array;
  readonly im: Float64Array;
  /** Physical pairs of the op being applied (plan.writePairs) and amplitudes a CZ negates (plan.writeBothSet). */
  readonly pairs: Int32Array;
  readonly quarter: Int32Array;
  /** (re0, im0, re1, im1) of each wire after the prefix ops, for the current lane. */
  readonly wireStates: Float64Array;
  /** One number per lane (accumulators). */
  readonly perLane: Float64Array;

  constructor(plan: Plan) {
    this.perLane = new Float64Array(plan.lanes);
    this.re = new Float64Array(plan.dim * plan.lanes);
    this.im = new Float64Array(plan.dim * plan.lanes);
    this.wireStates = new Float64Array(4 * plan.nWires);
    this.pairs = new Int32Array(plan.dim);
    this.quarter = new Int32Array(plan.dim >> 2);
  }
}

/** v <- U v for the 2-vector v at v[q..q+4) (interleaved re, im) and U = m[o..o+8). */
function apply2(v: Float64Array, q: number, m: Float64Array, o: number): void {
  const xr = v[q], xi = v[q + 1], yr = v[q + 2], yi = v[q + 3];
  v[q] = m[o] * xr - m[o + 1] * xi + m[o + 2] * yr - m[o + 3] * yi;
  v[q + 1] = m[o] * xi + m[o + 1] * xr + m[o + 2] * yi + m[o + 3] * yr;
  v[q + 2] = m[o + 4] * xr - m[o + 5] * xi + m[o + 6] * yr - m[o + 7] * yi;
  v[q + 3] = m[o + 4] * xi + m[o + 5] * xr + m[o + 6] * yi + m[o + 7] * yr;
}

/** Offset of op i's matrix for lane b (ops without inputs keep theirs in lane 0). */
export function matrixOffset(plan: Plan, i: number, b: number): number {
  return (i * plan.lanes + (plan.ops[i].perSample ? b : 0)) * MATRIX_SIZE;
}

/** Writes the product state after the prefix ops into every live lane. */
export function preparePrefix(plan: Plan, sampler: Sampler, ws: Workspace, count: number): void {
  const v = ws.wireStates, m = sampler.matrices;
  for (let b = 0; b < count; b++) {
    for (let w = 0; w < plan.nWires; w++) {
      v[4 * w] = 1; v[4 * w + 1] = 0; v[4 * w + 2] = 0; v[4 * w + 3] = 0;
      const ops = plan.prefixByWire[w];
      for (let t = 0; t < ops.length; t++) apply2(v, 4 * w, m, matrixOffset(plan, ops[t], b));
    }
    writeProductLane(v, plan.nWires, ws.re, ws.im, plan.lanes, b);
  }
}

/** Applies the ops after the prefix to the chunk's state. */
export function runRest(plan: Plan, sampler: Sampler, ws: Workspace, count: number): void {
  const L = plan.lanes, m = sampler.matrices, { re, im } = ws;
  for (let i = plan.prefixLength; i < plan.ops.length; i++) {
    const op = plan.ops[i];
    if (op.single) {
      const pairs = writePairs(plan.dim, op.maps[0], ws.pairs);
      if (op.perSample) applyPerLane(re, im, L, count, pairs, m, i * L * MATRIX_SIZE);
      else applyShared(re, im, L, count, pairs, m, i * L * MATRIX_SIZE);
    } else if (op.gate === "CZ") {
      negateLanes(re, im, L, count, writeBothSet(plan.dim, op.maps[0], op.maps[1], ws.quarter));
    }
  }
}

/** Writes the expectation values of the chunk's lanes to out[(start + b) * nObs + k]. */
export function measureChunk(plan: Plan, ws: Workspace, count: number, out: Float64Array, start: number): void {
  const nObs = plan.observables.length;
  for (let k = 0; k < nObs; k++) {
    const o = plan.observables[k];
    const pairs = writePairs(plan.dim, o.map, ws.pairs);
    expvalLanes(ws.re, ws.im, plan.lanes, count, pairs, o.pauli, ws.perLane, out, start * nObs + k, nObs);
  }
}

/** Forward pass with a prepared sampler (its offsets are honoured); writes batch * nObs values to out. */
export function forwardWith(plan: Plan, sampler: Sampler, inputs: ArrayLike<number>, weights: ArrayLike<number>, batch: number, out: Float64Array): void {
  const ws = new Workspace(plan);
  sampler.loadWeights(weights);
  for (let start = 0; start < batch; start += plan.lanes) {
    const count = Math.min(plan.lanes, batch - start);
    sampler.loadChunk(inputs, start, count);
    preparePrefix(plan, sampler, ws, count);
    runRest(plan, sampler, ws, count);
    measureChunk(plan, ws, count, out, start);
  }
}

/**
 * Expectation values of the circuit's observables for `batch` samples.
 * inputs: batch * nInputs (sample-major), weights: nWeights. Returns batch * nObs, sample-major.
 */
export function forward(circuit: Circuit, inputs: ArrayLike<number>, weights: ArrayLike<number>, batch: number): Float64Array {
  const plan = planFor(circuit);
  checkRunArgs(plan, inputs, weights, batch);
  checkMemory(plan, "forward");
  const out = new Float64Array(batch * plan.observables.length);
  forwardWith(plan, new Sampler(plan), inputs, weights, batch, out);
  return out;
}

/** The final statevector of one sample (inputs of length nInputs), as {re, im}; for tests and tools. */
export function finalState(circuit: Circuit, inputs: ArrayLike<number>, weights: ArrayLike<number>): { re: Float64Array; im: Float64Array } {
  const plan = planFor(circuit);
  checkRunArgs(plan, inputs, weights, 1);
  checkMemory(plan, "forward");
  const sampler = new Sampler(plan);
  const ws = new Workspace(plan);
  sampler.loadWeights(weights);
  sampler.loadChunk(inputs, 0, 1);
  preparePrefix(plan, sampler, ws, 1);
  runRest(plan, sampler, ws, 1);
  const L = plan.lanes;
  const physical = (a: number) => plan.finalColumns.reduce((p, col, w) => (a & (1 << (plan.nWires - 1 - w)) ? p ^ col : p), 0);
  return {
    re: Float64Array.from({ length: plan.dim }, (_, a) => ws.re[physical(a) * L]),
    im: Float64Array.from({ length: plan.dim }, (_, a) => ws.im[physical(a) * L]),
  };
}
