import { test } from "node:test";
import assert from "node:assert/strict";
import { analyseSymbols, circuitToGraph, diagramTensor, hqnnParallelBranch, seededRandom, spiderSimp } from "../../lib/zx";
import { circuitMatrix, equalUpToScalar, randomValues, tensorMatrix } from "./helpers";

test("the HQNN-Parallel branch: RX embedding, then 3 StronglyEntanglingLayers with ranges 1, 2, 3", () => {
  const c = hqnnParallelBranch();
  assert.equal(c.wires, 5);
  assert.equal(c.ops.length, 5 + 3 * (5 + 5));
  assert.deepEqual(c.ops.slice(0, 5).map((op) => [op.gate, op.wires, op.params]), [0, 1, 2, 3, 4].map((i) => ["RX", [i], [`x${i}`]]));
  const cnots = c.ops.filter((op) => op.gate === "CNOT").map((op) => op.wires);
  for (const [l, r] of [[0, 1], [1, 2], [2, 3]]) {
    assert.deepEqual(cnots.slice(5 * l, 5 * l + 5), [0, 1, 2, 3, 4].map((i) => [i, (i + r) % 5]));
  }
  const rots = c.ops.filter((op) => op.gate === "Rot");
  assert.deepEqual(rots[7].params, ["w21", "w22", "w23"]); // layer 1, wire 2: k = 15 + 6
});

test("analysis: every input and weight ends on its own spider, and the reduction is exact", () => {
  const c = hqnnParallelBranch();
  const a = analyseSymbols(c);
  assert.equal(a.symbols.length, 5 + 45);
  for (const s of a.symbols) assert.equal(a.after.symbolSpiders[s].length, 1, s);
  assert.ok(a.everySymbolOnOwnSpider);
  assert.deepEqual([a.sharedSpiders, a.splitSymbols, a.lostSymbols], [[], [], []]);
  assert.equal(a.after.vertices, a.after.graph.vertexCount());
  assert.ok(a.after.vertices < a.before.vertices);
  const rand = seededRandom(2024);
  for (let draw = 0; draw < 3; draw++) {
    const values = randomValues(a.symbols, rand);
    const reference = circuitMatrix(c, values);
    assert.ok(equalUpToScalar(reference, tensorMatrix(diagramTensor(a.before.graph, values))), `before, draw ${draw}`);
    assert.ok(equalUpToScalar(reference, tensorMatrix(diagramTensor(a.after.graph, values))), `after, draw ${draw}`);
  }
  for (const s of a.symbols) assert.ok(a.after.svg.includes(`>${s}`) || a.after.svg.includes(` ${s}`), `${s} drawn`);
});

test("spider fusion alone merges no two parameters: an X spider (CNOT target) always separates ω_l from φ_{l+1}", () => {
  const g = circuitToGraph(hqnnParallelBranch());
  spiderSimp(g);
  const carriers = g.vertices().filter((v) => g.phase(v).symbols().length > 0);
  assert.equal(carriers.length, 50);
  assert.ok(carriers.every((v) => g.phase(v).symbols().length === 1));
  // Wire i is the control of CNOT number i and the target of CNOT number (i − r) mod 5 of its layer. If the control
  // comes first it fuses with that layer's ω (w[l][i][2]); otherwise with the next layer's φ (w[l+1][i][0]), or,
  // in the last layer, with nothing.
  const expected: string[] = [];
  let phaseFree = 0;
  for (let l = 0; l < 3; l++) {
    const r = (l % 4) + 1;
    for (let i = 0; i < 5; i++) {
      if (i < (i - r + 5) % 5) expected.push(`w${15 * l + 3 * i + 2}`);
      else if (l < 2) expected.push(`w${15 * (l + 1) + 3 * i}`);
      else phaseFree++;
    }
  }
  const fused = carriers.filter((v) => g.degree(v) === 3).map((v) => g.phase(v).symbols()[0]);
  assert.deepEqual(fused.sort(), expected.sort());
  assert.equal(g.vertices().filter((v) => g.type(v) === "Z" && g.phase(v).isZero()).length, phaseFree);
});
