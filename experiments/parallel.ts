/**
 * Section 2.2: HQNN-Parallel and its classical CNN on MNIST, Medical MNIST and CIFAR-10.
 *
 *   node --import tsx experiments/parallel.ts <experiment> [--seed S] [--threads N] [--epochs N] [--max-epochs-this-run N]
 *
 * Experiments: <hqnn-parallel|cnn>-<mnist|medmnist|cifar10>, and the MNIST ablations of the hybrid
 * ablation-<no-quantum|dense20|frozen-quantum> (lib/nn/models.ts).
 *
 * PROFILE=full trains on the whole dataset and writes results/<experiment>.json; PROFILE=quick (the default)
 * trains a small subset for one epoch, afresh every time, and writes results/quick/<experiment>.json, which is
 * never committed. A full run checkpoints every epoch under checkpoints/<experiment>/; rerunning it resumes.
 * With --seed S (initialisation and shuffling; the data stay the same) the run is <experiment>-s<S> and its
 * files live under results/seeds/ and checkpoints/seeds/. --threads N trains data-parallel on N threads (default:
 * HQNN_THREADS, else every core in the full profile, 1 in the quick one); the step is the same up to float rounding.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { loadDataset } from "../lib/data";
import { initBackend } from "../lib/nn/backend";
import { Ablation, ABLATIONS, buildParallelModel, countTrainableParams, Head, usesQuantumLayer } from "../lib/nn/models";
import { ImageSet, trainModel, TrainRun } from "../lib/nn/train";
import { temporaryDir } from "../lib/io/files";
import { getProfile, REPO_ROOT, RESULTS_DIR } from "../lib/results";
import { DatasetName, PARALLEL_SETUPS, prepareImages } from "../lib/nn/parallel-setups";
import { defaultThreads } from "../lib/nn/thread-pool";

/** Model variant and dataset of an experiment id, or an error naming the accepted ids. */
export function parseExperiment(experiment: string): { variant: Head | Ablation; dataset: DatasetName } {
  const paper = /^(hqnn-parallel|cnn)-(mnist|medmnist|cifar10)$/.exec(experiment);
  if (paper) return { variant: paper[1] === "hqnn-parallel" ? "quantum" : "dense", dataset: paper[2] as DatasetName };
  const ablation = /^ablation-(.+)$/.exec(experiment);
  if (ablation && (ABLATIONS as string[]).includes(ablation[1])) return { variant: ablation[1] as Ablation, dataset: "mnist" };
  throw new Error(`unknown experiment ${experiment}: expected (hqnn-parallel|cnn)-(mnist|medmnist|cifar10) or ablation-(${ABLATIONS.join("|")})`);
}

export interface RunOptions { seed?: number; epochs?: number; maxEpochsThisRun?: number; threads?: number }

export async function runParallelExperiment(experiment: string, opts: RunOptions = {}) {
  const { variant, dataset } = parseExperiment(experiment);
  const setup = PARALLEL_SETUPS[dataset];
  const seed = opts.seed ?? setup.seed;
  const runId = opts.seed === undefined ? experiment : `${experiment}-s${opts.seed}`;
  const subdir = opts.seed === undefined ? "" : "seeds";
  const profile = getProfile();
  const backend = await initBackend();
  const data = await loadDataset(dataset, { log: (s: string) => process.stderr.write(s + "\n") });
  const sizes = profile === "full" ? { train: data.train.n, test: data.test.n } : setup.quick;
  const train: ImageSet = prepareImages(setup, data.train, sizes.train);
  const test: ImageSet = prepareImages(setup, data.test, sizes.test);
  // The engine is loaded only for the quantum variants, so the classical ones run without it.
  const quantumHead = usesQuantumLayer(variant)
    ? (require("../lib/nn/parallel-head") as typeof import("../lib/nn/parallel-head")).quantumHead : undefined;
  const modelConfig = { ...setup.model, inputShape: train.shape, seed };
  const model = buildParallelModel(modelConfig, variant, quantumHead);
  const epochs = opts.epochs ?? (profile === "full" ? setup.epochs : 1);
  const paperModel = variant === "quantum" || variant === "dense";
  // A quick run always trains afresh: its checkpoints live in a temporary folder, removed when it ends.
  const quickDir = profile === "full" ? undefined : temporaryDir(`hqnn-quick-${runId}`);
  const run: TrainRun = {
    experiment: runId, model, train, test, backend,
    config: { epochs, patience: setup.patience, batchSize: setup.batchSize, learningRate: setup.learningRate, seed, classes: data.classes.length },
    describe: {
      dataset: { name: dataset, source: data.source, train: train.n, test: test.n, input_shape: train.shape, preprocessing: setup.preprocessingNote },
      model: paperModel ? { head: variant, ...setup.model, description: setup.describe(variant) }
        : { head: "ablation", ablation: variant, ...setup.model, description: ABLATION_DESCRIPTIONS[variant as Ablation] },
      params: countTrainableParams(model),
      ...(paperModel ? { paper_params: setup.paperParams[variant] } : {}),
    },
    augment: setup.augment,
    checkpointDir: quickDir ?? path.join(REPO_ROOT, "checkpoints", subdir, runId),
    resultsDir: path.join(RESULTS_DIR, profile === "full" ? "" : "quick", subdir),
    maxEpochsThisRun: opts.maxEpochsThisRun,
    parallel: { threads: opts.threads ?? defaultThreads(), spec: { variant, config: modelConfig } },
  };
  try {
    return await trainModel(run);
  } finally {
    if (quickDir) fs.rmSync(quickDir, { recursive: true, force: true });
  }
}

const ABLATION_DESCRIPTIONS: Record<Ablation, string> = {
  "no-quantum": "HQNN-Parallel with the quantum layer removed (identity): dense 1568->20+BN+ReLU, BN(20), dense 20->10",
  "dense20": "HQNN-Parallel with a dense 20->20+ReLU in place of the quantum layer, then BN(20), dense 20->10",
  "frozen-quantum": "HQNN-Parallel with the quantum layer's 180 weights frozen at their random initial values",
};

function flag(args: string[], name: string): number | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : undefined;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  runParallelExperiment(args[0] ?? "", {
    seed: flag(args, "--seed"), epochs: flag(args, "--epochs"), maxEpochsThisRun: flag(args, "--max-epochs-this-run"), threads: flag(args, "--threads"),
  })
    .then((r) => process.stdout.write(JSON.stringify({ experiment: args[0], complete: r.complete, epochs: r.epochs.length, final: r.epochs.at(-1) }) + "\n"))
    .catch((e) => { process.stderr.write(`error: ${e.message}\n`); process.exit(1); });
}
