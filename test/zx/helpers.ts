/**
 * Independent reference for the ZX tests: dense complex matrices built with Kronecker products from gate
 * matrices written out here (wire 0 = most significant qubit), with no code shared with lib/zx.
 */
import type { ExtractedGate, Tensor, ZXCircuit } from "../../lib/zx";

export type C = [number, number];
export type Mat = C[][];

const mul = (a: C, b: C): C => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
const add = (a: C, b: C): C => [a[0] + b[0], a[1] + b[1]];
const e = (t: number): C => [Math.cos(t), Math.sin(t)];
const r = (x: number): C => [x, 0];
const s = Math.SQRT1_2;

export const I2: Mat = [[r(1), r(0)], [r(0), r(1)]];
export const H: Mat = [[r(s), r(s)], [r(s), r(-s)]];
export const RX = (t: number): Mat => [[r(Math.cos(t / 2)), [0, -Math.sin(t / 2)]], [[0, -Math.sin(t / 2)], r(Math.cos(t / 2))]];
export const RY = (t: number): Mat => [[r(Math.cos(t / 2)), r(-Math.sin(t / 2))], [r(Math.sin(t / 2)), r(Math.cos(t / 2))]];
export const RZ = (t: number): Mat => [[e(-t / 2), r(0)], [r(0), e(t / 2)]];
export const PHASE = (t: number): Mat => [[r(1), r(0)], [r(0), e(t)]];
export const X: Mat = [[r(0), r(1)], [r(1), r(0)]];
export const Y: Mat = [[r(0), [0, -1]], [[0, 1], r(0)]];
export const Z: Mat = [[r(1), r(0)], [r(0), r(-1)]];
/** OpenQASM's U(θ, φ, λ) as the specification writes its matrix. */
export const U3 = (t: number, p: number, l: number): Mat => [
  [r(Math.cos(t / 2)), mul(e(l), r(-Math.sin(t / 2)))],
  [mul(e(p), r(Math.sin(t / 2))), mul(e(p + l), r(Math.cos(t / 2)))],
];
/** CNOT with control = first (more significant) qubit. */
export const CNOT: Mat = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0]].map((row) => row.map(r));
export const CZ: Mat = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, -1]].map((row) => row.map(r));
export const SWAP: Mat = [[1, 0, 0, 0], [0, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 1]].map((row) => row.map(r));

export function matmul(a: Mat, b: Mat): Mat {
  return a.map((row) => b[0].map((_, j) => row.reduce((acc, x, k) => add(acc, mul(x, b[k][j])), r(0))));
}

export function kron(a: Mat, b: Mat): Mat {
  const out: Mat = [];
  for (let i = 0; i < a.length * b.length; i++) {
    out.push([]);
    for (let j = 0; j < a[0].length * b[0].length; j++) {
      out[i].push(mul(a[Math.floor(i / b.length)][Math.floor(j / b[0].length)], b[i % b.length][j % b[0].length]));
    }
  }
  return out;
}

function identity(n: number): Mat {
  return Array.from({ length: 1 << n }, (_, i) => Array.from({ length: 1 << n }, (_, j) => r(i === j ? 1 : 0)));
}

/** The n-wire matrix of a 1-qubit gate m on wire q: I ⊗ … ⊗ m ⊗ … ⊗ I. */
export function onWire(n: number, q: number, m: Mat): Mat {
  let out: Mat = [[r(1)]];
  for (let w = 0; w < n; w++) out = kron(out, w === q ? m : I2);
  return out;
}

/** The n-wire matrix of a 2-qubit gate m (4×4, first qubit more significant) on wires (a, b), a ≠ b. */
export function onWires(n: number, a: number, b: number, m: Mat): Mat {
  // Conjugate by the permutation that brings a, b to positions 0, 1.
  const dim = 1 << n;
  const out: Mat = Array.from({ length: dim }, () => Array.from({ length: dim }, () => r(0)));
  const bit = (x: number, w: number) => (x >> (n - 1 - w)) & 1;
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j < dim; j++) {
      let rest = true;
      for (let w = 0; w < n; w++) if (w !== a && w !== b && bit(i, w) !== bit(j, w)) rest = false;
      if (rest) out[i][j] = m[2 * bit(i, a) + bit(i, b)][2 * bit(j, a) + bit(j, b)];
    }
  }
  return out;
}

/** The n-wire matrix of the 1-qubit gate m on `target`, applied when every wire in `controls` is 1. */
export function controlled(n: number, controls: number[], target: number, m: Mat): Mat {
  const bit = (x: number, w: number) => (x >> (n - 1 - w)) & 1;
  return Array.from({ length: 1 << n }, (_, i) => Array.from({ length: 1 << n }, (_, j): C => {
    for (let w = 0; w < n; w++) if (w !== target && bit(i, w) !== bit(j, w)) return r(0);
    if (controls.every((w) => bit(i, w) === 1)) return m[bit(i, target)][bit(j, target)];
    return r(bit(i, target) === bit(j, target) ? 1 : 0);
  }));
}

/** The unitary of a circuit (symbols from `values`), composed gate by gate as full matrices. */
export function circuitMatrix(c: ZXCircuit, values: Record<string, number> = {}): Mat {
  let u = identity(c.wires);
  const val = (p: number | string) => (typeof p === "number" ? p : values[p]);
  for (const op of c.ops) {
    const p = (op.params ?? []).map(val);
    const [q, t] = op.wires;
    const gates: Mat[] = {
      RX: () => [onWire(c.wires, q, RX(p[0]))],
      RY: () => [onWire(c.wires, q, RY(p[0]))],
      RZ: () => [onWire(c.wires, q, RZ(p[0]))],
      Rot: () => [onWire(c.wires, q, matmul(RZ(p[2]), matmul(RY(p[1]), RZ(p[0]))))],
      H: () => [onWire(c.wires, q, H)],
      CNOT: () => [onWires(c.wires, q, t, CNOT)],
      CZ: () => [onWires(c.wires, q, t, CZ)],
    }[op.gate]();
    for (const gm of gates) u = matmul(gm, u);
  }
  return u;
}

/** The unitary of an extracted gate list. */
export function extractedMatrix(n: number, gates: ExtractedGate[], values: Record<string, number> = {}): Mat {
  let u = identity(n);
  for (const x of gates) {
    const m =
      x.gate === "H" ? onWire(n, x.wires[0], H)
      : x.gate === "ZPhase" ? onWire(n, x.wires[0], PHASE(x.phase.value(values)))
      : onWires(n, x.wires[0], x.wires[1], { CNOT, CZ, SWAP }[x.gate]);
    u = matmul(m, u);
  }
  return u;
}

/** A lib/zx Tensor (out, in) as a matrix. */
export function tensorMatrix(t: Tensor): Mat {
  return Array.from({ length: 1 << t.nOut }, (_, o) =>
    Array.from({ length: 1 << t.nIn }, (_, i): C => [t.re[(o << t.nIn) + i], t.im[(o << t.nIn) + i]]));
}

/** b = c·a for a nonzero complex c, within tolerance relative to the largest entry of b. */
export function equalUpToScalar(a: Mat, b: Mat, tolerance = 1e-8): boolean {
  if (a.length !== b.length || a[0].length !== b[0].length) return false;
  const flatA = a.flat();
  const flatB = b.flat();
  const norm = (x: C) => Math.hypot(x[0], x[1]);
  const k = flatA.reduce((best, x, i) => (norm(x) > norm(flatA[best]) ? i : best), 0);
  const na = norm(flatA[k]) ** 2;
  if (na === 0) return false;
  const c: C = [(flatB[k][0] * flatA[k][0] + flatB[k][1] * flatA[k][1]) / na, (flatB[k][1] * flatA[k][0] - flatB[k][0] * flatA[k][1]) / na];
  const maxB = Math.max(...flatB.map(norm));
  return maxB > 0 && flatA.every((x, i) => norm(add(flatB[i], mul([-c[0], -c[1]], x))) <= tolerance * maxB);
}

/** Random values in [0, 2π) for the given symbols. */
export function randomValues(symbols: string[], rand: () => number): Record<string, number> {
  return Object.fromEntries(symbols.map((name) => [name, rand() * 2 * Math.PI]));
}

export function circuitSymbols(c: ZXCircuit): string[] {
  return [...new Set(c.ops.flatMap((op) => (op.params ?? []).filter((p): p is string => typeof p === "string")))];
}
