/**
 * hqnn-ts statevector engine: batched simulation of small parametrised circuits in Float64Arrays, with
 * expectation values and gradients (adjoint, parameter-shift, backprop). No dependencies, nothing else in lib/.
 *
 * Conventions (PennyLane's): wire 0 is the most significant qubit; RX(t) = exp(-i t X / 2), likewise RY, RZ;
 * Rot(phi, theta, omega) = RZ(omega) RY(theta) RZ(phi); H; CNOT(control, target); CZ. Observables: Pauli X, Y, Z
 * on one wire. Templates follow PennyLane's decompositions (one file each under templates/).
 *
 * API
 *   type ParamRef = {src: "input", index} | {src: "weight", index} | {src: "const", value}
 *   interface Circuit { nWires; ops: {gate, wires, params: ParamRef[]}[]; observables: {pauli, wire}[]; nInputs; nWeights }
 *     Inputs are per sample, weights are shared by the whole batch. Every parameter occurrence is a "slot",
 *     numbered in op order like the flattened parameters of a CircuitSpec (a Rot has three). Circuits are plain
 *     data; treat them as immutable (a plan is cached per circuit object).
 *   compileSpec(spec, inputParams = []): {circuit, inputs, weights}
 *     The listed flattened parameter indices become inputs 0.. (in listed order), the rest weights (op order);
 *     `inputs` / `weights` hold the spec's numbers.
 *   buildCircuit(nWires, ops, observables)   nInputs / nWeights from the largest indices used; checked
 *   checkCircuit(circuit), toSpec(circuit, inputs, weights): CircuitSpec (concrete numbers, one sample)
 *   input(i), weight(j), constant(v), paramRange(src, start, count): ParamRef helpers
 *   templates: angleEmbedding(features, wires, rotation), stronglyEntanglingLayers(weights, wires, ranges?),
 *     basicEntanglerLayers(weights, wires, rotation) return ops; *Shape(...) give the weight shapes;
 *     hqnnBranchCircuit({nQubits, nLayers, embedding?, template?, basicRotation?, measure?}): Circuit.
 *   forward(circuit, inputs (batch*nInputs), weights (nWeights), batch): Float64Array (batch*nObs)
 *   vjp(circuit, inputs, weights, batch, upstream (batch*nObs), method = "adjoint"):
 *     {expvals, gradInputs (batch*nInputs), gradWeights (nWeights, summed over the batch)}
 *   jacobian(circuit, inputs (nInputs), weights, method = "adjoint"): {expvals, wrtInputs[k][i], wrtWeights[k][j]}
 *   finalState(circuit, inputs, weights): {re, im} of one sample
 *   mulberry32(seed), uniform(rand, count, low, high): seeded random numbers
 * All arrays are sample-major. Bad circuits and bad run-time values (non-finite angles, wrong lengths) throw a
 * CircuitError (a SpecError) naming the op. forward and vjp check the memory their state vectors need first and
 * throw a MemoryLimitError (a CircuitError) above HQNN_MAX_MEMORY_MB, default half of the total memory (memory.ts).
 *
 * Inside: plan.ts validates a circuit once, folds CNOTs into index permutations and finds the product-state
 * prefix (leading single-qubit ops); simulate.ts and grad/adjoint.ts run chunks of samples side by side on the
 * batch-major kernels of lanes.ts; grad/backprop.ts runs sample by sample on the plain kernels of statevector.ts
 * (an independent code path); grad/parameter-shift.ts reuses the forward pass. The tfjs layer built on this
 * engine is lib/nn/quantum-layer.ts.
 */

export * from "./spec";
export type { Circuit, CircuitOp, CompiledSpec, ParamRef } from "./circuit";
export {
  CircuitError, buildCircuit, checkCircuit, compileSpec, constant, input, paramRange, resolveRef, toSpec, weight,
} from "./circuit";
export { forward, finalState } from "./simulate";
export { MemoryLimitError } from "./memory";
export type { DiffMethod, Jacobian, VJPResult } from "./grad";
export { DIFF_METHODS, jacobian, vjp } from "./grad";
export type { Rotation } from "./templates/angle-embedding";
export { angleEmbedding, angleEmbeddingShape } from "./templates/angle-embedding";
export { defaultRanges, stronglyEntanglingLayers, stronglyEntanglingLayersShape } from "./templates/strongly-entangling-layers";
export { basicEntanglerLayers, basicEntanglerLayersShape } from "./templates/basic-entangler-layers";
export type { BranchOptions, TemplateName } from "./templates/hqnn-branch";
export { branchWeightCount, hqnnBranchCircuit } from "./templates/hqnn-branch";
export { mulberry32, uniform } from "./rng";
