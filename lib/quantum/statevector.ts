/**
 * Statevector kernels. A state of n wires is two Float64Arrays `re`, `im` of length 2^n; amplitude index
 * b = sum_w bit_w * 2^(n-1-w), i.e. wire 0 is the most significant qubit (PennyLane's convention).
 * Matrices are 2x2 complex in the 8-number layout of `gates.ts`. Kernels work in place and never allocate.
 */

export const PAULI_CODE = { X: 0, Y: 1, Z: 2 } as const;

/** state <- U state on `wire`, U = m[o..o+8). */
export function applyMatrix(re: Float64Array, im: Float64Array, nWires: number, wire: number, m: Float64Array, o: number): void {
  const s = 1 << (nWires - 1 - wire), dim = 1 << nWires;
  const ar = m[o], ai = m[o + 1], br = m[o + 2], bi = m[o + 3];
  const cr = m[o + 4], ci = m[o + 5], dr = m[o + 6], di = m[o + 7];
  for (let i = 0; i < dim; i += 2 * s) {
    for (let j = i; j < i + s; j++) {
      const k = j + s;
      const xr = re[j], xi = im[j], yr = re[k], yi = im[k];
      re[j] = ar * xr - ai * xi + br * yr - bi * yi;
      im[j] = ar * xi + ai * xr + br * yi + bi * yr;
      re[k] = cr * xr - ci * xi + dr * yr - di * yi;
      im[k] = cr * xi + ci * xr + dr * yi + di * yr;
    }
  }
}

/** state <- U^dagger state on `wire`, U = m[o..o+8). */
export function applyMatrixAdjoint(re: Float64Array, im: Float64Array, nWires: number, wire: number, m: Float64Array, o: number): void {
  const s = 1 << (nWires - 1 - wire), dim = 1 << nWires;
  // U^dagger = [[conj a, conj c], [conj b, conj d]]
  const ar = m[o], ai = -m[o + 1], br = m[o + 4], bi = -m[o + 5];
  const cr = m[o + 2], ci = -m[o + 3], dr = m[o + 6], di = -m[o + 7];
  for (let i = 0; i < dim; i += 2 * s) {
    for (let j = i; j < i + s; j++) {
      const k = j + s;
      const xr = re[j], xi = im[j], yr = re[k], yi = im[k];
      re[j] = ar * xr - ai * xi + br * yr - bi * yi;
      im[j] = ar * xi + ai * xr + br * yi + bi * yr;
      re[k] = cr * xr - ci * xi + dr * yr - di * yi;
      im[k] = cr * xi + ci * xr + dr * yi + di * yr;
    }
  }
}

/** CNOT: swaps the amplitudes of target 0 and 1 where the control bit is 1. Self-inverse. */
export function applyCNOT(re: Float64Array, im: Float64Array, nWires: number, control: number, target: number): void {
  const cb = 1 << (nWires - 1 - control), tb = 1 << (nWires - 1 - target), dim = 1 << nWires;
  for (let j = 0; j < dim; j++) {
    if ((j & cb) === 0 || (j & tb) !== 0) continue;
    const k = j | tb;
    const tr = re[j], ti = im[j];
    re[j] = re[k]; im[j] = im[k];
    re[k] = tr; im[k] = ti;
  }
}

/** CZ: negates the amplitudes where both bits are 1. Self-inverse. */
export function applyCZ(re: Float64Array, im: Float64Array, nWires: number, a: number, b: number): void {
  const mask = (1 << (nWires - 1 - a)) | (1 << (nWires - 1 - b)), dim = 1 << nWires;
  for (let j = 0; j < dim; j++) {
    if ((j & mask) === mask) {
      re[j] = -re[j];
      im[j] = -im[j];
    }
  }
}

/** <psi| P_wire |psi> for P = X, Y, Z (code 0, 1, 2). */
export function expvalPauli(re: Float64Array, im: Float64Array, nWires: number, pauli: number, wire: number): number {
  const s = 1 << (nWires - 1 - wire), dim = 1 << nWires;
  let acc = 0;
  for (let i = 0; i < dim; i += 2 * s) {
    for (let j = i; j < i + s; j++) {
      const k = j + s;
      if (pauli === 0) acc += re[j] * re[k] + im[j] * im[k]; // Re(conj(a0) a1)
      else if (pauli === 1) acc += re[j] * im[k] - im[j] * re[k]; // Im(conj(a0) a1)
      else acc += re[j] * re[j] + im[j] * im[j] - re[k] * re[k] - im[k] * im[k];
    }
  }
  return pauli === 2 ? acc : 2 * acc;
}

/** dst += coeff * P_wire src (X: swap halves; Y: (-i a1, i a0); Z: (a0, -a1)). */
export function addPauliTimes(
  srcRe: Float64Array, srcIm: Float64Array, dstRe: Float64Array, dstIm: Float64Array,
  nWires: number, pauli: number, wire: number, coeff: number,
): void {
  const s = 1 << (nWires - 1 - wire), dim = 1 << nWires;
  for (let i = 0; i < dim; i += 2 * s) {
    for (let j = i; j < i + s; j++) {
      const k = j + s;
      if (pauli === 0) {
        dstRe[j] += coeff * srcRe[k]; dstIm[j] += coeff * srcIm[k];
        dstRe[k] += coeff * srcRe[j]; dstIm[k] += coeff * srcIm[j];
      } else if (pauli === 1) {
        dstRe[j] += coeff * srcIm[k]; dstIm[j] -= coeff * srcRe[k];
        dstRe[k] -= coeff * srcIm[j]; dstIm[k] += coeff * srcRe[j];
      } else {
        dstRe[j] += coeff * srcRe[j]; dstIm[j] += coeff * srcIm[j];
        dstRe[k] -= coeff * srcRe[k]; dstIm[k] -= coeff * srcIm[k];
      }
    }
  }
}

/**
 * out[o..o+3) = (Im<l|X|p>, Im<l|Y|p>, Im<l|Z|p>) with the Paulis on `wire`: the adjoint method's derivative of
 * 2 Re<l| (-i/2) P |p> for each Pauli generator P.
 */
export function imPauliElements(
  lRe: Float64Array, lIm: Float64Array, pRe: Float64Array, pIm: Float64Array,
  nWires: number, wire: number, out: Float64Array, o: number,
): void {
  const s = 1 << (nWires - 1 - wire), dim = 1 << nWires;
  let x = 0, y = 0, z = 0;
  for (let i = 0; i < dim; i += 2 * s) {
    for (let j = i; j < i + s; j++) {
      const k = j + s;
      const l0r = lRe[j], l0i = lIm[j], l1r = lRe[k], l1i = lIm[k];
      const p0r = pRe[j], p0i = pIm[j], p1r = pRe[k], p1i = pIm[k];
      // conj(l0) p1 and conj(l1) p0
      const r01 = l0r * p1r + l0i * p1i, i01 = l0r * p1i - l0i * p1r;
      const r10 = l1r * p0r + l1i * p0i, i10 = l1r * p0i - l1i * p0r;
      x += i01 + i10; // Im(conj(l0) p1 + conj(l1) p0)
      y += r10 - r01; // Im(-i conj(l0) p1 + i conj(l1) p0)
      z += l0r * p0i - l0i * p0r - (l1r * p1i - l1i * p1r); // Im(conj(l0) p0 - conj(l1) p1)
    }
  }
  out[o] = x; out[o + 1] = y; out[o + 2] = z;
}

/**
 * Product state: writes (x) over wires w of v_w, with v_w = (v[4w] + i v[4w+1], v[4w+2] + i v[4w+3]),
 * into re, im (wire 0 most significant).
 */
export function writeProductState(v: Float64Array, nWires: number, re: Float64Array, im: Float64Array): void {
  re[0] = 1; im[0] = 0;
  let size = 1;
  for (let w = 0; w < nWires; w++) {
    const ar = v[4 * w], ai = v[4 * w + 1], br = v[4 * w + 2], bi = v[4 * w + 3];
    for (let j = size - 1; j >= 0; j--) {
      const xr = re[j], xi = im[j];
      re[2 * j] = xr * ar - xi * ai; im[2 * j] = xr * ai + xi * ar;
      re[2 * j + 1] = xr * br - xi * bi; im[2 * j + 1] = xr * bi + xi * br;
    }
    size *= 2;
  }
}
