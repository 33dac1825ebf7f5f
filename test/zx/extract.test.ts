import { test } from "node:test";
import assert from "node:assert/strict";
import {
  circuitToGraph, extractCircuit, fullReduce, interiorCliffordSimp, randomCircuit, randomCliffordT, seededRandom, spiderSimp,
  symbolizeCircuit, toGh, ZXCircuit, ZXGraph,
} from "../../lib/zx";
import { circuitMatrix, circuitSymbols, equalUpToScalar, extractedMatrix, randomValues } from "./helpers";

function assertExtractsTo(c: ZXCircuit, prepare: (g: ZXGraph) => void, values: Record<string, number> = {}, label = ""): number {
  const g = circuitToGraph(c);
  prepare(g);
  const before = JSON.stringify([g.vertices(), g.edges()]);
  const extracted = extractCircuit(g);
  assert.equal(JSON.stringify([g.vertices(), g.edges()]), before, "extractCircuit must not modify its input");
  assert.equal(extracted.twoQubitGates, extracted.gates.filter((x) => x.wires.length === 2).length);
  assert.ok(equalUpToScalar(circuitMatrix(c, values), extractedMatrix(c.wires, extracted.gates, values)), label);
  return extracted.gates.length;
}

test("extraction after fullReduce gives a circuit equal to the original", () => {
  for (let seed = 1; seed <= 8; seed++) {
    assertExtractsTo(randomCircuit(3, 30, seed, "quarter"), fullReduce, {}, `quarter ${seed}`);
    assertExtractsTo(randomCliffordT(4, 60, seed), fullReduce, {}, `cliffordT ${seed}`);
    assertExtractsTo(randomCircuit(4, 30, seed, "generic"), fullReduce, {}, `generic ${seed}`);
  }
});

test("extraction of symbolic reduced diagrams, after substitution", () => {
  const rand = seededRandom(11);
  for (let seed = 1; seed <= 5; seed++) {
    const { circuit } = symbolizeCircuit(randomCircuit(3, 30, seed, "generic"));
    assertExtractsTo(circuit, fullReduce, randomValues(circuitSymbols(circuit), rand), `symbolic ${seed}`);
  }
});

test("extraction from less reduced graph-like diagrams", () => {
  for (let seed = 1; seed <= 5; seed++) {
    const c = randomCircuit(3, 25, 20 + seed, "quarter");
    assertExtractsTo(c, interiorCliffordSimp, {}, `interior ${seed}`);
    assertExtractsTo(c, (g) => { spiderSimp(g); toGh(g); spiderSimp(g); }, {}, `graph-like ${seed}`);
  }
});

test("three CNOTs become one SWAP; the empty circuit extracts to nothing", () => {
  const swap: ZXCircuit = { wires: 2, ops: [{ gate: "CNOT", wires: [0, 1] }, { gate: "CNOT", wires: [1, 0] }, { gate: "CNOT", wires: [0, 1] }] };
  const g = circuitToGraph(swap);
  fullReduce(g);
  const gates = extractCircuit(g).gates;
  assert.equal(gates.length, 1);
  assert.equal(gates[0].gate, "SWAP");
  assert.deepEqual([...gates[0].wires].sort(), [0, 1]);
  assertExtractsTo(swap, fullReduce);
  assert.deepEqual(extractCircuit(circuitToGraph({ wires: 3, ops: [] })).gates, []);
});

test("a diagram that is not graph-like is refused", () => {
  assert.throws(() => extractCircuit(circuitToGraph({ wires: 2, ops: [{ gate: "CNOT", wires: [0, 1] }] })), /not graph-like/);
});
