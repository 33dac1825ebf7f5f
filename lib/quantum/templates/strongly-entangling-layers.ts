/**
 * StronglyEntanglingLayers, as PennyLane's `qml.StronglyEntanglingLayers(weights, wires, ranges)` with the
 * default CNOT imprimitive (Schuld et al. 2020, arXiv:1804.00633).
 *
 * Weights shape (L, n, 3) for L layers on n = len(wires) wires, flattened row-major (layer, wire, angle).
 * Layer l:
 *   1. Rot(w[l][i][0], w[l][i][1], w[l][i][2]) on wires[i] for every i   (Rot(phi, theta, omega) = RZ(omega) RY(theta) RZ(phi));
 *   2. if n > 1: CNOT(wires[i], wires[(i + r_l) mod n]) for i = 0..n-1, in that order.
 * Default range r_l = (l mod (n - 1)) + 1; a given range must satisfy 1 <= r_l < n. One wire: no CNOTs.
 */

import { CircuitError, CircuitOp, ParamRef } from "../circuit";

/** Weight shape (L, n, 3). */
export function stronglyEntanglingLayersShape(nLayers: number, nWires: number): [number, number, number] {
  return [nLayers, nWires, 3];
}

export function defaultRanges(nLayers: number, nWires: number): number[] {
  return Array.from({ length: nLayers }, (_, l) => (nWires > 1 ? (l % (nWires - 1)) + 1 : 0));
}

export function stronglyEntanglingLayers(weights: ParamRef[], wires: number[], ranges?: number[]): CircuitOp[] {
  const n = wires.length;
  if (n === 0 || weights.length % (3 * n) !== 0) {
    throw new CircuitError(`StronglyEntanglingLayers: ${weights.length} weights do not fit shape (L, ${n}, 3)`);
  }
  const nLayers = weights.length / (3 * n);
  const r = ranges ?? defaultRanges(nLayers, n);
  if (r.length !== nLayers) throw new CircuitError(`StronglyEntanglingLayers: ${r.length} ranges for ${nLayers} layers`);
  const ops: CircuitOp[] = [];
  for (let l = 0; l < nLayers; l++) {
    for (let i = 0; i < n; i++) {
      const at = 3 * (l * n + i);
      ops.push({ gate: "Rot", wires: [wires[i]], params: weights.slice(at, at + 3) });
    }
    if (n === 1) continue;
    if (!Number.isInteger(r[l]) || r[l] < 1 || r[l] >= n) {
      throw new CircuitError(`StronglyEntanglingLayers: range ${r[l]} of layer ${l} must be an integer in 1..${n - 1}`);
    }
    for (let i = 0; i < n; i++) ops.push({ gate: "CNOT", wires: [wires[i], wires[(i + r[l]) % n]], params: [] });
  }
  return ops;
}
