/**
 * BasicEntanglerLayers, as PennyLane's `qml.BasicEntanglerLayers(weights, wires, rotation)`.
 *
 * Weights shape (L, n) for L layers on n = len(wires) wires, flattened row-major (layer, wire). Layer l:
 *   1. R_rotation(w[l][i]) on wires[i] for every i (default rotation X, i.e. RX);
 *   2. a ring of CNOTs: none for n = 1, a single CNOT(wires[0], wires[1]) for n = 2,
 *      CNOT(wires[i], wires[(i + 1) mod n]) for i = 0..n-1 when n > 2.
 */

import { CircuitError, CircuitOp, ParamRef } from "../circuit";
import { Rotation } from "./angle-embedding";

/** Weight shape (L, n). */
export function basicEntanglerLayersShape(nLayers: number, nWires: number): [number, number] {
  return [nLayers, nWires];
}

export function basicEntanglerLayers(weights: ParamRef[], wires: number[], rotation: Rotation = "X"): CircuitOp[] {
  const n = wires.length;
  if (n === 0 || weights.length % n !== 0) {
    throw new CircuitError(`BasicEntanglerLayers: ${weights.length} weights do not fit shape (L, ${n})`);
  }
  if (rotation !== "X" && rotation !== "Y" && rotation !== "Z") {
    throw new CircuitError(`BasicEntanglerLayers: rotation must be "X", "Y" or "Z", got ${JSON.stringify(rotation)}`);
  }
  const ringLength = n === 1 ? 0 : n === 2 ? 1 : n;
  const ops: CircuitOp[] = [];
  for (let l = 0; l < weights.length / n; l++) {
    for (let i = 0; i < n; i++) ops.push({ gate: `R${rotation}`, wires: [wires[i]], params: [weights[l * n + i]] });
    for (let i = 0; i < ringLength; i++) ops.push({ gate: "CNOT", wires: [wires[i], wires[(i + 1) % n]], params: [] });
  }
  return ops;
}
