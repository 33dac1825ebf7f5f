/**
 * The circuit of one HQNN-Parallel branch (Senokosov et al. 2024, section 2.2.3):
 *
 *   AngleEmbedding(x, rotation) on q wires  ->  trainable template  ->  <P_j> on every wire j.
 *
 * Inputs: the q features (input j feeds wire j). Weights: the template's weights flattened row-major, shape
 * (L, q, 3) for StronglyEntanglingLayers (the paper's choice: q = 5, L = 3, rotation X, P = Y) or (L, q) for
 * BasicEntanglerLayers.
 */

import { Circuit, buildCircuit, paramRange } from "../circuit";
import { Pauli } from "../spec";
import { Rotation, angleEmbedding } from "./angle-embedding";
import { basicEntanglerLayers } from "./basic-entangler-layers";
import { stronglyEntanglingLayers } from "./strongly-entangling-layers";

export type TemplateName = "StronglyEntanglingLayers" | "BasicEntanglerLayers";

export interface BranchOptions {
  nQubits: number;
  nLayers: number;
  /** Embedding rotation axis, default "X". */
  embedding?: Rotation;
  /** Trainable template, default StronglyEntanglingLayers. */
  template?: TemplateName;
  /** Rotation of BasicEntanglerLayers, default "X". */
  basicRotation?: Rotation;
  /** Measured Pauli on every wire, default "Y". */
  measure?: Pauli;
}

/** Number of trainable weights of one branch. */
export function branchWeightCount(opts: BranchOptions): number {
  const perLayer = (opts.template ?? "StronglyEntanglingLayers") === "StronglyEntanglingLayers" ? 3 : 1;
  return opts.nLayers * opts.nQubits * perLayer;
}

export function hqnnBranchCircuit(opts: BranchOptions): Circuit {
  const { nQubits: q, nLayers } = opts;
  if (!Number.isInteger(q) || q < 1) throw new RangeError(`nQubits must be a positive integer, got ${q}`);
  if (!Number.isInteger(nLayers) || nLayers < 1) throw new RangeError(`nLayers must be a positive integer, got ${nLayers}`);
  const template = opts.template ?? "StronglyEntanglingLayers";
  if (template !== "StronglyEntanglingLayers" && template !== "BasicEntanglerLayers") {
    throw new RangeError(`unknown template ${JSON.stringify(template)}`);
  }
  const wires = Array.from({ length: q }, (_, j) => j);
  const weights = paramRange("weight", 0, branchWeightCount(opts));
  const trainable = template === "StronglyEntanglingLayers"
    ? stronglyEntanglingLayers(weights, wires)
    : basicEntanglerLayers(weights, wires, opts.basicRotation ?? "X");
  const ops = [...angleEmbedding(paramRange("input", 0, q), wires, opts.embedding ?? "X"), ...trainable];
  const pauli = opts.measure ?? "Y";
  return buildCircuit(q, ops, wires.map((wire) => ({ pauli, wire })));
}
