import { test } from "node:test";
import assert from "node:assert/strict";
import {
  circuitToGraph, contractionPlan, evaluatePlan, fullReduce, MAX_CONTRACTION_VARS, Phase, randomCircuit, symbolizeCircuit,
  Tensor, ZXGraph,
} from "../../lib/zx";
import { circuitMatrix, equalUpToScalar, tensorMatrix } from "./helpers";

const qubit = (a: [number, number], b: [number, number]): Tensor => ({ nOut: 1, nIn: 0, re: Float64Array.of(a[0], b[0]), im: Float64Array.of(a[1], b[1]) });

test("inputs open: the (out, in) matrix of raw and reduced diagrams, concrete and symbolic, is the circuit's", () => {
  for (let seed = 1; seed <= 6; seed++) {
    const c = randomCircuit(2 + (seed % 3), 25, seed, seed % 2 ? "generic" : "quarter");
    const { circuit: symbolic, values } = symbolizeCircuit(c);
    const reference = circuitMatrix(c);
    for (const [circuit, vals] of [[c, {}], [symbolic, values]] as const) {
      const raw = circuitToGraph(circuit);
      const reduced = raw.copy();
      fullReduce(reduced);
      for (const g of [raw, reduced]) assert.ok(equalUpToScalar(reference, tensorMatrix(evaluatePlan(contractionPlan(g, true), vals))), `seed ${seed}`);
    }
  }
});

test("inputs plugged: the output vector is the open matrix applied to the product state, with the same scalar", () => {
  const g = circuitToGraph(randomCircuit(3, 30, 11, "generic"));
  fullReduce(g);
  const states = [qubit([0.6, 0], [0, 0.8]), qubit([1, 0], [0, 0]), qubit([0.28, 0.96], [0, 0])];
  const matrix = evaluatePlan(contractionPlan(g, true));
  const vector = evaluatePlan(contractionPlan(g, false), {}, states);
  assert.equal(vector.nIn, 0);
  for (let out = 0; out < 8; out++) {
    let re = 0, im = 0;
    for (let inp = 0; inp < 8; inp++) {
      let pr = 1, pi = 0;
      states.forEach((s, w) => {
        const b = (inp >> (2 - w)) & 1;
        [pr, pi] = [pr * s.re[b] - pi * s.im[b], pr * s.im[b] + pi * s.re[b]];
      });
      const mr = matrix.re[out * 8 + inp], mi = matrix.im[out * 8 + inp];
      re += mr * pr - mi * pi;
      im += mr * pi + mi * pr;
    }
    assert.ok(Math.hypot(vector.re[out] - re, vector.im[out] - im) < 1e-9, `entry ${out}`);
  }
});

test("a diagram needing more than MAX_CONTRACTION_VARS variables is planned but not evaluated", () => {
  const g = new ZXGraph();
  const i = g.addVertex("boundary", 0, 0);
  const o = g.addVertex("boundary", 0, 2);
  g.inputs = [i];
  g.outputs = [o];
  const clique = Array.from({ length: MAX_CONTRACTION_VARS + 4 }, (_, k) => g.addVertex("Z", 1, 1, Phase.ofPi(k, 4)));
  clique.forEach((u, k) => clique.slice(k + 1).forEach((v) => g.addEdge(u, v, "hadamard")));
  g.addEdge(i, clique[0], "simple");
  g.addEdge(clique[1], o, "simple");
  const plan = contractionPlan(g, false);
  assert.ok(plan.width > MAX_CONTRACTION_VARS);
  assert.throws(() => evaluatePlan(plan, {}, [qubit([1, 0], [0, 0])]), /exceeds/);
});
