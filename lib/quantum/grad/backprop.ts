/**
 * Backpropagation: reverse-mode differentiation through the simulator's stored intermediate states.
 *
 * Runs sample by sample on the plain kernels of statevector.ts (no product-state shortcut, CNOTs move data), so it
 * shares no simulation code with the forward pass and the adjoint method. The forward pass keeps every state
 * x_i = U_i x_{i-1}. For a real loss L, the cotangent ybar of a complex state y is defined by
 * dL = Re sum conj(ybar) dy; the output cotangent is ybar = 2 (sum_k g_k O_k) psi. Through y = U x:
 *   xbar = U^dag ybar,   dL/dp = Re sum_{r,c} (dU/dp)_{rc} M_{rc},  M_{rc} = sum over amplitude pairs conj(ybar_r) x_c,
 * with dU/dp the derivative of the closed-form gate matrix (gates.ts), not the generator form the adjoint uses.
 * Memory: (number of ops + 1) statevectors, checked against the limit before the run (memory.ts).
 */

import * as gates from "../gates";
import { SingleQubitGate } from "../gates";
import { Plan, PlanOp, Sampler } from "../plan";
import * as kernels from "../statevector";
import { VJPResult, emptyResult } from "./result";

// tsx runs every module as CommonJS with getter-based exports; bind the hot functions once.
const { addPauliTimes, applyCNOT, applyCZ, applyMatrix, applyMatrixAdjoint, expvalPauli } = kernels;
const { MATRIX_SIZE, writeGateDerivative } = gates;

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

/** Applies op i (its matrix in lane 0 of the sampler) to one state. */
function applyOp(plan: Plan, sampler: Sampler, op: PlanOp, re: Float64Array, im: Float64Array, adjoint: boolean): void {
  const n = plan.nWires, o = op.index * plan.lanes * MATRIX_SIZE;
  if (op.single) (adjoint ? applyMatrixAdjoint : applyMatrix)(re, im, n, op.wires[0], sampler.matrices, o);
  else if (op.gate === "CNOT") applyCNOT(re, im, n, op.wires[0], op.wires[1]);
  else applyCZ(re, im, n, op.wires[0], op.wires[1]);
}

export function backpropVJP(
  plan: Plan, inputs: ArrayLike<number>, weights: ArrayLike<number>, batch: number, upstream: ArrayLike<number>,
): VJPResult {
  const result = emptyResult(plan, batch);
  const { dim, nWires: n, ops, lanes: L } = plan;
  const nObs = plan.observables.length, nInputs = plan.circuit.nInputs;
  const sampler = new Sampler(plan);
  const statesRe = Array.from({ length: ops.length + 1 }, () => new Float64Array(dim));
  const statesIm = Array.from({ length: ops.length + 1 }, () => new Float64Array(dim));
  const yRe = new Float64Array(dim), yIm = new Float64Array(dim);
  const outer = new Float64Array(8), dU = new Float64Array(8), params = new Float64Array(3);
  sampler.loadWeights(weights);
  for (let b = 0; b < batch; b++) {
    sampler.loadChunk(inputs, b, 1); // this sample's values and matrices sit in lane 0
    statesRe[0].fill(0);
    statesIm[0].fill(0);
    statesRe[0][0] = 1;
    for (let i = 0; i < ops.length; i++) {
      statesRe[i + 1].set(statesRe[i]);
      statesIm[i + 1].set(statesIm[i]);
      applyOp(plan, sampler, ops[i], statesRe[i + 1], statesIm[i + 1], false);
    }
    const psiRe = statesRe[ops.length], psiIm = statesIm[ops.length];
    yRe.fill(0);
    yIm.fill(0);
    plan.circuit.observables.forEach((o, k) => {
      const pauli = kernels.PAULI_CODE[o.pauli];
      result.expvals[b * nObs + k] = expvalPauli(psiRe, psiIm, n, pauli, o.wire);
      addPauliTimes(psiRe, psiIm, yRe, yIm, n, pauli, o.wire, 2 * upstream[b * nObs + k]);
    });
    for (let i = ops.length - 1; i >= 0; i--) {
      const op = ops[i];
      for (let k = 0; k < op.nParams; k++) params[k] = sampler.values[(op.slot + k) * L];
      if (op.nParams > 0) pairOuterSum(yRe, yIm, statesRe[i], statesIm[i], n, op.wires[0], outer);
      for (let k = 0; k < op.nParams; k++) {
        writeGateDerivative(op.gate as SingleQubitGate, params, 0, k, dU, 0);
        let grad = 0;
        for (let e = 0; e < 4; e++) grad += dU[2 * e] * outer[2 * e] - dU[2 * e + 1] * outer[2 * e + 1];
        const ref = plan.slotRefs[op.slot + k];
        if (ref.src === "input") result.gradInputs[b * nInputs + ref.index] += grad;
        else if (ref.src === "weight") result.gradWeights[ref.index] += grad;
      }
      applyOp(plan, sampler, op, yRe, yIm, true);
    }
  }
  return result;
}
