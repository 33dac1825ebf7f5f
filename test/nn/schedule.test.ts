import { test } from "node:test";
import assert from "node:assert/strict";
import { FlatAdam } from "../../lib/nn/adam";
import { learningRateAt } from "../../lib/nn/schedule";

test("cosine schedule: the closed form at known points, constant stays constant", () => {
  // Independent values: cos(0) = 1, cos(pi/2) = 0, cos(pi/4) = sqrt(2)/2, for E = 4.
  assert.equal(learningRateAt("cosine", 0.1, 1, 4), 0.1);
  assert.ok(Math.abs(learningRateAt("cosine", 0.1, 2, 4) - 0.05 * (1 + Math.SQRT1_2)) < 1e-15);
  assert.ok(Math.abs(learningRateAt("cosine", 0.1, 3, 4) - 0.05) < 1e-15);
  assert.ok(Math.abs(learningRateAt("cosine", 0.1, 4, 4) - 0.05 * (1 - Math.SQRT1_2)) < 1e-15);
  assert.equal(learningRateAt("constant", 0.1, 3, 4), 0.1);
  assert.throws(() => learningRateAt("cosine", 0.1, 5, 4), /1\.\.4/);
});

/** PyTorch's AdamW step in float64: decay, then Adam with bias correction (eps outside the square root). */
function adamwReference(w: number[], grads: number[][], lrs: number[], wd: number) {
  const b1 = 0.9, b2 = 0.999, eps = 1e-7, m = w.map(() => 0), v = w.map(() => 0);
  grads.forEach((g, s) => {
    const t = s + 1, lr = lrs[s];
    for (let i = 0; i < w.length; i++) {
      w[i] *= 1 - lr * wd;
      m[i] = b1 * m[i] + (1 - b1) * g[i];
      v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
      w[i] -= (lr * (m[i] / (1 - b1 ** t))) / (Math.sqrt(v[i] / (1 - b2 ** t)) + eps);
    }
  });
  return w;
}

test("FlatAdam with weight decay and a changing learning rate matches AdamW computed in float64", () => {
  const w0 = [0.5, -1.25, 2, 0.01, -0.3], steps = 12;
  const grads = Array.from({ length: steps }, (_, s) => w0.map((_, i) => Math.sin(1.3 * s + i) * (i + 1) * 0.1));
  const lrs = grads.map((_, s) => learningRateAt("cosine", 0.01, s + 1, steps));
  const adam = new FlatAdam(w0.length, lrs[0], 0.9, 0.999, 1e-7, 0.05);
  const w = Float32Array.from(w0);
  grads.forEach((g, s) => { adam.setLearningRate(lrs[s]); adam.step(w, Float32Array.from(g)); });
  const ref = adamwReference([...w0], grads, lrs, 0.05);
  ref.forEach((r, i) => assert.ok(Math.abs(w[i] - r) <= 1e-6 * Math.max(1, Math.abs(r)), `weight ${i}: ${w[i]} vs ${r}`));
  // Without decay the decay has to matter: the same steps with wd 0 end elsewhere.
  const plain = adamwReference([...w0], grads, lrs, 0);
  assert.ok(plain.some((p, i) => Math.abs(p - ref[i]) > 1e-5));
});

test("FlatAdam without decay is unchanged by setting the same learning rate again", () => {
  const a = new FlatAdam(3, 1e-3), b = new FlatAdam(3, 1e-3);
  const wa = Float32Array.from([1, 2, 3]), wb = Float32Array.from([1, 2, 3]), g = Float32Array.from([0.3, -0.2, 0.1]);
  for (let s = 0; s < 5; s++) { a.step(wa, g); b.setLearningRate(1e-3); b.step(wb, g); }
  assert.deepEqual(wa, wb);
});
