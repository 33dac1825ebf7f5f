import { test } from "node:test";
import assert from "node:assert/strict";
import {
  circuitToGraph, circuitUnitary, gateCounts, parseQasm, QASM_GATE_NAMES, randomCircuit, tCount, toQasm, verifyCircuits, ZXCircuit,
} from "../../lib/zx";
import {
  CNOT, controlled, CZ, equalUpToScalar, H, Mat, matmul, onWire, onWires, PHASE, RX, RY, RZ, SWAP, tensorMatrix, U3, X, Y, Z,
} from "./helpers";

const HEADER = 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[3];\n';
const PI = Math.PI;

function parsedMatrix(body: string): Mat {
  return tensorMatrix(circuitUnitary(parseQasm(HEADER + body).circuit));
}

/** Each qelib1 gate the parser reads, on 3 wires, against its matrix written out in helpers.ts. */
const GATE_CASES: [string, Mat][] = [
  ["id q[1];", onWire(3, 1, [[[1, 0], [0, 0]], [[0, 0], [1, 0]]])],
  ["h q[1];", onWire(3, 1, H)],
  ["x q[0];", onWire(3, 0, X)],
  ["y q[2];", onWire(3, 2, Y)],
  ["z q[1];", onWire(3, 1, Z)],
  ["s q[0];", onWire(3, 0, PHASE(PI / 2))],
  ["sdg q[0];", onWire(3, 0, PHASE(-PI / 2))],
  ["t q[2];", onWire(3, 2, PHASE(PI / 4))],
  ["tdg q[2];", onWire(3, 2, PHASE(-PI / 4))],
  ["rx(pi/4) q[1];", onWire(3, 1, RX(PI / 4))],
  ["ry(-3*pi/8) q[0];", onWire(3, 0, RY((-3 * PI) / 8))],
  ["rz(0.25) q[2];", onWire(3, 2, RZ(0.25))],
  ["u1(pi/8) q[1];", onWire(3, 1, PHASE(PI / 8))],
  ["p(-0.7) q[0];", onWire(3, 0, PHASE(-0.7))],
  ["u2(0.3, -pi/4) q[1];", onWire(3, 1, U3(PI / 2, 0.3, -PI / 4))],
  ["u3(pi/3, 0.5, -1.2) q[2];", onWire(3, 2, U3(PI / 3, 0.5, -1.2))],
  ["U(2.1, -0.4, pi) q[0];", onWire(3, 0, U3(2.1, -0.4, PI))],
  ["cx q[2], q[0];", onWires(3, 2, 0, CNOT)],
  ["CX q[0], q[1];", onWires(3, 0, 1, CNOT)],
  ["cz q[0], q[2];", onWires(3, 0, 2, CZ)],
  ["swap q[0], q[2];", onWires(3, 0, 2, SWAP)],
  ["ccx q[0], q[1], q[2];", controlled(3, [0, 1], 2, X)],
  ["ccx q[2], q[0], q[1];", controlled(3, [2, 0], 1, X)],
];

test("every gate parses to a circuit whose unitary is the gate's matrix (up to a global phase)", () => {
  for (const [body, expected] of GATE_CASES) assert.ok(equalUpToScalar(expected, parsedMatrix(body)), body);
  const tested = new Set(GATE_CASES.map(([body]) => body.split(/[ (]/)[0]));
  assert.deepEqual(QASM_GATE_NAMES.filter((g) => !tested.has(g)), []);
});

test("a sequence of gates composes in time order; a wrong order is told apart", () => {
  const expected = matmul(onWires(3, 1, 2, CZ), matmul(onWire(3, 0, PHASE(PI / 4)), onWire(3, 1, H)));
  assert.ok(equalUpToScalar(expected, parsedMatrix("h q[1];\nt q[0];\ncz q[1], q[2];")));
  assert.ok(!equalUpToScalar(expected, parsedMatrix("cz q[1], q[2];\nh q[1];\nt q[0];")));
});

test("ccx is the 7-T Clifford+T Toffoli", () => {
  const { circuit } = parseQasm(HEADER + "ccx q[0], q[1], q[2];");
  assert.equal(gateCounts(circuit).tCount, 7);
  assert.equal(tCount(circuitToGraph(circuit)), 7);
  assert.ok(circuit.ops.every((op) => op.gate === "H" || op.gate === "CNOT" || (op.gate === "RZ" && Math.abs(op.params![0] as number) === PI / 4)));
});

test("angles: expressions of pi, numbers, functions", () => {
  const angle = (text: string) => parseQasm(`${HEADER}rz(${text}) q[0];`).circuit.ops[0].params![0];
  assert.equal(angle("pi/4"), PI / 4);
  assert.equal(angle("-3*pi/8"), (-3 * PI) / 8);
  assert.equal(angle("0.25"), 0.25);
  assert.equal(angle("1e-3"), 0.001);
  assert.equal(angle("2*(pi - 1)/3"), (2 * (PI - 1)) / 3);
  assert.equal(angle("-pi^2"), -(PI ** 2));
  assert.equal(angle("+.5 - -1"), 1.5);
  assert.equal(angle("cos(pi)"), -1);
});

test("registers are laid end to end; a register argument applies the gate to each qubit", () => {
  const { circuit } = parseQasm("OPENQASM 2.0;\nqreg a[2];\nqreg b[1];\ncx a[1], b[0];\nh a;\ncx a, b[0];\n");
  assert.equal(circuit.wires, 3);
  assert.deepEqual(circuit.ops, [
    { gate: "CNOT", wires: [1, 2] },
    { gate: "H", wires: [0] }, { gate: "H", wires: [1] },
    { gate: "CNOT", wires: [0, 2] }, { gate: "CNOT", wires: [1, 2] },
  ]);
});

test("creg, measure and barrier are ignored with a note; comments are skipped", () => {
  const text = `${HEADER}creg c[3]; // classical bits\n/* a\nblock */ barrier q;\nh q[0];\nmeasure q[0] -> c[0];\nmeasure q -> c;\n`;
  const { circuit, notes } = parseQasm(text);
  assert.deepEqual(circuit.ops, [{ gate: "H", wires: [0] }]);
  assert.deepEqual(notes, [
    'ignored 1 "creg" statement (first on line 4): only the unitary part is read',
    'ignored 1 "barrier" statement (first on line 6): only the unitary part is read',
    'ignored 2 "measure" statements (first on line 8): only the unitary part is read',
  ]);
});

test("parse errors name the line and the token", () => {
  const cases: [string, string][] = [
    ["foo q[0];", 'line 4: unsupported gate "foo"'],
    ["cu1(pi) q[0], q[1];", 'line 4: unsupported gate "cu1"'],
    ["h q[0];\ncx q[0];", 'line 5: gate "cx" takes 2 qubits, got 1'],
    ["rz q[0];", 'line 4: gate "rz" takes 1 parameter, got 0'],
    ["rz(pi/) q[0];", 'line 4: expected a number, pi or a parenthesis in an angle, got ")"'],
    ["rz(theta) q[0];", 'line 4: expected a number, pi or a parenthesis in an angle, got "theta"'],
    ["h q[5];", 'line 4: q[5] is out of range ("q" has 3 qubits)'],
    ["h r[0];", 'line 4: unknown quantum register "r"'],
    ["cx q[0],\n q[0];", 'line 4: gate "cx" uses the same qubit twice'],
    ["h q[0]", "line 4: expected \";\" after the gate's qubits, got the end of the file"],
    ["h q[0] h q[1];", `line 4: expected ";" after the gate's qubits, got "h"`],
    ["reset q[0];", 'line 4: "reset" is not supported: only unitary circuits are read'],
    ["gate g a { h a; }", 'line 4: "gate" is not supported: custom gate definitions are not read; inline them'],
    ["h q[0]; @", 'line 4: unexpected character "@"'],
    ["qreg q[2];", 'line 4: register "q" is declared twice'],
    ["OPENQASM 2.0;", 'line 4: "OPENQASM" must be the first statement'],
    ["3 q[0];", 'line 4: expected a statement, got "3"'],
  ];
  for (const [body, message] of cases) assert.throws(() => parseQasm(HEADER + body), { name: "CircuitParseError", message }, body);
  assert.throws(() => parseQasm("OPENQASM 3.0;\nqreg q[1];"), { message: 'line 1: only OpenQASM 2.0 is read, got version "3.0"' });
  assert.throws(() => parseQasm('OPENQASM 2.0;\ninclude "stdgates.inc";'), { message: 'line 2: only "qelib1.inc" can be included, got "stdgates.inc"' });
  assert.throws(() => parseQasm("OPENQASM 2.0;\n// nothing\n"), { message: "line 3: no qreg declared" });
});

test("toQasm writes a circuit that parses back to the same unitary, with named quarter turns", () => {
  for (let seed = 1; seed <= 6; seed++) {
    for (const angles of ["quarter", "generic"] as const) {
      const c = randomCircuit(3, 25, seed, angles);
      const back = parseQasm(toQasm(c)).circuit;
      assert.deepEqual(verifyCircuits(c, back), { equal: true, method: "dense-unitary" }, `${angles} ${seed}`);
    }
  }
  const c: ZXCircuit = { wires: 2, ops: [PI / 4, -PI / 4, PI / 2, -PI / 2, PI, 3 * PI / 4, 0.1].map((a) => ({ gate: "RZ", wires: [1], params: [a] })) };
  assert.deepEqual(toQasm(c).split("\n").slice(3, -1), ["t q[1];", "tdg q[1];", "s q[1];", "sdg q[1];", "z q[1];", "rz(3*pi/4) q[1];", "rz(0.1) q[1];"]);
  assert.throws(() => toQasm({ wires: 1, ops: [{ gate: "RX", wires: [0], params: ["a"] }] }), /symbolic parameter "a"/);
});
