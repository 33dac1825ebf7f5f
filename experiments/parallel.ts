/**
 * Section 2.2: HQNN-Parallel and its classical CNN on MNIST, Medical MNIST and CIFAR-10.
 *
 *   node --import tsx experiments/parallel.ts <hqnn-parallel|cnn>-<mnist|medmnist|cifar10> [--epochs N] [--max-epochs-this-run N]
 *
 * PROFILE=full trains on the whole dataset and writes results/<experiment>.json; PROFILE=quick (the default)
 * trains a small subset for one epoch, afresh every time, and writes results/quick/<experiment>.json, which is
 * never committed. A full run checkpoints every epoch under checkpoints/<experiment>/; rerunning it resumes.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadDataset } from "../lib/data";
import { initBackend } from "../lib/nn/backend";
import { buildParallelModel, countTrainableParams } from "../lib/nn/models";
import { ImageSet, trainModel } from "../lib/nn/train";
import { getProfile, REPO_ROOT, RESULTS_DIR } from "../lib/results";
import { DatasetName, PARALLEL_SETUPS, prepareImages } from "../lib/nn/parallel-setups";

export async function runParallelExperiment(experiment: string, opts: { epochs?: number; maxEpochsThisRun?: number } = {}) {
  const m = /^(hqnn-parallel|cnn)-(mnist|medmnist|cifar10)$/.exec(experiment);
  if (!m) throw new Error(`unknown experiment ${experiment}: expected (hqnn-parallel|cnn)-(mnist|medmnist|cifar10)`);
  const head = m[1] === "hqnn-parallel" ? "quantum" : "dense";
  const dataset = m[2] as DatasetName;
  const setup = PARALLEL_SETUPS[dataset];
  const profile = getProfile();
  const backend = await initBackend();
  const data = await loadDataset(dataset, { log: (s: string) => process.stderr.write(s + "\n") });
  const sizes = profile === "full" ? { train: data.train.n, test: data.test.n } : setup.quick;
  const train: ImageSet = prepareImages(setup, data.train, sizes.train);
  const test: ImageSet = prepareImages(setup, data.test, sizes.test);
  // The engine is loaded only for the hybrid model, so the classical baseline runs without it.
  const quantumHead = head === "quantum" ? (require("../lib/nn/parallel-head") as typeof import("../lib/nn/parallel-head")).quantumHead : undefined;
  const model = buildParallelModel({ ...setup.model, inputShape: train.shape, seed: setup.seed }, head, quantumHead);
  const epochs = opts.epochs ?? (profile === "full" ? setup.epochs : 1);
  return trainModel({
    experiment, model, train, test, backend,
    config: { epochs, patience: setup.patience, batchSize: setup.batchSize, learningRate: setup.learningRate, seed: setup.seed, classes: data.classes.length },
    describe: {
      dataset: { name: dataset, source: data.source, train: train.n, test: test.n, input_shape: train.shape, preprocessing: setup.preprocessingNote },
      model: { head, ...setup.model, description: setup.describe(head) },
      params: countTrainableParams(model),
      paper_params: setup.paperParams[head],
    },
    augment: setup.augment,
    // A quick run always trains afresh (its checkpoints live in a temporary folder); a full run resumes.
    checkpointDir: profile === "full" ? path.join(REPO_ROOT, "checkpoints", experiment)
      : fs.mkdtempSync(path.join(os.tmpdir(), `hqnn-${experiment}-quick-`)),
    resultsDir: profile === "full" ? RESULTS_DIR : path.join(RESULTS_DIR, "quick"),
    maxEpochsThisRun: opts.maxEpochsThisRun,
  });
}

function flag(args: string[], name: string): number | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : undefined;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  runParallelExperiment(args[0] ?? "", { epochs: flag(args, "--epochs"), maxEpochsThisRun: flag(args, "--max-epochs-this-run") })
    .then((r) => process.stdout.write(JSON.stringify({ experiment: args[0], complete: r.complete, epochs: r.epochs.length, final: r.epochs.at(-1) }) + "\n"))
    .catch((e) => { process.stderr.write(`error: ${e.message}\n`); process.exit(1); });
}
