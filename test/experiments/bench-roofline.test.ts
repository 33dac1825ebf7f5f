import assert from "node:assert/strict";
import * as fs from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { runCliSync } from "../run-cli";
import { LOCAL, localFiles as localEvidenceFiles, recordedEvidence } from "../recorded-evidence";

const localFiles = () => localEvidenceFiles("bench-roofline-");

test("bench train --roofline at a tiny size prints one well-formed JSON line and writes only results/local/", () => {
  const before = recordedEvidence(), localBefore = new Set(localFiles());
  const r = runCliSync("bench", ["train", "--roofline", "--batch", "2", "--batches", "1", "--warmup", "1", "--models", "hqnn", "--datasets", "mnist"],
    { HQNN_BACKEND: "wasm", HQNN_TORCH_PYTHON: "/nonexistent/python3", RECORD: "" });
  assert.equal(r.code, 0, r.stderr);
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
    assert.equal(out.peak.native_conv.gflops, null, "nor a native convolution");
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
