import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  angleToPhase, benchmarkCircuit, benchmarkSuite, DEFAULT_BENCHMARK_CIRCUITS, gateCounts, loadBenchmark, publishedFor, PYZX_PUBLISHED, storedBenchmarkNames,
  tparHeader, verifyCircuits, type ZXCircuit,
} from "../../lib/zx";

test("the suite: the generated circuits, then the stored originals, each followed by its stored T-par version", () => {
  const suite = benchmarkSuite();
  const stored = storedBenchmarkNames();
  assert.deepEqual([...suite].sort(), [...DEFAULT_BENCHMARK_CIRCUITS, ...stored].sort());
  assert.deepEqual(suite.slice(0, 2), ["tof_3", "tof_3_tpar"]);
  for (const name of suite.filter((n) => !n.endsWith("_tpar"))) {
    if (stored.includes(`${name}_tpar`)) assert.equal(suite[suite.indexOf(name) + 1], `${name}_tpar`, name);
  }
  for (const name of Object.keys(PYZX_PUBLISHED)) assert.ok(suite.includes(name), `${name}: published but not in the suite`);
});

/** Rotations by an angle that is not a multiple of π/2: PyZX's T-count of a circuit (published-tcounts.ts). */
const nonCliffordRotations = (c: ZXCircuit) => c.ops.flatMap((op) => op.params ?? []).filter((a) => !angleToPhase(a).isClifford()).length;

test("every stored file parses, with the qubits and T-count its T-par header and PyZX's notebook give (T-par ran on another grover_5)", () => {
  const otherOriginal: string[] = [];
  const finerRotations: string[] = [];
  for (const name of storedBenchmarkNames()) {
    const { circuit } = loadBenchmark(name).parsed;
    const t = gateCounts(circuit).tCount;
    if (t !== nonCliffordRotations(circuit)) finerRotations.push(name);
    if (name.endsWith("_tpar")) {
      const header = tparHeader(fs.readFileSync(join(__dirname, "..", "..", "data", "zx-benchmarks", `${name}.qc`), "utf8"));
      assert.deepEqual([circuit.wires, t], [header.optimised.qubits, header.optimised.t], name);
      continue;
    }
    const { pyzx, tpar } = publishedFor(name);
    assert.ok(pyzx, `${name}: no PyZX figure`);
    assert.deepEqual([circuit.wires, nonCliffordRotations(circuit)], [pyzx.qubits, pyzx.tBefore], `${name} against PyZX's notebook`);
    if (tpar && (circuit.wires !== tpar.original.qubits || t !== tpar.original.t)) otherOriginal.push(name);
  }
  assert.deepEqual(otherOriginal, ["grover_5"]);
  assert.deepEqual(finerRotations, ["QFT16", "QFT8"]);
});

test("small stored files are the circuits they claim: T-par's output equals the original (exact up to 6 wires, product states at 10)", () => {
  const pairs: [string, ReturnType<typeof loadBenchmark>["parsed"]][] = [
    ["barenco_tof_3", benchmarkCircuit("barenco_tof_3")],
    ["mod5_4", loadBenchmark("mod5_4").parsed],
    ["vbe_adder_3", loadBenchmark("vbe_adder_3").parsed],
  ];
  for (const [name, original] of pairs) {
    const verdict = verifyCircuits(original.circuit, loadBenchmark(`${name}_tpar`).parsed.circuit);
    assert.equal(verdict.equal, true, `${name}: ${verdict.reason}`);
  }
});

test("tparHeader reads both sections and names what is missing", () => {
  const section = (title: string, t: number) => [`# ${title}`, "#   qubits: 3", "#   H: 2", "#   cnot: 7", "#   T: " + t, "#   tdepth (by partitions): 3"];
  const text = [...section("Original circuit", 7), ...section("Optimized circuit", 4), "#   Time: 0.000 s", ".v a b c"].join("\n");
  assert.deepEqual(tparHeader(text), { original: { qubits: 3, h: 2, cnot: 7, t: 7 }, optimised: { qubits: 3, h: 2, cnot: 7, t: 4 } });
  assert.throws(() => tparHeader(".v a\nBEGIN\nEND\n"), /^Error: T-par header: no "# Original circuit" line$/);
  assert.throws(() => tparHeader(section("Original circuit", 7).filter((l) => !l.includes("T:")).join("\n")), /no "T:" under "# Original circuit"/);
});

test("loadBenchmark: an unknown name lists the accepted ones; a broken stored file is named with the parser's line", () => {
  const dir = fs.mkdtempSync(join(tmpdir(), "zx-benchmarks-"));
  fs.writeFileSync(join(dir, "broken.qc"), ".v a\nBEGIN\nfoo a\nEND\n");
  fs.writeFileSync(join(dir, "quip.quipper"), 'Inputs: 0:Qbit\nQGate["foo"](0)\nOutputs: 0:Qbit\n');
  fs.writeFileSync(join(dir, "notes.txt"), "not a circuit\n");
  assert.throws(() => loadBenchmark("nope", dir), /^Error: unknown benchmark circuit "nope" \(expected tof_N, .*, or a file of zx-benchmarks-\w+\/ \(broken, quip\)\)$/);
  assert.throws(() => loadBenchmark("broken", dir), /^Error: zx-benchmarks-\w+\/broken\.qc: line 3: unsupported gate "foo"$/);
  assert.throws(() => loadBenchmark("quip", dir), /^Error: zx-benchmarks-\w+\/quip\.quipper: line 2: unsupported gate "foo"$/);
  assert.equal(loadBenchmark("tof_3", dir).origin, "generated");
  fs.rmSync(dir, { recursive: true });
});
