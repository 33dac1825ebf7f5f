import { test } from "node:test";
import assert from "node:assert/strict";
import { initBackend } from "../../lib/nn/backend";
import { ABLATIONS, buildParallelModel, countTrainableParams } from "../../lib/nn/models";
import { quantumHead } from "../../lib/nn/parallel-head";
import { parseExperiment } from "../../experiments/parallel";

const mnist = { inputShape: [28, 28, 1] as [number, number, number], convChannels: [16, 32], classes: 10, n: 20, seed: 4 };

test("every model variant has the expected trainable parameter count (PyTorch convention)", async () => {
  await initBackend("wasm");
  const counts = Object.fromEntries((["quantum", "dense", ...ABLATIONS] as const).map((v) => [v, countTrainableParams(buildParallelModel(mnist, v, quantumHead))]));
  // 45,194 is the paper's HQNN-Parallel count; the ablations swap only the 180 quantum weights.
  assert.deepEqual(counts, { quantum: 45194, dense: 45394, "no-quantum": 45014, dense20: 45014 + 420, "frozen-quantum": 45014 });
});

test("the frozen ablation keeps its quantum weights out of training and starts from the hybrid's weights", async () => {
  await initBackend("wasm");
  const hybrid = buildParallelModel(mnist, "quantum", quantumHead), frozen = buildParallelModel(mnist, "frozen-quantum", quantumHead);
  assert.ok(frozen.nonTrainableWeights.some((w) => w.name.includes("quantum_weights")));
  assert.ok(!frozen.trainableWeights.some((w) => w.name.includes("quantum_weights")));
  const a = hybrid.getWeights(), b = frozen.getWeights();
  assert.equal(a.length, b.length);
  const byShape = (ws: typeof a) => ws.map((w) => Array.from(w.dataSync()).join(",")).sort();
  assert.deepEqual(byShape(a), byShape(b));
});

test("experiment ids name a variant and a dataset; an unknown id is a clear error", () => {
  assert.deepEqual(parseExperiment("hqnn-parallel-cifar10"), { variant: "quantum", dataset: "cifar10" });
  assert.deepEqual(parseExperiment("cnn-mnist"), { variant: "dense", dataset: "mnist" });
  assert.deepEqual(parseExperiment("ablation-dense20"), { variant: "dense20", dataset: "mnist" });
  assert.throws(() => parseExperiment("ablation-bogus"), /unknown experiment ablation-bogus.*ablation-\(no-quantum\|dense20\|frozen-quantum\)/);
});
