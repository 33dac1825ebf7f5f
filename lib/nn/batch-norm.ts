/**
 * BatchNorm over the last axis (NHWC channels, or the features of a dense layer): the normalisation layer of the
 * section 2.2 models, with the semantics of tfjs-layers' batchNormalization. Training normalises with the batch
 * mean and biased variance and moves the running statistics as moving -= (moving - batch) * (1 - momentum);
 * inference uses the running statistics. Weights, in this order: gamma, beta (trainable), moving mean, moving
 * variance, as PyTorch's weight, bias, running_mean, running_var.
 *
 * On the wasm backend a training step runs two fused kernels on the wasm heap, four passes over the tensor in
 * all, where tfjs's autodiff of moments + batchNorm takes some twenty generic kernels (~50 ms of a 129 ms MNIST
 * step):
 *   forward   mean, var over all but the last axis; y = γ (x − mean) / σ + β,  σ = sqrt(var + ε)
 *   backward  dβ = Σ dy,  dγ = Σ dy x̂,  dx = (γ / σ) (dy − dβ / m − x̂ dγ / m),  x̂ = (x − mean) / σ, m = rows
 * Sums are accumulated in float64. Other backends use tf.moments + tf.batchNorm, as tfjs-layers does.
 *
 * In data-parallel training (lib/nn/data-parallel.ts) each thread holds part of the batch; a reducer set with
 * setBatchNormReducer sums the per-channel statistics over the threads, so every thread normalises with the
 * statistics of the whole batch, exactly as one thread holding it would ("synchronised BatchNorm").
 */
import * as tf from "@tensorflow/tfjs";

type TensorInfo = tf.TensorInfo;
type Backend = tf.KernelBackend & {
  makeOutput(shape: number[], dtype: tf.DataType): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array;
};

/**
 * Rows per block of the loops below: each block (BLOCK x c floats) is walked channel by channel with scalar
 * accumulators while it sits in L1; 2-3x faster in V8 than one row-major pass with per-channel arrays.
 */
const BLOCK = 256;

type Reducer = (local: Float64Array) => Float64Array;
let reducer: Reducer | undefined;

/** Sets (or clears) the cross-thread sum applied to the batch statistics of every training-mode pass. */
export function setBatchNormReducer(r: Reducer | undefined): void {
  reducer = r;
}

/** [rows, a..., b...] summed over the threads when a reducer is set; returns rows and the two sums. */
function reduceStatistics(rows: number, a: Float64Array, b: Float64Array): number {
  if (!reducer) return rows;
  const c = a.length, local = new Float64Array(1 + 2 * c);
  local[0] = rows; local.set(a, 1); local.set(b, 1 + c);
  const total = reducer(local);
  a.set(total.subarray(1, 1 + c)); b.set(total.subarray(1 + c));
  return total[0];
}

/** Training-mode forward pass over x viewed as rows x c: writes y and the batch mean and (biased) variance. */
export function batchNormForward(x: Float32Array, c: number, gamma: Float32Array, beta: Float32Array, epsilon: number,
  y: Float32Array, mean: Float32Array, variance: Float32Array): void {
  const localRows = x.length / c, sum = new Float64Array(c), sumSq = new Float64Array(c);
  for (let r0 = 0; r0 < localRows; r0 += BLOCK) {
    const end = Math.min(localRows, r0 + BLOCK) * c;
    for (let j = 0; j < c; j++) {
      let s = 0, q = 0;
      for (let i = r0 * c + j; i < end; i += c) { const v = x[i]; s += v; q += v * v; }
      sum[j] += s; sumSq[j] += q;
    }
  }
  const rows = reduceStatistics(localRows, sum, sumSq);
  const scale = new Float64Array(c), shift = new Float64Array(c);
  for (let j = 0; j < c; j++) {
    const m = sum[j] / rows, v = Math.max(0, sumSq[j] / rows - m * m);
    mean[j] = m; variance[j] = v;
    scale[j] = gamma[j] / Math.sqrt(v + epsilon);
    shift[j] = beta[j] - m * scale[j];
  }
  for (let r0 = 0; r0 < localRows; r0 += BLOCK) {
    const end = Math.min(localRows, r0 + BLOCK) * c;
    for (let j = 0; j < c; j++) {
      const a = scale[j], b = shift[j];
      for (let i = r0 * c + j; i < end; i += c) y[i] = x[i] * a + b;
    }
  }
}

/** Gradients of the training-mode forward pass (batch statistics included) for an upstream gradient dy. */
export function batchNormBackward(dy: Float32Array, x: Float32Array, c: number, mean: Float32Array, variance: Float32Array,
  gamma: Float32Array, epsilon: number, dx: Float32Array, dGamma: Float32Array, dBeta: Float32Array): void {
  const localRows = x.length / c, sumDy = new Float64Array(c), sumDyXc = new Float64Array(c);
  for (let r0 = 0; r0 < localRows; r0 += BLOCK) {
    const end = Math.min(localRows, r0 + BLOCK) * c;
    for (let j = 0; j < c; j++) {
      const m = mean[j];
      let s = 0, q = 0;
      for (let i = r0 * c + j; i < end; i += c) { const d = dy[i]; s += d; q += d * (x[i] - m); }
      sumDy[j] += s; sumDyXc[j] += q;
    }
  }
  // dγ and dβ are this thread's share (the caller sums the threads' gradients); dx needs the whole batch's sums.
  const ownDy = sumDy.slice(), ownDyXc = sumDyXc.slice();
  const rows = reduceStatistics(localRows, sumDy, sumDyXc);
  // dx = a dy + b x + k per channel, from the closed form above.
  const a = new Float64Array(c), b = new Float64Array(c), k = new Float64Array(c);
  for (let j = 0; j < c; j++) {
    const invStd = 1 / Math.sqrt(variance[j] + epsilon);
    dBeta[j] = ownDy[j];
    dGamma[j] = ownDyXc[j] * invStd;
    a[j] = gamma[j] * invStd;
    b[j] = -a[j] * sumDyXc[j] * invStd * invStd / rows;
    k[j] = -a[j] * sumDy[j] / rows - b[j] * mean[j];
  }
  for (let r0 = 0; r0 < localRows; r0 += BLOCK) {
    const end = Math.min(localRows, r0 + BLOCK) * c;
    for (let j = 0; j < c; j++) {
      const aj = a[j], bj = b[j], kj = k[j];
      for (let i = r0 * c + j; i < end; i += c) dx[i] = aj * dy[i] + bj * x[i] + kj;
    }
  }
}

const FORWARD = "HqnnBatchNormTrain", BACKWARD = "HqnnBatchNormTrainGrad";

function forwardKernel({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: object; attrs?: tf.NamedAttrMap }) {
  const be = backend as Backend, { x, gamma, beta } = inputs as { x: TensorInfo; gamma: TensorInfo; beta: TensorInfo };
  const c = x.shape[x.shape.length - 1];
  const y = be.makeOutput(x.shape, "float32"), mean = be.makeOutput([c], "float32"), variance = be.makeOutput([c], "float32");
  const heap = (t: TensorInfo) => be.typedArrayFromHeap(t);
  batchNormForward(heap(x), c, heap(gamma), heap(beta), attrs!.epsilon as number, heap(y), heap(mean), heap(variance));
  return [y, mean, variance];
}

function backwardKernel({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: object; attrs?: tf.NamedAttrMap }) {
  const be = backend as Backend;
  const { dy, x, mean, variance, gamma } = inputs as Record<string, TensorInfo>;
  const c = x.shape[x.shape.length - 1];
  const dx = be.makeOutput(x.shape, "float32"), dGamma = be.makeOutput([c], "float32"), dBeta = be.makeOutput([c], "float32");
  const heap = (t: TensorInfo) => be.typedArrayFromHeap(t);
  batchNormBackward(heap(dy), heap(x), c, heap(mean), heap(variance), heap(gamma), attrs!.epsilon as number, heap(dx), heap(dGamma), heap(dBeta));
  return [dx, dGamma, dBeta];
}

let registered = false;

/** Registers the two fused kernels on the wasm backend (idempotent). */
export function registerWasmBatchNormKernels(): void {
  if (registered) return;
  registered = true;
  tf.registerKernel({ kernelName: FORWARD, backendName: "wasm", kernelFunc: forwardKernel as tf.KernelFunc });
  tf.registerKernel({ kernelName: BACKWARD, backendName: "wasm", kernelFunc: backwardKernel as tf.KernelFunc });
}

/**
 * Training-mode batch norm: [y, batch mean, batch variance], differentiable in x, gamma and beta. The caller
 * disposes the two statistics (on wasm they are kept outside any tidy scope).
 */
export function batchNormTraining(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, epsilon: number): [tf.Tensor, tf.Tensor, tf.Tensor] {
  if (tf.getBackend() !== "wasm" || !tf.getKernel(FORWARD, "wasm")) {
    const { mean, variance } = tf.moments(x, [...Array(x.rank - 1).keys()]);
    return [tf.batchNorm(x, mean, variance, beta, gamma, epsilon), mean, variance];
  }
  let stats: tf.Tensor[] = [];
  const op = tf.customGrad(((xs: tf.Tensor, g: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
    const [y, mean, variance] = tf.engine().runKernel(FORWARD, { x: xs, gamma: g, beta: b }, { epsilon }) as tf.Tensor[];
    save([xs, mean, variance, g]);
    stats = [tf.keep(mean), tf.keep(variance)]; // the op's scope would dispose them; the caller does

    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx, sMean, sVar, sGamma] = saved;
        return tf.engine().runKernel(BACKWARD, { dy, x: sx, mean: sMean, variance: sVar, gamma: sGamma }, { epsilon }) as tf.Tensor[];
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  const y = op(x, gamma, beta) as tf.Tensor;
  return [y, stats[0], stats[1]];
}

export interface BatchNormArgs { momentum?: number; epsilon?: number; name?: string }

export class BatchNorm extends tf.layers.Layer {
  static className = "HqnnBatchNorm";
  readonly momentum: number;
  readonly epsilon: number;
  private gamma?: tf.LayerVariable;
  private beta?: tf.LayerVariable;
  private movingMean?: tf.LayerVariable;
  private movingVariance?: tf.LayerVariable;

  constructor(args: BatchNormArgs = {}) {
    super({ name: args.name });
    this.momentum = args.momentum ?? 0.99;
    this.epsilon = args.epsilon ?? 1e-3;
  }

  build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const c = [shape[shape.length - 1] as number];
    this.gamma = this.addWeight("gamma", c, "float32", tf.initializers.ones());
    this.beta = this.addWeight("beta", c, "float32", tf.initializers.zeros());
    this.movingMean = this.addWeight("moving_mean", c, "float32", tf.initializers.zeros(), undefined, false);
    this.movingVariance = this.addWeight("moving_variance", c, "float32", tf.initializers.ones(), undefined, false);
    this.built = true;
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.tidy(() => {
      if (!kwargs.training) {
        return tf.batchNorm(x, this.movingMean!.read(), this.movingVariance!.read(), this.beta!.read(), this.gamma!.read(), this.epsilon);
      }
      const [y, mean, variance] = batchNormTraining(x, this.gamma!.read(), this.beta!.read(), this.epsilon);
      for (const [moving, batch] of [[this.movingMean!, mean], [this.movingVariance!, variance]] as const) {
        const old = moving.read();
        moving.write(tf.sub(old, tf.mul(tf.sub(old, batch), 1 - this.momentum)));
      }
      tf.dispose([mean, variance]);
      return y;
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), momentum: this.momentum, epsilon: this.epsilon };
  }
}
tf.serialization.registerClass(BatchNorm);
