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
  assert.deepEqual(Object.keys(out), ["before", "after", "tensor_equal"]);
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

test("invalid input exits with code 2 and a message on stderr", () => {
  const bad = specFile("bad.json", { wires: 2, ops: [{ gate: "CNOT", wires: [0, 5] }] });
  for (const args of [["reduce", bad], ["reduce", join(dir, "missing.json")], ["reduce"], ["reduce", bad, "--nope"], ["frobnicate"]]) {
    const r = run(...args);
    assert.equal(r.status, 2, args.join(" "));
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /^zx: /);
  }
  writeFileSync(join(dir, "notjson.json"), "{");
  assert.equal(run("reduce", join(dir, "notjson.json")).status, 2);
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
