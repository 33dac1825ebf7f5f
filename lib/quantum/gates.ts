/**
 * Single-qubit gate matrices (PennyLane conventions) and their derivatives.
 *
 * A 2x2 complex matrix is stored in 8 numbers starting at an offset:
 *   [u00.re, u00.im, u01.re, u01.im, u10.re, u10.im, u11.re, u11.im].
 *
 *   RX(t) = [[c, -i s], [-i s, c]]      RY(t) = [[c, -s], [s, c]]      RZ(t) = diag(e^{-it/2}, e^{it/2})
 *   with c = cos(t/2), s = sin(t/2);   H = [[1, 1], [1, -1]] / sqrt 2;
 *   Rot(phi, theta, omega) = RZ(omega) RY(theta) RZ(phi)
 *     = [[e^{-i(phi+omega)/2} c, -e^{i(phi-omega)/2} s], [e^{-i(phi-omega)/2} s, e^{i(phi+omega)/2} c]]  (t = theta).
 */

import { GateName } from "./spec";

export type SingleQubitGate = Exclude<GateName, "CNOT" | "CZ">;

export const MATRIX_SIZE = 8;

function write(out: Float64Array, o: number, a: number, b: number, c: number, d: number, e: number, f: number, g: number, h: number): void {
  out[o] = a; out[o + 1] = b; out[o + 2] = c; out[o + 3] = d;
  out[o + 4] = e; out[o + 5] = f; out[o + 6] = g; out[o + 7] = h;
}

/** Writes the matrix of `gate` with parameters p[q], p[q+1], p[q+2] (as many as it takes) to out[o..o+8). */
export function writeGateMatrix(gate: SingleQubitGate, p: ArrayLike<number>, q: number, out: Float64Array, o: number): void {
  switch (gate) {
    case "RX": {
      const c = Math.cos(p[q] / 2), s = Math.sin(p[q] / 2);
      return write(out, o, c, 0, 0, -s, 0, -s, c, 0);
    }
    case "RY": {
      const c = Math.cos(p[q] / 2), s = Math.sin(p[q] / 2);
      return write(out, o, c, 0, -s, 0, s, 0, c, 0);
    }
    case "RZ": {
      const c = Math.cos(p[q] / 2), s = Math.sin(p[q] / 2);
      return write(out, o, c, -s, 0, 0, 0, 0, c, s);
    }
    case "Rot": {
      const [phi, theta, omega] = [p[q], p[q + 1], p[q + 2]];
      const c = Math.cos(theta / 2), s = Math.sin(theta / 2);
      const sum = (phi + omega) / 2, diff = (phi - omega) / 2;
      const cs = Math.cos(sum), ss = Math.sin(sum), cd = Math.cos(diff), sd = Math.sin(diff);
      return write(out, o, cs * c, -ss * c, -cd * s, -sd * s, cd * s, -sd * s, cs * c, ss * c);
    }
    case "H": {
      const r = Math.SQRT1_2;
      return write(out, o, r, 0, r, 0, r, 0, -r, 0);
    }
  }
}

/**
 * Writes d U / d p_k (k-th parameter of `gate`) to out[o..o+8), by differentiating the closed forms above.
 * Used by the backprop method (independent of the generator form the adjoint method uses).
 */
export function writeGateDerivative(gate: SingleQubitGate, p: ArrayLike<number>, q: number, k: number, out: Float64Array, o: number): void {
  switch (gate) {
    case "RX": {
      const c = Math.cos(p[q] / 2) / 2, s = Math.sin(p[q] / 2) / 2;
      return write(out, o, -s, 0, 0, -c, 0, -c, -s, 0);
    }
    case "RY": {
      const c = Math.cos(p[q] / 2) / 2, s = Math.sin(p[q] / 2) / 2;
      return write(out, o, -s, 0, -c, 0, c, 0, -s, 0);
    }
    case "RZ": {
      const c = Math.cos(p[q] / 2) / 2, s = Math.sin(p[q] / 2) / 2;
      return write(out, o, -s, -c, 0, 0, 0, 0, -s, c);
    }
    case "Rot": {
      writeGateMatrix("Rot", p, q, out, o);
      if (k === 1) {
        // d/dtheta: c -> -s/2 and s -> c/2 in every entry.
        const [phi, theta, omega] = [p[q], p[q + 1], p[q + 2]];
        const c = Math.cos(theta / 2) / 2, s = Math.sin(theta / 2) / 2;
        const sum = (phi + omega) / 2, diff = (phi - omega) / 2;
        const cs = Math.cos(sum), ss = Math.sin(sum), cd = Math.cos(diff), sd = Math.sin(diff);
        return write(out, o, -cs * s, ss * s, -cd * c, -sd * c, cd * c, -sd * c, -cs * s, -ss * s);
      }
      // d/dphi multiplies the entries by (-i/2, +i/2, -i/2, +i/2); d/domega by (-i/2, -i/2, +i/2, +i/2).
      const signs = k === 0 ? [-1, 1, -1, 1] : [-1, -1, 1, 1];
      for (let e = 0; e < 4; e++) {
        const re = out[o + 2 * e], im = out[o + 2 * e + 1], h = signs[e] / 2;
        out[o + 2 * e] = -h * im;
        out[o + 2 * e + 1] = h * re;
      }
      return;
    }
    case "H":
      throw new Error("H has no parameters");
  }
}

/**
 * Output-frame generators: for U = U(p), dU/dp_k = (-i/2) G_k U with G_k = nx X + ny Y + nz Z.
 * Writes (nx, ny, nz) for each parameter k to out[o + 3k ..]. Pauli rotations: RX -> X, RY -> Y, RZ -> Z.
 * Rot = RZ(omega) RY(theta) RZ(phi): G_omega = Z, G_theta = RZ(omega) Y RZ(omega)^dag = -sin(omega) X + cos(omega) Y,
 * G_phi = RZ(omega) RY(theta) Z RY(theta)^dag RZ(omega)^dag = sin(theta)cos(omega) X + sin(theta)sin(omega) Y + cos(theta) Z.
 */
export function writeGenerators(gate: SingleQubitGate, p: ArrayLike<number>, q: number, out: Float64Array, o: number): void {
  switch (gate) {
    case "RX": out[o] = 1; out[o + 1] = 0; out[o + 2] = 0; return;
    case "RY": out[o] = 0; out[o + 1] = 1; out[o + 2] = 0; return;
    case "RZ": out[o] = 0; out[o + 1] = 0; out[o + 2] = 1; return;
    case "Rot": {
      const theta = p[q + 1], omega = p[q + 2];
      const st = Math.sin(theta), ct = Math.cos(theta), so = Math.sin(omega), co = Math.cos(omega);
      out[o] = st * co; out[o + 1] = st * so; out[o + 2] = ct;
      out[o + 3] = -so; out[o + 4] = co; out[o + 5] = 0;
      out[o + 6] = 0; out[o + 7] = 0; out[o + 8] = 1;
      return;
    }
    case "H":
      return;
  }
}
