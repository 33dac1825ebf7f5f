import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { summarizeSeeds } from "../../experiments/seeds";
import { encodePredictions } from "../../lib/nn/train";
import { SeedModel, seedRunId, writeResult } from "../../lib/results";
import { recordedWith } from "../results/fixtures";

/** A complete seed run in the shape lib/nn/train.ts writes: final accuracy `acc`, predictions right where `right`. */
function run(dir: string, id: SeedModel, seed: number, acc: number, right: boolean[], labels: Uint8Array) {
  const predictions = Uint8Array.from(labels, (l, i) => (right[i] ? l : (l + 1) % 10));
  const epoch = (e: number, trainLoss: number, testLoss: number, testAcc: number) =>
    ({ epoch: e, train_loss: trainLoss, train_acc: 0.9, test_loss: testLoss, test_acc: testAcc, seconds: 1, images_per_s: 1 });
  writeResult(seedRunId(id, seed), recordedWith("seeds/hqnn-parallel-mnist-s1", {
    status: "complete", params: 100,
    epochs: [epoch(1, 1, 1, acc - 0.01), epoch(2, 0.5, 0.6, acc)],
    test_predictions: { epoch: 2, encoding: "base36-char-per-example", data: encodePredictions(predictions) },
  }), dir);
}

test("the seed summary aggregates complete runs, compares each model with HQNN-Parallel, and pairs predictions by seed", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hqnn-seeds-"));
  const labels = Uint8Array.from({ length: 40 }, (_, i) => i % 10);
  const all = Array.from(labels, () => true), pattern = (k: number) => Array.from(labels, (_, i) => i >= k);
  run(dir, "hqnn-parallel-mnist", 1, 0.99, Array.from(all), labels);
  run(dir, "hqnn-parallel-mnist", 2, 0.98, Array.from(all), labels);
  run(dir, "cnn-mnist", 1, 0.97, pattern(8), labels); // the CNN misses the first 8 images of seed 1
  run(dir, "cnn-mnist", 2, 0.96, pattern(2), labels);
  writeResult(seedRunId("cnn-mnist", 3), recordedWith("seeds/cnn-mnist-s3", { status: "running (1/6 epochs)" }), dir); // ignored: not complete
  const s = await summarizeSeeds(dir, labels);
  assert.deepEqual(s.models["cnn-mnist"].seeds, [1, 2]);
  assert.ok(Math.abs(s.models["hqnn-parallel-mnist"].final_test_acc.mean - 0.985) < 1e-12);
  assert.deepEqual(s.models["cnn-mnist"].curves.test_acc.mean.map((x) => Number(x.toFixed(4))), [0.955, 0.965]);
  const c = s.comparisons["cnn-mnist"];
  assert.ok(Math.abs(c.welch!.mean_diff - 0.02) < 1e-12);
  assert.deepEqual(c.mcnemar_per_seed.map((m) => [m.seed, m.only_a, m.only_b]), [[1, 8, 0], [2, 2, 0]]);
  assert.ok(Math.abs(c.mcnemar_per_seed[0].p - 2 / 256) < 1e-12); // two-sided binomial, 8 of 8 discordant pairs
  assert.equal(c.mcnemar_significant_seeds, 1);
  assert.ok(fs.existsSync(path.join(dir, "seeds-summary.json")));
});
