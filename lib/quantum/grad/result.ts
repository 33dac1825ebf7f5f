/**
 * The result of a vector-Jacobian product, shared by the three methods. Every method computes dL/dslot per sample
 * (L = sum_k upstream_k <O_k>) and adds it to the input gradient of that sample or to the (batch-summed) weight
 * gradient; constant slots get nothing.
 */

import { Plan } from "../plan";

export interface VJPResult {
  /** Expectation values, batch * nObs (sample-major). */
  expvals: Float64Array;
  /** d L / d inputs, batch * nInputs. */
  gradInputs: Float64Array;
  /** d L / d weights summed over the batch, nWeights. */
  gradWeights: Float64Array;
}

export function emptyResult(plan: Plan, batch: number): VJPResult {
  return {
    expvals: new Float64Array(batch * plan.observables.length),
    gradInputs: new Float64Array(batch * plan.circuit.nInputs),
    gradWeights: new Float64Array(plan.circuit.nWeights),
  };
}
