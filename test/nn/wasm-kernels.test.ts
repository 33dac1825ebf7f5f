import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { im2colRows, registerWasmConvGradients } from "../../lib/nn/wasm-kernels";

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
  { name: "5x5 same, 16->32 (400 taps: composed)", xs: [3, 7, 7, 16], ws: [5, 5, 16, 32], strides: 1, pad: "same" as const },
  { name: "3x3 valid (narrower output: composed)", xs: [2, 9, 8, 3], ws: [3, 3, 3, 4], strides: 1, pad: "valid" as const },
  { name: "4x4 same (uneven padding), 2 channels", xs: [2, 6, 7, 2], ws: [4, 4, 2, 3], strides: 1, pad: "same" as const },
  { name: "3x3 same, 4 channels", xs: [2, 6, 5, 4], ws: [3, 3, 4, 3], strides: 1, pad: "same" as const },
  { name: "5x5 same, 3 channels, like a CIFAR conv1", xs: [3, 9, 8, 3], ws: [5, 5, 3, 5], strides: 1, pad: "same" as const },
  { name: "5x5 same on a 3x2 image (taps wider and taller than it)", xs: [2, 3, 2, 2], ws: [5, 5, 2, 3], strides: 1, pad: "same" as const },
  { name: "3x1 valid (as wide as its input, shorter)", xs: [2, 7, 5, 2], ws: [3, 1, 2, 3], strides: 1, pad: "valid" as const },
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

/** x[n, y, xx, ci] of an NHWC tensor, 0 outside the image. */
function pixel(x: Float32Array | Float64Array, s: number[], n: number, y: number, xx: number, ci: number): number {
  return y < 0 || y >= s[1] || xx < 0 || xx >= s[2] ? 0 : x[((n * s[1] + y) * s[2] + xx) * s[3] + ci];
}

test("im2colRows writes P[(kh,kw,ci), (n,i,j)] = x[n, i+kh-top, j+kw-left, ci] from planar x, 0 outside the image", () => {
  const cases = [
    { s: [2, 5, 6, 1], kh: 5, kw: 5, top: 2, left: 2, ho: 5 },
    { s: [3, 4, 7, 3], kh: 4, kw: 3, top: 1, left: 1, ho: 4 },
    { s: [2, 3, 2, 2], kh: 5, kw: 5, top: 2, left: 2, ho: 3 },
    { s: [2, 6, 4, 2], kh: 3, kw: 1, top: 0, left: 0, ho: 4 },
  ];
  for (const c of cases) {
    const [N, H, W, CI] = c.s, x = rand(N * H * W * CI, 9), M = N * c.ho * W, pad = 3;
    const heap = new Float32Array(2 * pad + x.length + c.kh * c.kw * CI * M).fill(NaN);
    for (let n = 0; n < N; n++) for (let y = 0; y < H; y++) for (let xx = 0; xx < W; xx++) for (let ci = 0; ci < CI; ci++) {
      heap[pad + ((ci * N + n) * H + y) * W + xx] = pixel(x, c.s, n, y, xx, ci); // planar [CI, N, H, W]
    }
    const pOff = 2 * pad + x.length;
    im2colRows(heap, pad, pOff, { batchSize: N, inHeight: H, inWidth: W, inChannels: CI, outHeight: c.ho,
      filterHeight: c.kh, filterWidth: c.kw, top: c.top, left: c.left });
    for (let kh = 0; kh < c.kh; kh++) for (let kw = 0; kw < c.kw; kw++) for (let ci = 0; ci < CI; ci++) {
      for (let n = 0; n < N; n++) for (let i = 0; i < c.ho; i++) for (let j = 0; j < W; j++) {
        const got = heap[pOff + ((kh * c.kw + kw) * CI + ci) * M + (n * c.ho + i) * W + j];
        assert.equal(got, pixel(x, c.s, n, i + kh - c.top, j + kw - c.left, ci), `${JSON.stringify(c)} tap ${kh},${kw},${ci} at ${n},${i},${j}: ${got}`);
      }
    }
  }
});

test("the im2col filter gradient of a 5x5x3 'same' convolution matches central differences of its float64 loss", async () => {
  const xs = [2, 7, 6, 3], ws = [5, 5, 3, 4], x = rand(2 * 7 * 6 * 3, 11), w = rand(5 * 5 * 3 * 4, 12), r = rand(2 * 7 * 6 * 4, 13);
  // L(W) = Σ conv(x, W) ⊙ R in float64: linear in W, so a central difference is exact up to rounding
  const loss = (wv: Float64Array) => {
    let s = 0;
    for (let n = 0; n < 2; n++) for (let i = 0; i < 7; i++) for (let j = 0; j < 6; j++) for (let co = 0; co < 4; co++) {
      let y = 0;
      for (let kh = 0; kh < 5; kh++) for (let kw = 0; kw < 5; kw++) for (let ci = 0; ci < 3; ci++) {
        y += pixel(x, xs, n, i + kh - 2, j + kw - 2, ci) * wv[((kh * 5 + kw) * 3 + ci) * 4 + co];
      }
      s += y * r[((n * 7 + i) * 6 + j) * 4 + co];
    }
    return s;
  };
  await tf.setBackend("wasm");
  registerWasmConvGradients();
  const [, dw] = convGrads(x, w, r, xs, ws, 1, "same");
  const w64 = Float64Array.from(w), h = 1e-3;
  for (let k = 0; k < w64.length; k++) {
    const up = Float64Array.from(w64), down = Float64Array.from(w64);
    up[k] += h; down[k] -= h;
    const fd = (loss(up) - loss(down)) / (2 * h);
    assert.ok(Math.abs(dw[k] - fd) < 1e-4 * Math.max(1, Math.abs(fd)), `dW[${k}]: ${dw[k]} vs ${fd}`);
  }
});
