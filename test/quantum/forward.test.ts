import assert from "node:assert/strict";
import { test } from "node:test";
import {
  CircuitSpec, compileSpec, finalState, forward, hqnnBranchCircuit, mulberry32, specParams, toSpec, uniform, validateSpec,
} from "../../lib/quantum";
import { denseExpvals, denseState, randomSpec } from "./reference";

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what = ""): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < actual.length; i++) {
    assert.ok(Math.abs(actual[i] - expected[i]) <= tol, `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

test("random circuits on 1..8 wires match the dense-matrix simulator", () => {
  const rand = mulberry32(11);
  for (let t = 0; t < 24; t++) {
    const nWires = 1 + (t % 8);
    const spec = randomSpec(rand, nWires, 30);
    const { circuit, inputs, weights } = compileSpec(spec);
    assertClose(forward(circuit, inputs, weights, 1), denseExpvals(spec), 1e-12, `circuit ${t}`);
    const dense = denseState(spec), ours = finalState(circuit, inputs, weights);
    assertClose(ours.re, dense.re, 1e-12, `state re ${t}`);
    assertClose(ours.im, dense.im, 1e-12, `state im ${t}`);
  }
});

test("RX(x)|0> gives <X> = 0, <Y> = -sin x, <Z> = cos x", () => {
  const spec = (x: number): CircuitSpec => ({
    wires: 1, ops: [{ gate: "RX", wires: [0], params: [x] }],
    observables: [{ pauli: "X", wire: 0 }, { pauli: "Y", wire: 0 }, { pauli: "Z", wire: 0 }],
  });
  for (const x of [-2.5, -0.3, 0, 0.7, 1.9, 3.1]) {
    const { circuit, inputs, weights } = compileSpec(spec(x));
    assertClose(forward(circuit, inputs, weights, 1), [0, -Math.sin(x), Math.cos(x)], 1e-15, `x=${x}`);
  }
});

test("analytic single-qubit values: RY, H, Rot", () => {
  const run = (ops: CircuitSpec["ops"]) => {
    const obs = (["X", "Y", "Z"] as const).map((pauli) => ({ pauli, wire: 0 }));
    const { circuit, inputs, weights } = compileSpec({ wires: 1, ops, observables: obs });
    return forward(circuit, inputs, weights, 1);
  };
  const x = 0.83;
  assertClose(run([{ gate: "RY", wires: [0], params: [x] }]), [Math.sin(x), 0, Math.cos(x)], 1e-15, "RY");
  assertClose(run([{ gate: "H", wires: [0] }]), [1, 0, 0], 1e-15, "H");
  // Rot(phi, theta, omega)|0>: Bloch vector (sin theta cos omega, sin theta sin omega, cos theta); phi only a phase.
  const [phi, theta, omega] = [0.4, 1.1, -0.7];
  assertClose(run([{ gate: "Rot", wires: [0], params: [phi, theta, omega] }]),
    [Math.sin(theta) * Math.cos(omega), Math.sin(theta) * Math.sin(omega), Math.cos(theta)], 1e-15, "Rot");
});

test("wire 0 is the most significant qubit; CNOT and CZ act as in PennyLane", () => {
  // RX(pi) on wire 0 of 3 wires gives |100>; CNOT(0, 2) then gives |101> = index 5.
  const { circuit, inputs, weights } = compileSpec({
    wires: 3, ops: [{ gate: "RX", wires: [0], params: [Math.PI] }, { gate: "CNOT", wires: [0, 2] }], observables: [],
  });
  const state = finalState(circuit, inputs, weights);
  const probs = Array.from(state.re, (r, i) => r * r + state.im[i] ** 2);
  assertClose(probs, [0, 0, 0, 0, 0, 1, 0, 0], 1e-15, "|101>");
  const cz = compileSpec({
    wires: 2, ops: [{ gate: "H", wires: [0] }, { gate: "H", wires: [1] }, { gate: "CZ", wires: [0, 1] }], observables: [],
  });
  const s = finalState(cz.circuit, cz.inputs, cz.weights);
  assertClose(s.re, [0.5, 0.5, 0.5, -0.5], 1e-15, "CZ|++>");
});

test("statevector norm is preserved", () => {
  const rand = mulberry32(5);
  for (let t = 0; t < 10; t++) {
    const { circuit, inputs, weights } = compileSpec(randomSpec(rand, 2 + (t % 7), 60));
    const s = finalState(circuit, inputs, weights);
    const norm = s.re.reduce((a, r, i) => a + r * r + s.im[i] * s.im[i], 0);
    assert.ok(Math.abs(norm - 1) < 1e-13, `norm ${norm}`);
  }
});

test("a batch equals its samples run one at a time (inputs inside and outside the product prefix)", () => {
  const rand = mulberry32(9);
  const spec = randomSpec(rand, 4, 25);
  const nParams = specParams(spec).length;
  const inputParams = [0, Math.floor(nParams / 2), nParams - 1];
  const { circuit, weights } = compileSpec(spec, inputParams);
  const batch = 7;
  const inputs = uniform(rand, batch * 3, -Math.PI, Math.PI);
  const all = forward(circuit, inputs, weights, batch);
  for (let b = 0; b < batch; b++) {
    const one = forward(circuit, inputs.subarray(3 * b, 3 * b + 3), weights, 1);
    assertClose(all.subarray(4 * b, 4 * b + 4), one, 0, `sample ${b}`);
    const concrete = toSpec(circuit, inputs.subarray(3 * b, 3 * b + 3), weights);
    assertClose(one, denseExpvals(concrete), 1e-12, `toSpec sample ${b}`);
  }
});

test("compileSpec splits parameters into inputs (listed order) and weights (op order); toSpec inverts it", () => {
  const spec = validateSpec({
    wires: 2,
    ops: [
      { gate: "RX", wires: [0], params: [0.1] }, { gate: "Rot", wires: [1], params: [0.2, 0.3, 0.4] },
      { gate: "CNOT", wires: [0, 1] }, { gate: "RZ", wires: [1], params: [0.5] },
    ],
    observables: [{ pauli: "Z", wire: 1 }],
  });
  const { circuit, inputs, weights } = compileSpec(spec, [4, 0]);
  assert.deepEqual(Array.from(inputs), [0.5, 0.1]);
  assert.deepEqual(Array.from(weights), [0.2, 0.3, 0.4]);
  assert.deepEqual(circuit.ops[0].params, [{ src: "input", index: 1 }]);
  assert.deepEqual(circuit.ops[3].params, [{ src: "input", index: 0 }]);
  assert.equal(circuit.nInputs, 2);
  assert.equal(circuit.nWeights, 3);
  assert.deepEqual(toSpec(circuit, inputs, weights), spec);
});

test("HQNN branch circuit: 5 inputs, 45 weights, <Y> on every wire, matches the dense simulator", () => {
  const circuit = hqnnBranchCircuit({ nQubits: 5, nLayers: 3 });
  assert.equal(circuit.nInputs, 5);
  assert.equal(circuit.nWeights, 45);
  assert.deepEqual(circuit.observables.map((o) => o.pauli + o.wire), ["Y0", "Y1", "Y2", "Y3", "Y4"]);
  const rand = mulberry32(3);
  const batch = 4;
  const inputs = uniform(rand, batch * 5, -2, 2), weights = uniform(rand, 45, 0, 2 * Math.PI);
  const out = forward(circuit, inputs, weights, batch);
  for (let b = 0; b < batch; b++) {
    assertClose(out.subarray(5 * b, 5 * b + 5), denseExpvals(toSpec(circuit, inputs.subarray(5 * b, 5 * b + 5), weights)), 1e-12);
  }
});
