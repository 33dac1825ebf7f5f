import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../lib/nn/backend";
import { Conv2dSame } from "../../lib/nn/conv-layer";
import { torchDefaultInit } from "../../lib/nn/init";
import { mulberry32 } from "../../lib/nn/train";
import { trainableVariables } from "../../lib/nn/step";

test("Conv2dSame equals tf.layers.conv2d (same padding, bias): initial weights, output and gradients", async () => {
  await initBackend("wasm");
  const init = () => ({ kernelInitializer: torchDefaultInit(75, 5), biasInitializer: torchDefaultInit(75, 6) });
  const ours = new Conv2dSame({ filters: 4, kernelSize: 5, ...init() });
  const ref = tf.layers.conv2d({ filters: 4, kernelSize: 5, strides: 1, padding: "same", useBias: true, ...init() });
  const rand = mulberry32(2);
  const x = tf.tensor4d(Float32Array.from({ length: 2 * 9 * 7 * 3 }, () => rand() - 0.5), [2, 9, 7, 3]);
  const r = tf.tensor4d(Float32Array.from({ length: 2 * 9 * 7 * 4 }, () => rand() - 0.5), [2, 9, 7, 4]);
  ours.apply(x); ref.apply(x);
  ours.getWeights().forEach((w, i) => assert.deepEqual(w.dataSync(), ref.getWeights()[i].dataSync()));
  assert.deepEqual(ours.computeOutputShape([null, 9, 7, 3]), [null, 9, 7, 4]);
  const grads = (layer: tf.layers.Layer) => {
    const vars = trainableVariables(layer);
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(x) as tf.Tensor, r)) as tf.Scalar, vars);
    return [value, ...vars.map((v) => grads[v.name])].map((t) => Array.from(t.dataSync()));
  };
  const a = grads(ours), b = grads(ref);
  a.forEach((arr, i) => arr.forEach((v, j) => assert.ok(Math.abs(v - b[i][j]) < 1e-5, `tensor ${i} element ${j}: ${v} vs ${b[i][j]}`)));
});
