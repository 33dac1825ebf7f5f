import { test } from "node:test";
import assert from "node:assert/strict";
import { runCliSync } from "../run-cli";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateSpec } from "../../lib/quantum/spec";
import { gateCounts, hqnnParallelBranch, parseQasm, parseQc, randomCircuit, randomCliffordT, toQasm, verifyCircuits } from "../../lib/zx";

const dir = mkdtempSync(join(tmpdir(), "zx-cli-"));
function run(...args: string[]) {
  const r = runCliSync("zx", args);
  return { status: r.code, stdout: r.stdout, stderr: r.stderr };
}
function specFile(name: string, spec: unknown): string {
  return textFile(name, JSON.stringify(spec));
}
function textFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

test("reduce prints one JSON object with sizes, T-counts and the tensor check", () => {
  const path = specFile("ct.json", { ...randomCliffordT(3, 40, 1), observables: [{ pauli: "Z", wire: 0 }] });
  const r = run("reduce", path);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(out), ["before", "after", "tensor_equal", "tensor_check", "seconds"]);
  assert.ok(typeof out.seconds === "number" && out.seconds >= 0);
  assert.deepEqual(out.tensor_check, { method: "dense-unitary" });
  assert.deepEqual(Object.keys(out.after), ["vertices", "edges", "t_count", "parametrized_spiders", "max_params_per_spider"]);
  assert.equal(out.tensor_equal, true);
  assert.ok(out.after.t_count <= out.before.t_count);
  assert.equal(out.after.parametrized_spiders, 0);
});

test("reduce --symbolic: every parameter is a symbol; the HQNN branch keeps one per spider", () => {
  let k = 0;
  const branch = hqnnParallelBranch();
  const spec = { wires: 5, ops: branch.ops.map((op) => (op.params ? { ...op, params: op.params.map(() => 0.1 + 0.37 * k++) } : op)) };
  const path = specFile("branch.json", spec);
  const out = JSON.parse(run("reduce", path, "--symbolic").stdout);
  assert.equal(out.after.parametrized_spiders, 50);
  assert.equal(out.after.max_params_per_spider, 1);
  assert.equal(out.after.t_count, 0);
  assert.equal(out.tensor_equal, true);
});

test("reduce checks a 10-qubit Clifford+T circuit on random product states", () => {
  const r = run("reduce", specFile("ct10.json", randomCliffordT(10, 250, 1)));
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.tensor_equal, true);
  assert.deepEqual(out.tensor_check, { method: "product-states" });
});

test("invalid input exits with code 2 and one line on stderr", () => {
  const bad = specFile("bad.json", { wires: 2, ops: [{ gate: "CNOT", wires: [0, 5] }] });
  for (const args of [["reduce", bad], ["reduce", join(dir, "missing.json")], ["reduce"], ["reduce", bad, "--nope"], ["frobnicate"]]) {
    const r = run(...args);
    assert.equal(r.status, 2, args.join(" "));
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /^zx: [^\n]*\n$/);
  }
  assert.equal(run("reduce", bad, "--nope").stderr, "zx: unknown flag --nope (try zx reduce --help)\n");
  writeFileSync(join(dir, "notjson.json"), "{");
  assert.equal(run("reduce", join(dir, "notjson.json")).status, 2);
});

test("--help lists both subcommands with their flags and defaults; after a subcommand, that one's; bad values exit 2", () => {
  const all = run("--help"), reduce = run("reduce", "--help");
  for (const r of [all, reduce]) assert.equal(r.status, 0, r.stderr);
  const texts = [
    "zx -- reduce [flags] FILE", "--symbolic", "--format NAME", "auto, qasm, qc, quipper, json", "--extract OUT",
    "reduce circuit.qasm --extract reduced.qasm", "reduce tof_3.qc", "reduce circuit.txt --format qasm", "npm run --silent zx -- reduce spec.json",
    "zx -- tcount-bench [flags]", "--seed N", "(default: 1)", "--per-size N", "(default: 10)",
  ];
  for (const text of texts) {
    assert.ok(all.stdout.includes(text), text);
  }
  assert.ok(reduce.stdout.includes("--symbolic") && !reduce.stdout.includes("--per-size"));
  const r = run("tcount-bench", "--per-size", "0");
  assert.equal(r.status, 2);
  assert.equal(r.stderr, 'zx: --per-size expects an integer >= 1, got "0" (try zx tcount-bench --help)\n');
});

const TOF_3_QC = ".v a b c t y\n.i a b c y\nBEGIN\ntof a b t\ntof c t y\ntof a b t\nEND\n";

test("reduce reads .qc and .qasm files by their extension (or --format), notes on stderr", () => {
  const qc = run("reduce", textFile("tof_3.qc", TOF_3_QC));
  assert.equal(qc.status, 0, qc.stderr);
  const out = JSON.parse(qc.stdout);
  assert.deepEqual(Object.keys(out), ["before", "after", "tensor_equal", "tensor_check", "seconds"]);
  assert.deepEqual([out.before.t_count, out.after.t_count, out.tensor_equal], [21, 15, true]);
  assert.match(qc.stderr, /^zx: \S+tof_3\.qc: 1 of 5 wires are missing from ".i" or ".o"/);
  const qasm = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[3];\ncreg c[3];\nccx q[0],q[1],q[2];\nt q[2];\nmeasure q -> c;\n";
  const r = run("reduce", textFile("ccx.txt", qasm), "--format", "qasm");
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual([JSON.parse(r.stdout).before.t_count, JSON.parse(r.stdout).tensor_equal], [8, true]);
  assert.match(r.stderr, /ignored 1 "creg" statement \(first on line 4\)/);
});

const QUIPPER = 'Inputs: 0:Qbit, 1:Qbit, 2:Qbit\nQGate["not"](2) with controls=[+0,+1] with nocontrol\nQRot["exp(-i%Z)",0.1](1)\nOutputs: 0:Qbit, 1:Qbit, 2:Qbit\n';

test("reduce reads Quipper ASCII files: .quipper, .quip, no extension with a first line Inputs:, or --format quipper", () => {
  const files = [textFile("c.quipper", QUIPPER), textFile("c.quip", QUIPPER), textFile("QFT_before", QUIPPER)];
  for (const args of [...files.map((f) => [f]), [textFile("c.txt", QUIPPER), "--format", "quipper"]]) {
    const r = run("reduce", ...args);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual([out.before.t_count, out.tensor_equal], [7, true], args.join(" "));
  }
  const bad = run("reduce", textFile("bad.quip", QUIPPER.replace('"not"', '"foo"')));
  assert.deepEqual([bad.status, bad.stderr], [2, `zx: ${join(dir, "bad.quip")}: line 2: unsupported gate "foo"\n`]);
  const plain = textFile("notquipper", "OPENQASM 2.0;\n");
  assert.equal(run("reduce", plain).stderr, `zx: cannot tell the format of ${plain} from its extension (.qasm, .qc, .quipper, .quip, .json): use --format\n`);
});

test("--extract writes the reduced circuit (.qasm or .json) that parses back to the input", () => {
  const input = textFile("chain.qc", TOF_3_QC);
  const qasmOut = join(dir, "chain-reduced.qasm");
  const r = run("reduce", input, "--extract", qasmOut);
  assert.equal(r.status, 0, r.stderr);
  const { extracted, after } = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(extracted), ["file", "gates", "two_qubit", "t_count", "equal", "method"]);
  assert.deepEqual([extracted.file, extracted.equal, extracted.method, extracted.t_count], [qasmOut, true, "dense-unitary", after.t_count]);
  const original = parseQc(TOF_3_QC).circuit;
  const back = parseQasm(readFileSync(qasmOut, "utf8")).circuit;
  assert.deepEqual(verifyCircuits(original, back), { equal: true, method: "dense-unitary" });
  assert.deepEqual([gateCounts(back).gates, gateCounts(back).twoQubit], [extracted.gates, extracted.two_qubit]);

  const jsonOut = join(dir, "chain-reduced.json");
  assert.equal(run("reduce", input, "--extract", jsonOut).status, 0);
  const spec = validateSpec(JSON.parse(readFileSync(jsonOut, "utf8")));
  assert.equal(verifyCircuits(original, spec).equal, true);
});

test("--extract on 10 qubits is checked on random product states", () => {
  const c = randomCircuit(10, 120, 3, "quarter");
  const r = run("reduce", textFile("c10.qasm", toQasm(c)), "--extract", join(dir, "c10-reduced.qasm"));
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual([out.tensor_equal, out.extracted.equal, out.extracted.method], [true, true, "product-states"]);
});

test("a 36-qubit circuit reduces and extracts with no wire cap; the tensor check says why it was skipped, the extracted circuit is checked by reduction", () => {
  const c = randomCliffordT(36, 300, 1);
  const out36 = join(dir, "ct36-reduced.qasm");
  const r = run("reduce", textFile("ct36.qasm", toQasm(c)), "--extract", out36);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(out), ["before", "after", "tensor_equal", "tensor_check", "seconds", "extracted"]);
  assert.ok(out.after.t_count < out.before.t_count);
  assert.equal(out.tensor_equal, null);
  assert.deepEqual(out.tensor_check, { method: "product-states", reason: "36 wires: statevectors are simulated up to 20 wires" });
  assert.deepEqual([out.extracted.equal, out.extracted.method], [true, "zx-reduction"]);
  assert.match(r.stderr, /tensor check skipped: 36 wires/);
  const back = parseQasm(readFileSync(out36, "utf8")).circuit;
  assert.deepEqual([back.wires, gateCounts(back).gates, gateCounts(back).tCount], [36, out.extracted.gates, out.extracted.t_count]);
  const json = run("reduce", specFile("ct36.json", randomCliffordT(36, 60, 2)));
  assert.equal(json.status, 0, json.stderr);
  assert.equal(JSON.parse(json.stdout).tensor_equal, null);
});

test("bad circuit files and --extract misuse exit with code 2 and one line on stderr", () => {
  const good = textFile("good.qc", TOF_3_QC);
  const cases: [string[], string][] = [
    [["reduce", textFile("bad.qasm", "OPENQASM 2.0;\nqreg q[2];\ncu1(pi) q[0], q[1];\n")], `zx: ${join(dir, "bad.qasm")}: line 3: unsupported gate "cu1"\n`],
    [["reduce", textFile("circuit.txt", "")], `zx: cannot tell the format of ${join(dir, "circuit.txt")} from its extension (.qasm, .qc, .quipper, .quip, .json): use --format\n`],
    [["reduce", good, "--extract", join(dir, "out.svg")], `zx: --extract writes .qasm or .json files, got ${JSON.stringify(join(dir, "out.svg"))}\n`],
    [["reduce", good, "--extract", join(dir, "o.qasm"), "--symbolic"], "zx: --extract writes concrete circuits: it cannot be combined with --symbolic\n"],
  ];
  for (const [args, stderr] of cases) {
    const r = run(...args);
    assert.deepEqual([r.status, r.stdout, r.stderr], [2, "", stderr], args.join(" "));
  }
});

test("tcount-bench reports T-counts before/after and checks extraction", () => {
  const r = run("tcount-bench", "--per-size", "1");
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.summary.map((s: { qubits: number }) => s.qubits), [4, 6, 8]);
  for (const s of out.summary) {
    assert.equal(s.extraction_equal, true);
    assert.ok(s.t_after_mean <= s.t_before_mean);
  }
});
