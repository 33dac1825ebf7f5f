import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { maxPoolGradInto, registerWasmMemoryKernels } from "../../lib/nn/wasm-memory-kernels";

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
    { shape: [2, 8, 8, 4], k: 2, s: 2, pad: "valid" }, // the SIMD kernel from here
    { shape: [2, 7, 9, 8], k: 2, s: 2, pad: "valid" },
    { shape: [3, 6, 6, 16], k: 2, s: 2, pad: "valid" },
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

test("BatchMatMul with transposed operands matches the reference (a dense layer's backward shapes, batched, broadcast)", async () => {
  const cases: { a: number[]; b: number[]; ta: boolean; tb: boolean }[] = [
    { a: [64, 1568], b: [64, 20], ta: true, tb: false }, // dW = xᵀ · dy
    { a: [64, 20], b: [1568, 20], ta: false, tb: true }, // dx = dy · Wᵀ
    { a: [7, 5], b: [3, 7], ta: true, tb: true },
    { a: [3, 6, 4], b: [3, 6, 5], ta: true, tb: false },
    { a: [1, 4, 6], b: [3, 5, 6], ta: false, tb: true },
    { a: [4, 6], b: [6, 5], ta: false, tb: false },
  ];
  for (const c of cases) {
    const size = (s: number[]) => s.reduce((p, q) => p * q, 1);
    const a = rand(size(c.a), 31), b = rand(size(c.b), 32);
    const [ref, got] = await onBoth(() => tf.matMul(tf.tensor(a, c.a), tf.tensor(b, c.b), c.ta, c.tb));
    assertClose(ref, got, 1e-5 * Math.sqrt(c.a.at(c.ta ? -2 : -1)!), `matMul ${JSON.stringify(c)}`);
  }
});

test("a dense layer's weight and input gradients on wasm match central differences of its float64 loss", async () => {
  const [n, k, m] = [5, 9, 4], x = rand(n * k, 41), w = rand(k * m, 42), r = rand(n * m, 43);
  // L(x, W) = Σ (x W) ⊙ R in float64; linear in each argument, so a central difference is exact up to rounding
  const loss = (xs: Float64Array, ws: Float64Array) => {
    let s = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) {
      let y = 0;
      for (let p = 0; p < k; p++) y += xs[i * k + p] * ws[p * m + j];
      s += y * r[i * m + j];
    }
    return s;
  };
  const central = (v: Float64Array, at: number, f: (u: Float64Array) => number, h = 1e-3) => {
    const up = Float64Array.from(v), down = Float64Array.from(v);
    up[at] += h; down[at] -= h;
    return (f(up) - f(down)) / (2 * h);
  };
  const x64 = Float64Array.from(x), w64 = Float64Array.from(w);
  await tf.setBackend("wasm");
  registerWasmMemoryKernels();
  const [dx, dw] = tf.tidy(() => tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.matMul(a, b), tf.tensor(r, [n, m]))))(
    [tf.tensor(x, [n, k]), tf.tensor(w, [k, m])]).map((t) => Float32Array.from(t.dataSync())));
  for (let i = 0; i < dx.length; i++) assert.ok(Math.abs(dx[i] - central(x64, i, (u) => loss(u, w64))) < 1e-5, `dx[${i}]`);
  for (let i = 0; i < dw.length; i++) assert.ok(Math.abs(dw[i] - central(w64, i, (u) => loss(x64, u))) < 1e-5, `dW[${i}]`);
});

test("Sum over every axis but the last matches the reference within float32 rounding; other reductions fall back", async () => {
  const cases: { shape: number[]; axis: number[]; keepDims: boolean }[] = [
    { shape: [64, 28, 28, 16], axis: [0, 1, 2], keepDims: false }, // a first conv's bias gradient
    { shape: [3, 5, 7, 4], axis: [2, 0, 1], keepDims: true },
    { shape: [300, 6], axis: [0], keepDims: false },
    { shape: [3, 5, 7, 4], axis: [1, 2], keepDims: false },
    { shape: [3, 5, 4], axis: [2], keepDims: true },
  ];
  for (const c of cases) {
    const n = c.shape.reduce((p, q) => p * q, 1), x = rand(n, 51);
    const [ref, got] = await onBoth(() => {
      const t = tf.sum(tf.tensor(x, c.shape), c.axis, c.keepDims);
      return [t, tf.tensor(t.shape.map((d) => d))];
    });
    assert.deepEqual(got[1], ref[1], `sum ${JSON.stringify(c)}: shape`);
    // the reference sums m terms of size <= 1 in float32: its rounding error stays within a few ulps of m
    const m = n / ref[0].length;
    ref[0].forEach((v, j) => assert.ok(Math.abs(v - got[0][j]) <= 2.4e-7 * m, `sum ${JSON.stringify(c)}: ${j}: ${v} vs ${got[0][j]}`));
  }
});

test("Identity shares its input's data on wasm, and the shared data outlives the input", async () => {
  await tf.setBackend("wasm");
  registerWasmMemoryKernels();
  const x = tf.tensor([1, 2, 3, 4], [2, 2]);
  const y = tf.clone(x);
  assert.equal(y.dataId, x.dataId);
  x.dispose();
  assert.deepEqual(Array.from(y.dataSync()), [1, 2, 3, 4]);
  y.dispose();
});

test("the SIMD 2x2 MaxPoolGrad equals the scalar loop bit for bit, with NaN, -Infinity, -0 and tied windows", async () => {
  const [n, h, w, c] = [2, 5, 7, 8], oh = 2, ow = 3;
  const special = [NaN, -Infinity, Infinity, -0, 0, 0, 1];
  const x = rand(n * h * w * c, 61).map((v, i) => (i % 3 === 0 ? special[Math.floor((v + 1) * 3.5) % special.length] : v));
  x.fill(NaN, 0, 2 * c); x.fill(NaN, w * c, w * c + 2 * c); // the first window all NaN, in every lane
  x.fill(-Infinity, 2 * w * c + 2 * c, 2 * w * c + 4 * c); // top row of a window all -Infinity
  const dy = rand(n * oh * ow * c, 62);
  const ref = new Float32Array(x.length);
  maxPoolGradInto(x, dy, ref, n, h, w, c, 2, oh, ow);
  await tf.setBackend("wasm");
  registerWasmMemoryKernels();
  const got = tf.tidy(() => tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(a as tf.Tensor4D, 2, 2, "valid"), tf.tensor(dy, [n, oh, ow, c]))))(
    tf.tensor4d(x, [n, h, w, c])).dataSync());
  const bad = [...ref.keys()].filter((i) => !Object.is(ref[i], got[i]));
  assert.deepEqual(bad.map((i) => [i, ref[i], got[i], x[i]]).slice(0, 8), []);
});
