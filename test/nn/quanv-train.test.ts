/**
 * HQNN-Quanv trains through the one training loop (trainModel, FlatAdam with epsilon 1e-8) exactly as the
 * retired loop did (tf.train.adam(lr, 0.9, 0.999, 1e-8)): the fixture holds the old loop's numbers on a tiny
 * seeded problem, produced at commit 3f885f6 (see its `produced_by`).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { initBackend } from "../../lib/nn/backend";
import { buildQuanvModel, QuanvModelKind, trainQuanv } from "../../lib/nn/quanv";
import { bars } from "./bars";

interface Fixture {
  config: { epochs: number; batchSize: number; learningRate: number; seed: number; classes: number; adamEpsilon: number; imageSize: number; stride: number; modelSeed: number };
  models: Record<QuanvModelKind, { epochs: Record<string, number>[]; weights: { shape: number[]; values: number[] }[] }>;
}

const fixture: Fixture = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "quanv-old-loop.json"), "utf8"));

/** Float32 rounding over the fixture's 21 Adam steps: far below this (the two loops agree to the last bit on wasm). */
const TOL = 1e-5;

test("HQNN-Quanv, CNN1 and CNN4 trained through trainModel match the old tf.train.adam loop's fixture (epsilon 1e-8)", async () => {
  await initBackend("wasm");
  const c = fixture.config;
  const train = bars(40, 1), testSet = bars(20, 2);
  let maxDiff = 0;
  for (const kind of ["hqnn", "cnn1", "cnn4"] as const) {
    const model = buildQuanvModel({ kind, imageSize: c.imageSize, stride: c.stride, classes: c.classes, seed: c.modelSeed });
    const epochs = await trainQuanv(model, train, testSet,
      { epochs: c.epochs, batchSize: c.batchSize, learningRate: c.learningRate, seed: c.seed, classes: c.classes, adamEpsilon: c.adamEpsilon },
      { name: `fixture ${kind}`, log: () => {} });
    const ref = fixture.models[kind];
    assert.equal(epochs.length, ref.epochs.length);
    epochs.forEach((e, i) => {
      for (const key of ["train_loss", "train_acc", "test_loss", "test_acc"] as const) {
        const d = Math.abs(e[key] - ref.epochs[i][key]);
        maxDiff = Math.max(maxDiff, d);
        assert.ok(d <= TOL, `${kind} epoch ${i + 1} ${key}: ${e[key]} vs old loop ${ref.epochs[i][key]}`);
      }
    });
    const weights = model.getWeights();
    assert.deepEqual(weights.map((w) => w.shape), ref.weights.map((w) => w.shape));
    weights.forEach((w, t) => w.dataSync().forEach((v, i) => {
      const d = Math.abs(v - ref.weights[t].values[i]);
      maxDiff = Math.max(maxDiff, d);
      assert.ok(d <= TOL * Math.max(1, Math.abs(v)), `${kind} weight tensor ${t}[${i}]: ${v} vs old loop ${ref.weights[t].values[i]}`);
    }));
    model.dispose();
  }
  process.stderr.write(`max |new - old loop| over losses, accuracies and weights: ${maxDiff}\n`);
});

test("an interrupted HQNN-Quanv run resumes from its checkpoint folder to the uninterrupted numbers; the folder goes once done", async () => {
  await initBackend("wasm");
  const train = bars(20, 3), testSet = bars(10, 4);
  const cfg = { epochs: 3, batchSize: 5, learningRate: 0.05, seed: 2, classes: 2 };
  const build = () => buildQuanvModel({ kind: "hqnn", imageSize: 8, stride: 2, classes: 2, seed: 5 });
  const strip = (es: { seconds: number }[]) => es.map(({ seconds: _s, ...e }) => e);
  const straight = await trainQuanv(build(), train, testSet, cfg, { name: "straight", log: () => {} });
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "hqnn-quanv-test-")), dir = path.join(root, "ck");
  const first = await trainQuanv(build(), train, testSet, cfg, { name: "resumed", log: () => {}, checkpointDir: dir, stopAfterEpochs: 1 });
  assert.equal(first.length, 1);
  assert.ok(fs.existsSync(path.join(dir, "state.json")), "the unfinished run keeps its checkpoint");
  const lines: string[] = [];
  const resumed = await trainQuanv(build(), train, testSet, cfg, { name: "resumed", log: (l) => lines.push(l), checkpointDir: dir });
  assert.match(lines[0], /resuming after epoch 1/);
  assert.deepEqual(strip(resumed), strip(straight));
  assert.ok(!fs.existsSync(dir), "the checkpoint folder is removed once the run is complete");
  fs.rmSync(root, { recursive: true, force: true });
});
