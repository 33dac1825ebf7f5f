/**
 * Plain statevector kernels, one sample at a time. A state of n wires is two Float64Arrays `re`, `im` of length
 * 2^n; amplitude index b = sum_w bit_w * 2^(n-1-w), i.e. wire 0 is the most significant qubit (PennyLane's
 * convention). Matrices are 2x2 complex in the 8-number layout of `gates.ts`. Kernels work in place.
 *
 * The backprop method runs on these (straightforward index arithmetic, CNOTs move data), independently of the
 * lane kernels that the forward pass and the adjoint method use (lanes.ts).
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

const dagger = new Float64Array(8);

/** state <- U^dagger state on `wire`, U = m[o..o+8); U^dagger = [[conj a, conj c], [conj b, conj d]]. */
export function applyMatrixAdjoint(re: Float64Array, im: Float64Array, nWires: number, wire: number, m: Float64Array, o: number): void {
  dagger[0] = m[o]; dagger[1] = -m[o + 1]; dagger[2] = m[o + 4]; dagger[3] = -m[o + 5];
  dagger[4] = m[o + 2]; dagger[5] = -m[o + 3]; dagger[6] = m[o + 6]; dagger[7] = -m[o + 7];
  applyMatrix(re, im, nWires, wire, dagger, 0);
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

/** dst += coeff * P_wire src (X: (a1, a0); Y: (-i a1, i a0); Z: (a0, -a1)). */
export function addPauliTimes(
  srcRe: Float64Array, srcIm: Float64Array, dstRe: Float64Array, dstIm: Float64Array,
  nWires: number, pauli: number, wire: number, coeff: number,
): void {
  const s = 1 << (nWires - 1 - wire), dim = 1 << nWires;
  for (let i = 0; i < dim; i += 2 * s) {
    for (let j = i; j < i + s; j++) {
      const k = j + s;
      const r0 = srcRe[j], i0 = srcIm[j], r1 = srcRe[k], i1 = srcIm[k];
      if (pauli === 0) {
        dstRe[j] += coeff * r1; dstIm[j] += coeff * i1;
        dstRe[k] += coeff * r0; dstIm[k] += coeff * i0;
      } else if (pauli === 1) {
        dstRe[j] += coeff * i1; dstIm[j] -= coeff * r1;
        dstRe[k] -= coeff * i0; dstIm[k] += coeff * r0;
      } else {
        dstRe[j] += coeff * r0; dstIm[j] += coeff * i0;
        dstRe[k] -= coeff * r1; dstIm[k] -= coeff * i1;
      }
    }
  }
}
