/**
 * An independent dense-matrix simulator for tests: every gate becomes a full 2^n x 2^n matrix built from Kronecker
 * products of 2x2 matrices (wire 0 leftmost = most significant), applied to the state by a plain matrix-vector
 * product. Rot is built as the product RZ(omega) RY(theta) RZ(phi); CNOT as |0><0| (x) I + |1><1| (x) X.
 * Nothing here is shared with lib/quantum except the spec types.
 */

import { CircuitSpec, OpSpec } from "../../lib/quantum/spec";

export type C = [number, number];
/** A dense complex matrix, row-major. */
export interface Dense { n: number; re: Float64Array; im: Float64Array }

const c = (re: number, im = 0): C => [re, im];
const mul = (a: C, b: C): C => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
const add = (a: C, b: C): C => [a[0] + b[0], a[1] + b[1]];
const expi = (t: number): C => [Math.cos(t), Math.sin(t)];

type M2 = C[][];
const I2: M2 = [[c(1), c(0)], [c(0), c(1)]];
const X2: M2 = [[c(0), c(1)], [c(1), c(0)]];
const Y2: M2 = [[c(0), c(0, -1)], [c(0, 1), c(0)]];
const Z2: M2 = [[c(1), c(0)], [c(0), c(-1)]];
const P0: M2 = [[c(1), c(0)], [c(0), c(0)]];
const P1: M2 = [[c(0), c(0)], [c(0), c(1)]];
export const PAULIS: Record<string, M2> = { X: X2, Y: Y2, Z: Z2 };

function mm2(a: M2, b: M2): M2 {
  return [0, 1].map((i) => [0, 1].map((j) => add(mul(a[i][0], b[0][j]), mul(a[i][1], b[1][j]))));
}

/** exp(-i t P / 2) = cos(t/2) I - i sin(t/2) P */
function pauliRotation(p: M2, t: number): M2 {
  const co = Math.cos(t / 2), si = Math.sin(t / 2);
  return [0, 1].map((i) => [0, 1].map((j) => add(mul(c(co), I2[i][j]), mul(c(0, -si), p[i][j]))));
}

export function gate2(gate: string, params: number[]): M2 {
  switch (gate) {
    case "RX": return pauliRotation(X2, params[0]);
    case "RY": return pauliRotation(Y2, params[0]);
    case "RZ": return [[expi(-params[0] / 2), c(0)], [c(0), expi(params[0] / 2)]];
    case "Rot": return mm2(gate2("RZ", [params[2]]), mm2(gate2("RY", [params[1]]), gate2("RZ", [params[0]])));
    case "H": return [[c(Math.SQRT1_2), c(Math.SQRT1_2)], [c(Math.SQRT1_2), c(-Math.SQRT1_2)]];
    default: throw new Error(`no 2x2 matrix for ${gate}`);
  }
}

/** Kronecker product of 2x2 factors, factors[0] acting on wire 0 (most significant). */
export function kron(factors: M2[]): Dense {
  let re = new Float64Array([1]), im = new Float64Array([0]), size = 1;
  for (const f of factors) {
    const s2 = size * 2;
    const nre = new Float64Array(s2 * s2), nim = new Float64Array(s2 * s2);
    for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) {
      const a: C = [re[i * size + j], im[i * size + j]];
      for (let k = 0; k < 2; k++) for (let l = 0; l < 2; l++) {
        const [r, m] = mul(a, f[k][l]);
        nre[(2 * i + k) * s2 + 2 * j + l] = r;
        nim[(2 * i + k) * s2 + 2 * j + l] = m;
      }
    }
    re = nre; im = nim; size = s2;
  }
  return { n: size, re, im };
}

function addDense(a: Dense, b: Dense): Dense {
  return { n: a.n, re: a.re.map((v, i) => v + b.re[i]), im: a.im.map((v, i) => v + b.im[i]) };
}

function embed(nWires: number, placed: Record<number, M2>): Dense {
  return kron(Array.from({ length: nWires }, (_, w) => placed[w] ?? I2));
}

/** The full 2^n x 2^n matrix of one op. */
export function fullMatrix(op: OpSpec, nWires: number): Dense {
  const [a, b] = op.wires;
  switch (op.gate) {
    case "CNOT": return addDense(embed(nWires, { [a]: P0 }), embed(nWires, { [a]: P1, [b]: X2 }));
    case "CZ": return addDense(embed(nWires, { [a]: P0 }), embed(nWires, { [a]: P1, [b]: Z2 }));
    default: return embed(nWires, { [a]: gate2(op.gate, op.params ?? []) });
  }
}

export function matVec(m: Dense, re: Float64Array, im: Float64Array): { re: Float64Array; im: Float64Array } {
  const n = m.n, ore = new Float64Array(n), oim = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sr = 0, si = 0;
    for (let j = 0; j < n; j++) {
      const ar = m.re[i * n + j], ai = m.im[i * n + j];
      sr += ar * re[j] - ai * im[j];
      si += ar * im[j] + ai * re[j];
    }
    ore[i] = sr; oim[i] = si;
  }
  return { re: ore, im: oim };
}

export function denseState(spec: CircuitSpec): { re: Float64Array; im: Float64Array } {
  let re = new Float64Array(1 << spec.wires), im = new Float64Array(1 << spec.wires);
  re[0] = 1;
  for (const op of spec.ops) ({ re, im } = matVec(fullMatrix(op, spec.wires), re, im));
  return { re, im };
}

/** <psi| O |psi> with O = P on one wire as a full matrix. */
export function denseExpval(state: { re: Float64Array; im: Float64Array }, nWires: number, pauli: string, wire: number): number {
  const o = matVec(embed(nWires, { [wire]: PAULIS[pauli] }), state.re, state.im);
  let acc = 0;
  for (let i = 0; i < o.re.length; i++) acc += state.re[i] * o.re[i] + state.im[i] * o.im[i];
  return acc;
}

export function denseExpvals(spec: CircuitSpec): number[] {
  const state = denseState(spec);
  return spec.observables.map((o) => denseExpval(state, spec.wires, o.pauli, o.wire));
}

/** A random spec (seeded by `rand`), mixing every gate type. */
export function randomSpec(rand: () => number, nWires: number, nOps: number, nObs = nWires): CircuitSpec {
  const gates = nWires > 1 ? ["RX", "RY", "RZ", "Rot", "H", "CNOT", "CZ"] : ["RX", "RY", "RZ", "Rot", "H"];
  const ops: OpSpec[] = [];
  for (let i = 0; i < nOps; i++) {
    const gate = gates[Math.floor(rand() * gates.length)] as OpSpec["gate"];
    const a = Math.floor(rand() * nWires);
    if (gate === "CNOT" || gate === "CZ") {
      const b = (a + 1 + Math.floor(rand() * (nWires - 1))) % nWires;
      ops.push({ gate, wires: [a, b] });
    } else if (gate === "H") ops.push({ gate, wires: [a] });
    else {
      const np = gate === "Rot" ? 3 : 1;
      ops.push({ gate, wires: [a], params: Array.from({ length: np }, () => (rand() * 2 - 1) * Math.PI * 2) });
    }
  }
  const paulis = ["X", "Y", "Z"] as const;
  const observables = Array.from({ length: nObs }, () => ({ pauli: paulis[Math.floor(rand() * 3)], wire: Math.floor(rand() * nWires) }));
  return { wires: nWires, ops, observables };
}
