/**
 * Parameter-shift rule: every slot is the angle of a Pauli rotation exp(-i p P / 2) (RX, RY, RZ, and each of
 * Rot's three angles, since Rot = RZ(omega) RY(theta) RZ(phi)), so exactly
 *   d<O>/dp = (<O>(p + pi/2) - <O>(p - pi/2)) / 2.
 * Two batched forward passes per non-constant slot (the shift applies to that slot in every sample).
 */

import { Plan, Sampler } from "../plan";
import { forwardWith } from "../simulate";
import { VJPResult, emptyResult, scatterSlotGradients } from "./slots";

export const SHIFT = Math.PI / 2;

export function parameterShiftVJP(
  plan: Plan, inputs: ArrayLike<number>, weights: ArrayLike<number>, batch: number, upstream: ArrayLike<number>,
): VJPResult {
  const result = emptyResult(plan, batch);
  const nObs = plan.observables.length, nSlots = plan.slotRefs.length;
  const sampler = new Sampler(plan);
  forwardWith(plan, sampler, inputs, weights, batch, result.expvals);
  const plus = new Float64Array(batch * nObs), minus = new Float64Array(batch * nObs);
  const slotGrads = new Float64Array(batch * nSlots);
  for (let s = 0; s < nSlots; s++) {
    if (plan.slotRefs[s].src === "const") continue;
    sampler.offsets[s] = SHIFT;
    forwardWith(plan, sampler, inputs, weights, batch, plus);
    sampler.offsets[s] = -SHIFT;
    forwardWith(plan, sampler, inputs, weights, batch, minus);
    sampler.offsets[s] = 0;
    for (let b = 0; b < batch; b++) {
      let acc = 0;
      for (let k = 0; k < nObs; k++) acc += upstream[b * nObs + k] * (plus[b * nObs + k] - minus[b * nObs + k]);
      slotGrads[b * nSlots + s] = acc / 2;
    }
  }
  for (let b = 0; b < batch; b++) scatterSlotGradients(plan, slotGrads.subarray(b * nSlots, (b + 1) * nSlots), b, result);
  return result;
}
