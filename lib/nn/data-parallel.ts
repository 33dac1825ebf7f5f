/**
 * Data-parallel training steps on several cores: the wasm backend runs one thread in Node, so each extra core
 * gets a worker thread (data-parallel-worker.ts) holding a replica of the model. For every batch the calling
 * thread sends the current weights and a share of the batch to each worker, computes the gradients of its own
 * share, and sums everybody's gradients; the optimizer step stays with the caller, whose model and optimizer are
 * the only ones checkpointed or evaluated.
 *
 * BatchNorm makes the shares depend on each other (the batch statistics span the whole batch): every training
 * BatchNorm pass sums its per-channel statistics over the threads (SharedReducer), so the step is the one a
 * single thread would take on the whole batch, up to float rounding (test/nn/data-parallel.test.ts).
 *
 * Each share's loss is its mean cross-entropy scaled by share / batch, so the summed gradient is the gradient
 * of the whole batch's mean loss.
 */
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import * as tf from "@tensorflow/tfjs";
import { setBatchNormReducer } from "./batch-norm";
import { Ablation, Head, ModelConfig } from "./models";
import { SharedReducer } from "./shared-reduce";
import { flatten } from "./adam";
import { FlatResult, shareGradients, trainableVariables } from "./step";
import { startTsWorker } from "./thread-pool";

/** What a worker needs to build the same model: built by buildParallelModel(config, variant, quantumHead). */
export interface ModelSpec { variant: Head | Ablation; config: ModelConfig }

/** Control words shared with the workers. */
export const CTRL = { step: 0, done: 1, failed: 2, stop: 3 } as const;
export const REDUCE_MAX = 1 + 2 * 64; // [rows, sums of up to 64 channels, second sums]

/** Shared buffers of a step: control words, weights, the batch share, gradients, loss/correct of each worker. */
export interface SharedBuffers { control: SharedArrayBuffer; reduce: SharedArrayBuffer; weights: SharedArrayBuffer; batch: SharedArrayBuffer; labels: SharedArrayBuffer; grads: SharedArrayBuffer; stats: SharedArrayBuffer }

export class DataParallel {
  private readonly workers: Worker[] = [];
  private readonly control: Int32Array;
  private readonly weights: Float32Array;
  private readonly batch: Float32Array[];
  private readonly labels: Int32Array[];
  private readonly grads: Float32Array[];
  private readonly stats: Float64Array;
  private readonly reducer: SharedReducer;
  private readonly buffers: SharedBuffers;
  private readonly sizes: number[];
  private workerError?: Error;

  private readonly vars: tf.Variable[];

  private constructor(readonly parties: number, readonly spec: ModelSpec, maxBatch: number, private readonly model: tf.LayersModel) {
    this.vars = trainableVariables(model);
    const [h, w, c] = spec.config.inputShape, image = h * w * c, others = parties - 1;
    this.sizes = this.vars.map((v) => v.size);
    const total = this.sizes.reduce((a, b) => a + b, 0);
    this.buffers = {
      control: new SharedArrayBuffer(4 * 4 * (1 + others)), reduce: SharedReducer.create(parties, REDUCE_MAX),
      weights: new SharedArrayBuffer(4 * total), batch: new SharedArrayBuffer(4 * others * maxBatch * image),
      labels: new SharedArrayBuffer(4 * others * maxBatch), grads: new SharedArrayBuffer(4 * others * total),
      stats: new SharedArrayBuffer(8 * 2 * others),
    };
    this.control = new Int32Array(this.buffers.control);
    this.weights = new Float32Array(this.buffers.weights);
    this.batch = Array.from({ length: others }, (_, k) => new Float32Array(this.buffers.batch, 4 * k * maxBatch * image, maxBatch * image));
    this.labels = Array.from({ length: others }, (_, k) => new Int32Array(this.buffers.labels, 4 * k * maxBatch, maxBatch));
    this.grads = Array.from({ length: others }, (_, k) => new Float32Array(this.buffers.grads, 4 * k * total, total));
    this.stats = new Float64Array(this.buffers.stats);
    this.reducer = new SharedReducer(this.buffers.reduce, parties, 0, REDUCE_MAX);
  }

  /**
   * Starts parties - 1 workers with replicas of `model` (rebuilt from `spec`); resolves when all are ready. The
   * caller keeps training `model`: its weights go to the workers at every step.
   */
  static async start(spec: ModelSpec, model: tf.LayersModel, opts: { parties: number; maxBatch: number }): Promise<DataParallel> {
    // The synchronised BatchNorm statistics live in the wasm backend's fused kernels (batch-norm.ts).
    if (tf.getBackend() !== "wasm") throw new Error(`DataParallel needs the wasm backend (the current one is ${tf.getBackend()})`);
    const dp = new DataParallel(opts.parties, spec, opts.maxBatch, model);
    const file = path.join(__dirname, "data-parallel-worker.ts");
    await Promise.all(Array.from({ length: opts.parties - 1 }, (_, k) => new Promise<void>((resolve, reject) => {
      const worker = startTsWorker(file, { spec, party: k + 1, parties: opts.parties, maxBatch: opts.maxBatch, buffers: dp.buffers, sizes: dp.sizes });
      worker.once("message", (m) => (m === "ready" ? resolve() : reject(new Error(String(m)))));
      worker.on("error", (e) => { dp.workerError = e; dp.reducer.fail(); reject(e); });
      dp.workers.push(worker);
    })));
    return dp;
  }

  /**
   * The whole batch's gradient (x: count images, labels: count labels) summed over the parties, flat in the order
   * of the model's trainable weights, with the summed loss and number of correct predictions. The caller applies it.
   */
  step(x: Float32Array, labels: Int32Array, count: number, shape: [number, number, number], classes: number): FlatResult {
    // A batch smaller than the number of threads would leave a thread without examples: take it alone.
    if (count < this.parties) return shareGradients(this.model, this.vars, x, labels, count, shape, classes, count);
    const [mine, ...theirs] = this.split(count);
    const round = this.sendShares(x, labels, mine, theirs, count, shape[0] * shape[1] * shape[2]);
    // The BatchNorm statistics of this thread's share are summed with the workers' only during its own pass.
    setBatchNormReducer((v) => this.reducer.allReduce(v));
    let own: FlatResult;
    try {
      own = shareGradients(this.model, this.vars, x, labels, mine, shape, classes, count);
    } finally {
      setBatchNormReducer(undefined);
    }
    this.waitForWorkers(round);
    return this.addWorkerResults(own);
  }

  /** Current weights and each worker's share of the batch into shared memory, then the signal; returns the round. */
  private sendShares(x: Float32Array, labels: Int32Array, mine: number, theirs: number[], count: number, image: number): number {
    flatten(this.vars, this.weights);
    let off = mine;
    theirs.forEach((n, k) => {
      this.batch[k].set(x.subarray(off * image, (off + n) * image));
      this.labels[k].set(labels.subarray(off, off + n));
      Atomics.store(this.control, 4 * (k + 1) + 0, n);
      Atomics.store(this.control, 4 * (k + 1) + 1, count);
      off += n;
    });
    const round = Atomics.add(this.control, CTRL.step, 1) + 1;
    Atomics.notify(this.control, CTRL.step);
    return round;
  }

  /** This thread's gradients plus every worker's (in worker order), flat, and the summed loss and correct count. */
  private addWorkerResults(own: FlatResult): FlatResult {
    const sum = own.grads;
    for (const buf of this.grads) for (let i = 0; i < sum.length; i++) sum[i] += buf[i];
    let { lossSum, correct } = own;
    for (let k = 0; k < this.workers.length; k++) { lossSum += this.stats[2 * k]; correct += this.stats[2 * k + 1]; }
    return { grads: sum, lossSum, correct };
  }

  /** Shares as even as possible, the caller's first: 64 over 2 parties = 32 + 32; 33 = 17 + 16. */
  private split(count: number): number[] {
    return Array.from({ length: this.parties }, (_, p) => Math.floor(count / this.parties) + (p < count % this.parties ? 1 : 0));
  }

  private waitForWorkers(round: number): void {
    const deadline = Date.now() + 300_000;
    for (;;) {
      if (Atomics.load(this.control, CTRL.failed) || this.workerError) {
        throw new Error(`data-parallel worker failed${this.workerError ? `: ${this.workerError.message}` : " (its error is on stderr)"}`);
      }
      const done = Atomics.load(this.control, CTRL.done);
      if (done >= round * this.workers.length) return;
      if (Date.now() > deadline) throw new Error("data-parallel worker did not answer for 5 minutes");
      Atomics.wait(this.control, CTRL.done, done, 1000);
    }
  }

  /** Stops the workers. */
  async stop(): Promise<void> {
    Atomics.store(this.control, CTRL.stop, 1);
    Atomics.add(this.control, CTRL.step, 1);
    Atomics.notify(this.control, CTRL.step);
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
