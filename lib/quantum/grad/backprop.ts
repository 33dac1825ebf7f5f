/**
 * Backpropagation: reverse-mode differentiation through the simulator's stored intermediate states.
 *
 * The forward pass keeps every state x_i = U_i x_{i-1} (full statevector, no product-state shortcut). For a real
 * loss L, the cotangent ybar of a complex state y is defined by dL = Re sum conj(ybar) dy; the output cotangent is
 * ybar = 2 (sum_k g_k O_k) psi. Through y = U x:
 *   xbar = U^dag ybar,   dL/dp = Re sum_{r,c} (dU/dp)_{rc} M_{rc},  M_{rc} = sum over amplitude pairs conj(ybar_r) x_c,
 * with dU/dp the derivative of the closed-form gate matrix (gates.ts), not the generator form the adjoint uses.
 * Memory: (number of ops + 1) statevectors per sample.
 */

import { MATRIX_SIZE, SingleQubitGate, writeGateDerivative } from "../gates";
import { Plan, Sampler } from "../plan";
import { measure, runOps } from "../simulate";
import { addPauliTimes, applyCNOT, applyCZ, applyMatrixAdjoint } from "../statevector";
import { VJPResult, emptyResult, scatterSlotGradients } from "./slots";

/** out = M (2x2 complex, 8 numbers): M_rc = sum over pairs conj(ybar_r) x_c on `wire`. */
function pairOuterSum(
  yRe: Float64Array, yIm: Float64Array, xRe: Float64Array, xIm: Float64Array, nWires: number, wire: number, out: Float64Array,
): void {
  const s = 1 << (nWires - 1 - wire), dim = 1 << nWires;
  out.fill(0);
  for (let i = 0; i < dim; i += 2 * s) {
    for (let j = i; j < i + s; j++) {
      const idx = [j, j + s];
      for (let r = 0; r < 2; r++) {
        for (let c = 0; c < 2; c++) {
          const yr = yRe[idx[r]], yi = -yIm[idx[r]], xr = xRe[idx[c]], xi = xIm[idx[c]];
          out[4 * r + 2 * c] += yr * xr - yi * xi;
          out[4 * r + 2 * c + 1] += yr * xi + yi * xr;
        }
      }
    }
  }
}

export function backpropVJP(
  plan: Plan, inputs: ArrayLike<number>, weights: ArrayLike<number>, batch: number, upstream: ArrayLike<number>,
): VJPResult {
  const result = emptyResult(plan, batch);
  const { dim, nWires: n, ops } = plan;
  const nObs = plan.observables.length;
  const sampler = new Sampler(plan);
  const statesRe = Array.from({ length: ops.length + 1 }, () => new Float64Array(dim));
  const statesIm = Array.from({ length: ops.length + 1 }, () => new Float64Array(dim));
  const yRe = new Float64Array(dim), yIm = new Float64Array(dim);
  const outer = new Float64Array(8), dU = new Float64Array(8);
  const slotGrad = new Float64Array(plan.slotRefs.length);
  sampler.loadWeights(weights);
  for (let b = 0; b < batch; b++) {
    sampler.loadSample(inputs, b);
    statesRe[0].fill(0);
    statesIm[0].fill(0);
    statesRe[0][0] = 1;
    for (let i = 0; i < ops.length; i++) {
      statesRe[i + 1].set(statesRe[i]);
      statesIm[i + 1].set(statesIm[i]);
      runOps(plan, sampler, statesRe[i + 1], statesIm[i + 1], i, i + 1);
    }
    const psiRe = statesRe[ops.length], psiIm = statesIm[ops.length];
    measure(plan, psiRe, psiIm, result.expvals, b * nObs);
    yRe.fill(0);
    yIm.fill(0);
    plan.observables.forEach((o, k) => addPauliTimes(psiRe, psiIm, yRe, yIm, n, o.pauli, o.wire, 2 * upstream[b * nObs + k]));
    slotGrad.fill(0);
    for (let i = ops.length - 1; i >= 0; i--) {
      const op = ops[i];
      if (op.single) {
        if (op.nParams > 0) {
          pairOuterSum(yRe, yIm, statesRe[i], statesIm[i], n, op.wires[0], outer);
          for (let k = 0; k < op.nParams; k++) {
            writeGateDerivative(op.gate as SingleQubitGate, sampler.values, op.slot, k, dU, 0);
            let acc = 0;
            for (let e = 0; e < 4; e++) acc += dU[2 * e] * outer[2 * e] - dU[2 * e + 1] * outer[2 * e + 1];
            slotGrad[op.slot + k] += acc;
          }
        }
        applyMatrixAdjoint(yRe, yIm, n, op.wires[0], sampler.matrices, i * MATRIX_SIZE);
      } else if (op.gate === "CNOT") {
        applyCNOT(yRe, yIm, n, op.wires[0], op.wires[1]);
      } else {
        applyCZ(yRe, yIm, n, op.wires[0], op.wires[1]);
      }
    }
    scatterSlotGradients(plan, slotGrad, b, result);
  }
  return result;
}
