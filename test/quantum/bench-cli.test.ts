import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";

const ROOT = join(__dirname, "..", "..");
const bench = (args: string[]) => new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
  const child = execFile(process.execPath, ["--import", "tsx", join(ROOT, "cli", "bench.ts"), ...args], { cwd: ROOT }, (_, stdout, stderr) => {
    resolve({ status: child.exitCode, stdout, stderr });
  });
});

test("bench engine prints one JSON line with the throughput fields (tiny settings)", async () => {
  const r = await bench(["engine", "--batch", "40", "--repeats", "1", "--min-seconds", "0.01"]);
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

test("bench exits 2 with one line on stderr on an unknown subcommand, an unknown flag or a bad value", async () => {
  const cases: [string[], RegExp][] = [
    [[], /expected a subcommand: engine, train, all/],
    [["frobnicate"], /got "frobnicate"/],
    [["engine", "--batches", "3"], /unknown flag --batches \(try bench engine --help\)/],
    [["engine", "--batch", "-1"], /--batch expects an integer >= 1, got "-1"/],
    [["train", "--rounds", "abc"], /--rounds expects an integer >= 1, got "abc"/],
  ];
  const results = await Promise.all(cases.map(([args]) => bench(args)));
  results.forEach((r, i) => {
    assert.equal(r.status, 2, cases[i][0].join(" "));
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /^bench: [^\n]*\n$/);
    assert.match(r.stderr, cases[i][1]);
  });
});

test("bench --help lists every subcommand and flag with its default; after a subcommand, that subcommand's", async () => {
  const [all, train] = await Promise.all([bench(["--help"]), bench(["train", "-h"])]);
  for (const r of [all, train]) {
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, "");
  }
  for (const text of [
    "bench -- engine [flags]", "bench -- train [flags]", "bench -- all [flags]", "--batch N", "(default: 1024)", "--repeats N",
    "--min-seconds X", "(default: 0.2)", "--batches N", "(default: 200)", "--warmup N", "--rounds N", "npm run --silent bench -- engine --batch",
  ]) assert.ok(all.stdout.includes(text), text);
  assert.ok(train.stdout.includes("--warmup N") && !train.stdout.includes("--min-seconds"));
});
