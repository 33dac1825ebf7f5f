import { test } from "node:test";
import assert from "node:assert/strict";
import { circuitToGraph, drawSvg, fullReduce } from "../../lib/zx";

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
