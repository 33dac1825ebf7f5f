/**
 * One worker of data-parallel training (lib/nn/data-parallel.ts): builds a replica of the model, then for every
 * step reads the caller's weights and its share of the batch from shared memory, computes the share's gradients
 * (BatchNorm statistics summed with the other threads) and writes them back.
 */
import { parentPort, workerData } from "node:worker_threads";
import { writeFlat } from "./adam";
import { initBackend } from "./backend";
import { setBatchNormReducer } from "./batch-norm";
import { CTRL, ModelSpec, REDUCE_MAX, SharedBuffers } from "./data-parallel";
import { buildParallelModel, usesQuantumLayer } from "./models";
import { SharedReducer } from "./shared-reduce";
import { shareGradients, trainableVariables } from "./step";

interface Init { spec: ModelSpec; party: number; parties: number; maxBatch: number; buffers: SharedBuffers; sizes: number[] }

async function main(init: Init) {
  const { spec, party, parties, maxBatch, buffers, sizes } = init;
  await initBackend("wasm");
  const quantumHead = usesQuantumLayer(spec.variant) ? (require("./parallel-head") as typeof import("./parallel-head")).quantumHead : undefined;
  const model = buildParallelModel(spec.config, spec.variant, quantumHead);
  const vars = trainableVariables(model);
  const reducer = new SharedReducer(buffers.reduce, parties, party, REDUCE_MAX);
  setBatchNormReducer((v) => reducer.allReduce(v));
  const k = party - 1, total = sizes.reduce((a, b) => a + b, 0);
  const [h, w, c] = spec.config.inputShape, image = h * w * c;
  const control = new Int32Array(buffers.control), weights = new Float32Array(buffers.weights);
  const batch = new Float32Array(buffers.batch, 4 * k * maxBatch * image, maxBatch * image);
  const labels = new Int32Array(buffers.labels, 4 * k * maxBatch, maxBatch);
  const grads = new Float32Array(buffers.grads, 4 * k * total, total);
  const stats = new Float64Array(buffers.stats);
  parentPort!.postMessage("ready");
  for (let round = 1; ; round++) {
    while (Atomics.load(control, CTRL.step) < round) Atomics.wait(control, CTRL.step, round - 1, 1000);
    if (Atomics.load(control, CTRL.stop)) return;
    try {
      writeFlat(vars, weights);
      const count = Atomics.load(control, 4 * party), batchCount = Atomics.load(control, 4 * party + 1);
      const r = shareGradients(model, vars, batch, labels, count, spec.config.inputShape, spec.config.classes, batchCount, grads);
      stats[2 * k] = r.lossSum; stats[2 * k + 1] = r.correct;
    } catch (e) {
      process.stderr.write(`data-parallel worker ${party}: ${(e as Error).stack ?? e}\n`);
      Atomics.store(control, CTRL.failed, 1);
      reducer.fail();
      Atomics.notify(control, CTRL.done);
      return;
    }
    Atomics.add(control, CTRL.done, 1);
    Atomics.notify(control, CTRL.done);
  }
}

main(workerData as Init).catch((e) => {
  process.stderr.write(`data-parallel worker: ${(e as Error).stack ?? e}\n`);
  parentPort!.postMessage(`worker failed to start: ${(e as Error).message}`);
});
