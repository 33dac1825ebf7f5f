/**
 * lib/nn/flops.ts against independent counts: direct loops that compute each convolution and dense product (checked
 * against tfjs on the cpu backend) and count their multiply-adds as they go; the model's own layers for the shapes;
 * a closed form, derived by hand from the branch circuit, for the quantum layer.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../lib/nn/backend";
import {
  ADAM_FLOPS_PER_WEIGHT, ConvShape, circuitFlops, convBiasGradFlops, convFilterGradFlops, convForwardFlops, convInputGradFlops,
  convShapes, denseBackwardFlops, denseForwardFlops, stepFlops, trainableWeightCount,
} from "../../lib/nn/flops";
import { buildParallelModel, countTrainableParams, Head, ModelConfig } from "../../lib/nn/models";
import { quantumHead } from "../../lib/nn/parallel-head";
import { mulberry32 } from "../../lib/nn/train";
import { hqnnBranchCircuit } from "../../lib/quantum";

const close = (a: ArrayLike<number>, b: ArrayLike<number>, what: string) => {
  assert.equal(a.length, b.length, what);
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i] - b[i]) < 1e-4, `${what}[${i}]: ${a[i]} vs ${b[i]}`);
};

/** x[n, i, j, c] of an NHWC array, 0 outside the image (the 'same' padding). */
function at(x: Float32Array, s: { h: number; w: number; c: number }, n: number, i: number, j: number, c: number): number {
  return i < 0 || i >= s.h || j < 0 || j >= s.w ? 0 : x[((n * s.h + i) * s.w + j) * s.c + c];
}

/**
 * A 'same', stride-1 convolution by direct loops over every output and every tap (padding included, as the kernels
 * run it): the output, its input and filter gradients for an upstream dy, and the multiply-adds and adds each took.
 */
function directConv(N: number, s: ConvShape, x: Float32Array, wt: Float32Array, bias: Float32Array, dy: Float32Array) {
  const p = (s.k - 1) >> 1, xs = { h: s.h, w: s.w, c: s.ci }, ys = { h: s.h, w: s.w, c: s.co };
  const y = new Float32Array(N * s.h * s.w * s.co), dx = new Float32Array(x.length), dw = new Float32Array(wt.length);
  const count = { forward: 0, input: 0, filter: 0, bias: 0 };
  for (let n = 0; n < N; n++) for (let i = 0; i < s.h; i++) for (let j = 0; j < s.w; j++) for (let co = 0; co < s.co; co++) {
    const o = ((n * s.h + i) * s.w + j) * s.co + co;
    let acc = 0;
    for (let a = 0; a < s.k; a++) for (let b = 0; b < s.k; b++) for (let ci = 0; ci < s.ci; ci++) {
      const widx = ((a * s.k + b) * s.ci + ci) * s.co + co;
      acc += at(x, xs, n, i + a - p, j + b - p, ci) * wt[widx]; count.forward += 2;
      dw[widx] += at(x, xs, n, i + a - p, j + b - p, ci) * dy[o]; count.filter += 2;
    }
    y[o] = acc + bias[co]; count.forward++; count.bias++;
  }
  // dx[n, i, j, ci] = sum over taps of dy at the output the tap feeds (padded dy) times the filter
  for (let n = 0; n < N; n++) for (let i = 0; i < s.h; i++) for (let j = 0; j < s.w; j++) for (let ci = 0; ci < s.ci; ci++) {
    let acc = 0;
    for (let a = 0; a < s.k; a++) for (let b = 0; b < s.k; b++) for (let co = 0; co < s.co; co++) {
      acc += at(dy, ys, n, i - a + p, j - b + p, co) * wt[((a * s.k + b) * s.ci + ci) * s.co + co]; count.input += 2;
    }
    dx[((n * s.h + i) * s.w + j) * s.ci + ci] = acc;
  }
  return { y, dx, dw, count };
}

test("conv FLOPs equal the multiply-adds of a direct convolution that agrees with tfjs (output, input and filter gradients)", async () => {
  await initBackend("cpu");
  const rand = mulberry32(4), r = (n: number) => Float32Array.from({ length: n }, () => rand() - 0.5);
  for (const [N, s] of [[2, { h: 5, w: 4, ci: 3, co: 2, k: 3 }], [1, { h: 6, w: 6, ci: 1, co: 3, k: 5 }]] as [number, ConvShape][]) {
    const x = r(N * s.h * s.w * s.ci), wt = r(s.k * s.k * s.ci * s.co), bias = r(s.co), dy = r(N * s.h * s.w * s.co);
    const direct = directConv(N, s, x, wt, bias, dy);
    const [xt, wtt, bt, dyt] = [tf.tensor4d(x, [N, s.h, s.w, s.ci]), tf.tensor4d(wt, [s.k, s.k, s.ci, s.co]), tf.tensor1d(bias), tf.tensor4d(dy, [N, s.h, s.w, s.co])];
    const conv = (a: tf.Tensor4D, b: tf.Tensor4D) => tf.add(tf.conv2d(a, b, 1, "same"), bt);
    close(direct.y, conv(xt, wtt).dataSync(), "y");
    const [gx, gw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(conv(a as tf.Tensor4D, b as tf.Tensor4D), dyt)))([xt, wtt]);
    close(direct.dx, gx.dataSync(), "dx");
    close(direct.dw, gw.dataSync(), "dw");
    assert.deepEqual(direct.count, { forward: convForwardFlops(N, s), input: convInputGradFlops(N, s), filter: convFilterGradFlops(N, s), bias: convBiasGradFlops(N, s) });
  }
});

test("dense FLOPs equal the multiply-adds of direct products that agree with tfjs", async () => {
  await initBackend("cpu");
  const N = 3, I = 4, O = 5, rand = mulberry32(6), r = (n: number) => Float32Array.from({ length: n }, () => rand() - 0.5);
  const x = r(N * I), w = r(I * O), b = r(O), dy = r(N * O);
  const y = new Float32Array(N * O), dx = new Float32Array(N * I), dw = new Float32Array(I * O);
  let forward = 0, backward = 0;
  for (let n = 0; n < N; n++) for (let o = 0; o < O; o++) {
    let acc = b[o]; forward++;
    for (let i = 0; i < I; i++) { acc += x[n * I + i] * w[i * O + o]; forward += 2; }
    y[n * O + o] = acc;
    backward++; // the bias gradient's sum over the batch
    for (let i = 0; i < I; i++) { dx[n * I + i] += dy[n * O + o] * w[i * O + o]; dw[i * O + o] += x[n * I + i] * dy[n * O + o]; backward += 4; }
  }
  const [xt, wt] = [tf.tensor2d(x, [N, I]), tf.tensor2d(w, [I, O])];
  const f = (a: tf.Tensor, c: tf.Tensor) => tf.add(tf.matMul(a as tf.Tensor2D, c as tf.Tensor2D), tf.tensor1d(b));
  close(y, f(xt, wt).dataSync(), "y");
  const [gx, gw] = tf.grads((a: tf.Tensor, c: tf.Tensor) => tf.sum(tf.mul(f(a, c), tf.tensor2d(dy, [N, O]))))([xt, wt]);
  close(dx, gx.dataSync(), "dx");
  close(dw, gw.dataSync(), "dw");
  assert.equal(forward, denseForwardFlops(N, I, O));
  assert.equal(backward, denseBackwardFlops(N, I, O));
});

test("the shapes behind the step's FLOPs are the built model's: convolutions, weight count, Adam", async () => {
  await initBackend("cpu");
  const cfg: ModelConfig = { inputShape: [12, 10, 2], convChannels: [3, 4], classes: 3, n: 5, seed: 1 };
  for (const head of ["quantum", "dense"] as Head[]) {
    const model = buildParallelModel(cfg, head, quantumHead);
    const convs = model.layers.filter((l) => l.getClassName() === "Conv2dSame");
    assert.deepEqual(convs.map((l) => [(l.input as tf.SymbolicTensor).shape.slice(1), l.getWeights()[0].shape]),
      convShapes(cfg).map((s) => [[s.h, s.w, s.ci], [s.k, s.k, s.ci, s.co]]));
    assert.equal(trainableWeightCount(cfg, head), countTrainableParams(model));
    const phases = stepFlops(cfg, head, 7);
    assert.equal(phases.find((p) => p.phase === "adam")!.flops, ADAM_FLOPS_PER_WEIGHT * countTrainableParams(model));
    assert.equal(new Set(phases.map((p) => p.phase)).size, phases.length, "phase names are unique");
    assert.ok(!phases.some((p) => p.phase === "conv1 input grad"), "the first convolution's input gradient is not computed");
    assert.equal(phases.some((p) => p.phase.startsWith("quantum")), head === "quantum");
    model.dispose();
  }
});

/**
 * The branch circuit's count by hand: q RX and q Rot gates before the first CNOT act on 2-vectors, then the product
 * state is written; the Rot gates of layers 2..L act on 2^q / 2 amplitude pairs; q <Y> measurements. The adjoint
 * VJP runs the forward pass again, then: q Y terms into the adjoint state, the (L-1) q Rot gates undone (3
 * parameters each), and per wire a partial trace, one conjugation (Rot undone before the RX) and 4 parameters;
 * finally one add per parameter slot (q inputs, 3 L q weights).
 */
function branchByHand(q: number, L: number): { forward: number; backward: number } {
  const pairs = 2 ** q / 2;
  const forward = 2 * q * 28 + 12 * (2 ** q - 1) + (L - 1) * q * pairs * 28 + q * (pairs * 4 + 1);
  const sweep = q * pairs * 8 + (L - 1) * q * (pairs * 80 + 3 * 6) + q * (pairs * 32 + 112 + 2 * 3 + 4 * 6) + q + 3 * L * q;
  return { forward, backward: forward + sweep };
}

test("quantum layer FLOPs equal a count by hand of the branch circuit", () => {
  for (const [q, L] of [[5, 3], [3, 2], [2, 1], [4, 4]]) {
    assert.deepEqual(circuitFlops(hqnnBranchCircuit({ nQubits: q, nLayers: L })), branchByHand(q, L), `q = ${q}, L = ${L}`);
  }
});
