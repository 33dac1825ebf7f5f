import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { localFiles } from "../recorded-evidence";
import { runCliSync } from "../run-cli";
import {
  applyCircuit, benchmarkCircuit, benchmarkQc, circuitBench, circuitToGraph, DEFAULT_BENCHMARK_CIRCUITS, GF2_POLYNOMIALS,
  parseBenchmarkName, publishedFor, seededRandom, tCount, ZXCircuit,
} from "../../lib/zx";


/** The circuit applied to the basis state |input⟩ (wire 0 the most significant bit): the one output basis state, and its amplitude. */
function basisImage(circuit: ZXCircuit, input: number): { output: number; re: number; im: number } {
  const dim = 2 ** circuit.wires;
  const re = new Float64Array(dim), im = new Float64Array(dim);
  re[input] = 1;
  applyCircuit(circuit, { nOut: circuit.wires, nIn: 0, re, im });
  const big = [...re.keys()].filter((i) => re[i] ** 2 + im[i] ** 2 > 1e-9);
  assert.equal(big.length, 1, `input ${input} goes to a superposition of ${big.length} basis states`);
  const [output] = big;
  assert.ok(Math.abs(re[output] ** 2 + im[output] ** 2 - 1) < 1e-9);
  return { output, re: re[output], im: im[output] };
}

/** Checks that `circuit` maps each input to expected(input) with one common phase (a permutation up to a global phase). */
function assertPermutation(circuit: ZXCircuit, inputs: number[], expected: (input: number) => number): void {
  let phase: { re: number; im: number } | undefined;
  for (const input of inputs) {
    const image = basisImage(circuit, input);
    assert.equal(image.output, expected(input), `input ${input.toString(2).padStart(circuit.wires, "0")}`);
    phase ??= image;
    assert.ok(Math.hypot(image.re - phase.re, image.im - phase.im) < 1e-9, `input ${input}: relative phase`);
  }
}

const bit = (x: number, wire: number, wires: number) => (x >> (wires - 1 - wire)) & 1;
const flip = (x: number, wire: number, wires: number) => x ^ (1 << (wires - 1 - wire));
const range = (k: number) => Array.from({ length: k }, (_, i) => i);

test("names: the files' spellings, nothing else", () => {
  assert.deepEqual(parseBenchmarkName("tof_10"), { name: "tof_10", family: "tof", n: 10 });
  assert.deepEqual(parseBenchmarkName("barenco_tof_3"), { name: "barenco_tof_3", family: "barenco_tof", n: 3 });
  assert.deepEqual(parseBenchmarkName("gf2^4_mult"), { name: "gf2^4_mult", family: "gf2_mult", n: 4 });
  for (const bad of ["tof_2", "tof_03", "barenco_tof_", "gf2^3_mult", "gf2^16_mult", "gf2^4", "mod5_4", "tof_3 "]) {
    assert.equal(parseBenchmarkName(bad), undefined, bad);
  }
  assert.throws(() => benchmarkQc("tof_2"), /unknown benchmark circuit "tof_2"/);
});

test("T-counts before reduction: 7 per Toffoli, as the published files", () => {
  const expected: Record<string, number> = {
    tof_3: 21, tof_4: 35, tof_5: 49, tof_10: 119, barenco_tof_3: 28, barenco_tof_4: 56, barenco_tof_5: 84, barenco_tof_10: 224,
    "gf2^4_mult": 112, "gf2^5_mult": 175, "gf2^6_mult": 252, "gf2^7_mult": 343, "gf2^8_mult": 448, "gf2^9_mult": 567, "gf2^10_mult": 700,
  };
  assert.deepEqual(Object.keys(expected), [...DEFAULT_BENCHMARK_CIRCUITS]);
  for (const [name, t] of Object.entries(expected)) {
    assert.equal(tCount(circuitToGraph(benchmarkCircuit(name).circuit)), t, name);
  }
});

test("every generated file has the qubits, Hadamards, T and linear CNOTs of the stored T-par file's header", () => {
  for (const name of DEFAULT_BENCHMARK_CIRCUITS) {
    const tpar = publishedFor(name).tpar;
    assert.ok(tpar, `${name}: no stored T-par file`);
    const published = tpar.original;
    const text = benchmarkQc(name);
    const lines = text.split("\n");
    const gates = lines.slice(lines.indexOf("BEGIN") + 1, lines.indexOf("END"));
    const toffolis = gates.filter((l) => l.startsWith("Z ")).length;
    const { circuit } = benchmarkCircuit(name);
    assert.equal(circuit.wires, published.qubits, `${name} qubits`);
    assert.equal(gates.filter((l) => l.startsWith("H ")).length, published.h, `${name} H`);
    assert.equal(7 * toffolis, published.t, `${name} T`);
    // T-par's header counts 7 CNOTs per Toffoli; the rest is the multipliers' reduction network.
    assert.equal(gates.filter((l) => /^tof \S+ \S+$/.test(l)).length, published.cnot - published.t, `${name} CNOT`);
    assert.ok(tpar.optimised.t < published.t);
  }
});

test("tof_3, tof_4: with the ancillas in |0⟩ the target flips iff every control is 1, and the ancillas return to |0⟩", () => {
  for (const n of [3, 4]) {
    const { circuit } = benchmarkCircuit(`tof_${n}`);
    const q = 2 * n - 1, target = q - 1;
    // Inputs: any controls and target, ancillas (wires n..2n-3) at 0.
    const inputs = range(2 ** (n + 1)).map((x) => ((x >> 1) << (q - n)) | (x & 1));
    assertPermutation(circuit, inputs, (x) => (range(n).every((w) => bit(x, w, q)) ? flip(x, target, q) : x));
  }
  // With a dirty ancilla tof_3 is not the 3-controlled X (that is what barenco_tof_3 is for): c2 = 1 and the
  // ancilla at 1 flip the target although c0 = c1 = 0.
  const { circuit } = benchmarkCircuit("tof_3");
  assert.equal(basisImage(circuit, 0b00110).output, 0b00111);
});

test("barenco_tof_3, barenco_tof_4: for every basis state the target flips iff every control is 1, the ancillas whatever they hold come back", () => {
  for (const n of [3, 4]) {
    const { circuit } = benchmarkCircuit(`barenco_tof_${n}`);
    const q = 2 * n - 1, target = q - 1;
    assertPermutation(circuit, range(2 ** q), (x) => (range(n).every((w) => bit(x, w, q)) ? flip(x, target, q) : x));
  }
});

/** Carry-less product of a and b reduced mod the degree-n polynomial with middle exponents `middle`. */
function fieldProduct(a: number, b: number, n: number, middle: readonly number[]): number {
  let product = 0;
  for (let i = 0; i < n; i++) if ((a >> i) & 1) product ^= b << i;
  const p = (1 << n) | 1 | middle.reduce((acc, t) => acc | (1 << t), 0);
  for (let d = 2 * n - 2; d >= n; d--) if ((product >> d) & 1) product ^= p << (d - n);
  return product;
}

test("the multipliers' polynomials are irreducible (so each gf2^n_mult multiplies in a field)", () => {
  const degree = (x: number) => 31 - Math.clz32(x);
  const mod = (x: number, y: number) => {
    for (let r = x; ; r ^= y << (degree(r) - degree(y))) if (r === 0 || degree(r) < degree(y)) return r;
  };
  for (const [n, middle] of Object.entries(GF2_POLYNOMIALS)) {
    const p = (1 << Number(n)) | 1 | middle.reduce((acc, t) => acc | (1 << t), 0);
    for (let q = 2; degree(q) <= Number(n) / 2; q++) assert.notEqual(mod(p, q), 0, `x^${n} + ...: divisible by ${q.toString(2)}`);
  }
});

test("gf2^4_mult: with c = 0, c ends as a·b mod x^4 + x + 1 and a, b are unchanged", () => {
  const n = 4, q = 3 * n;
  const { circuit } = benchmarkCircuit("gf2^4_mult");
  // Register value v of wires first..first+n-1, wire first+i holding the coefficient of x^i.
  const place = (v: number, first: number) => range(n).reduce((acc, i) => acc | (((v >> i) & 1) << (q - 1 - first - i)), 0);
  const read = (x: number, first: number) => range(n).reduce((acc, i) => acc | (bit(x, first + i, q) << i), 0);
  const pairs = [[0, 0], [1, 1], [1, 9], [2, 8], [3, 7], [15, 15], [8, 8], [12, 10], [5, 6], [9, 14], [7, 0], [11, 13]];
  assert.equal(fieldProduct(8, 8, n, GF2_POLYNOMIALS[n]), 0b1100); // x^6 = x^3 + x^2 mod x^4 + x + 1
  assertPermutation(circuit, pairs.map(([a, b]) => place(a, 0) | place(b, n)), (x) => {
    const a = read(x, 0), b = read(x, n);
    return x | place(fieldProduct(a, b, n, GF2_POLYNOMIALS[n]), 2 * n);
  });
});

/**
 * Runs a generated `.qc` file classically on a basis state: `H w` opens or closes a Hadamard bracket on w; `Z x y t`
 * with exactly t bracketed is a Toffoli onto t (H·CCZ·H on t, and gates between the brackets that do not touch t
 * commute with them); `tof x y` is a CNOT between unbracketed wires. Anything else fails the test.
 */
function runClassically(qc: string, input: Record<string, number>): Record<string, number> {
  const lines = qc.split("\n");
  const state = { ...input };
  const open = new Set<string>();
  for (const line of lines.slice(lines.indexOf("BEGIN") + 1, lines.indexOf("END"))) {
    const [gate, ...w] = line.split(" ");
    if (gate === "H") {
      if (open.has(w[0])) open.delete(w[0]);
      else open.add(w[0]);
    } else if (gate === "Z" && w.length === 3 && !open.has(w[0]) && !open.has(w[1]) && open.has(w[2])) {
      state[w[2]] ^= state[w[0]] & state[w[1]];
    } else if (gate === "tof" && w.length === 2 && !open.has(w[0]) && !open.has(w[1])) {
      state[w[1]] ^= state[w[0]];
    } else {
      assert.fail(`cannot read ${JSON.stringify(line)} classically (bracketed: ${[...open]})`);
    }
  }
  assert.deepEqual([...open], [], "unclosed Hadamard brackets");
  return state;
}

test("read classically, tof_10 and barenco_tof_10 are 10-controlled X gates and every gf2^n_mult multiplies (random inputs)", () => {
  const rand = seededRandom(7);
  const randomBit = () => (rand() < 0.5 ? 0 : 1);
  for (const family of ["tof", "barenco_tof"]) {
    const n = 10, wires = range(2 * n - 1).map((i) => String(i + 1)), target = wires[2 * n - 2];
    for (let trial = 0; trial < 40; trial++) {
      const input = Object.fromEntries(wires.map((w) => [w, randomBit()]));
      for (const w of wires.slice(0, n)) if (trial % 2 === 0) input[w] = 1; // half the trials with every control on
      for (const w of wires.slice(n, 2 * n - 2)) if (family === "tof") input[w] = 0; // tof_n's ancillas are clean
      const expected = { ...input, [target]: input[target] ^ (wires.slice(0, n).every((w) => input[w] === 1) ? 1 : 0) };
      assert.deepEqual(runClassically(benchmarkQc(`${family}_${n}`), input), expected, `${family}_${n}`);
    }
  }
  for (const [key, middle] of Object.entries(GF2_POLYNOMIALS)) {
    const n = Number(key), qc = benchmarkQc(`gf2^${n}_mult`);
    for (let trial = 0; trial < 20; trial++) {
      const a = Math.floor(rand() * 2 ** n), b = Math.floor(rand() * 2 ** n);
      const register = (name: string, v: number) => range(n).map((i): [string, number] => [`${name}${i}`, (v >> i) & 1]);
      const input = Object.fromEntries([...register("a", a), ...register("b", b), ...register("c", 0)]);
      const expected = Object.fromEntries([...register("a", a), ...register("b", b), ...register("c", fieldProduct(a, b, n, middle))]);
      assert.deepEqual(runClassically(qc, input), expected, `gf2^${n}_mult, a = ${a}, b = ${b}`);
    }
  }
});

test("fullReduce on tof_3, tof_4, barenco_tof_3: T-par's counts (15, 23, 16), and both checks pass", () => {
  const got = Object.fromEntries(["tof_3", "tof_4", "barenco_tof_3"].map((name) => {
    const row = circuitBench(benchmarkCircuit(name).circuit, 1);
    assert.equal(row.diagramCheck.equal, true, `${name}: ${row.diagramCheck.reason}`);
    assert.equal(row.extractedCheck.equal, true, `${name}: ${row.extractedCheck.reason}`);
    assert.equal(row.tExtracted, row.tAfter);
    assert.ok(row.tAfter <= row.tSpiderSimp && row.tSpiderSimp <= row.tBefore);
    return [name, row.tAfter];
  }));
  assert.deepEqual(got, { tof_3: 15, tof_4: 23, barenco_tof_3: 16 });
});

const benchZx = (args: string[], env: Record<string, string>) => runCliSync("bench", ["zx", ...args], env);

test("bench zx --circuits tof_3 --repeats 1: a line for the circuit, a summary line, the same in results/local/ of HQNN_RESULTS_DIR (RECORD=1: bench-zx.json)", () => {
  const dir = fs.mkdtempSync(join(tmpdir(), "bench-zx-"));
  const repoLocalBefore = localFiles("bench-zx-");
  const r = benchZx(["--circuits", "tof_3", "--repeats", "1"], { HQNN_RESULTS_DIR: dir, RECORD: "" });
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
  assert.equal(lines.length, 2);
  const [row, summary] = lines;
  assert.deepEqual(Object.keys(row), [
    "circuit", "origin", "qubits", "t_before", "t_spider_simp", "t_full_reduce", "t_pyzx", "non_clifford_before", "non_clifford_full_reduce",
    "non_clifford_pyzx", "t_tpar", "two_qubit_before", "two_qubit_extracted",
    "t_extracted", "diagram_check", "extracted_check", "reduce_seconds", "reduce_seconds_runs", "published",
  ]);
  assert.equal(row.circuit, "tof_3");
  assert.equal(row.qubits, 5);
  assert.equal(row.t_before, 21);
  assert.equal(row.t_full_reduce, 15);
  assert.equal(row.t_tpar, 15);
  assert.equal(row.t_pyzx, 15);
  assert.equal(row.origin, "generated");
  assert.ok(row.t_spider_simp >= row.t_full_reduce && row.t_spider_simp <= row.t_before);
  assert.equal(row.two_qubit_before, 18);
  assert.ok(row.two_qubit_extracted > 0);
  assert.deepEqual(row.diagram_check, { equal: true, method: "dense-unitary" });
  assert.deepEqual(row.extracted_check, { equal: true, method: "dense-unitary" });
  assert.equal(row.reduce_seconds_runs.length, 1);
  assert.deepEqual([row.published.tpar.t_before, row.published.tpar.t_after], [21, 15]);
  assert.match(row.published.tpar.source, /tof_3_tpar\.qc/);
  assert.equal(row.published.pyzx.t_before, 21);
  assert.match(row.published.pyzx.source, /T-count Benchmark\.ipynb.*row tof_3$/);
  assert.equal(summary.circuits, 1);
  const matched = { circuits: 1, t_full_reduce: 15, t_published: 15, at_most_published: 1, above_published: [] };
  assert.deepEqual(summary.versus_tpar, matched);
  assert.deepEqual(summary.versus_pyzx, matched);
  assert.deepEqual(summary.diagram_checks, { equal: 1, unequal: 0, undecided: 0 });

  const written = fs.readdirSync(join(dir, "local"));
  assert.equal(written.length, 1);
  assert.match(written[0], /^bench-zx-.*\.json$/);
  assert.ok(!fs.existsSync(join(dir, "bench-zx.json")));
  const file = JSON.parse(fs.readFileSync(join(dir, "local", written[0]), "utf8"));
  assert.equal(file.experiment, "bench-zx");
  assert.equal(file.repeats, 1);
  assert.deepEqual(file.circuits, [row]);
  assert.deepEqual(file.summary, summary);
  assert.equal(file.provenance.profile, "quick");

  // RECORD=1: the recorded file instead (here under the temporary HQNN_RESULTS_DIR), nothing new in local/.
  const recorded = benchZx(["--circuits", "barenco_tof_3", "--repeats", "1"], { HQNN_RESULTS_DIR: dir, RECORD: "1" });
  assert.equal(recorded.code, 0, recorded.stderr);
  assert.equal(JSON.parse(fs.readFileSync(join(dir, "bench-zx.json"), "utf8")).circuits[0].t_full_reduce, 16);
  assert.deepEqual(fs.readdirSync(join(dir, "local")), written);
  assert.deepEqual(localFiles("bench-zx-"), repoLocalBefore);
  fs.rmSync(dir, { recursive: true });
});

test("bench zx refuses an unknown circuit with one line and exit code 2", () => {
  const r = benchZx(["--circuits", "tof_3,mod5_5"], { HQNN_RESULTS_DIR: join(tmpdir(), "bench-zx-unused") });
  assert.equal(r.code, 2);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /^bench: --circuits: unknown circuit "mod5_5" \(expected tof_N, [^\n]*, or a file of zx-benchmarks\/ \([^\n]*mod5_4[^\n]*\)\n$/);
});
