import { test } from "node:test";
import assert from "node:assert/strict";
import { initBackend } from "../../lib/nn/backend";
import { buildParallelModel, countTrainableParams } from "../../lib/nn/models";
import { countParams, searchArchitectures } from "../../lib/nn/param-search";
import { OUR_ARCHITECTURES } from "../../experiments/param-counts";

test("the arithmetic count equals the tfjs model's trainable parameters for every classical model we train", async () => {
  await initBackend("cpu");
  for (const id of ["cnn-mnist", "cnn-medmnist", "cnn-cifar10"]) {
    const a = OUR_ARCHITECTURES[id];
    const model = buildParallelModel({ inputShape: [a.inputSize, a.inputSize, a.inChannels], convChannels: a.convChannels, classes: a.classes, n: a.n, seed: 1 }, "dense");
    assert.equal(countTrainableParams(model), countParams(a), id);
    model.dispose();
  }
});

test("the paper's HQNN-Parallel MNIST count (45,194) is reproduced by exactly one architecture of the MNIST search", () => {
  const found = searchArchitectures({ inChannels: [1], inputSizes: [28], convChannels: [[16, 32]], kernels: [5, 3], classes: 10, heads: ["quantum"], n: [20] }, 45194);
  assert.equal(found.length, 1);
  assert.deepEqual({ ...found[0] }, { ...OUR_ARCHITECTURES["hqnn-parallel-mnist"] });
});

test("hand count of the MNIST hybrid: conv 416+32, conv 12832+64, dense 31380+40, quantum 180+40, dense 210", () => {
  assert.equal(countParams(OUR_ARCHITECTURES["hqnn-parallel-mnist"]), 416 + 32 + 12832 + 64 + 31380 + 40 + 180 + 40 + 210);
});
