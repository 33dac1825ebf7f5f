import { test } from "node:test";
import assert from "node:assert/strict";
import { circuitToGraph, extractCircuit, fullReduce, interiorCliffordSimp, tCount, ZXCircuit, ZXCircuitOp } from "../../lib/zx";
import { circuitMatrix, equalUpToScalar, extractedMatrix } from "./helpers";

const T = Math.PI / 4;
const rz = (q: number, t: number): ZXCircuitOp => ({ gate: "RZ", wires: [q], params: [t] });
const cx = (c: number, t: number): ZXCircuitOp => ({ gate: "CNOT", wires: [c, t] });
const h = (q: number): ZXCircuitOp => ({ gate: "H", wires: [q] });

/** CCZ on (a, b, c) with 7 T gates (its phase polynomial over a, b, c, a⊕b, a⊕c, b⊕c, a⊕b⊕c). */
function ccz(a: number, b: number, c: number): ZXCircuitOp[] {
  return [cx(b, c), rz(c, -T), cx(a, c), rz(c, T), cx(b, c), rz(c, -T), cx(a, c), rz(b, T), rz(c, T), cx(a, b), rz(a, T), rz(b, -T), cx(a, b)];
}

/**
 * mod5_4 from the standard T-count benchmark set (Amy, Maslov, Mosca; as shipped in PyZX's circuits/Fast/
 * mod5_4_before, Quipper format), transcribed gate by gate: NOT = RX(π), doubly controlled Z = CCZ.
 */
const MOD5_4: ZXCircuit = {
  wires: 5,
  ops: [
    { gate: "RX", wires: [4], params: [Math.PI] },
    h(4), ...ccz(0, 3, 4), ...ccz(2, 3, 4), h(4),
    cx(3, 4),
    h(4), ...ccz(1, 2, 4), h(4),
    cx(2, 4),
    h(4), ...ccz(0, 1, 4), h(4),
    cx(1, 4), cx(0, 4),
  ],
};

test("CCZ decomposition is CCZ", () => {
  const u = circuitMatrix({ wires: 3, ops: ccz(0, 1, 2) });
  const expected = u.map((row, i) => row.map((_, j): [number, number] => [i === j ? (i === 7 ? -1 : 1) : 0, 0]));
  assert.ok(equalUpToScalar(expected, u));
});

test("mod5_4: T-count 28 → 22 (interior Clifford) → 8 (full reduce), as PyZX's AllFeatures demo notebook records", () => {
  const g = circuitToGraph(MOD5_4);
  assert.equal(tCount(g), 28);
  const interior = g.copy();
  interiorCliffordSimp(interior);
  assert.equal(tCount(interior), 22);
  fullReduce(g);
  assert.equal(tCount(g), 8);
  assert.ok(equalUpToScalar(circuitMatrix(MOD5_4), extractedMatrix(5, extractCircuit(g).gates)));
});
