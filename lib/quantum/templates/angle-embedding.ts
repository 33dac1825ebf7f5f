/**
 * AngleEmbedding, as PennyLane's `qml.AngleEmbedding(features, wires, rotation)`:
 *
 *   |psi> = (x)_i R_rotation(x_i) |0>   on wires[i],   R_X = RX, R_Y = RY, R_Z = RZ.
 *
 * Feature i goes to wires[i]; there may be fewer features than wires (the remaining wires stay untouched).
 * Features shape: (k,) with k <= len(wires). No trainable weights.
 */

import { CircuitError, CircuitOp, ParamRef } from "../circuit";

export type Rotation = "X" | "Y" | "Z";

/** Shape of the features: one angle per wire at most. */
export function angleEmbeddingShape(nWires: number): [number] {
  return [nWires];
}

export function angleEmbedding(features: ParamRef[], wires: number[], rotation: Rotation = "X"): CircuitOp[] {
  if (features.length > wires.length) {
    throw new CircuitError(`AngleEmbedding: ${features.length} features for ${wires.length} wires (features must be <= wires)`);
  }
  if (rotation !== "X" && rotation !== "Y" && rotation !== "Z") {
    throw new CircuitError(`AngleEmbedding: rotation must be "X", "Y" or "Z", got ${JSON.stringify(rotation)}`);
  }
  const gate = `R${rotation}` as const;
  return features.map((f, i) => ({ gate, wires: [wires[i]], params: [f] }));
}
