/**
 * Singular values and numerical rank of a small dense real matrix, for the redundancy check of
 * experiments/zx.ts (independent of lib/zx and lib/quantum).
 *
 * Method: one-sided Jacobi SVD (Hestenes 1958; Demmel & Veselić 1992). The columns of A (m × n) are rotated in
 * pairs, A ← A·J, until every pair is orthogonal to working precision, |a_p·a_q| ≤ ε·‖a_p‖‖a_q‖; the
 * rotations, accumulated, give V. Then A·V = U·Σ: the singular values are the final column norms and the
 * columns of V the right singular vectors. It computes small singular values with high relative accuracy
 * (unlike the eigenvalues of AᵀA, which square the condition number).
 */

export interface SVD {
  /** Singular values, largest first (n of them for an m × n matrix; m ≥ n is not required). */
  values: number[];
  /** Right singular vectors: vectors[k] (length n) belongs to values[k]. */
  vectors: number[][];
}

const EPS = 2.220446049250313e-16;
const MAX_SWEEPS = 60;

/** The SVD's Σ and V of a matrix given as rows (all of the same length). */
export function singularValues(rows: number[][]): SVD {
  const m = rows.length;
  const n = m === 0 ? 0 : rows[0].length;
  if (rows.some((r) => r.length !== n)) throw new Error("singularValues: rows of different lengths");
  if (rows.some((r) => r.some((x) => !Number.isFinite(x)))) throw new Error("singularValues: non-finite entry");
  // Work on columns: cols[j][i] = A[i][j]; v[j] = column j of V.
  const cols = Array.from({ length: n }, (_, j) => Float64Array.from(rows, (r) => r[j]));
  const v = Array.from({ length: n }, (_, j) => { const e = new Float64Array(n); e[j] = 1; return e; });
  // Columns shorter than ε·‖A‖_F are rounding noise: rotating them against each other would never settle.
  const negligible = EPS * EPS * cols.reduce((sum, c) => sum + dot(c, c), 0);
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        if (orthogonalise(cols[p], cols[q], v[p], v[q], negligible)) rotated = true;
      }
    }
    if (!rotated) break;
    if (sweep === MAX_SWEEPS - 1) throw new Error("singularValues: Jacobi sweeps did not converge");
  }
  const order = cols.map((c, j) => ({ value: Math.sqrt(dot(c, c)), j })).sort((a, b) => b.value - a.value);
  return { values: order.map((o) => o.value), vectors: order.map((o) => Array.from(v[o.j])) };
}

/**
 * One Jacobi rotation making columns a and b orthogonal (and the same rotation on V's columns); returns false
 * when they already are to working precision or one of them is negligible (squared norm ≤ `negligible`).
 */
function orthogonalise(a: Float64Array, b: Float64Array, va: Float64Array, vb: Float64Array, negligible: number): boolean {
  const alpha = dot(a, a), beta = dot(b, b), gamma = dot(a, b);
  if (alpha <= negligible || beta <= negligible) return false;
  if (gamma === 0 || Math.abs(gamma) <= EPS * Math.sqrt(alpha * beta)) return false;
  // Rotation angle t = tan θ with the smaller |θ| that zeroes the off-diagonal entry of the 2 × 2 Gram matrix.
  const zeta = (beta - alpha) / (2 * gamma);
  const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
  const c = 1 / Math.sqrt(1 + t * t), s = c * t;
  rotate(a, b, c, s);
  rotate(va, vb, c, s);
  return true;
}

/** (a, b) ← (c·a − s·b, s·a + c·b), elementwise. */
function rotate(a: Float64Array, b: Float64Array, c: number, s: number): void {
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i];
    a[i] = c * x - s * y;
    b[i] = s * x + c * y;
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * Numerical rank: the number of singular values strictly above `relTol` × the largest (NumPy's `matrix_rank`
 * uses relTol = max(m, n)·ε by default). A zero matrix has rank 0.
 */
export function numericRank(values: number[], relTol: number): number {
  if (values.length === 0 || values[0] === 0) return 0;
  return values.filter((s) => s > relTol * values[0]).length;
}
