import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  angleToPhase, circuitToGraph, circuitUnitary, fullReduce, gateCounts, parseQuipper, PYZX_PUBLISHED, QUIPPER_GATE_NAMES, spiderSimp, tCount,
  verifyDiagram, type ZXCircuit, type ZXGraph,
} from "../../lib/zx";
import { CNOT, controlled, CZ, equalUpToScalar, H, Mat, matmul, onWire, onWires, PHASE, tensorMatrix, X, Z } from "./helpers";

const PI = Math.PI;
const INPUTS = "Inputs: 0:Qbit, 1:Qbit, 2:Qbit, 3:Qbit";
const OUTPUTS = "Outputs: 0:Qbit, 1:Qbit, 2:Qbit, 3:Qbit";

function quipperFile(body: string): string {
  return `${INPUTS}\n${body}\n${OUTPUTS}\n`;
}

function parsedMatrix(body: string): Mat {
  return tensorMatrix(circuitUnitary(parseQuipper(quipperFile(body)).circuit));
}

/** e^{−iθZ} = diag(e^{−iθ}, e^{iθ}), the meaning of Quipper's QRot["exp(-i%Z)",θ], written out. */
const expMinusIZ = (theta: number): Mat => [[[Math.cos(theta), -Math.sin(theta)], [0, 0]], [[0, 0], [Math.cos(theta), Math.sin(theta)]]];

/** A gate controlled by wire `c` being 0: X on c, the gate controlled by c being 1, X on c. */
const onZero = (c: number, m: Mat): Mat => matmul(onWire(4, c, X), matmul(m, onWire(4, c, X)));

/** Each gate on the 4 wires 0..3, against its matrix written out in helpers.ts. */
const GATE_CASES: [string, Mat][] = [
  ['QGate["H"](1) with nocontrol', onWire(4, 1, H)],
  ['QGate["not"](2)', onWire(4, 2, X)],
  ['QGate["not"](3) with controls=[+0] with nocontrol', onWires(4, 0, 3, CNOT)],
  ['QGate["not"](0) with controls=[+1,+3] with nocontrol', controlled(4, [1, 3], 0, X)],
  ['QGate["not"](3) with controls=[+0,+1,+2]', controlled(4, [0, 1, 2], 3, X)],
  ['QGate["not"](1) with controls=[-2]', onZero(2, onWires(4, 2, 1, CNOT))],
  ['QGate["not"](1) with controls=[+0,-3]', onZero(3, controlled(4, [0, 3], 1, X))],
  ['QGate["X"](0) with controls=[+2]', onWires(4, 2, 0, CNOT)],
  ['QGate["Z"](3)', onWire(4, 3, Z)],
  ['QGate["Z"](2) with controls=[+0]', onWires(4, 0, 2, CZ)],
  ['QGate["Z"](1) with controls=[-0,+2] with nocontrol', onZero(0, controlled(4, [0, 2], 1, Z))],
  ['QGate["S"](1)', onWire(4, 1, PHASE(PI / 2))],
  ['QGate["S"]*(1)', onWire(4, 1, PHASE(-PI / 2))],
  ['QGate["T"](2) with nocontrol', onWire(4, 2, PHASE(PI / 4))],
  ['QGate["T"]*(0)', onWire(4, 0, PHASE(-PI / 4))],
  ['QRot["exp(-i%Z)",0.3](2)', onWire(4, 2, expMinusIZ(0.3))],
  ['QRot["exp(-i%Z)",-1.5e-1](0)', onWire(4, 0, expMinusIZ(-0.15))],
  ['QRot["exp(-i%Z)",0.3]*(2)', onWire(4, 2, expMinusIZ(-0.3))],
  ['QRot["exp(i%Z)",0.3](3)', onWire(4, 3, expMinusIZ(-0.3))],
];

test("every gate parses to a circuit whose unitary is the gate's matrix (up to a global phase)", () => {
  for (const [body, expected] of GATE_CASES) assert.ok(equalUpToScalar(expected, parsedMatrix(body)), body);
  const tested = new Set(GATE_CASES.map(([body]) => /^Q\w+\["([^"]*)"/.exec(body)?.[1]));
  assert.deepEqual(QUIPPER_GATE_NAMES.filter((g) => !tested.has(g)), []);
});

test("QRot[\"exp(-i%Z)\",θ] is RZ(2θ), not RZ(θ); a wrong factor would be caught", () => {
  const rz = (t: number): Mat => [[[Math.cos(t / 2), -Math.sin(t / 2)], [0, 0]], [[0, 0], [Math.cos(t / 2), Math.sin(t / 2)]]];
  assert.deepEqual(parseQuipper(quipperFile('QRot["exp(-i%Z)",0.3](2)')).circuit.ops, [{ gate: "RZ", wires: [2], params: [0.6] }]);
  assert.ok(!equalUpToScalar(onWire(4, 2, rz(0.3)), parsedMatrix('QRot["exp(-i%Z)",0.3](2)')));
});

test("time order, Comment lines, blank lines; wire ids in Inputs order need not be 0..n−1", () => {
  const body = 'Comment["ENTER: f"](0:"qs[0]", 1:"qs[1]")\nQGate["H"](1)\n\nQGate["T"]*(3)\nQGate["not"](2) with controls=[+0,+1]';
  const expected = matmul(controlled(4, [0, 1], 2, X), matmul(onWire(4, 3, PHASE(-PI / 4)), onWire(4, 1, H)));
  assert.ok(equalUpToScalar(expected, parsedMatrix(body)));
  const { circuit } = parseQuipper('Inputs: 7:Qbit, 3:Qbit,\nQGate["not"](3) with controls=[+7]\nOutputs: 7:Qbit, 3:Qbit,\n');
  assert.deepEqual(circuit, { wires: 2, ops: [{ gate: "CNOT", wires: [0, 1] }] });
});

test("a 3-control X becomes RZ(±π/8) rotations, with a note", () => {
  const { circuit, notes } = parseQuipper(quipperFile('QGate["not"](3) with controls=[+0,+1,+2]'));
  assert.equal(gateCounts(circuit).tCount, 0);
  assert.deepEqual(notes, ["1 gates with 3 controls decomposed without ancillas into RZ(±π/8) rotations: not Clifford+T, not in t_count"]);
});

test("angles one bit off a multiple of π/2^m are read as that multiple, so a rotation and its inverse cancel exactly", () => {
  const { circuit, notes } = parseQuipper(quipperFile('QRot["exp(-i%Z)",1.9634954084936207e-1](0)\nQRot["exp(-i%Z)",-1.963495408493621e-1](0)'));
  assert.deepEqual(circuit.ops.map((op) => op.params?.[0]), [PI / 8, -PI / 8]);
  assert.deepEqual(notes, ["1 QRot angles within 1e-12 of a multiple of π/2^m were read as exactly that multiple"]);
  const g = circuitToGraph(circuit);
  spiderSimp(g);
  assert.ok(g.vertices().every((v) => !g.isSpider(v) || g.phase(v).isZero()));
});

test("parse errors name the line and the token", () => {
  const cases: [string, string][] = [
    [quipperFile('QGate["foo"](0)'), 'line 2: unsupported gate "foo"'],
    [quipperFile('QGate["H"](0)\nQInit0(4)'), 'line 3: unsupported "QInit0"'],
    [quipperFile('QRot["exp(-i%X)",0.1](0)'), 'line 2: unsupported rotation "exp(-i%X)"'],
    [quipperFile('QRot["exp(-i%Z)",0.1](0) with controls=[+1]'), 'line 2: controlled "QRot" is not supported'],
    [quipperFile('QGate["H"](9)'), 'line 2: unknown wire "9" (not in "Inputs:")'],
    [quipperFile('QGate["H"](0) with controls=[+1]'), 'line 2: "H" takes at most 0 controls, got 1'],
    [quipperFile('QGate["not"](0) with controls=[+1,+2,+3,-0]'), "line 2: a gate uses a wire twice"],
    [quipperFile('QGate["not"](0) with controls=[1]'), 'line 2: expected a control "+w" or "-w", found "1"'],
    [quipperFile('QGate["H"](0,1)'), 'line 2: expected one target wire, found ","'],
    [quipperFile('QGate["H"](0) extra'), 'line 2: unexpected "extra"'],
    [quipperFile('QGate["H"](0'), 'line 2: expected ")", found the end of the line'],
    [quipperFile('QGate["H"](0) ; x'), 'line 2: unexpected ";"'],
    [quipperFile("QGate[H](0)"), 'line 2: expected a string, found "H"'],
    ['QGate["H"](0)\n', 'line 1: expected "Inputs:", found "QGate"'],
    ["", 'line 1: expected "Inputs:", found an empty file'],
    [`${INPUTS}\nQGate["H"](0)\n`, 'line 2: no "Outputs:" line'],
    [`${INPUTS}\n${OUTPUTS}\nQGate["H"](0)\n`, 'line 3: unexpected "QGate" after "Outputs:"'],
    [`${INPUTS}\nOutputs: 0:Qbit, 1:Qbit\n`, "line 2: the outputs differ from the inputs (0, 1, 2, 3): ancillas are not supported"],
    ["Inputs: 0:Qbit, 1:Cbit\nOutputs: 0:Qbit\n", 'line 1: unsupported wire type "Cbit" (only Qbit)'],
    ["Inputs: 0:Qbit, 0:Qbit\nOutputs: 0:Qbit\n", "line 1: wire 0 is listed twice"],
    ["Inputs:\nOutputs:\n", "line 1: expected a number, found the end of the line"],
    ["Inputs: 1.5:Qbit\nOutputs: 1.5:Qbit\n", 'line 1: expected a wire number, found "1.5"'],
  ];
  for (const [text, message] of cases) assert.throws(() => parseQuipper(text), { name: "CircuitParseError", message }, text);
});

const BENCHMARKS = join(__dirname, "..", "..", "data", "zx-benchmarks");

/** Rotations whose angle is not a multiple of π/2: what PyZX's T-count counts in a circuit. */
const nonCliffordRotations = (c: ZXCircuit) => c.ops.flatMap((op) => op.params ?? []).filter((a) => !angleToPhase(a).isClifford()).length;
/** Spiders whose phase is not a multiple of π/2: what PyZX's tcount counts in a diagram. */
const nonCliffordSpiders = (g: ZXGraph) => g.vertices().filter((v) => g.isSpider(v) && !g.phase(v).isClifford()).length;

test("QFT8 and QFT16 (PyZX's files): gates, T-counts, and PyZX's published non-Clifford counts before and after reduction", () => {
  for (const [name, wires, gates, t] of [["QFT8", 8, 148, 21], ["QFT16", 16, 586, 45]] as const) {
    const { circuit } = parseQuipper(readFileSync(join(BENCHMARKS, `${name}.quipper`), "utf8"));
    assert.deepEqual([circuit.wires, gateCounts(circuit).gates, gateCounts(circuit).tCount], [wires, gates, t], name);
    const published = PYZX_PUBLISHED[name];
    assert.deepEqual([wires, nonCliffordRotations(circuit)], [published.qubits, published.tBefore], name);
    const g = circuitToGraph(circuit);
    fullReduce(g);
    assert.equal(nonCliffordSpiders(g), published.tPyzx, name);
    if (name === "QFT8") {
      assert.equal(tCount(g), 9);
      assert.deepEqual(verifyDiagram(g, circuit), { equal: true, method: "product-states" });
    }
  }
});
