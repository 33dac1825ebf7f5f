import { test } from "node:test";
import assert from "node:assert/strict";
import {
  circuitToGraph, circuitUnitary, compareTensors, DENSE_MAX_WIRES, diagramTensor, extractCircuit, extractedToCircuit, fullReduce, hqnnParallelBranch, MAX_CONTRACTION_VARS, Phase,
  randomCircuit, randomCliffordT, seededRandom, verifyCircuits, verifyDiagram, ZXCircuit, ZXGraph,
} from "../../lib/zx";

function reduced(c: ZXCircuit): ZXGraph {
  const g = circuitToGraph(c);
  fullReduce(g);
  return g;
}

const spiders = (g: ZXGraph) => g.vertices().filter((v) => g.isSpider(v));

/** The diagram with one spider's phase moved by π/4. */
function withPhaseFlip(g: ZXGraph, which = 0): ZXGraph {
  const h = g.copy();
  h.addToPhase(spiders(h)[which], Phase.ofPi(1, 4));
  return h;
}

/** The diagram with its first spider–spider edge of the other type. */
function withEdgeToggled(g: ZXGraph): ZXGraph {
  const h = g.copy();
  const e = h.edges().find((x) => h.isSpider(x.source) && h.isSpider(x.target))!;
  h.setEdgeType(e.source, e.target, e.type === "hadamard" ? "simple" : "hadamard");
  return h;
}

/** The diagram times the scalar 0: an isolated Z spider with phase π (1 + e^{iπ} = 0). */
function timesZero(g: ZXGraph): ZXGraph {
  const h = g.copy();
  h.addVertex("Z", 0, 0, Phase.ofPi(1));
  return h;
}

for (const qubits of [8, 10]) {
  test(`${qubits}-qubit Clifford+T circuit: the reduced diagram equals it (random product states)`, () => {
    const c = randomCliffordT(qubits, 25 * qubits, 1);
    const g = reduced(c);
    assert.deepEqual(verifyDiagram(g, c), { equal: true, method: "product-states" });
  });
}

test("10 qubits: a phase moved by π/4, an edge of the wrong type or a zero scalar is caught", () => {
  const c = randomCliffordT(10, 250, 1);
  const g = reduced(c);
  for (const broken of [withPhaseFlip(g), withPhaseFlip(g, 7), withEdgeToggled(g), timesZero(g)]) {
    const verdict = verifyDiagram(broken, c);
    assert.equal(verdict.equal, false);
    assert.equal(verdict.method, "product-states");
    assert.match(verdict.reason ?? "", /product states/);
  }
});

test("small circuits: product states, the dense method and tensor.ts's exact comparison agree, broken or not", () => {
  let caught = 0;
  for (let seed = 1; seed <= 12; seed++) {
    const n = 2 + (seed % 4);
    const c = seed % 2 ? randomCliffordT(n, 15 * n, seed) : randomCircuit(n, 10 * n, seed, "generic");
    const g = reduced(c);
    for (const diagram of [circuitToGraph(c), g, withPhaseFlip(g), withEdgeToggled(g), timesZero(g)]) {
      const exact = compareTensors(circuitUnitary(c), diagramTensor(diagram));
      assert.equal(verifyDiagram(diagram, c, { method: "product-states" }).equal, exact, `seed ${seed}`);
      assert.equal(verifyDiagram(diagram, c, { method: "dense-unitary" }).equal, exact, `seed ${seed}`);
      if (!exact) caught++;
    }
  }
  assert.equal(caught, 36);
});

test("up to 6 wires the default is the dense unitary; symbolic diagrams are checked at given values", () => {
  const c = hqnnParallelBranch();
  assert.ok(c.wires <= DENSE_MAX_WIRES);
  const g = reduced(c);
  const rand = seededRandom(3);
  const values = Object.fromEntries(c.ops.flatMap((op) => op.params ?? []).map((s) => [s, rand() * 2 * Math.PI]));
  assert.deepEqual(verifyDiagram(g, c, { values }), { equal: true, method: "dense-unitary" });
  assert.deepEqual(verifyDiagram(g, c, { values, method: "product-states" }), { equal: true, method: "product-states" });
  assert.equal(verifyDiagram(withPhaseFlip(g), c, { values, method: "product-states" }).equal, false);
});

test("a diagram of the wrong shape is unequal; one too large to evaluate is undecided, with a reason", () => {
  const c = randomCliffordT(3, 20, 2);
  assert.equal(verifyDiagram(reduced(randomCliffordT(4, 20, 2)), c).equal, false);
  const g = reduced(c);
  const clique = Array.from({ length: MAX_CONTRACTION_VARS + 2 }, () => g.addVertex("Z", 5, 5, Phase.ofPi(1, 4)));
  clique.forEach((u, k) => clique.slice(k + 1).forEach((v) => g.addEdge(u, v, "hadamard")));
  g.addEdge(clique[0], spiders(g)[0], "hadamard");
  for (const method of ["dense-unitary", "product-states"] as const) {
    const verdict = verifyDiagram(g, c, { method });
    assert.equal(verdict.equal, null);
    assert.match(verdict.reason ?? "", /needs a tensor of \d+ variables/);
  }
});

test("verifyCircuits: circuit against circuit, dense up to 6 wires, product states up to 20, ZX reduction beyond", () => {
  const moved = (c: ZXCircuit): ZXCircuit => ({ ...c, ops: [...c.ops, { gate: "RZ", wires: [1], params: [Math.PI / 4] }] });
  for (const n of [4, 9]) {
    const c = randomCliffordT(n, 20 * n, 5);
    const method = n <= DENSE_MAX_WIRES ? "dense-unitary" : "product-states";
    const global = { ...c, ops: [{ gate: "RX" as const, wires: [0], params: [2 * Math.PI] }, ...c.ops] };
    assert.deepEqual(verifyCircuits(c, global), { equal: true, method }, `${n} wires, global phase −1`);
    const verdict = verifyCircuits(c, moved(c));
    assert.deepEqual([verdict.equal, verdict.method], [false, method], `${n} wires, an extra T`);
  }
  assert.equal(verifyCircuits(randomCliffordT(3, 10, 1), randomCliffordT(4, 10, 1)).equal, false);
  assert.deepEqual(verifyCircuits({ wires: 21, ops: [] }, { wires: 21, ops: [] }, { method: "product-states" }), {
    equal: null, method: "product-states", reason: "21 wires: statevectors are simulated up to 20 wires",
  });
  assert.deepEqual(verifyCircuits({ wires: 21, ops: [] }, { wires: 21, ops: [] }), { equal: true, method: "zx-reduction" });
});

test("zx-reduction: a 24-wire circuit equals its extraction, and one with an extra T or CNOT is not shown equal (null, not false)", () => {
  const c = randomCliffordT(24, 10 * 24, 3);
  const extracted = extractedToCircuit(extractCircuit(reduced(c)));
  assert.deepEqual(verifyCircuits(c, extracted), { equal: true, method: "zx-reduction" });
  const rot: ZXCircuit = { wires: 24, ops: [{ gate: "Rot", wires: [2], params: [0.3, 1.1, -0.4] }, { gate: "RY", wires: [5], params: [0.7] }] };
  assert.deepEqual(verifyCircuits(rot, rot), { equal: true, method: "zx-reduction" }, "Rot and RY are inverted");
  for (const extra of [{ gate: "RZ" as const, wires: [1], params: [Math.PI / 4] }, { gate: "CNOT" as const, wires: [0, 7] }]) {
    const verdict = verifyCircuits(c, { ...extracted, ops: [...extracted.ops, extra] });
    assert.equal(verdict.equal, null, extra.gate);
    assert.equal(verdict.method, "zx-reduction");
    assert.match(verdict.reason ?? "", /not shown to be the identity$/);
  }
  assert.throws(() => verifyCircuits({ wires: 2, ops: [] }, { wires: 2, ops: [{ gate: "RZ", wires: [0], params: ["a"] }] }, { method: "zx-reduction" }),
    /"zx-reduction" needs numeric angles, got the symbol "a"/);
});
