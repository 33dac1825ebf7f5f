import { test } from "node:test";
import assert from "node:assert/strict";
import { numericRank, singularValues } from "../../experiments/numeric-rank";
import { runZxAnalysis, sensitivity, ZX_CONFIG, zxReduction } from "../../experiments/zx";
import { mulberry32 } from "../../lib/quantum";
import { readResult } from "../../lib/results";

type Matrix = number[][];

const matmul = (a: Matrix, b: Matrix): Matrix => a.map((row) => b[0].map((_, j) => row.reduce((s, x, k) => s + x * b[k][j], 0)));
const transpose = (a: Matrix): Matrix => a[0].map((_, j) => a.map((row) => row[j]));

function randomMatrix(rows: number, cols: number, rand: () => number): Matrix {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => 2 * rand() - 1));
}

/** The Householder reflection I − 2uuᵀ/‖u‖², an exactly orthogonal matrix. */
function householder(n: number, rand: () => number): Matrix {
  const u = Array.from({ length: n }, () => 2 * rand() - 1);
  const norm2 = u.reduce((s, x) => s + x * x, 0);
  return u.map((ui, i) => u.map((uj, j) => (i === j ? 1 : 0) - (2 * ui * uj) / norm2));
}

test("singular values of Q1·diag(s)·Q2 are s, and the vectors satisfy AᵀA v = σ² v", () => {
  const rand = mulberry32(11);
  const s = [5, 3, 1, 1e-3, 1e-11];
  const diag = Array.from({ length: 7 }, (_, i) => Array.from({ length: 5 }, (_, j) => (i === j ? s[i] : 0)));
  const a = matmul(matmul(householder(7, rand), diag), householder(5, rand));
  const { values, vectors } = singularValues(a);
  values.forEach((v, k) => assert.ok(Math.abs(v - s[k]) <= 1e-13 * s[0], `σ${k} = ${v}, expected ${s[k]}`));
  const ata = matmul(transpose(a), a);
  vectors.forEach((v, k) => {
    const av = ata.map((row) => row.reduce((sum, x, j) => sum + x * v[j], 0));
    av.forEach((x, i) => assert.ok(Math.abs(x - values[k] ** 2 * v[i]) < 1e-12, `vector ${k}`));
  });
  assert.equal(numericRank(values, 1e-10), 4);
  assert.equal(numericRank(values, 1e-12), 5);
});

test("numeric rank of products B·C (m × r times r × n) is r, for tall, wide and square shapes", () => {
  const rand = mulberry32(5);
  for (const [m, r, n] of [[100, 30, 45], [5, 5, 45], [45, 44, 45], [20, 1, 8], [45, 45, 45]]) {
    const a = matmul(randomMatrix(m, r, rand), randomMatrix(r, n, rand));
    const { values } = singularValues(a);
    assert.equal(values.length, n);
    assert.equal(numericRank(values, 1e-10), r, `${m}×${n} of rank ${r}`);
  }
  assert.equal(numericRank(singularValues([[0, 0], [0, 0]]).values, 1e-10), 0);
  assert.throws(() => singularValues([[1, 2], [3]]), /different lengths/);
});

test("ZX reduction of the branch: every symbol on its own spider, diagrams and extraction equal the circuit", () => {
  const z = zxReduction();
  assert.equal(z.symbols, 50);
  assert.equal(z.every_symbol_on_own_spider, true);
  assert.deepEqual([z.after.parametrized_spiders, z.after.max_params_per_spider], [50, 1]);
  assert.equal(z.tensor_equal, true);
  assert.equal(z.extracted.equal_to_original, true);
  assert.equal(z.extracted.original_cnots, 15);
  assert.equal(Object.keys(z.symbol_spiders).length, 50);
  // Gadget leaves are drawn on qubit line −2 by the gadget pivot; nothing else is.
  for (const [s, at] of Object.entries(z.symbol_spiders)) assert.equal(at.place === "gadget-leaf", at.qubit === -2, s);
  assert.ok(z.gadget_leaves.length > 0 && z.gadget_leaves.every((s) => s.startsWith("w")));
});

test("sensitivity: no dead parameter, the stacked weight Jacobian has rank 45, 5 more per point until then", () => {
  const s = sensitivity();
  assert.equal(s.engine_matches_zx_circuit, true);
  assert.ok(s.finite_difference_max_abs_error < 1e-8);
  assert.equal(s.no_dead_parameter, true);
  assert.equal(s.input_jacobian_min_rank, 5);
  assert.equal(s.full_rank, true);
  for (const d of s.draws) {
    assert.equal(d.rows, 5 * ZX_CONFIG.pointsPerDraw);
    assert.deepEqual(d.rank_by_points, d.rank_by_points.map((_, p) => Math.min(5 * (p + 1), 45)));
    assert.ok(d.smallest_over_largest > 1e-4, "well separated from the tolerance");
  }
  // By hand: through the last layer's CNOTs (range 3, in order (0,3), (1,4), (2,0), (3,1), (4,2)) Y on wire 0 becomes
  // Z₂·Y₀·X₃, so output 0 cannot depend on the last Rot of wires 1 and 4, nor on RZ(ω) of wire 2, which commutes with Z₂.
  for (const w of ["w33", "w34", "w35", "w38", "w42", "w43", "w44"]) assert.ok(s.zero_for_output[0].includes(w), w);
  assert.ok(!s.zero_for_output[0].includes("w37") && !s.zero_for_output[0].includes("w36"));
});

test("results/zx-reduction.json, when present, has the same key findings as a fresh run", () => {
  const stored = readResult("zx-reduction");
  if (!stored) return;
  const fresh = JSON.parse(JSON.stringify(runZxAnalysis()));
  for (const key of ["before", "after", "symbols", "every_symbol_on_own_spider", "tensor_equal", "extracted", "gadget_leaves"] as const) {
    assert.deepEqual(stored[key], fresh[key], key);
  }
  for (const key of ["no_dead_parameter", "full_rank", "dead_parameters", "zero_for_output", "input_jacobian_min_rank"] as const) {
    assert.deepEqual(stored.sensitivity[key], fresh.sensitivity[key], `sensitivity.${key}`);
  }
});
