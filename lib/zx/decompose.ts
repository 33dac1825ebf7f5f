import { ZXCircuitOp } from "./circuit";

/**
 * Gates of circuit files that the ZXCircuit gate set (circuit.ts) lacks, as sequences of its gates, each equal
 * to the named gate up to a global phase. Used by the file parsers (qasm.ts, qc.ts).
 */

const rz = (wire: number, angle: number): ZXCircuitOp => ({ gate: "RZ", wires: [wire], params: [angle] });
const cnot = (control: number, target: number): ZXCircuitOp => ({ gate: "CNOT", wires: [control, target] });

/** SWAP as three CNOTs. */
export function swap(a: number, b: number): ZXCircuitOp[] {
  return [cnot(a, b), cnot(b, a), cnot(a, b)];
}

/**
 * Z controlled by all other wires: the diagonal gate |x⟩ ↦ (−1)^{x_1···x_m}|x⟩ on m = wires.length wires
 * (symmetric in its wires): Z = RZ(π) for m = 1, CZ for m = 2. For m ≥ 3, without ancillas, as a phase
 * polynomial (the form Amy, Maslov and Mosca's T-par works with): the product x_1···x_m equals 2^{1−m}·Σ_S (−1)^{|S|+1}·(⊕_{i∈S} x_i) over the nonempty subsets S
 * of the wires, so the gate is one RZ(±π/2^{m−1}) per parity (RZ(θ) gives e^{iθy} on a wire holding y, up to a
 * global phase), 2^m − 1 rotations and 2^m − 2 CNOTs (parityRotations). For m = 3 that is the usual CCZ with
 * 7 T gates and 6 CNOTs; for m = 4 fifteen RZ(±π/8), which are not Clifford+T (PyZX uses a clean ancilla there).
 */
export function multiControlledZ(wires: number[]): ZXCircuitOp[] {
  const m = wires.length;
  if (m === 1) return [rz(wires[0], Math.PI)];
  if (m === 2) return [{ gate: "CZ", wires: [wires[0], wires[1]] }];
  const ops: ZXCircuitOp[] = [];
  for (let k = m - 1; k >= 0; k--) ops.push(...parityRotations(wires[k], wires.slice(0, k), m));
  return ops;
}

/** X on `target` controlled by all of `controls`: H, multi-controlled Z, H; no controls is X = RX(π). */
export function multiControlledX(controls: number[], target: number): ZXCircuitOp[] {
  if (controls.length === 0) return [{ gate: "RX", wires: [target], params: [Math.PI] }];
  if (controls.length === 1) return [cnot(controls[0], target)];
  const h: ZXCircuitOp = { gate: "H", wires: [target] };
  return [h, ...multiControlledZ([...controls, target]), h];
}

/**
 * The rotations for every parity x_acc ⊕ (⊕_{i∈T} x_i), T ⊆ others, accumulated on wire `acc`: T runs through
 * the subsets of `others` in Gray-code order (one bit flips per step, one CNOT into acc), and back to ∅ at the
 * end, so acc holds x_acc again. The parity of |T| + 1 wires gets the angle (−1)^{|T|}·π/2^{m−1}.
 */
function parityRotations(acc: number, others: number[], m: number): ZXCircuitOp[] {
  const base = Math.PI / 2 ** (m - 1);
  const ops: ZXCircuitOp[] = [];
  const count = 2 ** others.length;
  for (let i = 0; i < count; i++) {
    const code = i ^ (i >> 1);
    if (i > 0) ops.push(cnot(others[flippedBit(code, (i - 1) ^ ((i - 1) >> 1))], acc));
    ops.push(rz(acc, bitCount(code) % 2 === 0 ? base : -base));
  }
  if (others.length > 0) ops.push(cnot(others[others.length - 1], acc));
  return ops;
}

function flippedBit(a: number, b: number): number {
  return Math.log2(a ^ b);
}

function bitCount(x: number): number {
  let n = 0;
  for (let y = x; y > 0; y >>= 1) n += y & 1;
  return n;
}
