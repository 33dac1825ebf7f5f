import { test } from "node:test";
import { blobs } from "./blobs";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { initBackend } from "../../lib/nn/backend";
import { buildParallelModel, countTrainableParams } from "../../lib/nn/models";
import { LockError } from "../../lib/io/lock";
import { CheckpointError, EpochRecord, stoppedEarlyAt, trainModel } from "../../lib/nn/train";
import { json } from "../../lib/results/schema";


const cfg = { inputShape: [8, 8, 1] as [number, number, number], convChannels: [4], classes: 2, n: 4, seed: 3 };
const trainCfg = { epochs: 3, batchSize: 16, learningRate: 0.01, seed: 1, classes: 2, logEvery: 0 };

/** Where a toy run keeps its checkpoint and result (a toy run's result is no experiment of the catalogue: any JSON). */
function tmpDirs() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "hqnn-train-"));
  return { checkpointDir: path.join(root, "ck"), resultsDir: path.join(root, "results"), resultFormat: json };
}

test("the classical model counts parameters the PyTorch way", async () => {
  await initBackend("wasm");
  const model = buildParallelModel(cfg, "dense");
  // conv 1->4 (5x5+bias) 104, BN 8, dense 64->4 260, BN 8, dense 4->4 20, dense 4->2 10
  assert.equal(countTrainableParams(model), 104 + 8 + 260 + 8 + 20 + 10);
});

test("training learns a separable toy problem and writes a result with provenance", async () => {
  await initBackend("wasm");
  const dirs = tmpDirs();
  const r = await trainModel({
    experiment: "toy", model: buildParallelModel(cfg, "dense"), train: blobs(256, 1), test: blobs(64, 2),
    config: { ...trainCfg, epochs: 8 }, describe: { model: "toy" }, backend: "wasm", ...dirs, log: () => {},
  });
  assert.equal(r.epochs.length, 8);
  assert.ok(r.epochs[7].test_acc > 0.9, `test accuracy ${r.epochs[7].test_acc}`);
  const saved = JSON.parse(fs.readFileSync(path.join(dirs.resultsDir, "toy.json"), "utf8"));
  assert.equal(saved.status, "complete");
  assert.ok(!("adamEpsilon" in saved.config), "the default epsilon (1e-7) stays out of the recorded config and the checkpoint hash");
  for (const k of ["command", "git_commit", "backend", "seeds", "node", "started_at", "wall_s", "profile"]) {
    assert.ok(k in saved.provenance, `provenance lacks ${k}`);
  }
});

test("an interrupted run resumes from its checkpoint and ends exactly where an uninterrupted one does", async () => {
  await initBackend("wasm");
  // Enough Adam steps (3 x 40) for tfjs's pow()-recomputed bias correction to differ from the running product.
  const data = { train: blobs(640, 4), test: blobs(32, 5) };
  const straight = await trainModel({
    experiment: "toy", model: buildParallelModel(cfg, "dense"), ...data, config: trainCfg,
    describe: {}, backend: "wasm", ...tmpDirs(), log: () => {},
  });
  const dirs = tmpDirs();
  const run = () => trainModel({
    experiment: "toy", model: buildParallelModel(cfg, "dense"), ...data, config: trainCfg,
    describe: {}, backend: "wasm", ...dirs, log: () => {}, maxEpochsThisRun: 1,
  });
  const first = await run();
  assert.equal(first.complete, false);
  await run();
  const last = await run();
  assert.equal(last.complete, true);
  assert.deepEqual(last.epochs.map((e) => e.test_loss), straight.epochs.map((e) => e.test_loss));
  assert.deepEqual(last.epochs.map((e) => e.train_loss), straight.epochs.map((e) => e.train_loss));
  const saved = JSON.parse(fs.readFileSync(path.join(dirs.resultsDir, "toy.json"), "utf8"));
  assert.deepEqual(saved.provenance.invocations.map((i: { first_epoch: number }) => i.first_epoch), [1, 2, 3],
    "each invocation records which epochs it ran");
});

test("a checkpoint from a different configuration is refused with a clear error", async () => {
  await initBackend("wasm");
  const dirs = tmpDirs();
  const data = { train: blobs(32, 6), test: blobs(16, 7) };
  await trainModel({ experiment: "toy", model: buildParallelModel(cfg, "dense"), ...data, config: { ...trainCfg, epochs: 1 },
    describe: {}, backend: "wasm", ...dirs, log: () => {} });
  await assert.rejects(
    trainModel({ experiment: "toy", model: buildParallelModel(cfg, "dense"), ...data, config: { ...trainCfg, learningRate: 0.5 },
      describe: {}, backend: "wasm", ...dirs, log: () => {} }),
    /different configuration/,
  );
});

test("patience stops a run once the best test accuracy is that many epochs old", () => {
  const h = (accs: number[]) => accs.map((test_acc, i) => ({ epoch: i + 1, test_acc }) as EpochRecord);
  assert.equal(stoppedEarlyAt(h([0.5, 0.6, 0.55, 0.58, 0.59]), 3), 5);
  assert.equal(stoppedEarlyAt(h([0.5, 0.6, 0.55, 0.61, 0.59]), 3), undefined);
  assert.equal(stoppedEarlyAt(h([0.5, 0.4, 0.3]), undefined), undefined);
  // a tie is not an improvement
  assert.equal(stoppedEarlyAt(h([0.5, 0.5, 0.5]), 2), 3);
});

test("training data-parallel on 2 threads follows the one-thread run (same data, same seed)", async () => {
  await initBackend("wasm");
  const data = { train: blobs(96, 6), test: blobs(32, 7) };
  const run = async (threads: number) => trainModel({
    experiment: "toy", model: buildParallelModel(cfg, "dense"), ...data, config: { ...trainCfg, epochs: 2 },
    describe: {}, backend: "wasm", ...tmpDirs(), log: () => {}, parallel: { threads, spec: { variant: "dense", config: cfg } },
  });
  const one = await run(1), two = await run(2);
  one.epochs.forEach((e, i) => {
    assert.ok(Math.abs(e.train_loss - two.epochs[i].train_loss) < 1e-4, `epoch ${e.epoch} train loss ${e.train_loss} vs ${two.epochs[i].train_loss}`);
    assert.ok(Math.abs(e.test_loss - two.epochs[i].test_loss) < 1e-4, `epoch ${e.epoch} test loss`);
  });
});

/** A run of two epochs stopped after the first, leaving its checkpoint in `dirs.checkpointDir`. */
async function interruptedRun(dirs: { checkpointDir: string; resultsDir: string }) {
  const data = { train: blobs(32, 8), test: blobs(16, 9) };
  const run = () => trainModel({ experiment: "toy", model: buildParallelModel(cfg, "dense"), ...data, config: { ...trainCfg, epochs: 2 },
    describe: {}, backend: "wasm", ...dirs, log: () => {}, maxEpochsThisRun: 1 });
  await run();
  return run;
}

test("a checkpoint whose weights were damaged (four bytes set to NaN) is refused, naming the file and the fix", async () => {
  await initBackend("wasm");
  const dirs = tmpDirs();
  const resume = await interruptedRun(dirs);
  const weights = path.join(dirs.checkpointDir, "weights-1.bin");
  const fd = fs.openSync(weights, "r+");
  fs.writeSync(fd, new Uint8Array(new Float32Array([NaN]).buffer), 0, 4, 40);
  fs.closeSync(fd);
  await assert.rejects(resume(), (e: Error) =>
    e instanceof CheckpointError && e.message.includes(weights) && /SHA-256/.test(e.message) && e.message.includes(`Delete the folder ${dirs.checkpointDir}`));
});

test("a truncated state.json is refused, naming the file and the fix", async () => {
  await initBackend("wasm");
  const dirs = tmpDirs();
  const resume = await interruptedRun(dirs);
  const state = path.join(dirs.checkpointDir, "state.json");
  fs.truncateSync(state, 300);
  await assert.rejects(resume(), (e: Error) =>
    e instanceof CheckpointError && e.message.includes(state) && /damaged/.test(e.message) && /Delete the folder/.test(e.message));
});

test("two runs on the same checkpoint: the second stops with a clear message while the first finishes", async () => {
  await initBackend("wasm");
  const dirs = tmpDirs();
  const data = { train: blobs(32, 10), test: blobs(16, 11) };
  const run = () => trainModel({ experiment: "toy", model: buildParallelModel(cfg, "dense"), ...data, config: { ...trainCfg, epochs: 2 },
    describe: {}, backend: "wasm", ...dirs, log: () => {} });
  const first = run();
  await assert.rejects(run(), (e: Error) => e instanceof LockError && /run toy .* is in use by another run/.test(e.message));
  assert.equal((await first).complete, true);
  assert.ok(!fs.existsSync(path.join(dirs.checkpointDir, ".lock")), "the lock is released when the run ends");
  assert.deepEqual(fs.readdirSync(dirs.checkpointDir).sort(), ["state.json", "weights-2.bin"]);
});
