import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { registerWasmMemoryKernels } from "../../lib/nn/wasm-memory-kernels";

function rand(n: number, seed: number): Float32Array {
  let s = seed;
  return Float32Array.from({ length: n }, () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1);
}

/** Runs f on the cpu reference backend and on wasm with the fast kernels; returns both results as arrays. */
async function onBoth(f: () => tf.Tensor | tf.Tensor[]): Promise<[Float32Array[], Float32Array[]]> {
  const run = () => tf.tidy(() => [f()].flat().map((t) => Float32Array.from(t.dataSync())));
  await tf.setBackend("cpu");
  const ref = run();
  await tf.setBackend("wasm");
  registerWasmMemoryKernels();
  return [ref, run()];
}

function assertClose(a: Float32Array[], b: Float32Array[], tol: number, what: string) {
  assert.equal(a.length, b.length, what);
  a.forEach((x, i) => {
    assert.equal(x.length, b[i].length, `${what}: length`);
    for (let j = 0; j < x.length; j++) {
      assert.ok(Math.abs(x[j] - b[i][j]) <= tol * Math.max(1, Math.abs(x[j])), `${what}: element ${j}: ${x[j]} vs ${b[i][j]}`);
    }
  });
}

test("Tile matches the reference for float, int and bool tensors of several ranks", async () => {
  const cases: [number[], number[]][] = [[[1, 1, 1, 16], [4, 5, 3, 1]], [[2, 3], [2, 2]], [[3], [4]], [[2, 1, 3], [1, 4, 2]], [[2, 2], [1, 1]]];
  for (const [shape, reps] of cases) {
    const n = shape.reduce((p, q) => p * q, 1);
    const [ref, got] = await onBoth(() => [
      tf.tile(tf.tensor(rand(n, 7), shape), reps),
      tf.tile(tf.tensor(Int32Array.from({ length: n }, (_, i) => i * 3 - 4), shape, "int32"), reps),
      tf.tile(tf.tensor(Array.from({ length: n }, (_, i) => i % 3 === 0), shape, "bool"), reps),
    ]);
    assertClose(ref, got, 0, `tile ${shape} by ${reps}`);
  }
});

test("MaxPoolGrad matches the reference, ties included (ReLU zeros), and falls back for overlapping windows", async () => {
  const cases: { shape: [number, number, number, number]; k: number; s: number; pad: "valid" | "same" }[] = [
    { shape: [2, 8, 8, 3], k: 2, s: 2, pad: "valid" },
    { shape: [2, 7, 9, 2], k: 2, s: 2, pad: "valid" },
    { shape: [1, 9, 9, 4], k: 3, s: 3, pad: "valid" },
    { shape: [2, 8, 8, 2], k: 2, s: 2, pad: "same" },
    { shape: [2, 7, 7, 2], k: 3, s: 2, pad: "same" },
  ];
  for (const c of cases) {
    const n = c.shape.reduce((p, q) => p * q, 1);
    const x = rand(n, 3).map((v) => Math.max(0, v)); // half the entries are tied zeros
    const [ref, got] = await onBoth(() => {
      const xt = tf.tensor4d(x, c.shape);
      const g = tf.grad((a: tf.Tensor) => {
        const y = tf.maxPool(a as tf.Tensor4D, c.k, c.s, c.pad);
        return tf.sum(tf.mul(y, tf.tensor(rand(y.size, 5), y.shape)));
      });
      return g(xt);
    });
    assertClose(ref, got, 1e-6, `maxPoolGrad ${JSON.stringify(c)}`);
  }
});

test("BatchNorm + ReLU + MaxPool gradients on wasm with the fast kernels match the reference", async () => {
  const shape: [number, number, number, number] = [4, 6, 6, 5];
  const x = rand(4 * 6 * 6 * 5, 21), r = rand(4 * 3 * 3 * 5, 22);
  const [ref, got] = await onBoth(() => {
    const gamma = tf.tensor1d(rand(5, 23)), beta = tf.tensor1d(rand(5, 24));
    const g = tf.grads((a: tf.Tensor, gm: tf.Tensor, bt: tf.Tensor) => {
      const { mean, variance } = tf.moments(a, [0, 1, 2]);
      const y = tf.maxPool(tf.relu(tf.batchNorm(a as tf.Tensor4D, mean, variance, bt, gm, 1e-5)) as tf.Tensor4D, 2, 2, "valid");
      return tf.sum(tf.mul(y, tf.tensor(r, y.shape)));
    });
    return g([tf.tensor4d(x, shape), gamma, beta]);
  });
  assertClose(ref, got, 1e-4, "batchnorm chain gradients");
});
