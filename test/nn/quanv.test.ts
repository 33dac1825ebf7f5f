import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../lib/nn/backend";
import {
  buildQuanvModel, deadReluFilters, extractPatches, Quanv2D, quanvKernelCircuit, quanvOutputSize, quanvParamCounts, quanvolve, scatterPatches,
  trainQuanv,
} from "../../lib/nn/quanv";
import { engineStats } from "../../lib/nn/quantum-layer";
import { mulberry32 } from "../../lib/nn/train";
import { bars } from "./bars";
import { toSpec } from "../../lib/quantum";
import { denseExpvals } from "../quantum/reference";

const randomArray = (n: number, seed: number, scale = 1) => {
  const rand = mulberry32(seed);
  return Float64Array.from({ length: n }, () => scale * rand());
};

/** The kernel's expectation values for one patch, by the dense-matrix reference simulator. */
function denseKernel(pixels: number[], weights: number[], rotation: "RY" | "RX"): number[] {
  const circuit = quanvKernelCircuit(rotation);
  return denseExpvals(toSpec(circuit, pixels.map((p) => Math.PI * p), weights));
}

test("patch extraction: stride 4 on 14x14 gives 4x4 patches at rows/columns 0,4,8,12; stride 2 gives 7x7", () => {
  assert.equal(quanvOutputSize(14, 4), 4);
  assert.equal(quanvOutputSize(14, 2), 7);
  assert.equal(quanvOutputSize(14, 3), 5);
  const img = Float64Array.from({ length: 2 * 14 * 14 }, (_, i) => i);
  const p = extractPatches(img, { n: 2, height: 14, width: 14, stride: 4 });
  assert.equal(p.length, 2 * 16 * 4);
  // image 1, output (row 2, column 3) -> top-left pixel (8, 12)
  const at = (1 * 16 + 2 * 4 + 3) * 4;
  const top = 196 + 8 * 14 + 12;
  assert.deepEqual(Array.from(p.subarray(at, at + 4)), [top, top + 1, top + 14, top + 15]);
  // pixels never read with stride 4: rows/columns 2, 3, 6, 7, 10, 11
  const seen = new Set(Array.from(p));
  assert.ok(!seen.has(2) && !seen.has(3 * 14) && seen.has(13 * 14 + 13));
  const q = extractPatches(img.subarray(0, 196), { n: 1, height: 14, width: 14, stride: 2 }, 2);
  assert.equal(q.length, 49 * 4);
  assert.equal(new Set(Array.from(q)).size, 196, "stride 2 covers every pixel exactly once");
  assert.equal(q[4 * 48 + 3], 2 * 195);
});

test("scatterPatches is the adjoint of extractPatches (also for overlapping stride 1)", () => {
  for (const stride of [1, 2, 3, 4]) {
    const g = { n: 2, height: 7, width: 6, stride };
    const x = randomArray(2 * 7 * 6, 1);
    const oh = quanvOutputSize(7, stride), ow = quanvOutputSize(6, stride);
    const p = randomArray(2 * oh * ow * 4, 2);
    const ext = extractPatches(x, g, 1.5);
    const sc = scatterPatches(p, g, 1.5);
    const lhs = ext.reduce((s, v, i) => s + v * p[i], 0);
    const rhs = sc.reduce((s, v, i) => s + v * x[i], 0);
    assert.ok(Math.abs(lhs - rhs) < 1e-4 * Math.abs(lhs), `stride ${stride}: ${lhs} vs ${rhs}`);
  }
});

test("kernel circuit: dense simulation agrees with the closed forms prod cos(pi p + w) (RY) and prod cos(pi p) cos(w) (RX)", () => {
  const p = [0.1, 0.7, 0.35, 0.9], w = [0.3, -1.2, 2.5, 0.8];
  const ry = denseKernel(p, w, "RY"), rx = denseKernel(p, w, "RX");
  let prodY = 1, prodX = 1;
  for (let k = 0; k < 4; k++) {
    prodY *= Math.cos(Math.PI * p[k] + w[k]);
    prodX *= Math.cos(Math.PI * p[k]) * Math.cos(w[k]);
    assert.ok(Math.abs(ry[k] - prodY) < 1e-12 && Math.abs(rx[k] - prodX) < 1e-12, `wire ${k}`);
  }
});

test("the quanv op matches the dense reference per patch, in NHWC layout", async () => {
  await initBackend("wasm");
  const [n, h, w, stride] = [2, 5, 6, 2];
  const pixels = randomArray(n * h * w, 3);
  const weights = [0.4, 5.1, 2.2, 3.9];
  for (const rotation of ["RY", "RX"] as const) {
    const out = tf.tidy(() => quanvolve(tf.tensor4d(Float32Array.from(pixels), [n, h, w, 1]), tf.tensor1d(weights), { stride, rotation }));
    assert.deepEqual(out.shape, [n, 2, 3, 4]);
    const values = out.dataSync();
    for (let b = 0; b < n; b++) for (let r = 0; r < 2; r++) for (let c = 0; c < 3; c++) {
      const base = b * h * w + 2 * r * w + 2 * c;
      const patch = [pixels[base], pixels[base + 1], pixels[base + w], pixels[base + w + 1]].map((v) => Math.fround(v));
      const expected = denseKernel(patch, weights.map(Math.fround), rotation);
      for (let k = 0; k < 4; k++) {
        const got = values[((b * 2 + r) * 3 + c) * 4 + k];
        assert.ok(Math.abs(got - expected[k]) < 1e-6, `${rotation} b${b} (${r},${c}) ch${k}: ${got} vs ${expected[k]}`);
      }
    }
    out.dispose();
  }
});

test("quanv gradients (weights and pixels) match central finite differences, for all three engine methods", async () => {
  await initBackend("wasm");
  const [n, h, w] = [2, 4, 4];
  const pixels = Float32Array.from(randomArray(n * h * w, 5));
  const weights = Float32Array.from([1.1, -0.4, 2.7, 0.3]);
  const mix = Float32Array.from(randomArray(n * 3 * 3 * 4, 6, 2).map((v) => v - 1)); // stride 1: 3x3 maps, overlapping
  const opts = { stride: 1, rotation: "RY" as const };
  // L(x, w) = sum(out * mix), evaluated in float64 by the dense reference for the finite differences.
  const lossRef = (x: ArrayLike<number>, wt: number[]) => {
    const p = extractPatches(x, { n, height: h, width: w, stride: 1 });
    let s = 0;
    for (let i = 0; i < n * 9; i++) {
      const e = denseKernel(Array.from(p.subarray(4 * i, 4 * i + 4)), wt, "RY");
      for (let k = 0; k < 4; k++) s += e[k] * mix[4 * i + k];
    }
    return s;
  };
  const eps = 1e-5, x64 = Array.from(pixels), w64 = Array.from(weights);
  const fdW = w64.map((_, j) => {
    const up = [...w64], dn = [...w64];
    up[j] += eps; dn[j] -= eps;
    return (lossRef(x64, up) - lossRef(x64, dn)) / (2 * eps);
  });
  const fdX = x64.map((_, i) => {
    const up = [...x64], dn = [...x64];
    up[i] += eps; dn[i] -= eps;
    return (lossRef(up, w64) - lossRef(dn, w64)) / (2 * eps);
  });
  for (const diffMethod of ["adjoint", "backprop", "parameter-shift"] as const) {
    const [gx, gw] = tf.tidy(() => tf.grads((x: tf.Tensor, wt: tf.Tensor) =>
      tf.sum(tf.mul(quanvolve(x as tf.Tensor4D, wt as tf.Tensor1D, { ...opts, diffMethod }), tf.tensor4d(mix, [n, 3, 3, 4]))),
    )([tf.tensor4d(pixels, [n, h, w, 1]), tf.tensor1d(weights)]));
    const gwv = gw.dataSync(), gxv = gx.dataSync();
    fdW.forEach((v, j) => assert.ok(Math.abs(gwv[j] - v) < 1e-4 * Math.max(1, Math.abs(v)), `${diffMethod} dL/dw${j}: ${gwv[j]} vs ${v}`));
    fdX.forEach((v, i) => assert.ok(Math.abs(gxv[i] - v) < 1e-4 * Math.max(1, Math.abs(v)), `${diffMethod} dL/dx${i}: ${gxv[i]} vs ${v}`));
    tf.dispose([gx, gw]);
  }
});

test("parameter counts: 4 / 4 / 16 in the kernel; totals add the dense layer (features*10 + 10)", async () => {
  await initBackend("wasm");
  for (const [stride, side] of [[4, 4], [2, 7]]) {
    const dense = (channels: number) => channels * side * side * 10 + 10;
    const expected = { hqnn: [4, 4 + dense(4)], cnn1: [4, 4 + dense(1)], cnn4: [16, 16 + dense(4)] };
    for (const kind of ["hqnn", "cnn1", "cnn4"] as const) {
      const model = buildQuanvModel({ kind, imageSize: 14, stride, classes: 10, seed: 1 });
      const counts = quanvParamCounts(model);
      assert.deepEqual([counts.kernel_params, counts.total_params], expected[kind], `${kind} stride ${stride}`);
      model.dispose();
    }
  }
});

test("deadReluFilters counts conv filters with no positive weight; such a CNN1 never changes its output", async () => {
  await initBackend("wasm");
  const model = buildQuanvModel({ kind: "cnn4", imageSize: 8, stride: 2, classes: 2, seed: 1 });
  const layer = model.getLayer("kernel_layer");
  const w = Float32Array.from([0.1, -0.2, -0.3, -0.4, -0.1, -0.2, -0.3, 0.4, -0.1, -0.2, -0.3, -0.4, -0.1, -0.2, -0.3, -0.4]); // [kh, kw, 1, 4]
  layer.setWeights([tf.tensor4d(w, [2, 2, 1, 4])]);
  assert.equal(deadReluFilters(model), 2);
  assert.equal(deadReluFilters(buildQuanvModel({ kind: "hqnn", imageSize: 8, stride: 2, classes: 2, seed: 1 })), 0);
  const cnn1 = buildQuanvModel({ kind: "cnn1", imageSize: 8, stride: 2, classes: 2, seed: 1 });
  cnn1.getLayer("kernel_layer").setWeights([tf.tensor4d([-0.1, -0.2, -0.3, -0.4], [2, 2, 1, 1])]);
  const data = bars(20, 4);
  await trainQuanv(cnn1, data, data, { epochs: 1, batchSize: 5, learningRate: 0.05, seed: 1, classes: 2 }, { name: "dead cnn1", log: () => {} });
  assert.deepEqual(Array.from(cnn1.getLayer("kernel_layer").getWeights()[0].dataSync()), Array.from(Float32Array.from([-0.1, -0.2, -0.3, -0.4])));
});

test("two epochs of training on a toy problem lower the loss, for all three models", async () => {
  await initBackend("wasm");
  const train = bars(40, 1), test = bars(20, 2);
  for (const kind of ["hqnn", "cnn1", "cnn4"] as const) {
    const model = buildQuanvModel({ kind, imageSize: 8, stride: 2, classes: 2, seed: 3 });
    const before = model.getLayer("kernel_layer").getWeights()[0].dataSync().slice();
    const hist = await trainQuanv(model, train, test, { epochs: 2, batchSize: 5, learningRate: 0.05, seed: 1, classes: 2 }, { name: kind, log: () => {} });
    const after = model.getLayer("kernel_layer").getWeights()[0].dataSync();
    assert.ok(hist[1].train_loss < hist[0].train_loss, `${kind}: ${hist.map((e) => e.train_loss)}`);
    assert.ok(hist[1].test_loss < 0.69, `${kind}: test loss ${hist[1].test_loss}`);
    assert.ok(after.some((v, i) => v !== before[i]), `${kind}: the kernel weights were trained`);
    model.dispose();
  }
});

test("the quanvolution counts its engine calls and time into the stats object it is given", async () => {
  await initBackend("wasm");
  const stats = engineStats();
  const model = buildQuanvModel({ kind: "hqnn", imageSize: 8, stride: 2, classes: 2, seed: 1, engineStats: stats });
  const data = bars(10, 1);
  await trainQuanv(model, data, data, { epochs: 1, batchSize: 5, learningRate: 0.05, seed: 1, classes: 2 }, { name: "stats", log: () => {} });
  // 2 training batches (forward + vjp) and one evaluation batch (forward); 4x4 patches per 8x8 image at stride 2
  assert.deepEqual([stats.forwardCalls, stats.vjpCalls, stats.circuits], [3, 2, 2 * 5 * 16 + 10 * 16]);
  assert.ok(stats.forwardMs > 0 && stats.vjpMs > 0);
  model.dispose();
});

test("Quanv2D round-trips through tfjs serialisation (class name, stride, rotation, method, weights)", async () => {
  await initBackend("wasm");
  const model = buildQuanvModel({ kind: "hqnn", imageSize: 8, stride: 2, rotation: "RX", diffMethod: "parameter-shift", classes: 2, seed: 4 });
  const saved: { modelTopology?: unknown; weightData?: ArrayBuffer; weightSpecs?: unknown } = {};
  await model.save(tf.io.withSaveHandler(async (a) => { Object.assign(saved, a); return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } }; }));
  const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved as tf.io.ModelArtifacts));
  const layer = loaded.getLayer("kernel_layer") as Quanv2D;
  assert.ok(layer instanceof Quanv2D);
  assert.deepEqual(layer.options, { stride: 2, rotation: "RX", diffMethod: "parameter-shift" });
  const x = tf.tensor4d(bars(3, 2).x, [3, 8, 8, 1]);
  assert.deepEqual(Array.from((loaded.predict(x) as tf.Tensor).dataSync()), Array.from((model.predict(x) as tf.Tensor).dataSync()));
  tf.dispose(x);
});
