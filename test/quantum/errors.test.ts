import assert from "node:assert/strict";
import { test } from "node:test";
import {
  Circuit, CircuitError, SpecError, buildCircuit, checkCircuit, compileSpec, forward, hqnnBranchCircuit, input, jacobian,
  toSpec, validateSpec, vjp, weight,
} from "../../lib/quantum";

const good = () => ({
  wires: 2,
  ops: [{ gate: "RX", wires: [0], params: [0.1] }, { gate: "CNOT", wires: [0, 1] }, { gate: "Rot", wires: [1], params: [1, 2, 3] }],
  observables: [{ pauli: "Z", wire: 1 }],
});

test("validateSpec names the bad op: unknown gate, wire out of range, wrong param count, non-finite angle", () => {
  const bad = (mutate: (s: ReturnType<typeof good>) => void, pattern: RegExp) => {
    const s = good();
    mutate(s);
    assert.throws(() => validateSpec(JSON.parse(JSON.stringify(s))), (e: Error) => e instanceof SpecError && pattern.test(e.message));
  };
  bad((s) => (s.ops[1].gate = "SWAP"), /^op 1: unknown gate "SWAP"/);
  bad((s) => (s.ops[1].wires = [0, 2]), /^op 1 \(CNOT\): wire 2 is out of range/);
  bad((s) => (s.ops[2].params = [1, 2]), /^op 2 \(Rot\): expected 3 parameter/);
  bad((s) => (s.ops[0].params = [null as unknown as number]), /^op 0 \(RX\): parameter 0 is not a finite number/);
  bad((s) => (s.observables = [{ pauli: "W", wire: 0 }]), /^observable 0/);
  const overflow = JSON.parse('{"wires": 1, "ops": [{"gate": "RX", "wires": [0], "params": [1e999]}], "observables": []}');
  assert.throws(() => validateSpec(overflow), /: op 0 \(RX\): parameter 0 is not a finite number: Infinity$/);
  assert.throws(() => validateSpec({ ...overflow, wires: -1e999 }), /: "wires" must be an integer in 1\.\.24, got -Infinity$/);
});

test("validateSpec caps the wires at the engine's 24 unless told otherwise (the ZX tools have no cap)", () => {
  assert.throws(() => validateSpec({ ...good(), wires: 36 }), /"wires" must be an integer in 1\.\.24, got 36$/);
  assert.equal(validateSpec({ ...good(), wires: 36 }, { maxWires: Infinity }).wires, 36);
  assert.throws(() => validateSpec({ ...good(), wires: 0 }, { maxWires: Infinity }), /"wires" must be an integer >= 1, got 0$/);
});

test("checkCircuit rejects compiled circuits with bad ops and names the op", () => {
  const base = (): Circuit => buildCircuit(2, [
    { gate: "RY", wires: [0], params: [input(0)] },
    { gate: "CZ", wires: [0, 1], params: [] },
    { gate: "RZ", wires: [1], params: [weight(0)] },
  ], [{ pauli: "X", wire: 0 }]);
  const bad = (mutate: (c: Circuit) => void, pattern: RegExp) => {
    const c = base();
    mutate(c);
    assert.throws(() => checkCircuit(c), (e: Error) => e instanceof CircuitError && pattern.test(e.message), pattern.source);
    assert.throws(() => forward(c, [0], [0], 1), CircuitError);
  };
  bad((c) => ((c.ops[1] as { gate: string }).gate = "Toffoli"), /^op 1: unknown gate "Toffoli"/);
  bad((c) => (c.ops[2].wires = [5]), /^op 2 \(RZ\): wire 5 is out of range/);
  bad((c) => (c.ops[1].wires = [1, 1]), /^op 1 \(CZ\): wires must be distinct/);
  bad((c) => (c.ops[0].params = []), /^op 0 \(RY\): expected 1 parameter/);
  bad((c) => (c.ops[2].params = [weight(3)]), /^op 2 \(RZ\) parameter 0: weight index 3 is out of range/);
  bad((c) => (c.ops[0].params = [{ src: "const", value: NaN }]), /^op 0 \(RY\) parameter 0: constant NaN is not a finite number/);
  bad((c) => (c.observables = [{ pauli: "Z", wire: 2 }]), /^observable 0: wire 2/);
});

test("run-time values: non-finite inputs and weights name the op that reads them; lengths are checked", () => {
  const circuit = hqnnBranchCircuit({ nQubits: 3, nLayers: 1 });
  const weights = new Float64Array(9);
  const inputs = new Float64Array(6);
  inputs[4] = NaN;
  assert.throws(() => forward(circuit, inputs, weights, 2), /^CircuitError: op 1 \(RX\): input 1 of sample 1 is not a finite number \(NaN\)/);
  assert.throws(() => vjp(circuit, inputs, weights, 2, new Float64Array(6)), /op 1 \(RX\): input 1 of sample 1/);
  inputs[4] = 0;
  weights[5] = Infinity;
  assert.throws(() => forward(circuit, inputs, weights, 2), /op 4 \(Rot\): weight 5 is not a finite number \(Infinity\)/);
  weights[5] = 0;
  assert.throws(() => forward(circuit, inputs, weights, 3), /inputs has length 6, expected batch \* nInputs = 3 \* 3/);
  assert.throws(() => forward(circuit, inputs, new Float64Array(8), 2), /weights has length 8/);
  assert.throws(() => vjp(circuit, inputs, weights, 2, new Float64Array(5)), /upstream has length 5/);
  assert.throws(() => vjp(circuit, inputs, weights, 2, new Float64Array(6).fill(NaN)), /upstream\[0\] is not a finite number/);
  assert.throws(() => vjp(circuit, inputs, weights, 2, new Float64Array(6), "finite-diff" as never), /unknown differentiation method "finite-diff"/);
  assert.throws(() => jacobian(circuit, [0, 0], weights), /inputs has length 2/);
  assert.throws(() => toSpec(circuit, [0, NaN, 0], weights), /op 1 \(RX\) parameter 0: input value NaN/);
});

test("compileSpec rejects bad input parameter lists", () => {
  const spec = validateSpec(good());
  assert.throws(() => compileSpec(spec, [4]), /inputParams\[0\] = 4 is not a parameter index \(spec has 4\)/);
  assert.throws(() => compileSpec(spec, [1, 1]), /lists parameter 1 twice/);
});

test("template builders reject bad sizes", () => {
  assert.throws(() => hqnnBranchCircuit({ nQubits: 0, nLayers: 1 }), /nQubits/);
  assert.throws(() => hqnnBranchCircuit({ nQubits: 2, nLayers: 1, template: "Foo" as never }), /unknown template/);
});
