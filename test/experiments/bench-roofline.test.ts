import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";

const ROOT = join(__dirname, "..", "..");
const RESULTS = join(ROOT, "results");
const LOCAL = join(RESULTS, "local");

/** Every file under results/ except the git-ignored local/ and quick/ folders, with its SHA-256. */
function recordedEvidence(): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) { if (p !== LOCAL && p !== join(RESULTS, "quick")) walk(p); }
      else out[relative(RESULTS, p)] = createHash("sha256").update(fs.readFileSync(p)).digest("hex");
    }
  };
  walk(RESULTS);
  return out;
}

const localFiles = () => (fs.existsSync(LOCAL) ? fs.readdirSync(LOCAL) : []);

test("bench train --roofline at a tiny size prints one well-formed JSON line and writes only results/local/", () => {
  const before = recordedEvidence(), localBefore = new Set(localFiles());
  const r = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "cli", "bench.ts"), "train", "--roofline",
    "--batch", "2", "--batches", "1", "--warmup", "1", "--models", "hqnn", "--datasets", "mnist"],
  { cwd: ROOT, encoding: "utf8", env: { ...process.env, HQNN_BACKEND: "wasm", HQNN_TORCH_PYTHON: "/nonexistent/python3", RECORD: "" } });
  assert.equal(r.status, 0, r.stderr);
  const fresh = localFiles().filter((f) => !localBefore.has(f));
  try {
    assert.deepEqual(recordedEvidence(), before);
    assert.equal(fresh.length, 1, `one new local file: ${fresh}`);
    assert.match(fresh[0], /^bench-roofline-/);
    const lines = r.stdout.trim().split("\n");
    assert.equal(lines.length, 1);
    const out = JSON.parse(lines[0]);
    assert.deepEqual(JSON.parse(fs.readFileSync(join(LOCAL, fresh[0]), "utf8")), out);
    assert.ok(out.peak.wasm_simd_gflops > 0);
    assert.equal(out.peak.native.gflops, null, "no native figure without Python");
    assert.equal(out.models.length, 1);
    const m = out.models[0];
    assert.deepEqual([m.dataset, m.head], ["mnist", "quantum"]);
    assert.equal(m.flops, m.phases.reduce((s: number, p: { flops: number }) => s + p.flops, 0));
    const ms = m.phases.reduce((s: number, p: { ms: number }) => s + p.ms, 0);
    assert.ok(Math.abs(ms - m.profiled_step_ms) < 0.01 * m.phases.length, `one profiled step's phases add up to it: ${ms} vs ${m.profiled_step_ms}`);
    for (const p of m.phases) {
      assert.ok(Number.isFinite(p.ms) && Number.isInteger(p.flops) && p.flops >= 0, JSON.stringify(p));
      assert.ok(["tf.profile", "isolated", "remainder"].includes(p.timing), p.timing);
    }
    for (const phase of ["conv2 input grad", "conv2 filter grad", "quantum forward", "quantum backward", "adam", "outside kernels"]) {
      assert.ok(m.phases.some((p: { phase: string }) => p.phase === phase), `${phase} is a row`);
    }
    assert.match(r.stderr, /conv2 filter grad/);
  } finally {
    for (const f of fresh) fs.rmSync(join(LOCAL, f));
  }
});
