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
 * Bad arguments exit with code 2, a failed run with 1 (conventions: lib/cli/args.ts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { integerFlag, parseCommand, runCli, UsageError } from "../lib/cli/args";
import { loadDataset } from "../lib/data";
import { initBackend } from "../lib/nn/backend";
import { Ablation, ABLATIONS, architectureRecord, buildParallelModel, countTrainableParams, Head, usesQuantumLayer } from "../lib/nn/models";
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
      model: paperModel ? { head: variant, ...architectureRecord(setup.model), description: setup.describe(variant) }
        : { head: "ablation", ablation: variant, ...architectureRecord(setup.model), description: ABLATION_DESCRIPTIONS[variant as Ablation] },
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

const PROGRAM = {
  name: "experiments/parallel.ts",
  run: "node --import tsx experiments/parallel.ts",
  summary: "section 2.2: trains HQNN-Parallel, its CNN or an ablation and prints {experiment, complete, epochs, final}",
  notes: [
    "environment: PROFILE=quick (default: a small subset, one epoch, results/quick/<experiment>.json) or PROFILE=full (the whole\n" +
    "dataset, results/<experiment>.json, checkpoints every epoch and resumes); HQNN_THREADS (default of --threads)",
    "exit codes: 0 ok, 1 the run failed, 2 bad arguments",
  ],
};

const COMMAND = {
  summary: "trains one experiment (resuming a full run from its checkpoint)",
  args: { EXPERIMENT: `(hqnn-parallel|cnn)-(mnist|medmnist|cifar10) or ablation-(${ABLATIONS.join("|")})` },
  flags: {
    seed: integerFlag("seed of initialisation and shuffling; the run becomes EXPERIMENT-sS under results/seeds/ (default: the setup's)", { min: 0 }),
    threads: integerFlag("data-parallel threads (default: HQNN_THREADS, else every core in the full profile, 1 in the quick one)", { min: 1 }),
    epochs: integerFlag("epochs of the run (default: the setup's in the full profile, 1 in the quick one)", { min: 1 }),
    "max-epochs-this-run": integerFlag("stop after this many epochs in this invocation; the next one resumes (default: no limit)", { min: 1 }),
  },
  examples: ["node --import tsx experiments/parallel.ts cnn-mnist", "PROFILE=full node --import tsx experiments/parallel.ts hqnn-parallel-mnist --seed 3 --threads 2"],
};

async function main(argv: string[]): Promise<void> {
  const { args: [experiment], flags } = parseCommand(PROGRAM, COMMAND, argv);
  try {
    parseExperiment(experiment);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const r = await runParallelExperiment(experiment, {
    seed: flags.seed, epochs: flags.epochs, maxEpochsThisRun: flags["max-epochs-this-run"], threads: flags.threads,
  });
  process.stdout.write(JSON.stringify({ experiment, complete: r.complete, epochs: r.epochs.length, final: r.epochs.at(-1) }) + "\n");
}

if (require.main === module) runCli(PROGRAM.name, () => main(process.argv.slice(2)), () => 1);
