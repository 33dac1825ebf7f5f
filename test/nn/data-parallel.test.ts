import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../lib/nn/backend";
import { DataParallel } from "../../lib/nn/data-parallel";
import { shareGradients, trainableVariables } from "../../lib/nn/step";
import { buildParallelModel, Head } from "../../lib/nn/models";
import { quantumHead } from "../../lib/nn/parallel-head";
import { mulberry32 } from "../../lib/nn/train";

const config = { inputShape: [8, 8, 1] as [number, number, number], convChannels: [4], classes: 3, n: 5, seed: 7 };

function batch(count: number) {
  const r = mulberry32(11);
  return { x: Float32Array.from({ length: count * 64 }, () => r()), labels: Int32Array.from({ length: count }, (_, i) => i % 3) };
}

const varsOf = trainableVariables;
const movingStats = (m: tf.LayersModel) => m.getWeights().filter((_, i) => !m.weights[i].trainable).map((t) => Array.from(t.dataSync()));

for (const variant of ["dense", "quantum"] as Head[]) {
  test(`a data-parallel step over 2 threads equals the one-thread step on the same batch (${variant}, odd batch of 13)`, async () => {
    await initBackend("wasm");
    const { x, labels } = batch(13);
    const single = buildParallelModel(config, variant, quantumHead);
    const one = shareGradients(single, varsOf(single), x, labels, 13, config.inputShape, 3, 13);
    const model = buildParallelModel(config, variant, quantumHead);
    const dp = await DataParallel.start({ variant, config }, model, { parties: 2, maxBatch: 16 });
    try {
      const two = dp.step(x, labels, 13, config.inputShape, 3);
      assert.ok(Math.abs(two.lossSum - one.lossSum) < 1e-4 * Math.abs(one.lossSum), `loss ${two.lossSum} vs ${one.lossSum}`);
      assert.equal(two.correct, one.correct);
      let off = 0;
      varsOf(single).forEach((v, i) => {
        const a = one.grads.subarray(off, off + v.size), b = two.grads.subarray(off, off + v.size);
        off += v.size;
        const scale = Math.max(1e-3, ...Array.from(a, Math.abs));
        for (let j = 0; j < a.length; j++) assert.ok(Math.abs(a[j] - b[j]) <= 2e-4 * scale + 1e-6, `gradient ${i} (${varsOf(model)[i].name}) element ${j}: ${b[j]} vs ${a[j]}`);
      });
      assert.equal(off, two.grads.length, "one flat gradient entry per trainable weight");
      assert.equal(off, one.grads.length);
      // BatchNorm's running statistics moved with the whole batch's statistics on the calling thread
      const ms = movingStats(model), ref = movingStats(single);
      ms.forEach((arr, i) => arr.forEach((v, j) => assert.ok(Math.abs(v - ref[i][j]) < 1e-5, `moving statistic ${i}/${j}`)));
      // a second step with other weights still agrees (the workers get the caller's current weights)
      varsOf(model).forEach((v, i) => { v.assign(tf.mul(v, 0.5)); varsOf(single)[i].assign(tf.mul(varsOf(single)[i], 0.5)); });
      const again = dp.step(x, labels, 13, config.inputShape, 3), ref2 = shareGradients(single, varsOf(single), x, labels, 13, config.inputShape, 3, 13);
      assert.ok(Math.abs(again.lossSum - ref2.lossSum) < 1e-4 * Math.abs(ref2.lossSum));
      // a batch of one image (fewer than threads) is taken by the calling thread alone, and the next step still works
      assert.ok(Number.isFinite(dp.step(x, labels, 1, config.inputShape, 3).lossSum));
      assert.ok(Math.abs(dp.step(x, labels, 13, config.inputShape, 3).lossSum - ref2.lossSum) < 1e-3 * Math.abs(ref2.lossSum));
    } finally {
      await dp.stop();
    }
  });
}
