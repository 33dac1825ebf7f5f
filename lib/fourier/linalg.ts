/**
 * The small dense linear algebra the expressivity analysis needs: sample correlation matrices (real and
 * Hermitian), symmetric eigenvalues (cyclic Jacobi) and determinants (LU with partial pivoting).
 * Matrices are arrays of rows; sizes here are at most a few dozen.
 */

/** A column of samples (one variable), or a complex one as {re, im}. */
export type Column = ArrayLike<number>;
export interface ComplexColumn { re: ArrayLike<number>; im: ArrayLike<number> }

function centred(col: Column): Float64Array {
  let mean = 0;
  for (let i = 0; i < col.length; i++) mean += col[i];
  mean /= col.length;
  return Float64Array.from(col, (v) => v - mean);
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Sample covariance matrix (divisor n - 1) of the columns. */
export function covarianceMatrix(columns: Column[]): number[][] {
  const c = columns.map(centred), n = columns[0]?.length ?? 0;
  return c.map((a) => c.map((b) => dot(a, b) / (n - 1)));
}

/**
 * Pearson correlation matrix. Like numpy's corrcoef, a zero-variance column has no defined correlation: its row
 * and column (diagonal included) are NaN, and such columns are listed in `zeroVariance`.
 */
export function correlationMatrix(columns: Column[]): { matrix: number[][]; zeroVariance: number[] } {
  const cov = covarianceMatrix(columns);
  const zeroVariance = cov.flatMap((row, i) => (row[i] === 0 ? [i] : []));
  // sqrt(v_i v_j) rather than sqrt(v_i) sqrt(v_j): equal or opposite columns then give exactly ±1.
  return { matrix: cov.map((row, i) => row.map((v, j) => v / Math.sqrt(cov[i][i] * cov[j][j]))), zeroVariance };
}

/**
 * Hermitian correlation matrix of complex columns: R_ij = Σ (z_i - z̄_i) conj(z_j - z̄_j) / sqrt(v_i v_j) with
 * v_i = Σ |z_i - z̄_i|^2. Returned as real and imaginary parts.
 */
export function hermitianCorrelationMatrix(columns: ComplexColumn[]): { re: number[][]; im: number[][] } {
  const cr = columns.map((c) => centred(c.re)), ci = columns.map((c) => centred(c.im));
  const v = cr.map((a, i) => dot(a, a) + dot(ci[i], ci[i]));
  const re = cr.map((_, i) => cr.map((_, j) => (dot(cr[i], cr[j]) + dot(ci[i], ci[j])) / Math.sqrt(v[i] * v[j])));
  const im = cr.map((_, i) => cr.map((_, j) => (dot(ci[i], cr[j]) - dot(cr[i], ci[j])) / Math.sqrt(v[i] * v[j])));
  return { re, im };
}

/** Determinant by LU decomposition with partial pivoting (as LAPACK's getrf, which numpy.linalg.det uses). */
export function determinant(matrix: number[][]): number {
  const a = matrix.map((row) => [...row]), n = a.length;
  let det = 1;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    if (a[pivot][col] === 0) return 0;
    if (pivot !== col) { [a[pivot], a[col]] = [a[col], a[pivot]]; det = -det; }
    det *= a[col][col];
    for (let r = col + 1; r < n; r++) {
      const factor = a[r][col] / a[col][col];
      for (let c = col; c < n; c++) a[r][c] -= factor * a[col][c];
    }
  }
  return det;
}

/** Eigenvalues of a real symmetric matrix, largest first (cyclic Jacobi rotations to off-diagonal norm ~0). */
export function symmetricEigenvalues(matrix: number[][]): number[] {
  const a = matrix.map((row) => [...row]), n = a.length;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0, total = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) { total += a[i][j] ** 2; if (i !== j) off += a[i][j] ** 2; }
    if (off <= 1e-30 * total) break;
    for (let p = 0; p < n - 1; p++) for (let q = p + 1; q < n; q++) rotate(a, p, q);
  }
  return a.map((row, i) => row[i]).sort((x, y) => y - x);
}

/** One Jacobi rotation zeroing a[p][q] (and a[q][p]) of the symmetric matrix a, in place. */
function rotate(a: number[][], p: number, q: number): void {
  if (a[p][q] === 0) return;
  const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1), s = t * c;
  for (let k = 0; k < a.length; k++) {
    const akp = a[k][p], akq = a[k][q];
    a[k][p] = c * akp - s * akq; a[k][q] = s * akp + c * akq;
  }
  for (let k = 0; k < a.length; k++) {
    const apk = a[p][k], aqk = a[q][k];
    a[p][k] = c * apk - s * aqk; a[q][k] = s * apk + c * aqk;
  }
}

/**
 * Eigenvalues of a Hermitian matrix H = A + iB, largest first: the real symmetric [[A, -B], [B, A]] has each
 * eigenvalue of H twice, so every second one of its sorted eigenvalues is returned.
 */
export function hermitianEigenvalues(re: number[][], im: number[][]): number[] {
  const n = re.length;
  const big = Array.from({ length: 2 * n }, (_, i) => Array.from({ length: 2 * n }, (_, j) => {
    const a = re[i % n][j % n], b = im[i % n][j % n];
    if ((i < n) === (j < n)) return a;
    return i < n ? -b : b;
  }));
  return symmetricEigenvalues(big).filter((_, k) => k % 2 === 0);
}

/** Number of eigenvalues above tol × the largest one (the numerical rank of a symmetric PSD matrix). */
export function numericalRank(eigenvalues: number[], tol = 1e-10): number {
  const top = Math.max(...eigenvalues.map(Math.abs));
  return eigenvalues.filter((e) => e > tol * top).length;
}
