import assert from "node:assert/strict";
import { test } from "node:test";
import {
  PAPER_STUDY, READINGS, StudyConfig, ZERO_TOLERANCE, branch, circuitFourier, frequencyVectors, pairCoefficients, runFourierStudy,
  sampleWeights,
} from "../../lib/fourier";
import { branchWeightCount } from "../../lib/quantum";

const SMALL: StudyConfig = { ...PAPER_STUDY, nSamples: 30 };
const reading = (key: string) => READINGS.find((r) => r.key === key)!;

test("weight samples are seeded, in [0, 2π), and consecutive draws of one stream", () => {
  const a = sampleWeights(3, 4, 7), b = sampleWeights(2, 4, 7);
  assert.deepEqual(a.slice(0, 2), b);
  for (const w of a) for (const v of w) assert.ok(v >= 0 && v < 2 * Math.PI);
  assert.notDeepEqual(sampleWeights(1, 4, 8)[0], a[0]);
});

test("correlation readings: the 18/17 Re-Im values are rank 9 with det 0; the non-redundant 9 are full rank", () => {
  const circuit = branch(SMALL, "StronglyEntanglingLayers");
  const weights = sampleWeights(SMALL.nSamples, branchWeightCount({ nQubits: 5, nLayers: 3 }), 11);
  const coefficients = pairCoefficients(circuit, weights, [0, 0, 0, 0, 0]);
  for (let wire = 0; wire < 5; wire++) {
    const series = coefficients.map((c) => c[wire]);
    const all18 = reading("re-im-18-pearson").analyse(series);
    assert.equal(all18.determinant, null);
    assert.deepEqual(all18.zero_variance, ["Im c(0,0)"]);
    const all17 = reading("re-im-17-pearson").analyse(series);
    assert.equal(all17.rank, 9);
    assert.ok(Math.abs(all17.determinant as number) < ZERO_TOLERANCE);
    // the 8 conjugate pairs: Re equal (r = 1) and Im opposite (r = -1)
    assert.equal(all17.exact_pairs.length, 8);
    assert.ok(all17.exact_pairs.some((p) => p.a === "Re c(-1,-1)" && p.b === "Re c(1,1)" && p.r === 1));
    assert.ok(all17.exact_pairs.some((p) => p.a === "Im c(-1,0)" && p.b === "Im c(1,0)" && p.r === -1));
    assert.equal(reading("re-im-18-covariance").analyse(series).rank, 9);
    assert.equal(reading("abs-9-pearson").analyse(series).rank, 5);
    for (const key of ["independent-9-pearson", "complex-9-hermitian"]) {
      const r = reading(key).analyse(series);
      assert.equal(r.rank, 9, key);
      assert.ok((r.determinant as number) > 1e-3, `${key}: det ${r.determinant}`);
    }
  }
});

/**
 * Independent prediction for BasicEntanglerLayers(RX) after an RX embedding, measuring Y_j: in the Heisenberg
 * picture RX only swaps Y and Z on its wire, never changing which wires carry a Z component, and CNOT(c, t) maps
 * the Z components by z_c ^= z_t. So every term of the back-propagated observable has the same Z support S, and
 * f depends on exactly the inputs in S, with frequencies ±1 on S and 0 elsewhere: 2^|S| reachable ω.
 */
function predictedBasicFrequencies(wire: number): string[] {
  const circuit = branch(PAPER_STUDY, "BasicEntanglerLayers");
  const z = new Array<number>(5).fill(0);
  z[wire] = 1;
  for (const op of [...circuit.ops].reverse()) if (op.gate === "CNOT") z[op.wires[0]] ^= z[op.wires[1]];
  return frequencyVectors(5, 1).filter((f) => f.every((w, j) => (z[j] ? w !== 0 : w === 0))).map(String);
}

test("BasicEntanglerLayers reaches exactly the frequencies predicted by Z-support propagation; SEL reaches all but ω = 0", () => {
  const inputs = [0, 1, 2, 3, 4];
  for (const template of ["BasicEntanglerLayers", "StronglyEntanglingLayers"] as const) {
    const circuit = branch(PAPER_STUDY, template);
    const weights = sampleWeights(3, branchWeightCount({ nQubits: 5, nLayers: 3, template }), 21);
    const reached = Array.from({ length: 5 }, () => new Set<string>());
    for (const w of weights) {
      circuitFourier(circuit, { weights: w, inputs, degree: 1 }).forEach((s, wire) => {
        frequencyVectors(5, 1).forEach((f, i) => { if (Math.hypot(s.re[i], s.im[i]) > ZERO_TOLERANCE) reached[wire].add(String(f)); });
      });
    }
    for (let wire = 0; wire < 5; wire++) {
      const expected = template === "BasicEntanglerLayers" ? predictedBasicFrequencies(wire) : frequencyVectors(5, 1).map(String).filter((f) => f !== "0,0,0,0,0");
      assert.deepEqual([...reached[wire]].sort(), expected.sort(), `${template} wire ${wire}`);
    }
  }
});

test("the study object fulfils the results contract and is deterministic", () => {
  const a = runFourierStudy(SMALL), b = runFourierStudy(SMALL);
  assert.deepEqual(a, b);
  assert.equal(a.correlation_determinants.length, 5);
  assert.equal(a.all_zero, true);
  assert.deepEqual(a.seeds, [SMALL.weightSeed, SMALL.basicSeed, SMALL.fixedInputSeed]);
  assert.ok(a.identities.every((d) => d.max_conj_symmetry_defect === 0 && d.max_abs_im_c00 === 0));
  for (const v of a.fixed_input_variants) for (const w of v.per_wire) { assert.equal(w.primary_rank, 9); assert.equal(w.independent_rank, 9); }
  assert.equal(a.violins.re.length, 9);
  assert.equal(a.violins.re[0].length, SMALL.nSamples);
  assert.equal(a.spectrum.n_coefficients, 243);
  assert.ok(a.spectrum.beyond_encoding_max_abs.sel < 1e-14 && a.spectrum.beyond_encoding_max_abs.basic < 1e-14);
  const sel = a.spectrum.sel.per_wire[4].orders, basic = a.spectrum.basic.per_wire[4].orders;
  assert.deepEqual(sel.map((o) => o.n_freqs), [1, 10, 40, 80, 80, 32]);
  assert.equal(sel.reduce((s, o) => s + o.n_reachable, 0), 242);
  assert.ok(basic.reduce((s, o) => s + o.n_reachable, 0) < 10);
  assert.doesNotThrow(() => JSON.stringify(a));
});
