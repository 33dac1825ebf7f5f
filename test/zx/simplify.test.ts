import { test } from "node:test";
import assert from "node:assert/strict";
import {
  circuitToGraph, cliffordSimp, diagramTensor, fullReduce, gadgetSimp, idSimp, interiorCliffordSimp, isGraphLike, lcompSimp,
  pivotGadgetSimp, pivotBoundarySimp, pivotSimp, randomCircuit, randomCliffordT, seededRandom, spiderSimp, symbolizeCircuit,
  tCount, toGh, ZXCircuit, ZXGraph,
} from "../../lib/zx";
import { circuitMatrix, circuitSymbols, equalUpToScalar, randomValues, tensorMatrix } from "./helpers";

const SIMPLIFIERS: [string, (g: ZXGraph) => unknown][] = [
  ["spiderSimp", spiderSimp],
  ["idSimp", idSimp],
  ["toGh", toGh],
  ["interiorCliffordSimp", interiorCliffordSimp],
  ["cliffordSimp", cliffordSimp],
  ["fullReduce", fullReduce],
];

function testCircuits(): ZXCircuit[] {
  const out: ZXCircuit[] = [];
  for (let seed = 1; seed <= 6; seed++) {
    out.push(randomCircuit(3, 30, seed, "quarter"), randomCliffordT(4, 60, seed));
    if (seed <= 3) out.push(randomCircuit(4, 30, seed, "generic"));
  }
  return out;
}

test("each simplifier keeps the tensor equal up to a scalar", () => {
  for (const c of testCircuits()) {
    const reference = circuitMatrix(c);
    for (const [name, simplify] of SIMPLIFIERS) {
      const g = circuitToGraph(c);
      simplify(g);
      assert.ok(equalUpToScalar(reference, tensorMatrix(diagramTensor(g))), name);
    }
  }
});

test("fullReduce leaves a graph-like diagram where no rule applies any more", () => {
  for (const c of testCircuits()) {
    const g = circuitToGraph(c);
    fullReduce(g);
    assert.ok(isGraphLike(g));
    const again = idSimp(g) + spiderSimp(g) + pivotSimp(g) + lcompSimp(g) + pivotBoundarySimp(g) + gadgetSimp(g) + pivotGadgetSimp(g);
    assert.equal(again, 0);
  }
});

test("fullReduce reduces the T-count of random Clifford+T circuits beyond what spider fusion alone does", () => {
  let fusedTotal = 0;
  let reducedTotal = 0;
  for (let seed = 1; seed <= 10; seed++) {
    const g = circuitToGraph(randomCliffordT(5, 100, seed));
    const t0 = tCount(g);
    const fused = g.copy();
    spiderSimp(fused);
    fullReduce(g);
    assert.ok(tCount(g) <= tCount(fused) && tCount(fused) <= t0, `seed ${seed}: ${t0} → ${tCount(fused)} → ${tCount(g)}`);
    fusedTotal += tCount(fused);
    reducedTotal += tCount(g);
  }
  assert.ok(reducedTotal < fusedTotal, `${reducedTotal} vs ${fusedTotal}`);
});

test("symbolic and concrete reductions agree after substituting the values", () => {
  const rand = seededRandom(3);
  for (let seed = 1; seed <= 6; seed++) {
    const concrete = randomCircuit(3, 30, 50 + seed, seed % 2 ? "quarter" : "generic");
    const { circuit, values } = symbolizeCircuit(concrete);
    const symbolic = circuitToGraph(circuit);
    fullReduce(symbolic);
    const reduced = circuitToGraph(concrete);
    fullReduce(reduced);
    assert.ok(equalUpToScalar(tensorMatrix(diagramTensor(reduced)), tensorMatrix(diagramTensor(symbolic, values))), `seed ${seed}`);
    const other = randomValues(circuitSymbols(circuit), rand);
    assert.ok(equalUpToScalar(circuitMatrix(circuit, other), tensorMatrix(diagramTensor(symbolic, other))), `seed ${seed}, random values`);
  }
});

test("with symbols, no parameter is lost, duplicated or given a coefficient other than ±1", () => {
  for (let seed = 1; seed <= 6; seed++) {
    const { circuit } = symbolizeCircuit(randomCircuit(4, 40, seed, "quarter"));
    const g = circuitToGraph(circuit);
    fullReduce(g);
    const seen = new Map<string, number>();
    for (const v of g.vertices()) {
      for (const [s, c] of g.phase(v).terms) {
        seen.set(s, (seen.get(s) ?? 0) + 1);
        assert.equal(Math.abs(c.toNumber()), 1);
      }
    }
    for (const s of circuitSymbols(circuit)) assert.equal(seen.get(s), 1, s);
  }
});
