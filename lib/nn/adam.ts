/**
 * Adam on one flat Float32Array of all trainable weights: the update of `tf.train.adam`, bit for bit, in one pass.
 *
 * tfjs's Adam runs about a dozen kernels per variable (170 for HQNN-Parallel's 14 variables), and each launch costs
 * more than the arithmetic on these small tensors; here the whole update is one loop. Every operation is rounded
 * to float32 in the order tfjs evaluates it (JavaScript's double arithmetic followed by Math.fround is correctly
 * rounded for + - * / and sqrt of float32 operands), so the weights equal tfjs's to the last bit
 * (test/nn/adam.test.ts). The state (moments, the running products beta^t, the step count) is laid out as tfjs's
 * `getWeights` lays it out, so checkpoints keep their format.
 *
 * Two additions for longer schedules, both off by default (and then the update above is untouched): the learning
 * rate may be changed between steps (`setLearningRate`, e.g. once per epoch for a cosine decay), and a decoupled
 * weight decay (AdamW, PyTorch's order: w <- w - lr * decay * w, then the Adam step), applied to every weight.
 */
import * as tf from "@tensorflow/tfjs";

const f = Math.fround;

export class FlatAdam {
  readonly m: Float32Array;
  readonly v: Float32Array;
  /** beta1^t and beta2^t as float32 running products, t = steps taken + 1 (tfjs starts them at beta). */
  accBeta1: number;
  accBeta2: number;
  iterations = 0;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly oneMinusBeta1: number;
  private readonly oneMinusBeta2: number;
  private readonly epsilon: number;
  private negLr!: number;
  /** 1 - lr * weightDecay as float32 (1 when there is no decay). */
  private keep!: number;

  constructor(readonly size: number, learningRate: number, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7, readonly weightDecay = 0) {
    this.m = new Float32Array(size);
    this.v = new Float32Array(size);
    this.beta1 = f(beta1); this.beta2 = f(beta2);
    this.oneMinusBeta1 = f(1 - beta1); this.oneMinusBeta2 = f(1 - beta2);
    this.epsilon = f(epsilon);
    this.accBeta1 = this.beta1; this.accBeta2 = this.beta2;
    this.setLearningRate(learningRate);
  }

  /** The learning rate of the following steps (the moments and the step count are kept). */
  setLearningRate(learningRate: number): void {
    if (!(learningRate >= 0)) throw new RangeError(`FlatAdam: learning rate must be >= 0, got ${learningRate}`);
    this.negLr = f(-learningRate);
    this.keep = f(1 - f(learningRate * this.weightDecay));
  }

  /** One step: updates `weights` in place from `grads` (both `size` long). */
  step(weights: Float32Array, grads: Float32Array): void {
    if (weights.length < this.size || grads.length < this.size) throw new Error(`FlatAdam: ${this.size} weights and gradients expected`);
    const { m, v, beta1, beta2, oneMinusBeta1, oneMinusBeta2, epsilon, negLr, keep } = this;
    const c1 = f(1 - this.accBeta1), c2 = f(1 - this.accBeta2);
    if (keep !== 1) for (let i = 0; i < this.size; i++) weights[i] = f(weights[i] * keep);
    for (let i = 0; i < this.size; i++) {
      const g = grads[i];
      const mi = f(f(m[i] * beta1) + f(g * oneMinusBeta1));
      const vi = f(f(v[i] * beta2) + f(f(g * g) * oneMinusBeta2));
      m[i] = mi; v[i] = vi;
      const mHat = f(mi / c1), vHat = f(vi / c2);
      weights[i] = f(f(f(mHat / f(f(Math.sqrt(vHat)) + epsilon)) * negLr) + weights[i]);
    }
    this.accBeta1 = f(this.accBeta1 * beta1);
    this.accBeta2 = f(this.accBeta2 * beta2);
    this.iterations++;
  }

  /** The state as tensors in the checkpoint layout: accBeta1, accBeta2, iterations, then m and v per variable shape. */
  stateTensors(shapes: number[][]): tf.Tensor[] {
    const split = (flat: Float32Array) => {
      let off = 0;
      return shapes.map((s) => { const n = s.reduce((a, b) => a * b, 1); const t = tf.tensor(flat.slice(off, off + n), s); off += n; return t; });
    };
    return [tf.scalar(this.accBeta1), tf.scalar(this.accBeta2), tf.scalar(this.iterations), ...split(this.m), ...split(this.v)];
  }

  /** Restores what stateTensors wrote. */
  loadStateTensors(tensors: tf.Tensor[]): void {
    const [a1, a2, it, ...moments] = tensors.map((t) => t.dataSync() as Float32Array);
    if (moments.length % 2 !== 0) throw new Error("FlatAdam: checkpoint holds an odd number of moment tensors");
    const fill = (dst: Float32Array, parts: Float32Array[]) => {
      let off = 0;
      for (const p of parts) { dst.set(p, off); off += p.length; }
      if (off !== this.size) throw new Error(`FlatAdam: checkpoint moments hold ${off} values, the model has ${this.size} weights`);
    };
    fill(this.m, moments.slice(0, moments.length / 2));
    fill(this.v, moments.slice(moments.length / 2));
    this.accBeta1 = a1[0]; this.accBeta2 = a2[0]; this.iterations = it[0];
  }
}

/** Tensors (weights or gradients) concatenated in order, into `out` when given. */
export function flatten(tensors: tf.Tensor[], out?: Float32Array): Float32Array {
  const flat = out ?? new Float32Array(tensors.reduce((s, t) => s + t.size, 0));
  let off = 0;
  for (const t of tensors) { flat.set(t.dataSync() as Float32Array, off); off += t.size; }
  return flat;
}

/**
 * Assigns consecutive slices of `flat` to the variables. The slices are copies: the cpu backend keeps the typed
 * array a tensor is made from, so a view would tie the variables to a buffer the caller reuses.
 */
export function writeFlat(vars: tf.Variable[], flat: Float32Array): void {
  let off = 0;
  for (const v of vars) {
    tf.tidy(() => v.assign(tf.tensor(flat.slice(off, off + v.size), v.shape)));
    off += v.size;
  }
}
