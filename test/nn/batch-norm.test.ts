import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../lib/nn/backend";
import { BatchNorm, batchNormBackward, batchNormForward } from "../../lib/nn/batch-norm";
import { mulberry32 } from "../../lib/nn/train";
import { trainableVariables } from "../../lib/nn/step";

function rand(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  const r = mulberry32(seed);
  return Float32Array.from({ length: n }, () => lo + (hi - lo) * r());
}

/** Training step of a BatchNorm-like layer: output, gradients of sum(y * r) wrt x, gamma, beta, moving stats. */
function step(layer: tf.layers.Layer, x: tf.Tensor, r: tf.Tensor): Float32Array[] {
  return tf.tidy(() => {
    layer.apply(x); // build
    layer.setWeights([tf.tensor1d(rand(x.shape.at(-1)!, 3, 0.5, 1.5)), tf.tensor1d(rand(x.shape.at(-1)!, 4)), ...layer.getWeights().slice(2)]);
    const vars = trainableVariables(layer);
    const xv = tf.variable(x);
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(xv, { training: true }) as tf.Tensor, r)) as tf.Scalar, [xv, ...vars]);
    const y = layer.apply(x, { training: false }) as tf.Tensor; // inference with the updated moving statistics
    const out = [value, grads[xv.name], ...vars.map((v) => grads[v.name]), ...layer.getWeights().slice(2), y].map((t) => Float32Array.from(t.dataSync()));
    xv.dispose();
    return out;
  });
}

const close = (a: Float32Array[], b: Float32Array[], tol: number) => a.forEach((arr, i) => arr.forEach((v, j) =>
  assert.ok(Math.abs(v - b[i][j]) <= tol * Math.max(1, Math.abs(b[i][j])), `tensor ${i} element ${j}: ${v} vs ${b[i][j]}`)));

for (const shape of [[6, 5, 4, 3], [16, 20]]) {
  test(`BatchNorm on wasm (fused kernels) equals tfjs-layers' batchNormalization on cpu, shape ${shape}`, async () => {
    const n = shape.reduce((p, q) => p * q, 1);
    const x = rand(n, 1, -2, 3), r = rand(n, 2);
    const opts = { momentum: 0.9, epsilon: 1e-5 };
    await initBackend("wasm"); // registers the fused kernels
    await tf.setBackend("cpu");
    const ref = step(tf.layers.batchNormalization(opts), tf.tensor(x, shape), tf.tensor(r, shape));
    await tf.setBackend("wasm");
    const ours = step(new BatchNorm(opts), tf.tensor(x, shape), tf.tensor(r, shape));
    close(ours, ref, 2e-5);
  });
}

test("the fused forward and backward agree with a float64 reference and central differences", () => {
  const rows = 7, c = 3, x = rand(rows * c, 5, -1, 2), gamma = rand(c, 6, 0.5, 2), beta = rand(c, 7), dy = rand(rows * c, 8);
  const eps = 1e-5;
  const loss = (xs: Float64Array, g: Float64Array, b: Float64Array) => {
    let s = 0;
    for (let j = 0; j < c; j++) {
      let m = 0, v = 0;
      for (let i = 0; i < rows; i++) m += xs[i * c + j] / rows;
      for (let i = 0; i < rows; i++) v += (xs[i * c + j] - m) ** 2 / rows;
      for (let i = 0; i < rows; i++) s += dy[i * c + j] * (g[j] * (xs[i * c + j] - m) / Math.sqrt(v + eps) + b[j]);
    }
    return s;
  };
  const y = new Float32Array(rows * c), mean = new Float32Array(c), variance = new Float32Array(c);
  batchNormForward(x, c, gamma, beta, eps, y, mean, variance);
  let fromY = 0;
  for (let i = 0; i < y.length; i++) fromY += dy[i] * y[i];
  const X = Float64Array.from(x), G = Float64Array.from(gamma), B = Float64Array.from(beta);
  assert.ok(Math.abs(fromY - loss(X, G, B)) < 1e-4);
  const dx = new Float32Array(rows * c), dg = new Float32Array(c), db = new Float32Array(c);
  batchNormBackward(dy, x, c, mean, variance, gamma, eps, dx, dg, db);
  const h = 1e-5;
  const numeric = (arr: Float64Array, i: number) => {
    const keep = arr[i];
    arr[i] = keep + h; const up = loss(X, G, B);
    arr[i] = keep - h; const down = loss(X, G, B);
    arr[i] = keep;
    return (up - down) / (2 * h);
  };
  for (let i = 0; i < rows * c; i++) assert.ok(Math.abs(dx[i] - numeric(X, i)) < 1e-4, `dx[${i}] ${dx[i]} vs ${numeric(X, i)}`);
  for (let j = 0; j < c; j++) {
    assert.ok(Math.abs(dg[j] - numeric(G, j)) < 1e-4, `dgamma[${j}]`);
    assert.ok(Math.abs(db[j] - numeric(B, j)) < 1e-4, `dbeta[${j}]`);
  }
});
