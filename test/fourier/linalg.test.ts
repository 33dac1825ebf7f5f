import assert from "node:assert/strict";
import { test } from "node:test";
import {
  correlationMatrix, covarianceMatrix, determinant, hermitianCorrelationMatrix, hermitianEigenvalues, numericalRank, symmetricEigenvalues,
} from "../../lib/fourier";
import { mulberry32 } from "../../lib/quantum";

const close = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

function randomSymmetric(n: number, seed: number): number[][] {
  const rand = mulberry32(seed);
  const a = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i][j] = a[j][i] = rand() - 0.5;
  return a;
}

test("determinant: hand cases, row swaps, singular matrices", () => {
  assert.equal(determinant([[2, 1], [1, 3]]), 5);
  close(determinant([[0, 1, 0], [1, 0, 0], [0, 0, 4]]), -4, 0, "permutation");
  close(determinant([[1, 2, 3], [4, 5, 6], [7, 8, 10]]), -3, 1e-12, "3x3");
  assert.equal(determinant([[1, 2], [1, 2]]), 0);
});

test("symmetric eigenvalues: known spectrum, trace and determinant identities, det(A - λI) = 0", () => {
  const e = symmetricEigenvalues([[2, 1], [1, 2]]);
  close(e[0], 3, 1e-14, "λ1"); close(e[1], 1, 1e-14, "λ2");
  for (const n of [3, 7, 18]) {
    const a = randomSymmetric(n, n);
    const eig = symmetricEigenvalues(a);
    close(eig.reduce((s, v) => s + v, 0), a.reduce((s, row, i) => s + row[i], 0), 1e-12, `trace n=${n}`);
    close(eig.reduce((p, v) => p * v, 1), determinant(a), 1e-12, `det n=${n}`);
    for (const l of eig) {
      const shifted = a.map((row, i) => row.map((v, j) => (i === j ? v - l : v)));
      assert.ok(symmetricEigenvalues(shifted).some((v) => Math.abs(v) < 1e-10), `λ = ${l} is an eigenvalue`);
    }
  }
});

test("Hermitian eigenvalues of [[a, b], [conj b, d]] match the closed form", () => {
  const a = 1.5, d = -0.5, br = 0.3, bi = -0.8;
  const mid = (a + d) / 2, rad = Math.sqrt(((a - d) / 2) ** 2 + br * br + bi * bi);
  const e = hermitianEigenvalues([[a, br], [br, d]], [[0, bi], [-bi, 0]]);
  close(e[0], mid + rad, 1e-14, "λ1"); close(e[1], mid - rad, 1e-14, "λ2");
});

test("correlation: ±1 for (anti-)equal columns, NaN for a constant column, covariance by hand", () => {
  const x = [1, 2, 4, 7], y = [0, 1, -1, 3];
  const { matrix, zeroVariance } = correlationMatrix([x, x.map((v) => -v), y, [5, 5, 5, 5]]);
  assert.equal(matrix[0][1], -1);
  assert.deepEqual(zeroVariance, [3]);
  assert.ok(Number.isNaN(matrix[3][3]) && Number.isNaN(matrix[0][3]));
  const mx = 3.5, my = 0.75;
  const cxy = x.reduce((s, v, i) => s + (v - mx) * (y[i] - my), 0) / 3;
  close(covarianceMatrix([x, y])[0][1], cxy, 1e-15, "cov");
  const vx = x.reduce((s, v) => s + (v - mx) ** 2, 0) / 3, vy = y.reduce((s, v) => s + (v - my) ** 2, 0) / 3;
  close(matrix[0][2], cxy / Math.sqrt(vx * vy), 1e-15, "corr");
});

test("Hermitian correlation: unit diagonal, R(z, iz) = -i, and a conjugate column is not perfectly correlated", () => {
  const rand = mulberry32(5);
  const re = Array.from({ length: 50 }, () => rand()), im = Array.from({ length: 50 }, () => rand());
  const z = { re, im }, iz = { re: im.map((v) => -v), im: re }, zc = { re, im: im.map((v) => -v) };
  const r = hermitianCorrelationMatrix([z, iz, zc]);
  for (let i = 0; i < 3; i++) { close(r.re[i][i], 1, 1e-14, "diag"); close(r.im[i][i], 0, 1e-14, "diag im"); }
  // Σ z conj(i z) / |z|^2 = -i
  close(r.re[0][1], 0, 1e-14, "Re R(z, iz)"); close(r.im[0][1], -1, 1e-14, "Im R(z, iz)");
  assert.ok(Math.hypot(r.re[0][2], r.im[0][2]) < 0.9, "z and conj(z) are different complex variables");
  assert.equal(numericalRank(hermitianEigenvalues(r.re, r.im)), 2);
});
