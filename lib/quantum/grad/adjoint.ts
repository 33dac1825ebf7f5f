/**
 * Adjoint differentiation (Jones & Gacon 2020, arXiv:2009.02823): the vector-Jacobian product of each sample in a
 * single backward sweep, with O(1) extra states (run on a chunk of lanes at once, see lanes.ts).
 *
 * With L = sum_k g_k <psi|O_k|psi> and psi = U_N ... U_1 |0>, start from lambda = (sum_k g_k O_k) psi and walk the
 * gates backwards. For a gate U(p) with output-frame generator G (dU/dp = (-i/2) G U, see gates.ts):
 *   dL/dp = 2 Re <lambda| (-i/2) G |psi> = Im <lambda|G|psi>,   then psi <- U^dag psi, lambda <- U^dag lambda.
 * CNOTs are index permutations folded into the plan, so they cost nothing here either.
 * The leading single-qubit ops (the product-state prefix of simulate.ts) are finished per wire on a 2x2 matrix:
 * with T_w = Tr_{other wires} |psi><lambda|, <lambda|A_w|psi> = Tr(A T_w); T_w is unchanged by gates on other
 * wires and becomes U^dag T_w U when U on wire w is undone.
 */

import * as gates from "../gates";
import * as lanes from "../lanes";
import * as plans from "../plan";
import { Plan, Sampler } from "../plan";
import * as simulate from "../simulate";
import { VJPResult, emptyResult } from "./result";

// tsx runs every module as CommonJS with getter-based exports; binding the hot functions once keeps getter
// calls out of the per-gate loops (they cost ~25% of the run time when called through the import).
const { addPauliLanes, adjointStepPerLane, adjointStepShared, negateLanes, partialTraceLanes } = lanes;
const { Workspace, matrixOffset, measureChunk, preparePrefix, runRest } = simulate;
type Workspace = simulate.Workspace;
const { MATRIX_SIZE } = gates;
const { writeBothSet, writePairs } = plans;

/** Scratch for the backward sweep of one chunk. */
class AdjointScratch {
  readonly lamRe: Float64Array;
  readonly lamIm: Float64Array;
  /** Per lane: Im<lambda|P|psi> for P = X (e[b]), Y (e[L + b]), Z (e[2L + b]). */
  readonly elements: Float64Array;
  /** Per lane: the reduced 2x2 matrix T_w (8 numbers each). */
  readonly reduced: Float64Array;
  /** dL/dslot of lane b at slotGrad[s * L + b]. */
  readonly slotGrad: Float64Array;

  constructor(plan: Plan) {
    const L = plan.lanes;
    this.lamRe = new Float64Array(plan.dim * L);
    this.lamIm = new Float64Array(plan.dim * L);
    this.elements = new Float64Array(3 * L);
    this.reduced = new Float64Array(8 * L);
    this.slotGrad = new Float64Array(plan.slotRefs.length * L);
  }
}

/** slotGrad[s, b] += n_s . e_b for each parameter slot s of op i (generators of lane b, or lane 0 if shared). */
function addParamGradients(plan: Plan, sampler: Sampler, i: number, sc: AdjointScratch, count: number): void {
  const op = plan.ops[i], L = plan.lanes;
  const e = sc.elements, g = sampler.generators, grad = sc.slotGrad;
  for (let k = 0; k < op.nParams; k++) {
    const s = op.slot + k;
    if (op.perSample) {
      for (let b = 0; b < count; b++) {
        const q = 3 * (s * L + b);
        grad[s * L + b] += g[q] * e[b] + g[q + 1] * e[L + b] + g[q + 2] * e[2 * L + b];
      }
    } else {
      const q = 3 * s * L, nx = g[q], ny = g[q + 1], nz = g[q + 2];
      for (let b = 0; b < count; b++) grad[s * L + b] += nx * e[b] + ny * e[L + b] + nz * e[2 * L + b];
    }
  }
}

/** t <- U^dag t U for the 2x2 matrix at t[q..q+8) and U = m[o..o+8). */
function conjugateByAdjoint(t: Float64Array, q: number, m: Float64Array, o: number): void {
  const t00r = t[q], t00i = t[q + 1], t01r = t[q + 2], t01i = t[q + 3];
  const t10r = t[q + 4], t10i = t[q + 5], t11r = t[q + 6], t11i = t[q + 7];
  const ar = m[o], ai = m[o + 1], br = m[o + 2], bi = m[o + 3], cr = m[o + 4], ci = m[o + 5], dr = m[o + 6], di = m[o + 7];
  // s = t U, U = [[a, b], [c, d]]
  const s00r = t00r * ar - t00i * ai + t01r * cr - t01i * ci, s00i = t00r * ai + t00i * ar + t01r * ci + t01i * cr;
  const s01r = t00r * br - t00i * bi + t01r * dr - t01i * di, s01i = t00r * bi + t00i * br + t01r * di + t01i * dr;
  const s10r = t10r * ar - t10i * ai + t11r * cr - t11i * ci, s10i = t10r * ai + t10i * ar + t11r * ci + t11i * cr;
  const s11r = t10r * br - t10i * bi + t11r * dr - t11i * di, s11i = t10r * bi + t10i * br + t11r * di + t11i * dr;
  // t = U^dag s, U^dag = [[conj a, conj c], [conj b, conj d]]
  t[q] = ar * s00r + ai * s00i + cr * s10r + ci * s10i;
  t[q + 1] = ar * s00i - ai * s00r + cr * s10i - ci * s10r;
  t[q + 2] = ar * s01r + ai * s01i + cr * s11r + ci * s11i;
  t[q + 3] = ar * s01i - ai * s01r + cr * s11i - ci * s11r;
  t[q + 4] = br * s00r + bi * s00i + dr * s10r + di * s10i;
  t[q + 5] = br * s00i - bi * s00r + dr * s10i - di * s10r;
  t[q + 6] = br * s01r + bi * s01i + dr * s11r + di * s11i;
  t[q + 7] = br * s01i - bi * s01r + dr * s11i - di * s11r;
}

/** Prefix ops of wire w: gradients from the reduced matrices T_w (one per lane), undoing the ops one by one. */
function sweepPrefixWire(plan: Plan, sampler: Sampler, ws: Workspace, sc: AdjointScratch, w: number, count: number): void {
  const L = plan.lanes, ops = plan.prefixByWire[w], t = sc.reduced, e = sc.elements;
  const pairs = writePairs(plan.dim, plan.ops[ops[0]].maps[0], ws.pairs); // no CNOT before the prefix
  partialTraceLanes(ws.re, ws.im, sc.lamRe, sc.lamIm, L, count, pairs, t);
  for (let q = ops.length - 1; q >= 0; q--) {
    const i = ops[q];
    for (let b = 0; b < count; b++) {
      // (Im Tr(X T), Im Tr(Y T), Im Tr(Z T)) = (Im(T01 + T10), Re T01 - Re T10, Im(T00 - T11))
      e[b] = t[8 * b + 3] + t[8 * b + 5];
      e[L + b] = t[8 * b + 2] - t[8 * b + 4];
      e[2 * L + b] = t[8 * b + 1] - t[8 * b + 7];
    }
    addParamGradients(plan, sampler, i, sc, count);
    if (q === 0) break;
    for (let b = 0; b < count; b++) conjugateByAdjoint(t, 8 * b, sampler.matrices, matrixOffset(plan, i, b));
  }
}

/** Backward sweep of one chunk; psi = ws.re/ws.im holds the final states and is consumed. */
function sweepChunk(plan: Plan, sampler: Sampler, ws: Workspace, sc: AdjointScratch, upstream: Float64Array, start: number, count: number): void {
  const L = plan.lanes, m = sampler.matrices, nObs = plan.observables.length;
  const { re, im } = ws, { lamRe, lamIm } = sc;
  lamRe.fill(0);
  lamIm.fill(0);
  const g = ws.perLane;
  for (let k = 0; k < nObs; k++) {
    const o = plan.observables[k];
    for (let b = 0; b < count; b++) g[b] = upstream[(start + b) * nObs + k];
    addPauliLanes(re, im, lamRe, lamIm, L, count, writePairs(plan.dim, o.map, ws.pairs), o.pauli, g);
  }
  for (let i = plan.ops.length - 1; i >= plan.prefixLength; i--) {
    const op = plan.ops[i];
    if (op.single) {
      const pairs = writePairs(plan.dim, op.maps[0], ws.pairs);
      if (op.perSample) adjointStepPerLane(re, im, lamRe, lamIm, L, count, pairs, m, i * L * MATRIX_SIZE, sc.elements);
      else adjointStepShared(re, im, lamRe, lamIm, L, count, pairs, m, i * L * MATRIX_SIZE, sc.elements);
      addParamGradients(plan, sampler, i, sc, count);
    } else if (op.gate === "CZ") {
      const amplitudes = writeBothSet(plan.dim, op.maps[0], op.maps[1], ws.quarter);
      negateLanes(re, im, L, count, amplitudes);
      negateLanes(lamRe, lamIm, L, count, amplitudes);
    }
  }
  for (let w = 0; w < plan.nWires; w++) {
    if (plan.prefixByWire[w].length > 0) sweepPrefixWire(plan, sampler, ws, sc, w, count);
  }
}

/** Adds the chunk's slot gradients to the input gradients of its samples and to the batch-summed weight gradients. */
function scatterChunk(plan: Plan, sc: AdjointScratch, start: number, count: number, result: VJPResult): void {
  const L = plan.lanes, nInputs = plan.circuit.nInputs;
  plan.slotRefs.forEach((ref, s) => {
    if (ref.src === "input") {
      for (let b = 0; b < count; b++) result.gradInputs[(start + b) * nInputs + ref.index] += sc.slotGrad[s * L + b];
    } else if (ref.src === "weight") {
      let sum = 0;
      for (let b = 0; b < count; b++) sum += sc.slotGrad[s * L + b];
      result.gradWeights[ref.index] += sum;
    }
  });
}

export function adjointVJP(
  plan: Plan, inputs: ArrayLike<number>, weights: ArrayLike<number>, batch: number, upstream: ArrayLike<number>,
): VJPResult {
  const result = emptyResult(plan, batch);
  const sampler = new Sampler(plan, true);
  const ws = new Workspace(plan);
  const sc = new AdjointScratch(plan);
  const g = upstream instanceof Float64Array ? upstream : Float64Array.from(upstream);
  sampler.loadWeights(weights);
  for (let start = 0; start < batch; start += plan.lanes) {
    const count = Math.min(plan.lanes, batch - start);
    sampler.loadChunk(inputs, start, count);
    preparePrefix(plan, sampler, ws, count);
    runRest(plan, sampler, ws, count);
    measureChunk(plan, ws, count, result.expvals, start);
    sc.slotGrad.fill(0);
    sweepChunk(plan, sampler, ws, sc, g, start, count);
    scatterChunk(plan, sc, start, count, result);
  }
  return result;
}
