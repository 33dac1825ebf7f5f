import { test } from "node:test";
import assert from "node:assert/strict";
import { circuitToGraph, drawSvg, fullReduce, hqnnParallelBranch } from "../../lib/zx";
import { compactPhase, placeLabels } from "../../lib/zx/draw";

const circuit = {
  wires: 2,
  ops: [
    { gate: "H" as const, wires: [0] },
    { gate: "RZ" as const, wires: [0], params: ["theta"] },
    { gate: "CNOT" as const, wires: [0, 1] },
    { gate: "RX" as const, wires: [1], params: [Math.PI / 4] },
  ],
};

test("SVG: coloured spiders, Hadamard edges dashed, phases and symbols labelled, inputs left of outputs", () => {
  const g = circuitToGraph(circuit);
  const svg = drawSvg(g, { title: "demo" });
  assert.match(svg, /^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg, /<\/svg>\n$/);
  assert.equal((svg.match(/<circle [^>]*r="8"/g) ?? []).length, 4); // Z(θ), Z and X of the CNOT, X(π/4)
  assert.equal((svg.match(/r="3"/g) ?? []).length, 4); // boundaries
  assert.equal((svg.match(/fill="#ccffcc"/g) ?? []).length, 2);
  assert.equal((svg.match(/fill="#ff8888"/g) ?? []).length, 2);
  assert.equal((svg.match(/stroke-dasharray/g) ?? []).length, 1); // the H gate
  assert.ok(svg.includes(">theta</text>") && svg.includes(">π/4</text>") && svg.includes(">demo</text>"));
  const x = (label: string) => Number(new RegExp(`<circle cx="([0-9.]+)"[^>]*/><text[^>]*>${label}<`).exec(svg)![1]);
  assert.ok(x("in0") < x("out0") && x("in1") < x("out1"));
  assert.equal((svg.match(/<g>/g) ?? []).length, (svg.match(/<\/g>/g) ?? []).length);
});

test("SVG of a reduced diagram escapes labels and keeps every vertex", () => {
  const g = circuitToGraph({ wires: 2, ops: [...circuit.ops, { gate: "CZ", wires: [0, 1] }, { gate: "RZ", wires: [1], params: ["a<b"] }] });
  fullReduce(g);
  const svg = drawSvg(g);
  assert.ok(svg.includes("a&lt;b") && !svg.includes("a<b"));
  assert.equal((svg.match(/<circle /g) ?? []).length, g.vertexCount());
});

test("phase labels of the reduced HQNN branch (Figure 9b) overlap no spider and no other label", () => {
  const g = circuitToGraph(hqnnParallelBranch());
  fullReduce(g);
  const svg = drawSvg(g, { columnWidth: 58, rowHeight: 58 });
  const circles = [...svg.matchAll(/<circle cx="([0-9.]+)" cy="([0-9.]+)" r="(\d+)"/g)].map((m) => m.slice(1).map(Number));
  const spiders = circles.filter(([, , r]) => r === 8);
  const labels = placeLabels(g, (v) => {
    // placeLabels only needs positions; reuse the drawn ones (vertex order = drawing order).
    const [x, y] = circles[g.vertices().indexOf(v)];
    return { x, y };
  });
  assert.ok(labels.size > 20);
  const boxes = [...labels.values()].map((l) => l.box);
  const hit = (a: { x0: number; x1: number; y0: number; y1: number }, b: typeof a) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => assert.ok(!hit(a, b), "two phase labels overlap")));
  for (const b of boxes) for (const [x, y] of spiders) assert.ok(!hit(b, { x0: x - 8, x1: x + 8, y0: y - 8, y1: y + 8 }), "a label covers a spider");
  assert.equal(compactPhase("w30 - π/2"), "w30−π/2");
  assert.ok(svg.includes(">w30−π/2</text>") && svg.includes('paint-order="stroke"'));
});
