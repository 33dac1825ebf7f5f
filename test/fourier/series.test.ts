import assert from "node:assert/strict";
import { test } from "node:test";
import {
  FourierError, coefficient, coefficientsFromGrid, evaluateSeries, fourierCoefficients, frequencyIndex, frequencyVectors, gridPoints,
} from "../../lib/fourier";
import { mulberry32 } from "../../lib/quantum";

const close = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

/** A real trig polynomial with random coefficients: c_0 real, c_{-ω} = conj(c_ω). */
function randomRealSeries(nInputs: number, degree: number, seed: number) {
  const rand = mulberry32(seed);
  const freqs = frequencyVectors(nInputs, degree), n = freqs.length;
  const re = new Float64Array(n), im = new Float64Array(n);
  for (let i = 0; i < (n - 1) / 2; i++) {
    re[i] = re[n - 1 - i] = rand() - 0.5;
    im[i] = rand() - 0.5;
    im[n - 1 - i] = -im[i];
  }
  re[(n - 1) / 2] = rand() - 0.5;
  return { freqs, re, im };
}

/** Direct evaluation of Σ c_ω e^{-iω·x} (real part), written independently of lib/fourier. */
function trigValue(s: { freqs: number[][]; re: Float64Array; im: Float64Array }, x: ArrayLike<number>): number {
  let v = 0;
  s.freqs.forEach((f, i) => {
    const phase = -f.reduce((a, w, j) => a + w * x[j], 0);
    v += s.re[i] * Math.cos(phase) - s.im[i] * Math.sin(phase);
  });
  return v;
}

test("frequency vectors run lexicographically from (-d,..,-d) to (d,..,d); frequencyIndex inverts them", () => {
  assert.deepEqual(frequencyVectors(2, 1), [[-1, -1], [-1, 0], [-1, 1], [0, -1], [0, 0], [0, 1], [1, -1], [1, 0], [1, 1]]);
  frequencyVectors(3, 2).forEach((f, i) => assert.equal(frequencyIndex(f, 2), i));
  assert.throws(() => frequencyIndex([2], 1), FourierError);
});

test("grid points are 2πk/(2d+1), first input most significant", () => {
  const p = gridPoints(2, 1), t = (2 * Math.PI) / 3;
  assert.deepEqual(Array.from(p), [0, 0, 0, t, 0, 2 * t, t, 0, t, t, t, 2 * t, 2 * t, 0, 2 * t, t, 2 * t, 2 * t]);
});

test("the DFT recovers the coefficients of known real trig polynomials (N = 1, 2, 3)", () => {
  for (const [nInputs, degree, seed] of [[1, 3, 1], [2, 2, 2], [3, 1, 3], [2, 4, 4]]) {
    const truth = randomRealSeries(nInputs, degree, seed);
    const got = fourierCoefficients((points, count) => Float64Array.from({ length: count }, (_, p) => trigValue(truth, points.subarray(p * nInputs, (p + 1) * nInputs))), nInputs, degree);
    truth.freqs.forEach((f, i) => {
      const c = coefficient(got, f);
      close(c.re, truth.re[i], 1e-13, `Re c${f}`);
      close(c.im, truth.im[i], 1e-13, `Im c${f}`);
    });
  }
});

test("a frequency above the degree aliases onto ω mod (2d+1): cos 3x sampled with d = 1 looks constant", () => {
  const s = fourierCoefficients((p, n) => Float64Array.from({ length: n }, (_, k) => Math.cos(3 * p[k])), 1, 1);
  close(coefficient(s, [0]).re, 1, 1e-14, "c0");
  close(coefficient(s, [1]).re, 0, 1e-14, "c1");
});

test("evaluateSeries reproduces the function between grid points", () => {
  const truth = randomRealSeries(2, 2, 9);
  const series = coefficientsFromGrid(Float64Array.from({ length: 25 }, (_, p) => trigValue(truth, gridPoints(2, 2).subarray(2 * p, 2 * p + 2))), 2, 2);
  const rand = mulberry32(10);
  for (let t = 0; t < 20; t++) {
    const x = [10 * rand() - 5, 10 * rand() - 5];
    const v = evaluateSeries(series, x);
    close(v.re, trigValue(truth, x), 1e-13, `f(${x})`);
    close(v.im, 0, 1e-13, "imaginary part");
  }
});

test("bad sizes throw FourierError", () => {
  assert.throws(() => coefficientsFromGrid([1, 2], 1, 1), FourierError);
  assert.throws(() => gridPoints(0, 1), FourierError);
  assert.throws(() => gridPoints(1, -1), FourierError);
  assert.throws(() => gridPoints(30, 1), /exceed the limit/);
});
