import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hqnnParallelBranch, randomCliffordT } from "../../lib/zx";

const dir = mkdtempSync(join(tmpdir(), "zx-cli-"));
function run(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "cli/zx.ts", ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
function specFile(name: string, spec: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(spec));
  return path;
}

test("reduce prints one JSON object with sizes, T-counts and the tensor check", () => {
  const path = specFile("ct.json", { ...randomCliffordT(3, 40, 1), observables: [{ pauli: "Z", wire: 0 }] });
  const r = run("reduce", path);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(out), ["before", "after", "tensor_equal", "tensor_check"]);
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
  for (const text of ["zx -- reduce [flags] SPEC.json", "--symbolic", "zx -- tcount-bench [flags]", "--seed N", "(default: 1)", "--per-size N", "(default: 10)", "npm run --silent zx -- reduce spec.json"]) {
    assert.ok(all.stdout.includes(text), text);
  }
  assert.ok(reduce.stdout.includes("--symbolic") && !reduce.stdout.includes("--per-size"));
  const r = run("tcount-bench", "--per-size", "0");
  assert.equal(r.status, 2);
  assert.equal(r.stderr, 'zx: --per-size expects an integer >= 1, got "0" (try zx tcount-bench --help)\n');
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
