import { test } from "node:test";
import assert from "node:assert/strict";
import {
  circuitToGraph, circuitUnitary, extractCircuit, extractedToCircuit, fullReduce, gateCounts, parseQc, QC_GATE_NAMES, tCount, verifyCircuits,
} from "../../lib/zx";
import { CNOT, controlled, CZ, equalUpToScalar, H, Mat, matmul, onWire, onWires, PHASE, SWAP, tensorMatrix, X, Y, Z } from "./helpers";

const PI = Math.PI;

function qcFile(body: string, header = ".v a b c d"): string {
  return `${header}\n\nBEGIN\n${body}\nEND\n`;
}

function parsedMatrix(body: string): Mat {
  return tensorMatrix(circuitUnitary(parseQc(qcFile(body)).circuit));
}

/** Each gate on the 4 wires a b c d (wires 0..3), against its matrix written out in helpers.ts. */
const GATE_CASES: [string, Mat][] = [
  ["H b", onWire(4, 1, H)],
  ["X c", onWire(4, 2, X)],
  ["Y d", onWire(4, 3, Y)],
  ["Z a", onWire(4, 0, Z)],
  ["S b", onWire(4, 1, PHASE(PI / 2))],
  ["P b", onWire(4, 1, PHASE(PI / 2))],
  ["S* c", onWire(4, 2, PHASE(-PI / 2))],
  ["P* c", onWire(4, 2, PHASE(-PI / 2))],
  ["T d", onWire(4, 3, PHASE(PI / 4))],
  ["T* a", onWire(4, 0, PHASE(-PI / 4))],
  ["cnot d b", onWires(4, 3, 1, CNOT)],
  ["swap a c", onWires(4, 0, 2, SWAP)],
  ["tof b", onWire(4, 1, X)],
  ["tof c a", onWires(4, 2, 0, CNOT)],
  ["tof a d b", controlled(4, [0, 3], 1, X)],
  ["tof a b c d", controlled(4, [0, 1, 2], 3, X)],
  ["tof d a c b", controlled(4, [3, 0, 2], 1, X)],
  ["X a b", onWires(4, 0, 1, CNOT)],
  ["X b c a", controlled(4, [1, 2], 0, X)],
  ["Z a c", onWires(4, 0, 2, CZ)],
  ["Z b c d", controlled(4, [1, 2], 3, Z)],
  ["Z a b c d", controlled(4, [0, 1, 2], 3, Z)],
  ["Zd c a b", controlled(4, [2, 0], 1, Z)],
];

test("every gate parses to a circuit whose unitary is the gate's matrix (up to a global phase)", () => {
  for (const [body, expected] of GATE_CASES) assert.ok(equalUpToScalar(expected, parsedMatrix(body)), body);
  const tested = new Set(GATE_CASES.map(([body]) => body.split(" ")[0].toLowerCase()));
  assert.deepEqual(QC_GATE_NAMES.filter((g) => !tested.has(g)), []);
});

test("gate names are case-insensitive; commas separate wires; # starts a comment; time order", () => {
  const expected = matmul(controlled(4, [0, 1], 2, X), matmul(onWire(4, 3, PHASE(-PI / 4)), onWire(4, 1, H)));
  assert.ok(equalUpToScalar(expected, parsedMatrix("# first\nh b\nt* d   # then\n\nTOF a,b,c")));
});

test("Toffoli and CCZ are 7-T; three controls become RZ(±π/8) rotations, with a note", () => {
  assert.equal(gateCounts(parseQc(qcFile("tof a b c")).circuit).tCount, 7);
  assert.equal(gateCounts(parseQc(qcFile("Z a b c")).circuit).tCount, 7);
  const { circuit, notes } = parseQc(qcFile("tof a b c d\ntof b c d a"));
  assert.equal(gateCounts(circuit).tCount, 0);
  assert.equal(circuit.ops.filter((op) => op.gate === "RZ").length, 30);
  assert.deepEqual(notes, ['2 "tof" with 3 controls (first on line 4) decomposed without ancillas into RZ(±π/8) rotations: not Clifford+T, not in t_count']);
});

/** A benchmark-shaped file (as tof_3 of the T-count benchmarks): a 3-control Toffoli from 2-control ones and an ancilla. */
const TOF_3 = `# 3-control Toffoli, ancilla t
.v x0 x1 x2 t y
.i x0 x1 x2 y
.o x0 x1 x2 t y

BEGIN
tof x0 x1 t
tof x2 t y
tof x0 x1 t
END
`;

test("a benchmark-shaped .qc file: wires, unitary, notes, T-count 21 → 15 and extraction", () => {
  const { circuit, notes } = parseQc(TOF_3);
  assert.equal(circuit.wires, 5);
  const toffoli = (c1: number, c2: number, t: number) => controlled(5, [c1, c2], t, X);
  const expected = matmul(toffoli(0, 1, 3), matmul(toffoli(2, 3, 4), toffoli(0, 1, 3)));
  assert.ok(equalUpToScalar(expected, tensorMatrix(circuitUnitary(circuit))));
  assert.deepEqual(notes, ['1 of 5 wires are missing from ".i" or ".o" (ancillas, garbage: t); they are read as ordinary wires of the unitary']);
  const g = circuitToGraph(circuit);
  assert.equal(tCount(g), 21);
  fullReduce(g);
  assert.equal(tCount(g), 15);
  assert.deepEqual(verifyCircuits(circuit, extractedToCircuit(extractCircuit(g))), { equal: true, method: "dense-unitary" });
});

test("on the ancilla's |0⟩, the Toffoli chain equals the ancilla-free 3-control tof", () => {
  const chain = tensorMatrix(circuitUnitary(parseQc(TOF_3).circuit));
  const direct = tensorMatrix(circuitUnitary(parseQc(qcFile("tof x0 x1 x2 y", ".v x0 x1 x2 t y")).circuit));
  const ancillaZero = (m: Mat) => m.filter((_, i) => ((i >> 1) & 1) === 0).map((row) => row.filter((_, j) => ((j >> 1) & 1) === 0));
  assert.ok(equalUpToScalar(ancillaZero(direct), ancillaZero(chain)));
});

test("parse errors name the line and the token", () => {
  const cases: [string, string][] = [
    [qcFile("foo a"), 'line 4: unsupported gate "foo"'],
    [qcFile("H a\nH q"), 'line 5: unknown wire "q" (not in ".v")'],
    [qcFile("H a b"), 'line 4: "H" takes 1 wire, got 2'],
    [qcFile("cnot a"), 'line 4: "cnot" takes 2 wires, got 1'],
    [qcFile("tof a b c d e", ".v a b c d e"), 'line 4: "tof" takes 1 to 4 wires (at most 3 controls), got 5'],
    [qcFile("tof a b a"), 'line 4: "tof" uses a wire twice'],
    [qcFile("H a") + "H b\n", 'line 6: unexpected "H" after "END"'],
    [".v a\n.q b\nBEGIN\nEND\n", 'line 2: unexpected ".q" before "BEGIN" (expected .v, .i, .o or .c)'],
    [".v a b a\nBEGIN\nEND\n", 'line 1: wire "a" is declared twice'],
    [".v a\n.i a z\nBEGIN\nEND\n", 'line 2: unknown wire "z" (not in ".v")'],
    [".i\nBEGIN\nEND\n", 'line 2: no wires declared before "BEGIN" (a ".v" line)'],
    [".v a\nBEGIN x\nEND\n", 'line 2: unexpected "x" after "BEGIN"'],
    [".v a\nH a\n", 'line 3: no "BEGIN" line'],
    [".v a\nBEGIN\nH a\n", 'line 4: no "END" line after "BEGIN" (line 2)'],
  ];
  for (const [text, message] of cases) assert.throws(() => parseQc(text), { name: "CircuitParseError", message }, text);
});

test(".c lines are accepted and the wires keep their .v order", () => {
  const { circuit, notes } = parseQc(".v c0 a0 b0\n.i a0 b0\n.o c0\n.c 0\nBEGIN\ncnot a0 c0\nEND\n");
  assert.deepEqual(circuit, { wires: 3, ops: [{ gate: "CNOT", wires: [1, 0] }] });
  assert.equal(notes.length, 1);
});
