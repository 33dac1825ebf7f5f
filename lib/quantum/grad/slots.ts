/**
 * Gradient bookkeeping shared by the three methods: every method produces d L / d slot for one sample
 * (L = sum_k upstream_k <O_k>), and `scatterSlotGradients` adds it to the input gradient of that sample and to
 * the (batch-summed) weight gradient. Constant slots are dropped.
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

export function scatterSlotGradients(plan: Plan, slotGrad: Float64Array, b: number, result: VJPResult): void {
  const base = b * plan.circuit.nInputs;
  const refs = plan.slotRefs;
  for (let s = 0; s < refs.length; s++) {
    const ref = refs[s];
    if (ref.src === "input") result.gradInputs[base + ref.index] += slotGrad[s];
    else if (ref.src === "weight") result.gradWeights[ref.index] += slotGrad[s];
  }
}
