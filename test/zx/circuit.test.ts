import { test } from "node:test";
import assert from "node:assert/strict";
import { circuitToGraph, circuitUnitary, diagramTensor, randomCircuit, symbolizeCircuit, ZXCircuit, ZXCircuitOp } from "../../lib/zx";
import { CNOT, CZ, equalUpToScalar, H, kron, Mat, matmul, onWire, onWires, RX, RY, RZ, circuitMatrix, tensorMatrix, I2 } from "./helpers";

const ANGLES = [0, Math.PI / 4, Math.PI / 2, Math.PI, -3 * Math.PI / 4, 0.3, 2.1];

function diagramOf(c: ZXCircuit, values: Record<string, number> = {}): Mat {
  return tensorMatrix(diagramTensor(circuitToGraph(c), values));
}

test("single-qubit gates: the diagram equals the gate matrix up to a global phase", () => {
  const cases: [ZXCircuitOp["gate"], (t: number) => Mat][] = [["RX", RX], ["RY", RY], ["RZ", RZ]];
  for (const [gate, matrix] of cases) {
    for (const t of ANGLES) {
      assert.ok(equalUpToScalar(matrix(t), diagramOf({ wires: 1, ops: [{ gate, wires: [0], params: [t] }] })), `${gate}(${t})`);
      assert.ok(equalUpToScalar(matrix(t), diagramOf({ wires: 1, ops: [{ gate, wires: [0], params: ["a"] }] }, { a: t })), `${gate}(a=${t})`);
    }
  }
  assert.ok(equalUpToScalar(H, diagramOf({ wires: 1, ops: [{ gate: "H", wires: [0] }] })));
});

test("Rot(φ, θ, ω) = RZ(ω)·RY(θ)·RZ(φ)", () => {
  for (const [phi, theta, omega] of [[0.1, 0.7, -1.3], [Math.PI / 4, Math.PI / 2, Math.PI], [2.5, 0.2, 0.9]]) {
    const expected = matmul(RZ(omega), matmul(RY(theta), RZ(phi)));
    assert.ok(equalUpToScalar(expected, diagramOf({ wires: 1, ops: [{ gate: "Rot", wires: [0], params: [phi, theta, omega] }] })));
    // and it is not the reversed order
    const reversed = matmul(RZ(phi), matmul(RY(theta), RZ(omega)));
    assert.ok(!equalUpToScalar(reversed, diagramOf({ wires: 1, ops: [{ gate: "Rot", wires: [0], params: [phi, theta, omega] }] })));
  }
});

test("two-qubit gates, wire 0 most significant", () => {
  assert.ok(equalUpToScalar(CNOT, diagramOf({ wires: 2, ops: [{ gate: "CNOT", wires: [0, 1] }] })));
  const cnot10: Mat = [[1, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0], [0, 1, 0, 0]].map((row) => row.map((x): [number, number] => [x, 0]));
  assert.ok(equalUpToScalar(cnot10, diagramOf({ wires: 2, ops: [{ gate: "CNOT", wires: [1, 0] }] })));
  assert.ok(equalUpToScalar(CZ, diagramOf({ wires: 2, ops: [{ gate: "CZ", wires: [0, 1] }] })));
  assert.ok(equalUpToScalar(kron(RX(0.4), I2), diagramOf({ wires: 2, ops: [{ gate: "RX", wires: [0], params: [0.4] }] })));
  assert.ok(equalUpToScalar(onWires(3, 2, 0, CNOT), diagramOf({ wires: 3, ops: [{ gate: "CNOT", wires: [2, 0] }] })));
  assert.ok(equalUpToScalar(onWire(3, 1, H), diagramOf({ wires: 3, ops: [{ gate: "H", wires: [1] }] })));
});

test("random circuits: diagram, lib simulator and reference matrices agree", () => {
  for (let seed = 1; seed <= 12; seed++) {
    const c = randomCircuit(3, 25, seed, seed % 2 ? "quarter" : "generic");
    const reference = circuitMatrix(c);
    assert.ok(equalUpToScalar(reference, diagramOf(c)), `diagram, seed ${seed}`);
    assert.ok(equalUpToScalar(reference, tensorMatrix(circuitUnitary(c)), 1e-10), `simulator, seed ${seed}`);
    const { circuit, values } = symbolizeCircuit(c);
    assert.ok(equalUpToScalar(reference, diagramOf(circuit, values)), `symbolic diagram, seed ${seed}`);
  }
});

test("layout: inputs at row 0 on their qubit, outputs on the last row, two-qubit gates aligned", () => {
  const g = circuitToGraph({ wires: 2, ops: [{ gate: "RZ", wires: [0], params: [0.1] }, { gate: "RZ", wires: [0], params: [0.2] }, { gate: "CNOT", wires: [0, 1] }] });
  assert.deepEqual(g.inputs.map((v) => [g.vertex(v).qubit, g.vertex(v).row]), [[0, 0], [1, 0]]);
  assert.deepEqual(g.outputs.map((v) => [g.vertex(v).qubit, g.vertex(v).row]), [[0, 4], [1, 4]]);
  const cnot = g.vertices().filter((v) => g.isSpider(v) && g.phase(v).isZero());
  assert.deepEqual(cnot.map((v) => g.vertex(v).row), [3, 3]);
  assert.deepEqual(cnot.map((v) => g.type(v)), ["Z", "X"]);
});

test("symbolizeCircuit names parameters p0.. in op order (Rot counts three)", () => {
  const { circuit, values } = symbolizeCircuit({ wires: 1, ops: [{ gate: "RX", wires: [0], params: [0.5] }, { gate: "Rot", wires: [0], params: [1, 2, 3] }] });
  assert.deepEqual(circuit.ops.map((op) => op.params), [["p0"], ["p1", "p2", "p3"]]);
  assert.deepEqual(values, { p0: 0.5, p1: 1, p2: 2, p3: 3 });
});

test("malformed circuits are rejected", () => {
  assert.throws(() => circuitToGraph({ wires: 2, ops: [{ gate: "CNOT", wires: [0, 0] }] }), /bad wires/);
  assert.throws(() => circuitToGraph({ wires: 1, ops: [{ gate: "RX", wires: [0] }] }), /bad params/);
  assert.throws(() => circuitToGraph({ wires: 1, ops: [{ gate: "XX" as "RX", wires: [0] }] }), /unknown gate/);
});
