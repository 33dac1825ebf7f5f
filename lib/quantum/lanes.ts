/**
 * Lane kernels: the fast path of the forward pass and the adjoint method.
 *
 * A chunk of up to L samples ("lanes") is stored batch-major: the amplitude stored at physical index a of lane b is
 * re[a * L + b] + i im[a * L + b], so every inner loop runs over the lanes with the same gate coefficients.
 * CNOTs never move data: the plan folds them into a permutation of amplitude indices and gives each later op the
 * physical indices it touches (`pairs`: j0, k0, j1, k1, ... with k = j's partner on the op's wire; see plan.ts).
 * Matrices use the 8-number layout of gates.ts. Per-lane values (matrices, coefficients, results) of lane b sit at
 * offset b (times their size). Kernels never allocate; `count` <= L is the number of live lanes.
 */

/** state <- U state on the given pairs, U = m[o..o+8) shared by every lane. */
export function applyShared(re: Float64Array, im: Float64Array, L: number, count: number, pairs: Int32Array, m: Float64Array, o: number): void {
  const ar = m[o], ai = m[o + 1], br = m[o + 2], bi = m[o + 3];
  const cr = m[o + 4], ci = m[o + 5], dr = m[o + 6], di = m[o + 7];
  for (let t = 0; t < pairs.length; t += 2) {
    const j0 = pairs[t] * L, k0 = pairs[t + 1] * L;
    for (let b = 0; b < count; b++) {
      const j = j0 + b, k = k0 + b;
      const xr = re[j], xi = im[j], yr = re[k], yi = im[k];
      re[j] = ar * xr - ai * xi + br * yr - bi * yi;
      im[j] = ar * xi + ai * xr + br * yi + bi * yr;
      re[k] = cr * xr - ci * xi + dr * yr - di * yi;
      im[k] = cr * xi + ci * xr + dr * yi + di * yr;
    }
  }
}

/** state <- U_b state on the given pairs, with lane b's matrix at m[o + 8b ..]. */
export function applyPerLane(re: Float64Array, im: Float64Array, L: number, count: number, pairs: Int32Array, m: Float64Array, o: number): void {
  for (let t = 0; t < pairs.length; t += 2) {
    const j0 = pairs[t] * L, k0 = pairs[t + 1] * L;
    for (let b = 0; b < count; b++) {
      const j = j0 + b, k = k0 + b, q = o + 8 * b;
      const xr = re[j], xi = im[j], yr = re[k], yi = im[k];
      re[j] = m[q] * xr - m[q + 1] * xi + m[q + 2] * yr - m[q + 3] * yi;
      im[j] = m[q] * xi + m[q + 1] * xr + m[q + 2] * yi + m[q + 3] * yr;
      re[k] = m[q + 4] * xr - m[q + 5] * xi + m[q + 6] * yr - m[q + 7] * yi;
      im[k] = m[q + 4] * xi + m[q + 5] * xr + m[q + 6] * yi + m[q + 7] * yr;
    }
  }
}

/** Negates the listed physical amplitudes (a CZ) in every lane. */
export function negateLanes(re: Float64Array, im: Float64Array, L: number, count: number, indices: Int32Array): void {
  for (let t = 0; t < indices.length; t++) {
    const j0 = indices[t] * L;
    for (let b = 0; b < count; b++) {
      re[j0 + b] = -re[j0 + b];
      im[j0 + b] = -im[j0 + b];
    }
  }
}

/**
 * out[base + b * stride] = <psi_b| P |psi_b> for Pauli code P (0 X, 1 Y, 2 Z) on the wire of `pairs`:
 * X: 2 Re(conj a0 a1), Y: 2 Im(conj a0 a1), Z: |a0|^2 - |a1|^2 summed over the pairs. `acc` (L) is scratch.
 */
export function expvalLanes(
  re: Float64Array, im: Float64Array, L: number, count: number, pairs: Int32Array, pauli: number,
  acc: Float64Array, out: Float64Array, base: number, stride: number,
): void {
  acc.fill(0, 0, count);
  for (let t = 0; t < pairs.length; t += 2) {
    const j0 = pairs[t] * L, k0 = pairs[t + 1] * L;
    if (pauli === 0) {
      for (let b = 0; b < count; b++) acc[b] += re[j0 + b] * re[k0 + b] + im[j0 + b] * im[k0 + b];
    } else if (pauli === 1) {
      for (let b = 0; b < count; b++) acc[b] += re[j0 + b] * im[k0 + b] - im[j0 + b] * re[k0 + b];
    } else {
      for (let b = 0; b < count; b++) {
        const x0 = re[j0 + b], y0 = im[j0 + b], x1 = re[k0 + b], y1 = im[k0 + b];
        acc[b] += x0 * x0 + y0 * y0 - x1 * x1 - y1 * y1;
      }
    }
  }
  const factor = pauli === 2 ? 1 : 2;
  for (let b = 0; b < count; b++) out[base + b * stride] = factor * acc[b];
}

/** dst_b += c[b] P src_b for every lane b, Pauli code P on the wire of `pairs` (X: (a1, a0); Y: (-i a1, i a0); Z: (a0, -a1)). */
export function addPauliLanes(
  srcRe: Float64Array, srcIm: Float64Array, dstRe: Float64Array, dstIm: Float64Array, L: number, count: number,
  pairs: Int32Array, pauli: number, c: Float64Array,
): void {
  for (let t = 0; t < pairs.length; t += 2) {
    const j0 = pairs[t] * L, k0 = pairs[t + 1] * L;
    if (pauli === 0) {
      for (let b = 0; b < count; b++) {
        const j = j0 + b, k = k0 + b, cb = c[b];
        const x0 = srcRe[j], y0 = srcIm[j];
        dstRe[j] += cb * srcRe[k]; dstIm[j] += cb * srcIm[k];
        dstRe[k] += cb * x0; dstIm[k] += cb * y0;
      }
    } else if (pauli === 1) {
      for (let b = 0; b < count; b++) {
        const j = j0 + b, k = k0 + b, cb = c[b];
        const x0 = srcRe[j], y0 = srcIm[j];
        dstRe[j] += cb * srcIm[k]; dstIm[j] -= cb * srcRe[k];
        dstRe[k] -= cb * y0; dstIm[k] += cb * x0;
      }
    } else {
      for (let b = 0; b < count; b++) {
        const j = j0 + b, k = k0 + b, cb = c[b];
        dstRe[j] += cb * srcRe[j]; dstIm[j] += cb * srcIm[j];
        dstRe[k] -= cb * srcRe[k]; dstIm[k] -= cb * srcIm[k];
      }
    }
  }
}

/**
 * One gate of the adjoint sweep for every lane: with p, l the state and adjoint state at the output of U, writes
 * e[b] = Im<l|X|p>, e[L + b] = Im<l|Y|p>, e[2L + b] = Im<l|Z|p> (Paulis on the op's wire), then un-applies U from
 * both: p <- U^dag p, l <- U^dag l. U = m[o..o+8) is shared by every lane.
 */
export function adjointStepShared(
  pRe: Float64Array, pIm: Float64Array, lRe: Float64Array, lIm: Float64Array, L: number, count: number,
  pairs: Int32Array, m: Float64Array, o: number, e: Float64Array,
): void {
  // U^dagger = [[conj a, conj c], [conj b, conj d]]
  const ar = m[o], ai = -m[o + 1], br = m[o + 4], bi = -m[o + 5];
  const cr = m[o + 2], ci = -m[o + 3], dr = m[o + 6], di = -m[o + 7];
  e.fill(0, 0, 3 * L);
  for (let t = 0; t < pairs.length; t += 2) {
    const j0 = pairs[t] * L, k0 = pairs[t + 1] * L;
    for (let b = 0; b < count; b++) {
      const j = j0 + b, k = k0 + b;
      const l0r = lRe[j], l0i = lIm[j], l1r = lRe[k], l1i = lIm[k];
      const p0r = pRe[j], p0i = pIm[j], p1r = pRe[k], p1i = pIm[k];
      // conj(l0) p1 and conj(l1) p0
      const r01 = l0r * p1r + l0i * p1i, i01 = l0r * p1i - l0i * p1r;
      const r10 = l1r * p0r + l1i * p0i, i10 = l1r * p0i - l1i * p0r;
      e[b] += i01 + i10; // Im(conj(l0) p1 + conj(l1) p0)
      e[L + b] += r10 - r01; // Im(-i conj(l0) p1 + i conj(l1) p0)
      e[2 * L + b] += l0r * p0i - l0i * p0r - (l1r * p1i - l1i * p1r); // Im(conj(l0) p0 - conj(l1) p1)
      pRe[j] = ar * p0r - ai * p0i + br * p1r - bi * p1i;
      pIm[j] = ar * p0i + ai * p0r + br * p1i + bi * p1r;
      pRe[k] = cr * p0r - ci * p0i + dr * p1r - di * p1i;
      pIm[k] = cr * p0i + ci * p0r + dr * p1i + di * p1r;
      lRe[j] = ar * l0r - ai * l0i + br * l1r - bi * l1i;
      lIm[j] = ar * l0i + ai * l0r + br * l1i + bi * l1r;
      lRe[k] = cr * l0r - ci * l0i + dr * l1r - di * l1i;
      lIm[k] = cr * l0i + ci * l0r + dr * l1i + di * l1r;
    }
  }
}

/** adjointStepShared with lane b's matrix at m[o + 8b ..]. */
export function adjointStepPerLane(
  pRe: Float64Array, pIm: Float64Array, lRe: Float64Array, lIm: Float64Array, L: number, count: number,
  pairs: Int32Array, m: Float64Array, o: number, e: Float64Array,
): void {
  e.fill(0, 0, 3 * L);
  for (let t = 0; t < pairs.length; t += 2) {
    const j0 = pairs[t] * L, k0 = pairs[t + 1] * L;
    for (let b = 0; b < count; b++) {
      const j = j0 + b, k = k0 + b, q = o + 8 * b;
      const ar = m[q], ai = -m[q + 1], br = m[q + 4], bi = -m[q + 5];
      const cr = m[q + 2], ci = -m[q + 3], dr = m[q + 6], di = -m[q + 7];
      const l0r = lRe[j], l0i = lIm[j], l1r = lRe[k], l1i = lIm[k];
      const p0r = pRe[j], p0i = pIm[j], p1r = pRe[k], p1i = pIm[k];
      const r01 = l0r * p1r + l0i * p1i, i01 = l0r * p1i - l0i * p1r;
      const r10 = l1r * p0r + l1i * p0i, i10 = l1r * p0i - l1i * p0r;
      e[b] += i01 + i10;
      e[L + b] += r10 - r01;
      e[2 * L + b] += l0r * p0i - l0i * p0r - (l1r * p1i - l1i * p1r);
      pRe[j] = ar * p0r - ai * p0i + br * p1r - bi * p1i;
      pIm[j] = ar * p0i + ai * p0r + br * p1i + bi * p1r;
      pRe[k] = cr * p0r - ci * p0i + dr * p1r - di * p1i;
      pIm[k] = cr * p0i + ci * p0r + dr * p1i + di * p1r;
      lRe[j] = ar * l0r - ai * l0i + br * l1r - bi * l1i;
      lIm[j] = ar * l0i + ai * l0r + br * l1i + bi * l1r;
      lRe[k] = cr * l0r - ci * l0i + dr * l1r - di * l1i;
      lIm[k] = cr * l0i + ci * l0r + dr * l1i + di * l1r;
    }
  }
}

/**
 * Partial trace over every other wire of |p_b><l_b| for each lane: T[c][c'] = sum over the other bits of
 * p[c] conj(l[c']), written to out[8b ..] in the matrix layout. Then <l| A_wire |p> = Tr(A T) for any 2x2 A.
 */
export function partialTraceLanes(
  pRe: Float64Array, pIm: Float64Array, lRe: Float64Array, lIm: Float64Array, L: number, count: number,
  pairs: Int32Array, out: Float64Array,
): void {
  out.fill(0, 0, 8 * L);
  for (let t = 0; t < pairs.length; t += 2) {
    const j0 = pairs[t] * L, k0 = pairs[t + 1] * L;
    for (let b = 0; b < count; b++) {
      const j = j0 + b, k = k0 + b, q = 8 * b;
      const p0r = pRe[j], p0i = pIm[j], p1r = pRe[k], p1i = pIm[k];
      const l0r = lRe[j], l0i = lIm[j], l1r = lRe[k], l1i = lIm[k];
      out[q] += p0r * l0r + p0i * l0i; out[q + 1] += p0i * l0r - p0r * l0i;
      out[q + 2] += p0r * l1r + p0i * l1i; out[q + 3] += p0i * l1r - p0r * l1i;
      out[q + 4] += p1r * l0r + p1i * l0i; out[q + 5] += p1i * l0r - p1r * l0i;
      out[q + 6] += p1r * l1r + p1i * l1i; out[q + 7] += p1i * l1r - p1r * l1i;
    }
  }
}

/**
 * Writes the product state (x)_w v_w into lane b, v_w = (v[4w] + i v[4w+1], v[4w+2] + i v[4w+3]), wire 0 most
 * significant, physical index = logical index (no CNOT has acted yet).
 */
export function writeProductLane(v: Float64Array, nWires: number, re: Float64Array, im: Float64Array, L: number, b: number): void {
  re[b] = 1;
  im[b] = 0;
  let size = 1;
  for (let w = 0; w < nWires; w++) {
    const ar = v[4 * w], ai = v[4 * w + 1], br = v[4 * w + 2], bi = v[4 * w + 3];
    for (let j = size - 1; j >= 0; j--) {
      const xr = re[j * L + b], xi = im[j * L + b], lo = 2 * j * L + b, hi = lo + L;
      re[lo] = xr * ar - xi * ai; im[lo] = xr * ai + xi * ar;
      re[hi] = xr * br - xi * bi; im[hi] = xr * bi + xi * br;
    }
    size *= 2;
  }
}
