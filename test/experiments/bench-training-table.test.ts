import assert from "node:assert/strict";
import * as fs from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { recordedScheduleBench, recordedTrainingBench, renderScheduleTable, renderTrainingTable, SCHEDULE_TABLE, TRAINING_TABLE } from "../../experiments/bench-training-table";
import { withGeneratedBlock } from "../../lib/io/generated-block";

test("the README's training-speed table is what scripts/bench-tables.ts renders from results/", () => {
  const readme = fs.readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");
  assert.equal(withGeneratedBlock(readme, TRAINING_TABLE, renderTrainingTable(recordedTrainingBench())), readme, "run node --import tsx scripts/bench-tables.ts");
});

test("renderTrainingTable: one row per case with both rates, the memory format and the ratio's median and range; says why when there is no table", () => {
  assert.match(renderTrainingTable(undefined), /^The training-speed table is not recorded yet/);
  assert.match(renderTrainingTable({ provenance: { git_commit: "abc" } } as never), /^The recorded `results\/bench-training.json` \(commit abc\) predates/);
  const table = renderTrainingTable({
    backend: "wasm", load_average: { before: [0.1, 0.2, 0.3] },
    provenance: { git_commit: "abc1234", git_dirty: false, started_at: "2020-01-01T00:00:00Z" },
    reference: { script: "bench/torch_reference.py --quantum vectorised", torch: "1.13", how: "vectorised" },
    summary: { cores: 2, note: "medians over 5 rounds", min_ratio: 0.61 },
    cases: {
      "hqnn-mnist-1t": { model: "hqnn", dataset: "mnist", threads: 1, torch_format: "channels_last", ours_images_per_s: 1234, torch_images_per_s: 1000, ratio: { median: 1.234, min: 1.1, max: 1.3 } },
      "cnn-cifar10-2t": { model: "cnn", dataset: "cifar10", threads: 2, torch_format: "contiguous", ours_images_per_s: 610, torch_images_per_s: 1000, ratio: { median: 0.61, min: 0.5, max: 0.7 } },
    },
  } as never);
  assert.match(table, /^From `results\/bench-training.json` \(commit abc1234, started 2020-01-01T00:00:00Z, 2 cores, load average before 0.10, 0.20, 0.30/);
  const rows = table.split("\n").filter((l) => l.startsWith("| ")).slice(2);
  assert.deepEqual(rows, [
    "| HQNN-Parallel | MNIST 28x28x1 | 1 | 1,234 | 1,000 (channels-last) | **1.23** (1.10-1.30) |",
    "| CNN | CIFAR-10 32x32x3 | 2 | 610 | 1,000 (contiguous) | **0.61** (0.50-0.70) |",
  ]);
  assert.match(table, /Smallest median ratio: \*\*0.61\*\*/);
});

test("renderTrainingTable: with the run's peaks, both rates in GFLOP/s and the ratio's ceilings, and what a ceiling means", () => {
  const table = renderTrainingTable({
    backend: "wasm", load_average: { before: [0.1, 0.2, 0.3] },
    provenance: { git_commit: "abc1234", git_dirty: false, started_at: "2020-01-01T00:00:00Z" },
    reference: { script: "bench/torch_reference.py --quantum vectorised", torch: "1.13", how: "vectorised" },
    summary: { cores: 2, note: "medians over 5 rounds", min_ratio: 0.4 },
    peak: { wasm_simd_gflops: 36, wasm_relaxed_fma_gflops: 57, how: "chains" },
    cases: {
      "cnn-cifar10-1t": {
        model: "cnn", dataset: "cifar10", threads: 1, torch_format: "channels_last", ours_images_per_s: 400, torch_images_per_s: 1000,
        ratio: { median: 0.4, min: 0.3, max: 0.5 }, flops_per_image: 45e6, ours_gflops: 18, torch_gflops: 45, ceiling_ratio: { wasm_simd: 0.8, wasm_relaxed_fma: 1.267 },
      },
    },
  } as never);
  const rows = table.split("\n").filter((l) => l.startsWith("| "));
  assert.match(rows[0], /GFLOP\/s, ours \/ PyTorch \| ceiling of the ratio at the wasm peak \/ with FMA \|$/);
  assert.equal(rows[2], "| CNN | CIFAR-10 32x32x3 | 1 | 400 | 1,000 (channels-last) | **0.40** (0.30-0.50) | 18.0 / 45.0 | 0.80 / 1.27 |");
  assert.match(table, /single-thread wasm peak \(36 GFLOP\/s; 57 with relaxed-SIMD's fused multiply-add\)/);
});

test("the README's scheduling table is what scripts/bench-tables.ts renders from results/", () => {
  const readme = fs.readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");
  assert.equal(withGeneratedBlock(readme, SCHEDULE_TABLE, renderScheduleTable(recordedScheduleBench())), readme, "run node --import tsx scripts/bench-tables.ts");
});

test("renderScheduleTable: one row per case with both ways and their ratio, the seed study's projection; says why when there is none", () => {
  assert.match(renderScheduleTable(undefined), /^The scheduling comparison is not recorded yet/);
  const table = renderScheduleTable({
    cores: 2, rounds: 3, batches: 200, how: "started together",
    provenance: { git_commit: "abc1234", started_at: "2020-01-01T00:00:00Z" },
    cases: { "hqnn-mnist": { model: "hqnn", dataset: "mnist", one_run_all_cores: 1500, runs_per_core: 1800, speedup: { median: 1.2, min: 1.1, max: 1.3 } } },
    seed_study: { runs: 25, epochs: 150, images: 9000000, hours_one_run_all_cores: 1.667, hours_runs_per_core: 1.389, note: "training steps only" },
  } as never);
  const rows = table.split("\n").filter((l) => l.startsWith("| "));
  assert.equal(rows[2], "| HQNN-Parallel | MNIST 28x28x1 | 1,500 | 1,800 | **1.20** (1.10-1.30) |");
  assert.match(table, /25 runs, 150 epochs, 9,000,000 training images\) projects to 1\.7 h .* and 1\.4 h with one 1-thread run per core/);
});
