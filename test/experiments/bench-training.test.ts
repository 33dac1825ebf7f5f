import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { runCliSync } from "../run-cli";
import { LOCAL, localFiles as localEvidenceFiles, recordedEvidence } from "../recorded-evidence";

const TINY = ["train", "--batch", "8", "--batches", "1", "--warmup", "1", "--rounds", "1", "--models", "hqnn", "--datasets", "mnist"];

const localFiles = () => localEvidenceFiles("bench-training-");

const benchTrain = (env: Record<string, string>) => runCliSync("bench", TINY, { HQNN_BACKEND: "wasm", ...env });

test("bench train without the PyTorch reference stops before measuring, names the package, exits non-zero and writes nothing", () => {
  const before = recordedEvidence(), localBefore = localFiles();
  const r = benchTrain({ HQNN_TORCH_PYTHON: "/nonexistent/python3", RECORD: "1" });
  assert.notEqual(r.code, 0);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /python3-torch/);
  assert.equal(r.stderr.trim().split("\n").length, 1, `one line, no stack trace: ${r.stderr}`);
  assert.deepEqual(recordedEvidence(), before);
  assert.deepEqual(localFiles(), localBefore);
});

const hasTorch = spawnSync("/usr/bin/python3", ["-c", "import torch"]).status === 0;

test("bench train without RECORD=1 leaves results/ untouched and writes its measurement under results/local/", { skip: hasTorch ? false : "Debian's python3-torch is not installed (make bench installs it)" }, () => {
  const before = recordedEvidence(), localBefore = new Set(localFiles());
  const r = benchTrain({ RECORD: "" });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(recordedEvidence(), before);
  const fresh = localFiles().filter((f) => !localBefore.has(f));
  assert.equal(fresh.length, 1, `one new local file: ${fresh}`);
  const written = JSON.parse(fs.readFileSync(join(LOCAL, fresh[0]), "utf8"));
  assert.ok(written.summary.ratio > 0 && written.summary.torch_train_images_per_s > 0);
  assert.deepEqual(Object.keys(written.cases), Object.keys(written.summary.ratios));
  assert.ok(Object.keys(written.cases).every((id) => id.startsWith("hqnn-mnist-")), Object.keys(written.cases).join());
  for (const c of Object.values(written.cases) as { per_round: { torch: number; torch_format: string; torch_by_format: Record<string, number> }[] }[]) {
    for (const m of c.per_round) {
      assert.deepEqual(Object.keys(m.torch_by_format).sort(), ["channels_last", "contiguous"], "both memory formats measured every round");
      assert.equal(m.torch, Math.max(...Object.values(m.torch_by_format)), "the reference's rate is its faster format's");
      assert.equal(m.torch_by_format[m.torch_format], m.torch);
    }
  }
  const peak = written.peak.wasm_simd_gflops;
  assert.ok(peak > 0 && (written.peak.wasm_relaxed_fma_gflops === null || written.peak.wasm_relaxed_fma_gflops > 0));
  for (const c of Object.values(written.cases) as Record<string, any>[]) {
    const near = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 0.01 * Math.abs(b) + 0.01, `${what}: ${a} vs ${b}`);
    near(c.torch_gflops, (c.torch_images_per_s * c.flops_per_image) / 1e9, "PyTorch's GFLOP/s are its rate times the step's FLOPs per image");
    near(c.ours_gflops, (c.ours_images_per_s * c.flops_per_image) / 1e9, "our GFLOP/s likewise");
    near(c.ceiling_ratio.wasm_simd, (c.threads * peak) / c.torch_gflops, "the ceiling is the peak over PyTorch's GFLOP/s");
  }
  assert.match(r.stderr, /wrote results\/local\/bench-training-/);
  fs.rmSync(join(LOCAL, fresh[0]));
});
