/**
 * The quantum part of HQNN-Parallel as the paper's section 2.2.3 describes it: c = n/q parallel circuits of
 * q = 5 qubits, RX angle embedding, 3 StronglyEntanglingLayers, <Y> on each wire (5·3·3·4 = 180 weights for n = 20).
 */
import type * as tf from "@tensorflow/tfjs";
import { QuantumLayer } from "./quantum-layer";
import type { DiffMethod } from "../quantum";

export const PARALLEL_QUBITS = 5;
export const PARALLEL_LAYERS = 3;

export function quantumHead(n: number, seed: number, diffMethod: DiffMethod = "adjoint"): tf.layers.Layer {
  if (n % PARALLEL_QUBITS !== 0) throw new Error(`HQNN-Parallel: n = ${n} is not divisible by q = ${PARALLEL_QUBITS}`);
  return new QuantumLayer({
    nCircuits: n / PARALLEL_QUBITS, nQubits: PARALLEL_QUBITS, nLayers: PARALLEL_LAYERS,
    embedding: "X", template: "StronglyEntanglingLayers", measure: "Y", diffMethod, seed,
  });
}
