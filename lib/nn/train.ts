/**
 * The training loop, readable top to bottom: seeded shuffling, mini-batch Adam on cross-entropy (optionally a
 * per-epoch learning-rate schedule and decoupled weight decay, and a validation set that alone selects epochs), progress
 * with rate and ETA on stderr, a checkpoint after every epoch (weights, optimizer state, history) from which
 * an interrupted run resumes, and the result file rewritten atomically after every epoch.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { createHash } from "node:crypto";
import * as tf from "@tensorflow/tfjs";
import { mulberry32 } from "../quantum";
import { acquireLock } from "../io/lock";
import { atomicWriteFile, Provenance, REPO_ROOT, RESULTS_DIR, startProvenance, writeChecked } from "../results";
import { trainingRun } from "../results/formats";
import type { Schema } from "../results/schema";
import { DataParallel, ModelSpec } from "./data-parallel";
import { FlatAdam } from "./adam";
import { lossAndCorrect, stepContext, trainableVariables, trainStep } from "./step";
import { learningRateAt, Schedule } from "./schedule";

export interface ImageSet {
  /** N x H x W x C, float32, already scaled (and resized) as the model expects. */
  x: Float32Array;
  labels: Uint8Array;
  n: number;
  shape: [number, number, number];
}

export interface TrainConfig {
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  classes: number;
  /** Print progress every this many batches (0: only per epoch). */
  logEvery?: number;
  /**
   * Stop once the best selection accuracy is this many epochs old: validation accuracy when the run has a
   * validation set, else test accuracy ("until the test accuracy stops improving", the recorded runs' rule).
   */
  patience?: number;
  /** Learning rate per epoch (lib/nn/schedule.ts); default constant. */
  schedule?: Schedule;
  /** Decoupled (AdamW) weight decay; default 0. */
  weightDecay?: number;
  /**
   * Adam's epsilon; default tfjs's 1e-7 (left out of the config then, so the recorded runs' configurations and
   * checkpoint hashes are unchanged). HQNN-Quanv sets PyTorch's 1e-8.
   */
  adamEpsilon?: number;
}

export interface EpochRecord {
  epoch: number;
  train_loss: number;
  train_acc: number;
  test_loss: number;
  test_acc: number;
  /** Only in runs with a validation set. */
  val_loss?: number;
  val_acc?: number;
  /** Only in runs with a learning-rate schedule. */
  lr?: number;
  seconds: number;
  images_per_s: number;
}

export interface TrainRun {
  experiment: string;
  model: tf.LayersModel;
  train: ImageSet;
  test: ImageSet;
  /**
   * A hold-out set carved from the training data. When given, it alone drives early stopping and the choice of
   * epoch, and the test set is evaluated for reporting only (nothing the loop decides depends on it).
   */
  val?: ImageSet;
  config: TrainConfig;
  /** Everything else the result file should say (dataset, model description, parameter count, ...). */
  describe: Record<string, unknown>;
  backend: string;
  /** Per-batch augmentation of the input (e.g. random rotation/flip), seeded by the caller. */
  augment?: (batch: Float32Array, count: number, epoch: number, batchIndex: number) => void;
  checkpointDir?: string;
  resultsDir?: string;
  /**
   * Write the result file `<resultsDir>/<experiment>.json` after every epoch (default true); false when the caller
   * records the run itself (HQNN-Quanv's seeds, which go into one file per model).
   */
  writeResultFile?: boolean;
  /** The result file's format (lib/results/formats), checked before every write; default: a section 2.2 training run. */
  resultFormat?: Schema<unknown>;
  log?: (line: string) => void;
  /** Stop after this many epochs of the current invocation (the next invocation resumes). */
  maxEpochsThisRun?: number;
  /**
   * Train on this many threads (data-parallel, lib/nn/data-parallel.ts; the same step up to float rounding), with
   * the model rebuilt in each worker from `spec`. Default 1.
   */
  parallel?: { threads: number; spec: ModelSpec };
}

/** The accuracy that selects epochs: "val_acc" in runs with a validation set, "test_acc" in the recorded older runs. */
export type SelectionKey = "test_acc" | "val_acc";

const selectionKey = (run: TrainRun): SelectionKey => (run.val ? "val_acc" : "test_acc");

/** The epoch at which patience ran out (the best `key` accuracy was `patience` epochs old), if it did. */
export function stoppedEarlyAt(history: EpochRecord[], patience?: number, key: SelectionKey = "test_acc"): number | undefined {
  if (!patience) return undefined;
  let best = -Infinity, bestEpoch = 0;
  for (const h of history) {
    if (h[key]! > best) { best = h[key]!; bestEpoch = h.epoch; }
    if (h.epoch - bestEpoch >= patience) return h.epoch;
  }
  return undefined;
}

/** The epoch of the highest validation accuracy (the earliest of ties), the one a run with a validation set reports. */
export function chosenEpoch(history: EpochRecord[]): EpochRecord {
  if (history.some((h) => h.val_acc === undefined)) throw new Error("chosenEpoch: every epoch needs a validation accuracy");
  return history.reduce((best, h) => (h.val_acc! > best.val_acc! ? h : best));
}

export interface TrainResult {
  epochs: EpochRecord[];
  provenance: Provenance;
  complete: boolean;
}

export { mulberry32 };

export function shuffledIndices(n: number, seed: number): Uint32Array {
  const rand = mulberry32(seed);
  const idx = Uint32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = idx[i]; idx[i] = idx[j]; idx[j] = t;
  }
  return idx;
}

function gatherBatch(set: ImageSet, order: ArrayLike<number>, start: number, count: number, buf: Float32Array, labels: Int32Array) {
  const size = set.shape[0] * set.shape[1] * set.shape[2];
  for (let b = 0; b < count; b++) {
    const i = order[start + b];
    buf.set(set.x.subarray(i * size, (i + 1) * size), b * size);
    labels[b] = set.labels[i];
  }
}

/**
 * Mean loss and accuracy over a set, in inference mode (BatchNorm uses running statistics), and the predicted
 * class of every example.
 */
export function evaluate(model: tf.LayersModel, set: ImageSet, classes: number, batchSize = 256): { loss: number; acc: number; predictions: Uint8Array } {
  const size = set.shape[0] * set.shape[1] * set.shape[2];
  let lossSum = 0, correct = 0;
  const predictions = new Uint8Array(set.n);
  for (let start = 0; start < set.n; start += batchSize) {
    const count = Math.min(batchSize, set.n - start);
    const [l, c, p] = tf.tidy(() => {
      const x = tf.tensor4d(set.x.subarray(start * size, (start + count) * size), [count, ...set.shape]);
      const y = tf.tensor1d(Int32Array.from(set.labels.subarray(start, start + count)), "int32");
      const logits = model.predict(x) as tf.Tensor;
      const r = lossAndCorrect(logits, y, classes);
      return [tf.mul(r.loss, count), r.correct, tf.argMax(logits, 1)];
    });
    lossSum += (l.dataSync() as Float32Array)[0];
    correct += (c.dataSync() as Float32Array)[0];
    predictions.set(p.dataSync() as Int32Array, start);
    tf.dispose([l, c, p]);
  }
  return { loss: lossSum / set.n, acc: correct / set.n, predictions };
}

/** Predicted classes as a compact string, one base-36 character per example ("7210414..." for digits). */
export function encodePredictions(predictions: Uint8Array): string {
  return Array.from(predictions, (p) => p.toString(36)).join("");
}

export function decodePredictions(s: string): Uint8Array {
  return Uint8Array.from(s, (ch) => parseInt(ch, 36));
}

function fmtDuration(s: number): string {
  if (!Number.isFinite(s)) return "?";
  const m = Math.floor(s / 60), r = Math.round(s % 60);
  return m > 0 ? `${m}m${String(r).padStart(2, "0")}s` : `${r}s`;
}

/** One invocation of a (possibly resumed) run: which code ran which epochs. */
interface Invocation { started_at: string; git_commit: string; git_dirty: boolean; backend: string; first_epoch: number; threads?: number }

/** Test predictions of one epoch (base-36, one character per example). */
interface Predictions { epoch: number; data: string }

interface Checkpoint {
  configHash: string; epoch: number; history: EpochRecord[]; wallS: number; seeds: number[]; invocations: Invocation[];
  /** In runs with a validation set: the test predictions of the epoch chosen so far. */
  chosenPredictions?: Predictions;
}

function configHash(run: TrainRun): string {
  const { epochs: _epochs, logEvery: _l, patience: _p, ...rest } = run.config;
  const n = run.val ? [run.train.n, run.test.n, run.val.n] : [run.train.n, run.test.n];
  return createHash("sha256").update(JSON.stringify({ rest, describe: run.describe, n })).digest("hex").slice(0, 16);
}

/**
 * The layout is tfjs's: the model's weights, Adam's beta1^t and beta2^t, its step count, first and second moments.
 * state.json records the weights file's SHA-256, checked before a resume.
 */
function saveCheckpoint(dir: string, model: tf.LayersModel, adam: FlatAdam, ck: Checkpoint) {
  fs.mkdirSync(dir, { recursive: true });
  const adamState = adam.stateTensors(trainableVariables(model).map((v) => v.shape));
  const tensors = [...model.getWeights(), ...adamState];
  const arrays = tensors.map((t) => t.dataSync() as Float32Array);
  const total = arrays.reduce((s, a) => s + a.length, 0);
  const flat = new Float32Array(total);
  let off = 0;
  for (const a of arrays) { flat.set(a, off); off += a.length; }
  // Weights first, then the state file that points at them: a crash in between leaves the old state valid.
  const weightsFile = `weights-${ck.epoch}.bin`;
  const bytes = new Uint8Array(flat.buffer);
  const weightsSha256 = createHash("sha256").update(bytes).digest("hex");
  atomicWriteFile(path.join(dir, weightsFile), bytes);
  atomicWriteFile(path.join(dir, "state.json"), JSON.stringify({ ...ck, weightsFile, weightsSha256, shapes: tensors.map((t) => t.shape) }));
  for (const f of fs.readdirSync(dir)) if (f.startsWith("weights-") && f !== weightsFile) fs.rmSync(path.join(dir, f));
  tf.dispose(adamState);
}

/** A checkpoint that cannot be trusted: the message names the file and the way out. */
export class CheckpointError extends Error {
  constructor(readonly dir: string, file: string, problem: string) {
    super(`checkpoint ${file} ${problem}; the run cannot resume from it. Delete the folder ${dir} to train this run afresh ` +
      `(its recorded result is kept until the new run rewrites it)`);
    this.name = "CheckpointError";
  }
}

function readState(dir: string, stateFile: string): Checkpoint & { weightsFile: string; weightsSha256?: string; shapes: number[][] } {
  try {
    return JSON.parse(fs.readFileSync(stateFile, "utf8"));
  } catch (e) {
    throw new CheckpointError(dir, stateFile, `is damaged (${(e as Error).message})`);
  }
}

/** The weights file's floats, after checking its size, its SHA-256 (recorded since checkpoints carry one) and that every value is finite. */
function readVerifiedWeights(dir: string, weightsFile: string, shapes: number[][], sha256?: string): Float32Array {
  const file = path.join(dir, weightsFile);
  if (!fs.existsSync(file)) throw new CheckpointError(dir, file, "is missing");
  const buf = fs.readFileSync(file);
  const expected = 4 * shapes.reduce((sum, s) => sum + s.reduce((a, b) => a * b, 1), 0);
  if (buf.byteLength !== expected) throw new CheckpointError(dir, file, `has ${buf.byteLength} bytes, ${expected} expected`);
  const found = createHash("sha256").update(buf).digest("hex");
  if (sha256 !== undefined && found !== sha256) throw new CheckpointError(dir, file, `is damaged (SHA-256 ${found.slice(0, 12)}..., recorded ${sha256.slice(0, 12)}...)`);
  const flat = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
  const bad = flat.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0) throw new CheckpointError(dir, file, `holds a non-finite value (${flat[bad]} at float ${bad})`);
  return flat;
}

function loadCheckpoint(dir: string, model: tf.LayersModel, adam: FlatAdam, hash: string): Checkpoint | undefined {
  const stateFile = path.join(dir, "state.json");
  if (!fs.existsSync(stateFile)) return undefined;
  const state = readState(dir, stateFile);
  if (state.configHash !== hash) {
    throw new Error(`checkpoint ${dir} was made with a different configuration; delete that folder to start afresh`);
  }
  const flat = readVerifiedWeights(dir, state.weightsFile, state.shapes, state.weightsSha256);
  let off = 0;
  const tensors = state.shapes.map((s) => {
    const size = s.reduce((a, b) => a * b, 1);
    const t = tf.tensor(flat.slice(off, off + size), s);
    off += size;
    return t;
  });
  const nModel = model.getWeights().length;
  model.setWeights(tensors.slice(0, nModel));
  adam.loadStateTensors(tensors.slice(nModel));
  tf.dispose(tensors);
  return state;
}

/** Trains `run` to completion (or to `maxEpochsThisRun`), resuming from its checkpoint; one process per run at a time. */
export async function trainModel(run: TrainRun): Promise<TrainResult> {
  const log = run.log ?? ((s: string) => process.stderr.write(s + "\n"));
  const dir = run.checkpointDir ?? path.join(REPO_ROOT, "checkpoints", run.experiment);
  const releaseLock = acquireLock(dir, `the run ${run.experiment} (checkpoint folder ${dir})`);
  try {
    return await trainLocked(run, dir, log);
  } finally {
    releaseLock();
  }
}

async function trainLocked(run: TrainRun, dir: string, log: (line: string) => void): Promise<TrainResult> {
  const { model, train, test, val, config } = run;
  const key = selectionKey(run);
  const ctx = stepContext(model, config.learningRate, undefined, config.weightDecay ?? 0, config.adamEpsilon);
  const hash = configHash(run);
  const ck = loadCheckpoint(dir, model, ctx.adam, hash);
  const history: EpochRecord[] = ck?.history ?? [];
  const prov = startProvenance({ backend: run.backend, seeds: [config.seed] });
  const priorWall = ck?.wallS ?? 0;
  const invocations: Invocation[] = [...(ck?.invocations ?? []), {
    started_at: prov.startedAt, git_commit: prov.gitCommit, git_dirty: prov.gitDirty, backend: run.backend, first_epoch: history.length + 1,
    threads: run.parallel?.threads ?? 1,
  }];
  if (ck) log(`[${run.experiment}] resuming after epoch ${ck.epoch} (checkpoint ${dir})`);

  const batches = Math.ceil(train.n / config.batchSize);
  // In a notebook one line per epoch is enough (the stored outputs stay short); elsewhere ten per epoch.
  const logEvery = config.logEvery ?? (process.env.HQNN_NOTEBOOK === "1" ? 0 : Math.max(1, Math.floor(batches / 10)));
  // Data-parallel workers are for the wasm backend, which runs one thread; native TensorFlow (tfjs-node) uses
  // every core by itself.
  const dp = run.parallel && run.parallel.threads > 1 && tf.getBackend() === "wasm"
    ? await DataParallel.start(run.parallel.spec, model, { parties: run.parallel.threads, maxBatch: config.batchSize })
    : undefined;
  if (dp) log(`[${run.experiment}] data-parallel on ${run.parallel!.threads} threads`);
  ctx.dp = dp;
  let ranThisInvocation = 0;
  // The reported predictions: the last epoch's, or with a validation set those of the chosen epoch (kept in the checkpoint).
  let predictions: Predictions | undefined = ck?.chosenPredictions;

  const isComplete = () => history.length >= config.epochs || stoppedEarlyAt(history, config.patience, key) !== undefined;
  const record = () => {
    const provenance = { ...prov.finish(priorWall), invocations };
    if (run.writeResultFile ?? true) writeChecked(run.resultFormat ?? trainingRun, run.experiment, resultBody(run, history, isComplete(), predictions, provenance), run.resultsDir ?? RESULTS_DIR);
    return provenance;
  };

  try {
    for (let epoch = history.length + 1; epoch <= config.epochs && !isComplete(); epoch++) {
      if (run.maxEpochsThisRun !== undefined && ranThisInvocation >= run.maxEpochsThisRun) break;
      const t0 = Date.now();
      const lr = config.schedule ? learningRateAt(config.schedule, config.learningRate, epoch, config.epochs) : undefined;
      if (lr !== undefined) ctx.adam.setLearningRate(lr);
      const fit = trainEpoch(run, ctx, epoch, batches, logEvery, log);
      const seconds = (Date.now() - t0) / 1000;
      const v = val ? evaluate(model, val, config.classes) : undefined;
      // The test set is evaluated for the record only: nothing below depends on it when there is a validation set.
      const ev = evaluate(model, test, config.classes);
      const rec: EpochRecord = {
        epoch, train_loss: fit.lossSum / train.n, train_acc: fit.correct / train.n, test_loss: ev.loss, test_acc: ev.acc,
        ...(v ? { val_loss: v.loss, val_acc: v.acc } : {}), ...(lr !== undefined ? { lr } : {}),
        seconds: (Date.now() - t0) / 1000, images_per_s: train.n / seconds,
      };
      history.push(rec);
      if (!val || chosenEpoch(history) === rec) predictions = { epoch, data: encodePredictions(ev.predictions) };
      ranThisInvocation++;
      const provenance = record();
      saveCheckpoint(dir, model, ctx.adam, { configHash: hash, epoch, history, wallS: provenance.wall_s, seeds: [config.seed], invocations,
        ...(val ? { chosenPredictions: predictions } : {}) });
      log(`[${run.experiment}] epoch ${epoch}/${config.epochs} done in ${fmtDuration(rec.seconds)}: train loss ${rec.train_loss.toFixed(4)} ` +
        `acc ${rec.train_acc.toFixed(4)} |${v ? ` val loss ${v.loss.toFixed(4)} acc ${v.acc.toFixed(4)} |` : ""} test loss ${rec.test_loss.toFixed(4)} ` +
        `acc ${rec.test_acc.toFixed(4)} | ${rec.images_per_s.toFixed(0)} img/s`);
    }
  } finally {
    await dp?.stop();
  }
  const complete = isComplete();
  const provenance = history.length ? record() : prov.finish(priorWall);
  return { epochs: history, provenance, complete };
}

/** One epoch of mini-batch steps in the seeded order, with progress lines; the summed loss and correct predictions. */
function trainEpoch(run: TrainRun, ctx: ReturnType<typeof stepContext>, epoch: number, batches: number, logEvery: number, log: (line: string) => void) {
  const { train, config } = run;
  const size = train.shape[0] * train.shape[1] * train.shape[2];
  const buf = new Float32Array(config.batchSize * size);
  const labelBuf = new Int32Array(config.batchSize);
  const order = shuffledIndices(train.n, config.seed * 100003 + epoch);
  const t0 = Date.now();
  let lossSum = 0, correct = 0;
  for (let b = 0; b < batches; b++) {
    const start = b * config.batchSize, count = Math.min(config.batchSize, train.n - start);
    gatherBatch(train, order, start, count, buf, labelBuf);
    run.augment?.(buf, count, epoch, b);
    const r = trainStep(ctx, buf, labelBuf, count, train.shape, config.classes);
    lossSum += r.lossSum;
    correct += r.correct;
    if (logEvery && (b + 1) % logEvery === 0 && b + 1 < batches) {
      const el = (Date.now() - t0) / 1000, done = start + count;
      log(`[${run.experiment}] epoch ${epoch}/${config.epochs} batch ${b + 1}/${batches} loss ${(lossSum / done).toFixed(4)} ` +
        `acc ${(correct / done).toFixed(4)} ${(done / el).toFixed(0)} img/s, epoch ETA ${fmtDuration((el / done) * (train.n - done))}`);
    }
  }
  return { lossSum, correct };
}

/** The result file of a run so far; runs with a validation set add `selection` (the chosen epoch and its accuracies). */
/** The training configuration as a result records it (snake_case keys; the defaults left out). */
function configRecord(c: TrainConfig) {
  return {
    epochs: c.epochs, ...(c.patience !== undefined ? { patience: c.patience } : {}), batch_size: c.batchSize, learning_rate: c.learningRate,
    seed: c.seed, classes: c.classes, ...(c.schedule ? { schedule: c.schedule } : {}), ...(c.weightDecay !== undefined ? { weight_decay: c.weightDecay } : {}),
    ...(c.adamEpsilon !== undefined ? { adam_epsilon: c.adamEpsilon } : {}),
  };
}

function resultBody(run: TrainRun, history: EpochRecord[], complete: boolean, predictions: Predictions | undefined, provenance: object) {
  const { config } = run;
  const last = history[history.length - 1];
  const stopped = stoppedEarlyAt(history, config.patience, selectionKey(run));
  const chosen = run.val && last ? chosenEpoch(history) : undefined;
  return {
    experiment: run.experiment, ...run.describe, config: configRecord(config),
    status: complete ? "complete" : `running (${history.length}/${config.epochs} epochs)`,
    ...(stopped !== undefined ? { stopped_early: `after epoch ${stopped}: no ${run.val ? "validation" : "test"}-accuracy improvement for ${config.patience} epochs` } : {}),
    epochs: history,
    ...(predictions ? { test_predictions: { epoch: predictions.epoch, encoding: "base36-char-per-example", data: predictions.data } } : {}),
    final: last ? { train_loss: last.train_loss, test_loss: last.test_loss, test_acc: last.test_acc, epochs: history.length,
      best_test_acc: Math.max(...history.map((h) => h.test_acc)) } : null,
    ...(chosen ? { selection: { on: "validation accuracy (the test set never chose anything)", validation_n: run.val!.n, chosen_epoch: chosen.epoch,
      val_acc: chosen.val_acc, val_loss: chosen.val_loss, test_acc: chosen.test_acc, test_loss: chosen.test_loss } } : {}),
    provenance,
  };
}
