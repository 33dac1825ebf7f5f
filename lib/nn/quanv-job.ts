/**
 * HQNN-Quanv training (section 2.3) through the one training loop, lib/nn/train.ts's trainModel: resumable from
 * verified checkpoints, the same progress lines, FlatAdam with Adam's epsilon at PyTorch's 1e-8 (the only
 * difference from the HQNN-Parallel runs, which keep tfjs's 1e-7). The seeds' histories are recorded by the
 * experiment (experiments/quanv.ts, one result file per model), so the loop writes no result file of its own.
 *
 * Also the job of the HQNN-Quanv thread pool: `trainQuanvSeed` trains one seed, and `quanvPool` starts workers
 * that load this file (a lib file, so nothing in lib loads an experiment).
 */
import * as fs from "node:fs";
import { createHash } from "node:crypto";
import * as tf from "@tensorflow/tfjs";
import { temporaryDir } from "../io/files";
import { initBackend } from "./backend";
import { buildQuanvModel, QuanvModelConfig } from "./quanv-models";
import { ThreadPool } from "./thread-pool";
import { ImageSet, trainModel } from "./train";

/** PyTorch's Adam epsilon, the HQNN-Quanv protocol's (tfjs's default is 1e-7). */
export const PYTORCH_ADAM_EPSILON = 1e-8;

export interface QuanvTrainConfig {
  epochs: number; batchSize: number; learningRate: number; seed: number; classes: number;
  /** Adam's epsilon; default 1e-8 (PyTorch's default). Betas are 0.9, 0.999 as in both. */
  adamEpsilon?: number;
}

/** One epoch of a seed's history, as results/quanv-*.json record it (per_seed[].epochs[]). */
export interface QuanvEpoch { epoch: number; train_loss: number; train_acc: number; test_loss: number; test_acc: number; seconds: number }

export interface SeedRun { seed: number; epochs: QuanvEpoch[] }

export interface QuanvTrainOptions {
  /** Names the run in the progress lines ("[<name>] epoch 3/20 done in ..."). */
  name: string;
  log?: (line: string) => void;
  /**
   * Checkpoint folder: an unfinished run resumes from it, and it is removed once the run completes. Default a
   * temporary folder (the run trains afresh).
   */
  checkpointDir?: string;
  /** What the checkpoint's configuration hash covers besides the training config (a checkpoint of another model is refused). */
  describe?: Record<string, unknown>;
  /** Stop after this many epochs of this call (the next call with the same checkpoint folder resumes). */
  stopAfterEpochs?: number;
}

/**
 * Trains one model with Adam on softmax cross-entropy (mean over the batch); the order of the training images is
 * reshuffled every epoch from (seed, epoch). train_loss/train_acc are means over the epoch's batches (as a PyTorch
 * loop usually reports them); test loss/accuracy are evaluated after each epoch. Returns the epochs so far
 * (all of them unless the loop was stopped).
 */
export async function trainQuanv(model: tf.LayersModel, train: ImageSet, test: ImageSet, cfg: QuanvTrainConfig,
  opts: QuanvTrainOptions): Promise<QuanvEpoch[]> {
  const dir = opts.checkpointDir ?? temporaryDir("hqnn-quanv");
  const r = await trainModel({
    experiment: opts.name, model, train, test,
    config: { ...cfg, adamEpsilon: cfg.adamEpsilon ?? PYTORCH_ADAM_EPSILON, logEvery: 0 },
    describe: opts.describe ?? {}, backend: tf.getBackend(), checkpointDir: dir, writeResultFile: false, log: opts.log,
    maxEpochsThisRun: opts.stopAfterEpochs,
  });
  if (r.complete || opts.checkpointDir === undefined) fs.rmSync(dir, { recursive: true, force: true });
  return r.epochs.map(({ epoch, train_loss, train_acc, test_loss, test_acc, seconds }) => ({ epoch, train_loss, train_acc, test_loss, test_acc, seconds }));
}

/** One seed of one HQNN-Quanv/CNN model: the seed fixes the initial weights and the shuffling. */
export interface QuanvSeedJob {
  model: Omit<QuanvModelConfig, "seed" | "engineStats">;
  config: Omit<QuanvTrainConfig, "seed">;
  train: ImageSet;
  test: ImageSet;
  seed: number;
  /** Prefix of the progress lines ("[<tag> seed <seed>] ..."). */
  tag: string;
  /** See QuanvTrainOptions.checkpointDir. */
  checkpointDir?: string;
}

/** SHA-256 (16 hex digits) of the images and labels, so that a checkpoint made on other data is refused. */
function dataFingerprint(...sets: ImageSet[]): string {
  const h = createHash("sha256");
  for (const set of sets) {
    h.update(JSON.stringify([set.n, set.shape]));
    h.update(new Uint8Array(set.x.buffer, set.x.byteOffset, set.x.byteLength));
    h.update(set.labels);
  }
  return h.digest("hex").slice(0, 16);
}

/** A fresh model trained for the job's epochs (in-process, or in a pool worker: the same numbers). */
export async function trainQuanvSeed(job: QuanvSeedJob): Promise<SeedRun> {
  await initBackend();
  const model = buildQuanvModel({ ...job.model, seed: job.seed });
  try {
    const epochs = await trainQuanv(model, job.train, job.test, { ...job.config, seed: job.seed }, {
      name: `${job.tag} seed ${job.seed}`, checkpointDir: job.checkpointDir,
      describe: { model: job.model, data: dataFingerprint(job.train, job.test) },
    });
    return { seed: job.seed, epochs };
  } finally {
    model.dispose();
  }
}

/** A pool of `threads` workers running trainQuanvSeed, or undefined for one thread. */
export function quanvPool(threads: number): ThreadPool | undefined {
  return threads > 1 ? new ThreadPool(threads, __filename, "trainQuanvSeed") : undefined;
}
