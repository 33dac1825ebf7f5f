import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { registerWasmConvGradients } from "../../lib/nn/wasm-kernels";

/** Loss = Σ conv(x, W) ⊙ R for a fixed random R; returns [dL/dx, dL/dW] on the current backend. */
function convGrads(x: Float32Array, w: Float32Array, r: Float32Array, xs: number[], ws: number[], strides: number, pad: "same" | "valid") {
  return tf.tidy(() => {
    const xt = tf.tensor4d(x, xs as [number, number, number, number]);
    const wt = tf.tensor4d(w, ws as [number, number, number, number]);
    const g = tf.grads((a: tf.Tensor, b: tf.Tensor) => {
      const y = tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, strides, pad);
      return tf.sum(tf.mul(y, tf.tensor(r.subarray(0, y.size), y.shape)));
    });
    return g([xt, wt]).map((t) => Float32Array.from(t.dataSync()));
  });
}

function rand(n: number, seed: number): Float32Array {
  let s = seed;
  return Float32Array.from({ length: n }, () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1);
}

function maxRelErr(a: Float32Array, b: Float32Array): number {
  let scale = 1e-6, err = 0;
  for (let i = 0; i < a.length; i++) { scale = Math.max(scale, Math.abs(b[i])); err = Math.max(err, Math.abs(a[i] - b[i])); }
  return err / scale;
}

const cases = [
  { name: "5x5 same, like HQNN conv1", xs: [4, 12, 12, 1], ws: [5, 5, 1, 16], strides: 1, pad: "same" as const },
  { name: "5x5 same, 16->32", xs: [3, 7, 7, 16], ws: [5, 5, 16, 32], strides: 1, pad: "same" as const },
  { name: "3x3 valid", xs: [2, 9, 8, 3], ws: [3, 3, 3, 4], strides: 1, pad: "valid" as const },
  { name: "4x4 same (uneven padding), 2 channels", xs: [2, 6, 7, 2], ws: [4, 4, 2, 3], strides: 1, pad: "same" as const },
  { name: "3x3 same, 4 channels (36 taps: composed, not im2col)", xs: [2, 6, 5, 4], ws: [3, 3, 4, 3], strides: 1, pad: "same" as const },
  { name: "2x2 stride 2 (fallback)", xs: [2, 8, 8, 1], ws: [2, 2, 1, 4], strides: 2, pad: "valid" as const },
];

test("wasm conv gradients match the cpu reference", async () => {
  for (const c of cases) {
    const nx = c.xs.reduce((a, b) => a * b), nw = c.ws.reduce((a, b) => a * b);
    const x = rand(nx, 1), w = rand(nw, 2), r = rand(nx * 32, 3);
    await tf.setBackend("cpu");
    const [dxCpu, dwCpu] = convGrads(x, w, r, c.xs, c.ws, c.strides, c.pad);
    await tf.setBackend("wasm");
    registerWasmConvGradients();
    const [dxWasm, dwWasm] = convGrads(x, w, r, c.xs, c.ws, c.strides, c.pad);
    assert.ok(maxRelErr(dxWasm, dxCpu) < 1e-4, `${c.name}: input gradient differs`);
    assert.ok(maxRelErr(dwWasm, dwCpu) < 1e-4, `${c.name}: filter gradient differs`);
  }
});

/** A seeded small conv net (every initialiser seeded, softmax output), trained full-batch with no shuffling. */
async function trainSmallConvNet(backend: "wasm" | "cpu"): Promise<{ loss: number[]; acc: number[] }> {
  await tf.setBackend(backend);
  const model = tf.sequential({ layers: [
    tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 4, kernelSize: 5, padding: "same",
      kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
    tf.layers.batchNormalization(), tf.layers.reLU(), tf.layers.maxPooling2d({ poolSize: 2 }),
    tf.layers.flatten(),
    tf.layers.dense({ units: 2, activation: "softmax", kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
  ] });
  model.compile({ optimizer: tf.train.adam(0.01), loss: "categoricalCrossentropy", metrics: ["accuracy"] });
  // A learnable task: the class is whether the image's top half is brighter than its bottom half.
  const pixels = rand(32 * 64, 5);
  const labels = Array.from({ length: 32 }, (_, i) => {
    let top = 0;
    for (let p = 0; p < 64; p++) top += (p < 32 ? 1 : -1) * pixels[i * 64 + p];
    return top > 0 ? 1 : 0;
  });
  const xs = tf.tensor4d(pixels, [32, 8, 8, 1]);
  const ys = tf.oneHot(tf.tensor1d(labels, "int32"), 2);
  const h = await model.fit(xs, ys, { epochs: 30, batchSize: 32, shuffle: false, verbose: 0 });
  tf.dispose([xs, ys]);
  model.dispose();
  return { loss: h.history.loss as number[], acc: h.history.acc as number[] };
}

test("a small conv net trains on wasm as it does on cpu: same losses, and it learns a learnable task", async () => {
  registerWasmConvGradients();
  const wasm = await trainSmallConvNet("wasm");
  const cpu = await trainSmallConvNet("cpu");
  for (let e = 0; e < wasm.loss.length; e++) {
    assert.ok(Math.abs(wasm.loss[e] - cpu.loss[e]) < 1e-3 * Math.max(1, cpu.loss[e]), `epoch ${e + 1}: wasm loss ${wasm.loss[e]} vs cpu ${cpu.loss[e]}`);
  }
  assert.ok(wasm.loss.at(-1)! < 0.5 * wasm.loss[0], `loss did not decrease: ${wasm.loss[0]} -> ${wasm.loss.at(-1)}`);
  assert.ok(wasm.acc.at(-1)! >= 0.9, `training accuracy ${wasm.acc.at(-1)}`);
});
