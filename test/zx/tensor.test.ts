import { test } from "node:test";
import assert from "node:assert/strict";
import { compareTensors, diagramTensor, Phase, Tensor, ZXGraph } from "../../lib/zx";
import { equalUpToScalar, H, I2, Mat, PHASE, SWAP, tensorMatrix } from "./helpers";

function wire(types: ("simple" | "hadamard")[], spider?: { type: "Z" | "X"; phase: Phase }): ZXGraph {
  const g = new ZXGraph();
  const i = g.addVertex("boundary", 0, 0);
  const o = g.addVertex("boundary", 0, 2);
  g.inputs = [i];
  g.outputs = [o];
  if (!spider) g.addEdge(i, o, types[0]);
  else {
    const v = g.addVertex(spider.type, 0, 1, spider.phase);
    g.addEdge(i, v, types[0]);
    g.addEdge(v, o, types[1]);
  }
  return g;
}

const matrixOf = (g: ZXGraph) => tensorMatrix(diagramTensor(g));

test("elementary diagrams: wire, Hadamard edge, Z and X spiders", () => {
  assert.ok(equalUpToScalar(I2, matrixOf(wire(["simple"]))));
  assert.ok(equalUpToScalar(H, matrixOf(wire(["hadamard"]))));
  assert.ok(equalUpToScalar(PHASE(0.7), matrixOf(wire(["simple", "simple"], { type: "Z", phase: Phase.numeric(0.7) }))));
  const xPhase: Mat = [[[1 + Math.cos(0.7), Math.sin(0.7)], [1 - Math.cos(0.7), -Math.sin(0.7)]], [[1 - Math.cos(0.7), -Math.sin(0.7)], [1 + Math.cos(0.7), Math.sin(0.7)]]];
  assert.ok(equalUpToScalar(xPhase, matrixOf(wire(["simple", "simple"], { type: "X", phase: Phase.numeric(0.7) }))));
  // H·Z(α)·H = X(α)
  assert.ok(equalUpToScalar(xPhase, matrixOf(wire(["hadamard", "hadamard"], { type: "Z", phase: Phase.numeric(0.7) }))));
});

test("crossed wires give SWAP; a symbolic phase takes its value", () => {
  const g = new ZXGraph();
  const ins = [g.addVertex("boundary", 0, 0), g.addVertex("boundary", 1, 0)];
  const outs = [g.addVertex("boundary", 0, 1), g.addVertex("boundary", 1, 1)];
  g.inputs = ins;
  g.outputs = outs;
  g.addEdge(ins[0], outs[1], "simple");
  g.addEdge(ins[1], outs[0], "simple");
  assert.ok(equalUpToScalar(SWAP, matrixOf(g)));
  const s = wire(["simple", "simple"], { type: "Z", phase: Phase.symbol("t").add(Phase.ofPi(1, 2)) });
  assert.ok(equalUpToScalar(PHASE(0.3 + Math.PI / 2), tensorMatrix(diagramTensor(s, { t: 0.3 }))));
});

test("compareTensors: equal up to a nonzero global scalar only", () => {
  const t = (entries: [number, number][]): Tensor => ({ nOut: 1, nIn: 1, re: Float64Array.from(entries.map((e) => e[0])), im: Float64Array.from(entries.map((e) => e[1])) });
  const a = t([[1, 0], [0, 1], [0, 0], [2, 0]]);
  const b = t([[0, 2], [-2, 0], [0, 0], [0, 4]]); // 2i·a
  assert.ok(compareTensors(a, b));
  assert.ok(!compareTensors(a, t([[1, 0], [0, 1], [0, 0], [2, 1e-3]])));
  assert.ok(!compareTensors(a, t([[0, 0], [0, 0], [0, 0], [0, 0]])));
  assert.ok(!compareTensors(t([[0, 0], [0, 0], [0, 0], [0, 0]]), a));
  assert.ok(!compareTensors(a, { nOut: 2, nIn: 0, re: a.re, im: a.im }));
});

test("a 5-qubit, ~100-spider diagram evaluates well under a second", async () => {
  const { circuitToGraph, randomCircuit } = await import("../../lib/zx");
  const g = circuitToGraph(randomCircuit(5, 60, 7, "generic"));
  assert.ok(g.vertexCount() >= 90, `size ${g.vertexCount()}`);
  const start = performance.now();
  diagramTensor(g);
  assert.ok(performance.now() - start < 1000);
});
