import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";

const ROOT = join(__dirname, "..", "..");
const bench = (args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "cli", "bench.ts"), ...args], { cwd: ROOT, encoding: "utf8" });

test("bench engine prints one JSON line with the throughput fields (tiny settings)", () => {
  const r = bench(["engine", "--batch", "40", "--repeats", "1", "--min-seconds", "0.01"]);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split("\n");
  assert.equal(lines.length, 1);
  const out = JSON.parse(lines[0]);
  assert.equal(out.n_wires, 5);
  assert.equal(out.batch, 40);
  for (const key of ["forward_per_s", "vjp_per_s", "parameter_shift_per_s", "backprop_per_s"]) {
    assert.ok(Number.isFinite(out[key]) && out[key] > 0, key);
  }
  assert.match(out.node, /^v\d+/);
});

test("bench exits 2 on an unknown subcommand or option", () => {
  for (const args of [[], ["frobnicate"], ["engine", "--batches", "3"], ["engine", "--batch", "-1"]]) {
    const r = bench(args);
    assert.equal(r.status, 2, args.join(" "));
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /^bench: /);
  }
});
