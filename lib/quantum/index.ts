/**
 * hqnn-ts statevector engine: batched simulation of small parametrised circuits in Float64Arrays, with
 * expectation values and gradients (adjoint, parameter-shift, backprop). No dependencies.
 *
 * Conventions (PennyLane's): wire 0 is the most significant qubit; RX(t) = exp(-i t X / 2) etc.;
 * Rot(phi, theta, omega) = RZ(omega) RY(theta) RZ(phi); templates follow PennyLane's decompositions.
 *
 * API
 *   type ParamRef = {src: "input", index} | {src: "weight", index} | {src: "const", value}
 *   interface Circuit { nWires; ops: {gate, wires, params: ParamRef[]}[]; observables: {pauli, wire}[]; nInputs; nWeights }
 *     Inputs are per sample, weights are shared by a batch. Each parameter occurrence is a "slot", numbered in op
 *     order like the flattened parameters of a CircuitSpec (a Rot has three). Treat circuits as immutable.
 *   compileSpec(spec, inputParams = []): {circuit, inputs, weights}
 *     The listed flattened parameter indices become inputs 0.. (listed order), the rest weights (op order);
 *     `inputs`/`weights` hold the spec's numbers.
 *   buildCircuit(nWires, ops, observables), checkCircuit(circuit), toSpec(circuit, inputs, weights): CircuitSpec
 *   templates: angleEmbedding, stronglyEntanglingLayers, basicEntanglerLayers (ops with ParamRefs, plus *Shape
 *     helpers), hqnnBranchCircuit({nQubits, nLayers, embedding, template, measure}) -> Circuit.
 *   forward(circuit, inputs (batch*nInputs), weights (nWeights), batch): Float64Array (batch*nObs)
 *   vjp(circuit, inputs, weights, batch, upstream (batch*nObs), method = "adjoint"):
 *     {expvals, gradInputs (batch*nInputs), gradWeights (nWeights, summed over the batch)}
 *   jacobian(circuit, inputs (nInputs), weights, method = "adjoint"): {expvals, wrtInputs[k][i], wrtWeights[k][j]}
 *   finalState(circuit, inputs, weights): {re, im}  (one sample)
 *   mulberry32(seed), uniform(rand, count, low, high): seeded random numbers.
 * All arrays are sample-major. Bad circuits or run-time values throw CircuitError (a SpecError) naming the op.
 */

export * from "./spec";
export type { Circuit, CircuitOp, CompiledSpec, ParamRef } from "./circuit";
export {
  CircuitError, buildCircuit, checkCircuit, compileSpec, constant, input, paramRange, resolveRef, toSpec, weight,
} from "./circuit";
export { forward, finalState } from "./simulate";
export type { DiffMethod, Jacobian, VJPResult } from "./grad";
export { DIFF_METHODS, jacobian, vjp } from "./grad";
export type { Rotation } from "./templates/angle-embedding";
export { angleEmbedding, angleEmbeddingShape } from "./templates/angle-embedding";
export { defaultRanges, stronglyEntanglingLayers, stronglyEntanglingLayersShape } from "./templates/strongly-entangling-layers";
export { basicEntanglerLayers, basicEntanglerLayersShape } from "./templates/basic-entangler-layers";
export type { BranchOptions, TemplateName } from "./templates/hqnn-branch";
export { branchWeightCount, hqnnBranchCircuit } from "./templates/hqnn-branch";
export { mulberry32, uniform } from "./rng";
