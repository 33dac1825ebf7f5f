import { test } from "node:test";
import { blobs } from "./blobs";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { initBackend } from "../../lib/nn/backend";
import { buildParallelModel } from "../../lib/nn/models";
import { chosenEpoch, EpochRecord, stoppedEarlyAt, trainModel } from "../../lib/nn/train";
import { json } from "../../lib/results/schema";


const epoch = (e: number, val: number, test: number): EpochRecord =>
  ({ epoch: e, train_loss: 0, train_acc: 0, test_loss: 0, test_acc: test, val_loss: 0, val_acc: val, seconds: 0, images_per_s: 0 });

test("with a validation set, patience and the chosen epoch follow validation accuracy only", () => {
  const h = [epoch(1, 0.5, 0.9), epoch(2, 0.7, 0.1), epoch(3, 0.6, 0.95), epoch(4, 0.7, 0.99), epoch(5, 0.6, 1)];
  assert.equal(stoppedEarlyAt(h, 3, "val_acc"), 5, "the best validation accuracy (epoch 2, ties keep the earliest) is 3 epochs old at epoch 5");
  assert.equal(stoppedEarlyAt(h, 3, "test_acc"), undefined, "test accuracy kept improving");
  assert.equal(chosenEpoch(h).epoch, 2);
  assert.throws(() => chosenEpoch([{ ...h[0], val_acc: undefined }]), /validation/);
});

/** Trains the toy model with a validation set and the given test labels; the history, weights and result file. */
async function run(testLabels: Uint8Array, interruptAfter?: number) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "hqnn-selection-"));
  const model = buildParallelModel({ inputShape: [8, 8, 1], convChannels: [4], classes: 2, n: 4, seed: 3 }, "dense");
  const test = { ...blobs(64, 2), labels: testLabels };
  const train = (maxEpochsThisRun?: number) => trainModel({
    experiment: "toy-selection", model, train: blobs(256, 1), val: blobs(64, 3), test, backend: "wasm", describe: {},
    config: { epochs: 6, patience: 2, batchSize: 16, learningRate: 0.01, seed: 1, classes: 2, logEvery: 0, schedule: "cosine", weightDecay: 0.01 },
    checkpointDir: path.join(root, "ck"), resultsDir: root, resultFormat: json, log: () => undefined, maxEpochsThisRun,
  });
  if (interruptAfter !== undefined) await train(interruptAfter);
  const r = await train();
  const file = JSON.parse(fs.readFileSync(path.join(root, "toy-selection.json"), "utf8"));
  const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
  fs.rmSync(root, { recursive: true, force: true });
  return { r, file, weights };
}

test("the test labels decide nothing: other test labels, the same training, validation curve, stop and chosen epoch", async () => {
  await initBackend("wasm");
  const labels = blobs(64, 2).labels;
  const a = await run(labels), b = await run(labels.map((l) => 1 - l));
  const decided = (h: EpochRecord[]) => h.map(({ train_loss, train_acc, val_loss, val_acc, lr }) => ({ train_loss, train_acc, val_loss, val_acc, lr }));
  assert.ok(Math.max(...a.r.epochs.map((e) => e.val_acc!)) > 0.9, "the toy model learns, so the selection has something to choose");
  assert.deepEqual(decided(b.r.epochs), decided(a.r.epochs));
  assert.deepEqual(b.weights, a.weights);
  assert.deepEqual(b.file.selection.chosen_epoch, a.file.selection.chosen_epoch);
  assert.ok(a.r.epochs.every((e, i) => Math.abs(e.test_acc + b.r.epochs[i].test_acc - 1) < 1e-9), "the test column is what changed");
  assert.equal(a.file.selection.test_acc, a.r.epochs[a.file.selection.chosen_epoch - 1].test_acc);
  assert.equal(a.file.test_predictions.epoch, a.file.selection.chosen_epoch, "the recorded predictions are the chosen epoch's");
  assert.ok(a.r.epochs[1].lr! < a.r.epochs[0].lr!, "the cosine schedule lowers the rate");
});

test("a run with a validation set resumed after an interruption ends as an uninterrupted one: curves, schedule, selection, predictions", async () => {
  await initBackend("wasm");
  const labels = blobs(64, 2).labels;
  const whole = await run(labels), resumed = await run(labels, 3);
  const chosen = whole.file.selection.chosen_epoch;
  assert.ok(chosen <= 3 && whole.r.epochs.length > 3, `chosen epoch ${chosen} of ${whole.r.epochs.length}: its predictions must outlive the interruption`);
  const curves = (h: EpochRecord[]) => h.map(({ seconds: _s, images_per_s: _i, ...rest }) => rest);
  assert.deepEqual(curves(resumed.r.epochs), curves(whole.r.epochs));
  assert.deepEqual(resumed.weights, whole.weights);
  assert.deepEqual(resumed.file.selection, whole.file.selection);
  assert.deepEqual(resumed.file.test_predictions, whole.file.test_predictions);
});
