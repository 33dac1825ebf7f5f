/**
 * Parameter-shift rule: every slot is the angle of a Pauli rotation exp(-i p P / 2) (RX, RY, RZ, and each of
 * Rot's three angles, since Rot = RZ(omega) RY(theta) RZ(phi)), so exactly
 *   d<O>/dp = (<O>(p + pi/2) - <O>(p - pi/2)) / 2.
 * Two batched forward passes per non-constant slot (the shift applies to that slot in every sample).
 */

import { Plan, Sampler } from "../plan";
import { forwardWith } from "../simulate";
import { VJPResult, emptyResult } from "./result";

export const SHIFT = Math.PI / 2;

export function parameterShiftVJP(
  plan: Plan, inputs: ArrayLike<number>, weights: ArrayLike<number>, batch: number, upstream: ArrayLike<number>,
): VJPResult {
  const result = emptyResult(plan, batch);
  const nObs = plan.observables.length, nSlots = plan.slotRefs.length;
  const sampler = new Sampler(plan);
  forwardWith(plan, sampler, inputs, weights, batch, result.expvals);
  const plus = new Float64Array(batch * nObs), minus = new Float64Array(batch * nObs);
  const nInputs = plan.circuit.nInputs;
  for (let s = 0; s < nSlots; s++) {
    const ref = plan.slotRefs[s];
    if (ref.src === "const") continue;
    sampler.offsets[s] = SHIFT;
    forwardWith(plan, sampler, inputs, weights, batch, plus);
    sampler.offsets[s] = -SHIFT;
    forwardWith(plan, sampler, inputs, weights, batch, minus);
    sampler.offsets[s] = 0;
    for (let b = 0; b < batch; b++) {
      let acc = 0;
      for (let k = 0; k < nObs; k++) acc += upstream[b * nObs + k] * (plus[b * nObs + k] - minus[b * nObs + k]);
      if (ref.src === "input") result.gradInputs[b * nInputs + ref.index] += acc / 2;
      else result.gradWeights[ref.index] += acc / 2;
    }
  }
  return result;
}
