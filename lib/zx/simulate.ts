import { Angle, checkCircuit, ZXCircuit } from "./circuit";
import { ExtractedGate } from "./extract";
import { SymbolValues } from "./phase";
import { Tensor } from "./tensor";

/** A 2×2 complex matrix [[a, b], [c, d]] as [re, im] pairs. */
type Matrix2 = [[number, number], [number, number], [number, number], [number, number]];

const expi = (x: number): [number, number] => [Math.cos(x), Math.sin(x)];

/** RX(θ) = exp(−iθX/2), RY(θ) = exp(−iθY/2), RZ(θ) = exp(−iθZ/2), H, ZPhase(α) = diag(1, e^{iα}). */
const rx = (t: number): Matrix2 => [[Math.cos(t / 2), 0], [0, -Math.sin(t / 2)], [0, -Math.sin(t / 2)], [Math.cos(t / 2), 0]];
const ry = (t: number): Matrix2 => [[Math.cos(t / 2), 0], [-Math.sin(t / 2), 0], [Math.sin(t / 2), 0], [Math.cos(t / 2), 0]];
const rz = (t: number): Matrix2 => [expi(-t / 2), [0, 0], [0, 0], expi(t / 2)];
const hadamard: Matrix2 = [[Math.SQRT1_2, 0], [Math.SQRT1_2, 0], [Math.SQRT1_2, 0], [-Math.SQRT1_2, 0]];
const zPhase = (a: number): Matrix2 => [[1, 0], [0, 0], [0, 0], expi(a)];

/**
 * The unitary of a circuit (wire 0 most significant), by applying each gate to every column of the identity.
 * Symbols take their values from `values`. Exponential in the number of wires: meant for checks on ≤ ~10 wires.
 */
export function circuitUnitary(c: ZXCircuit, values: SymbolValues = {}): Tensor {
  return applyCircuit(c, identity(c.wires), values);
}

/**
 * The circuit applied to each column of `columns` (a 2^wires × 2^k matrix, e.g. k = 0 for one statevector),
 * gate by gate, in place; returns `columns`. Symbols take their values from `values`.
 */
export function applyCircuit(c: ZXCircuit, columns: Tensor, values: SymbolValues = {}): Tensor {
  checkCircuit(c);
  if (columns.nOut !== c.wires) throw new Error(`applyCircuit: a ${columns.nOut}-qubit matrix for ${c.wires} wires`);
  const angle = (a: Angle) => {
    if (typeof a === "number") return a;
    if (typeof values[a] !== "number") throw new Error(`applyCircuit: no value given for symbol ${JSON.stringify(a)}`);
    return values[a];
  };
  for (const op of c.ops) {
    const [q, t] = op.wires;
    const p = (op.params ?? []).map(angle);
    switch (op.gate) {
      case "RX": apply1(columns, q, rx(p[0])); break;
      case "RY": apply1(columns, q, ry(p[0])); break;
      case "RZ": apply1(columns, q, rz(p[0])); break;
      case "Rot": apply1(columns, q, rz(p[0])); apply1(columns, q, ry(p[1])); apply1(columns, q, rz(p[2])); break;
      case "H": apply1(columns, q, hadamard); break;
      case "CNOT": applyCnot(columns, q, t); break;
      case "CZ": applyCz(columns, q, t); break;
    }
  }
  return columns;
}

/** The unitary of an extracted gate list on n wires. */
export function gatesUnitary(n: number, gates: ExtractedGate[], values: SymbolValues = {}): Tensor {
  const u = identity(n);
  for (const x of gates) {
    switch (x.gate) {
      case "H": apply1(u, x.wires[0], hadamard); break;
      case "ZPhase": apply1(u, x.wires[0], zPhase(x.phase.value(values))); break;
      case "CNOT": applyCnot(u, x.wires[0], x.wires[1]); break;
      case "CZ": applyCz(u, x.wires[0], x.wires[1]); break;
      case "SWAP": {
        const [a, b] = x.wires;
        applyCnot(u, a, b); applyCnot(u, b, a); applyCnot(u, a, b);
        break;
      }
    }
  }
  return u;
}

function identity(n: number): Tensor {
  const dim = 1 << n;
  const re = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) re[i * dim + i] = 1;
  return { nOut: n, nIn: n, re, im: new Float64Array(dim * dim) };
}

/** Left-multiplies U (2^nOut × 2^nIn) by the gate m on wire q: rows i, i|bit mix for every column. */
function apply1(u: Tensor, q: number, m: Matrix2): void {
  const dim = 1 << u.nOut;
  const cols = 1 << u.nIn;
  const bit = 1 << (u.nOut - 1 - q);
  const [[ar, ai], [br, bi], [cr, ci], [dr, di]] = m;
  for (let i = 0; i < dim; i++) {
    if (i & bit) continue;
    const r0 = i * cols;
    const r1 = (i | bit) * cols;
    for (let j = 0; j < cols; j++) {
      const xr = u.re[r0 + j], xi = u.im[r0 + j], yr = u.re[r1 + j], yi = u.im[r1 + j];
      u.re[r0 + j] = ar * xr - ai * xi + br * yr - bi * yi;
      u.im[r0 + j] = ar * xi + ai * xr + br * yi + bi * yr;
      u.re[r1 + j] = cr * xr - ci * xi + dr * yr - di * yi;
      u.im[r1 + j] = cr * xi + ci * xr + dr * yi + di * yr;
    }
  }
}

function applyCnot(u: Tensor, control: number, target: number): void {
  const dim = 1 << u.nOut;
  const cols = 1 << u.nIn;
  const c = 1 << (u.nOut - 1 - control);
  const t = 1 << (u.nOut - 1 - target);
  for (let i = 0; i < dim; i++) {
    if (!(i & c) || i & t) continue;
    const r0 = i * cols;
    const r1 = (i | t) * cols;
    for (let j = 0; j < cols; j++) {
      [u.re[r0 + j], u.re[r1 + j]] = [u.re[r1 + j], u.re[r0 + j]];
      [u.im[r0 + j], u.im[r1 + j]] = [u.im[r1 + j], u.im[r0 + j]];
    }
  }
}

function applyCz(u: Tensor, a: number, b: number): void {
  const dim = 1 << u.nOut;
  const cols = 1 << u.nIn;
  const mask = (1 << (u.nOut - 1 - a)) | (1 << (u.nOut - 1 - b));
  for (let i = 0; i < dim; i++) {
    if ((i & mask) !== mask) continue;
    for (let j = 0; j < cols; j++) {
      u.re[i * cols + j] = -u.re[i * cols + j];
      u.im[i * cols + j] = -u.im[i * cols + j];
    }
  }
}
