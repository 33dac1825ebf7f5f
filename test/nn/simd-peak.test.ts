import { test } from "node:test";
import assert from "node:assert/strict";
import { measureSimdPeak, relaxedSimdAvailable, simdPeakFlops, simdPeakKernel, simdPeakModule, simdPeakReference } from "../../lib/nn/simd-peak";

test("the wasm SIMD peak kernel computes the loop it claims: equal to the same float32 loop in JavaScript", () => {
  for (const accumulators of [1, 5, 12]) {
    const peak = simdPeakKernel(accumulators);
    for (const iterations of [0, 1, 2, 3, 7, 100]) {
      assert.equal(peak(iterations), simdPeakReference(accumulators, iterations), `${accumulators} chains, ${iterations} iterations`);
    }
  }
  assert.equal(simdPeakReference(2, 1), 4 * (1 * 0.5 + 0.75) + 4 * (2 * 0.5 + 0.75));
  assert.equal(simdPeakFlops(12, 1000), 96_000);
});

test("the peak module rejects a bad number of chains; a measurement reports every run and their maximum", () => {
  for (const bad of [0, 65, 2.5]) assert.throws(() => simdPeakModule(bad), /accumulators must be an integer in 1..64/);
  const m = measureSimdPeak({ accumulators: 4, iterations: 1000, repeats: 3 });
  assert.equal(m.runs.length, 3);
  assert.ok(m.runs.every((x) => Number.isFinite(x) && x > 0));
  assert.equal(m.gflops, Math.max(...m.runs));
});

test("the fused (relaxed-SIMD multiply-add) kernel computes the same loop, where this Node runs relaxed-SIMD", { skip: relaxedSimdAvailable() ? false : "no relaxed-SIMD in this Node" }, () => {
  for (const accumulators of [1, 12]) {
    const fused = simdPeakKernel(accumulators, true);
    for (const iterations of [0, 1, 7, 100]) assert.equal(fused(iterations), simdPeakReference(accumulators, iterations), `${accumulators} chains, ${iterations} iterations`);
  }
  const m = measureSimdPeak({ accumulators: 4, iterations: 1000, repeats: 2, fused: true });
  assert.ok(m.gflops > 0);
});
