import assert from "node:assert/strict";
import { test } from "node:test";
import {
  CircuitOp, angleEmbedding, basicEntanglerLayers, basicEntanglerLayersShape, buildCircuit, compileSpec, defaultRanges,
  forward, hqnnBranchCircuit, input, mulberry32, paramRange, stronglyEntanglingLayers, stronglyEntanglingLayersShape,
  toSpec, uniform, weight,
} from "../../lib/quantum";
import { denseExpvals } from "./reference";

const w = (i: number) => weight(i);
const rot = (wire: number, first: number): CircuitOp => ({ gate: "Rot", wires: [wire], params: [w(first), w(first + 1), w(first + 2)] });
const cnot = (a: number, b: number): CircuitOp => ({ gate: "CNOT", wires: [a, b], params: [] });

test("AngleEmbedding: feature i on wire i, configurable rotation, fewer features than wires", () => {
  const x = paramRange("input", 0, 2);
  assert.deepEqual(angleEmbedding(x, [0, 1, 2]), [
    { gate: "RX", wires: [0], params: [input(0)] }, { gate: "RX", wires: [1], params: [input(1)] },
  ]);
  assert.deepEqual(angleEmbedding(x, [3, 1], "Z"), [
    { gate: "RZ", wires: [3], params: [input(0)] }, { gate: "RZ", wires: [1], params: [input(1)] },
  ]);
  assert.equal(angleEmbedding(x, [0, 1], "Y")[1].gate, "RY");
  assert.throws(() => angleEmbedding(paramRange("input", 0, 3), [0, 1]), /3 features for 2 wires/);
});

test("StronglyEntanglingLayers on 3 wires, 2 layers: Rot layer then CNOT(i, i+r mod 3), r = 1 then 2", () => {
  assert.deepEqual(stronglyEntanglingLayersShape(2, 3), [2, 3, 3]);
  assert.deepEqual(defaultRanges(4, 3), [1, 2, 1, 2]);
  assert.deepEqual(stronglyEntanglingLayers(paramRange("weight", 0, 18), [0, 1, 2]), [
    rot(0, 0), rot(1, 3), rot(2, 6), cnot(0, 1), cnot(1, 2), cnot(2, 0),
    rot(0, 9), rot(1, 12), rot(2, 15), cnot(0, 2), cnot(1, 0), cnot(2, 1),
  ]);
});

test("StronglyEntanglingLayers: 5 wires use ranges 1, 2, 3; 2 wires apply CNOT(0,1) and CNOT(1,0); 1 wire has no CNOT", () => {
  const ops = stronglyEntanglingLayers(paramRange("weight", 0, 45), [0, 1, 2, 3, 4]);
  const cnots = ops.filter((o) => o.gate === "CNOT").map((o) => o.wires);
  assert.deepEqual(cnots, [
    [0, 1], [1, 2], [2, 3], [3, 4], [4, 0],
    [0, 2], [1, 3], [2, 4], [3, 0], [4, 1],
    [0, 3], [1, 4], [2, 0], [3, 1], [4, 2],
  ]);
  assert.deepEqual(stronglyEntanglingLayers(paramRange("weight", 0, 6), [0, 1]), [rot(0, 0), rot(1, 3), cnot(0, 1), cnot(1, 0)]);
  assert.deepEqual(stronglyEntanglingLayers(paramRange("weight", 0, 6), [0]), [rot(0, 0), rot(0, 3)]);
  // custom wires and ranges
  assert.deepEqual(stronglyEntanglingLayers(paramRange("weight", 0, 9), [2, 0, 1], [2]), [rot(2, 0), rot(0, 3), rot(1, 6), cnot(2, 1), cnot(0, 2), cnot(1, 0)]);
  assert.throws(() => stronglyEntanglingLayers(paramRange("weight", 0, 9), [0, 1, 2], [3]), /range 3/);
  assert.throws(() => stronglyEntanglingLayers(paramRange("weight", 0, 10), [0, 1, 2]), /do not fit shape/);
});

test("BasicEntanglerLayers: rotation layer then ring (none for 1 wire, one CNOT for 2, full ring for 3+)", () => {
  assert.deepEqual(basicEntanglerLayersShape(2, 3), [2, 3]);
  const rx = (wire: number, i: number): CircuitOp => ({ gate: "RX", wires: [wire], params: [w(i)] });
  assert.deepEqual(basicEntanglerLayers(paramRange("weight", 0, 6), [0, 1, 2]), [
    rx(0, 0), rx(1, 1), rx(2, 2), cnot(0, 1), cnot(1, 2), cnot(2, 0),
    rx(0, 3), rx(1, 4), rx(2, 5), cnot(0, 1), cnot(1, 2), cnot(2, 0),
  ]);
  assert.deepEqual(basicEntanglerLayers(paramRange("weight", 0, 2), [0, 1]), [rx(0, 0), rx(1, 1), cnot(0, 1)]);
  assert.deepEqual(basicEntanglerLayers(paramRange("weight", 0, 2), [0]), [rx(0, 0), rx(0, 1)]);
  assert.deepEqual(basicEntanglerLayers(paramRange("weight", 0, 1), [0], "Y"), [{ gate: "RY", wires: [0], params: [w(0)] }]);
  assert.throws(() => basicEntanglerLayers(paramRange("weight", 0, 5), [0, 1]), /do not fit shape/);
});

test("HQNN branch circuit = RX embedding + SEL + <Y> per wire, same numbers as the hand-written spec", () => {
  const rand = mulberry32(8);
  const x = uniform(rand, 3, -1, 1), weights = uniform(rand, 18, 0, 2 * Math.PI);
  const circuit = hqnnBranchCircuit({ nQubits: 3, nLayers: 2 });
  const wr = (i: number) => [weights[3 * i], weights[3 * i + 1], weights[3 * i + 2]];
  const spec = {
    wires: 3,
    ops: [
      { gate: "RX" as const, wires: [0], params: [x[0]] }, { gate: "RX" as const, wires: [1], params: [x[1]] },
      { gate: "RX" as const, wires: [2], params: [x[2]] },
      { gate: "Rot" as const, wires: [0], params: wr(0) }, { gate: "Rot" as const, wires: [1], params: wr(1) },
      { gate: "Rot" as const, wires: [2], params: wr(2) },
      { gate: "CNOT" as const, wires: [0, 1] }, { gate: "CNOT" as const, wires: [1, 2] }, { gate: "CNOT" as const, wires: [2, 0] },
      { gate: "Rot" as const, wires: [0], params: wr(3) }, { gate: "Rot" as const, wires: [1], params: wr(4) },
      { gate: "Rot" as const, wires: [2], params: wr(5) },
      { gate: "CNOT" as const, wires: [0, 2] }, { gate: "CNOT" as const, wires: [1, 0] }, { gate: "CNOT" as const, wires: [2, 1] },
    ],
    observables: [0, 1, 2].map((wire) => ({ pauli: "Y" as const, wire })),
  };
  assert.deepEqual(toSpec(circuit, x, weights), spec);
  const got = forward(circuit, x, weights, 1), want = denseExpvals(spec);
  want.forEach((v, k) => assert.ok(Math.abs(v - got[k]) < 1e-12));
});

test("HQNN branch options: Y embedding, BasicEntanglerLayers with RZ, Z measurement", () => {
  const circuit = hqnnBranchCircuit({ nQubits: 4, nLayers: 2, embedding: "Y", template: "BasicEntanglerLayers", basicRotation: "Z", measure: "Z" });
  assert.equal(circuit.nWeights, 8);
  const expected = buildCircuit(4, [
    ...angleEmbedding(paramRange("input", 0, 4), [0, 1, 2, 3], "Y"),
    ...basicEntanglerLayers(paramRange("weight", 0, 8), [0, 1, 2, 3], "Z"),
  ], [0, 1, 2, 3].map((wire) => ({ pauli: "Z" as const, wire })));
  assert.deepEqual(circuit, expected);
  assert.equal(circuit.ops[0].gate, "RY");
  assert.equal(circuit.ops[4].gate, "RZ");
  const spec = toSpec(circuit, [0.1, 0.2, 0.3, 0.4], [1, 2, 3, 4, 5, 6, 7, 8]);
  const { circuit: c2, inputs, weights } = compileSpec(spec);
  const got = forward(c2, inputs, weights, 1), want = denseExpvals(spec);
  want.forEach((v, k) => assert.ok(Math.abs(v - got[k]) < 1e-12));
});
