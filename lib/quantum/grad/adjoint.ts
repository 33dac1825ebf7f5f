/**
 * Adjoint differentiation (Jones & Gacon 2020, arXiv:2009.02823): the vector-Jacobian product of one sample in a
 * single backward sweep, with O(1) extra states.
 *
 * With L = sum_k g_k <psi|O_k|psi> and psi = U_N ... U_1 |0>, start from lambda = (sum_k g_k O_k) psi and walk the
 * gates backwards. For a gate U(p) with output-frame generator G (dU/dp = (-i/2) G U, see gates.ts):
 *   dL/dp = 2 Re <lambda| (-i/2) G |psi> = Im <lambda|G|psi>,   then psi <- U^dag psi, lambda <- U^dag lambda.
 * The leading single-qubit ops (product-state prefix) are finished per wire on 2-vectors: with
 * psi = (x)_w v_w, <lambda| A_w |psi> = <mu_w| A |v_w> where mu_w = ((x)_{k != w} v_k)^dag lambda.
 */

import { MATRIX_SIZE } from "../gates";
import { Plan, Sampler } from "../plan";
import { Workspace, measure, simulateSample } from "../simulate";
import { addPauliTimes, applyCNOT, applyCZ, applyMatrixAdjoint, imPauliElements } from "../statevector";
import { VJPResult, emptyResult, scatterSlotGradients } from "./slots";

/** Scratch for the backward sweep. */
class AdjointScratch {
  readonly lamRe: Float64Array;
  readonly lamIm: Float64Array;
  /** Partial contraction buffer for mu_w. */
  readonly bufRe: Float64Array;
  readonly bufIm: Float64Array;
  readonly psi1Re = new Float64Array(2);
  readonly psi1Im = new Float64Array(2);
  readonly lam1Re = new Float64Array(2);
  readonly lam1Im = new Float64Array(2);
  readonly elements = new Float64Array(3);
  readonly slotGrad: Float64Array;

  constructor(plan: Plan) {
    this.lamRe = new Float64Array(plan.dim);
    this.lamIm = new Float64Array(plan.dim);
    this.bufRe = new Float64Array(plan.dim);
    this.bufIm = new Float64Array(plan.dim);
    this.slotGrad = new Float64Array(plan.slotRefs.length);
  }
}

/** Adds dL/dp for the parameters of single-qubit op i, given lambda and psi at its output. */
function accumulateOp(
  plan: Plan, sampler: Sampler, i: number, nWires: number, wire: number,
  lRe: Float64Array, lIm: Float64Array, pRe: Float64Array, pIm: Float64Array, sc: AdjointScratch,
): void {
  const op = plan.ops[i];
  if (op.nParams === 0) return;
  const e = sc.elements, g = sampler.generators;
  imPauliElements(lRe, lIm, pRe, pIm, nWires, wire, e, 0);
  for (let k = 0; k < op.nParams; k++) {
    const s = op.slot + k;
    sc.slotGrad[s] += g[3 * s] * e[0] + g[3 * s + 1] * e[1] + g[3 * s + 2] * e[2];
  }
}

/**
 * mu_w = ((x)_{k != w} v_k)^dag lambda: contracts every wire but w, least significant first, in sc.buf.
 * Result in sc.lam1.
 */
function contractAllBut(plan: Plan, ws: Workspace, sc: AdjointScratch, w: number): void {
  const n = plan.nWires, v = ws.wireStates, re = sc.bufRe, im = sc.bufIm;
  re.set(sc.lamRe);
  im.set(sc.lamIm);
  let size = plan.dim;
  for (let k = n - 1; k >= 0; k--) {
    if (k === w) continue;
    // remaining wires are 0..k plus w (if w > k); wire k sits at bit position p from the end.
    const p = w > k ? 1 : 0, s = 1 << p;
    const c0r = v[4 * k], c0i = -v[4 * k + 1], c1r = v[4 * k + 2], c1i = -v[4 * k + 3];
    const half = size >> 1;
    for (let j = 0; j < half; j++) {
      const i0 = ((j >> p) << (p + 1)) | (j & (s - 1)), i1 = i0 + s;
      const r = c0r * re[i0] - c0i * im[i0] + c1r * re[i1] - c1i * im[i1];
      const m = c0r * im[i0] + c0i * re[i0] + c1r * im[i1] + c1i * re[i1];
      re[j] = r;
      im[j] = m;
    }
    size = half;
  }
  sc.lam1Re[0] = re[0]; sc.lam1Im[0] = im[0]; sc.lam1Re[1] = re[1]; sc.lam1Im[1] = im[1];
}

/** Backward sweep for one sample; psi = ws.re/ws.im holds the final state and is consumed. */
function sweepSample(plan: Plan, sampler: Sampler, ws: Workspace, sc: AdjointScratch, upstream: ArrayLike<number>, uo: number): void {
  const n = plan.nWires, m = sampler.matrices;
  const { re, im } = ws, { lamRe, lamIm } = sc;
  lamRe.fill(0);
  lamIm.fill(0);
  plan.observables.forEach((o, k) => addPauliTimes(re, im, lamRe, lamIm, n, o.pauli, o.wire, upstream[uo + k]));
  for (let i = plan.ops.length - 1; i >= plan.prefixLength; i--) {
    const op = plan.ops[i];
    if (op.single) {
      accumulateOp(plan, sampler, i, n, op.wires[0], lamRe, lamIm, re, im, sc);
      applyMatrixAdjoint(re, im, n, op.wires[0], m, i * MATRIX_SIZE);
      applyMatrixAdjoint(lamRe, lamIm, n, op.wires[0], m, i * MATRIX_SIZE);
    } else if (op.gate === "CNOT") {
      applyCNOT(re, im, n, op.wires[0], op.wires[1]);
      applyCNOT(lamRe, lamIm, n, op.wires[0], op.wires[1]);
    } else {
      applyCZ(re, im, n, op.wires[0], op.wires[1]);
      applyCZ(lamRe, lamIm, n, op.wires[0], op.wires[1]);
    }
  }
  // psi is now the product state (x)_w v_w; finish each wire's prefix ops on 2-vectors.
  const v = ws.wireStates;
  for (let w = 0; w < n; w++) {
    const ops = plan.prefixByWire[w];
    if (ops.length === 0) continue;
    contractAllBut(plan, ws, sc, w);
    const { psi1Re, psi1Im, lam1Re, lam1Im } = sc;
    psi1Re[0] = v[4 * w]; psi1Im[0] = v[4 * w + 1]; psi1Re[1] = v[4 * w + 2]; psi1Im[1] = v[4 * w + 3];
    for (let t = ops.length - 1; t >= 0; t--) {
      const i = ops[t];
      accumulateOp(plan, sampler, i, 1, 0, lam1Re, lam1Im, psi1Re, psi1Im, sc);
      applyMatrixAdjoint(psi1Re, psi1Im, 1, 0, m, i * MATRIX_SIZE);
      applyMatrixAdjoint(lam1Re, lam1Im, 1, 0, m, i * MATRIX_SIZE);
    }
  }
}

export function adjointVJP(
  plan: Plan, inputs: ArrayLike<number>, weights: ArrayLike<number>, batch: number, upstream: ArrayLike<number>,
): VJPResult {
  const result = emptyResult(plan, batch);
  const sampler = new Sampler(plan, true);
  const ws = new Workspace(plan);
  const sc = new AdjointScratch(plan);
  const nObs = plan.observables.length;
  sampler.loadWeights(weights);
  for (let b = 0; b < batch; b++) {
    sampler.loadSample(inputs, b);
    simulateSample(plan, sampler, ws);
    measure(plan, ws.re, ws.im, result.expvals, b * nObs);
    sc.slotGrad.fill(0);
    sweepSample(plan, sampler, ws, sc, upstream, b * nObs);
    scatterSlotGradients(plan, sc.slotGrad, b, result);
  }
  return result;
}
