/**
 * Section 2.3: the quanvolutional layer (HQNN-Quanv) and its classical baselines CNN1 and CNN4.
 *
 * Kernel circuit (4 qubits, one per pixel of a 2x2 patch; wire 0 = top-left, 1 = top-right, 2 = bottom-left,
 * 3 = bottom-right, the order of PennyLane's quanvolution tutorial):
 *
 *   RY(pi * p_i) on wire i          angle embedding of the pixels p_i in [0, 1]
 *   R(w_i) on wire i                 4 trainable single-qubit rotations, R = RY (default) or RX
 *   CNOT(0,1) CNOT(1,2) CNOT(2,3)    3 CNOTs in a chain
 *   <Z_i> on every wire              4 output channels, each in [-1, 1]
 *
 * With R = RY the weights shift the embedding angles: <Z_k> = prod_{i<=k} cos(pi p_i + w_i) (the CNOT chain
 * turns Z_k into Z_0...Z_k). With R = RX: <Z_k> = prod_{i<=k} cos(pi p_i) cos(w_i). RZ would commute with
 * everything up to the Z measurements and leave the weights without gradient, so it is not offered.
 *
 * The kernel slides over the image with a given stride and no padding: an H x W image gives
 * floor((H-2)/s)+1 x floor((W-2)/s)+1 maps per channel; all patches of all images of a batch are one engine call.
 *
 * Models (all: flatten the 4 (or 1) feature maps, then one dense layer with bias to 10 logits):
 *   hqnn  quanvolution (4 weights, no bias)
 *   cnn1  conv 2x2, 1 filter, same stride, no bias (4 weights), ReLU
 *   cnn4  conv 2x2, 4 filters, same stride, no bias (16 weights), ReLU
 * Initialisation as in PyTorch/PennyLane: quantum weights U[0, 2pi) (TorchLayer's default), conv kernels and
 * dense layers U(+-1/sqrt(fan_in)).
 */
import * as tf from "@tensorflow/tfjs";
import { buildCircuit, Circuit, CircuitOp, DiffMethod, forward, input, vjp, weight } from "../quantum";
import { resizeBilinear, Split } from "../data";
import { seedStream, torchDefaultInit } from "./init";
import { evaluate, ImageSet, shuffledIndices } from "./train";
import { trainableVariables } from "./step";
import { meanStd } from "../stats";

export const KERNEL_SIZE = 2;
export const KERNEL_QUBITS = KERNEL_SIZE * KERNEL_SIZE;

export type KernelRotation = "RY" | "RX";
export type QuanvModelKind = "hqnn" | "cnn1" | "cnn4";

/** The 4-qubit kernel circuit: inputs 0..3 are the embedding angles, weights 0..3 the trainable rotations. */
export function quanvKernelCircuit(rotation: KernelRotation = "RY"): Circuit {
  const wires = [0, 1, 2, 3];
  const ops: CircuitOp[] = [
    ...wires.map((i): CircuitOp => ({ gate: "RY", wires: [i], params: [input(i)] })),
    ...wires.map((i): CircuitOp => ({ gate: rotation, wires: [i], params: [weight(i)] })),
    { gate: "CNOT", wires: [0, 1], params: [] },
    { gate: "CNOT", wires: [1, 2], params: [] },
    { gate: "CNOT", wires: [2, 3], params: [] },
  ];
  return buildCircuit(KERNEL_QUBITS, ops, wires.map((wire) => ({ pauli: "Z" as const, wire })));
}

/** Side of the output map: floor((size - 2) / stride) + 1 (no padding). */
export function quanvOutputSize(size: number, stride: number): number {
  if (!Number.isInteger(stride) || stride < 1) throw new RangeError(`stride must be a positive integer, got ${stride}`);
  if (size < KERNEL_SIZE) throw new RangeError(`image side ${size} is smaller than the 2x2 kernel`);
  return Math.floor((size - KERNEL_SIZE) / stride) + 1;
}

export interface PatchGeometry { n: number; height: number; width: number; stride: number }

function outputShape(g: PatchGeometry): [number, number] {
  return [quanvOutputSize(g.height, g.stride), quanvOutputSize(g.width, g.stride)];
}

/**
 * Every 2x2 patch of n single-channel images (n*H*W, row-major), times `scale`:
 * out[((b*oh + r)*ow + c)*4 + k] = scale * img_b[r*s + dy_k, c*s + dx_k], (dy, dx)_k = (0,0), (0,1), (1,0), (1,1).
 * Patch-major with 4 values each: exactly the engine's sample-major input layout, and the forward output
 * (4 expectation values per patch) is then already NHWC.
 */
export function extractPatches(images: ArrayLike<number>, g: PatchGeometry, scale = 1): Float64Array {
  const [oh, ow] = outputShape(g);
  const { n, height: h, width: w, stride: s } = g;
  if (images.length !== n * h * w) throw new RangeError(`expected ${n}*${h}*${w} pixels, got ${images.length}`);
  const out = new Float64Array(n * oh * ow * KERNEL_QUBITS);
  let o = 0;
  for (let b = 0; b < n; b++) {
    for (let r = 0; r < oh; r++) {
      for (let c = 0; c < ow; c++) {
        const top = b * h * w + r * s * w + c * s;
        out[o++] = scale * images[top];
        out[o++] = scale * images[top + 1];
        out[o++] = scale * images[top + w];
        out[o++] = scale * images[top + w + 1];
      }
    }
  }
  return out;
}

/** The adjoint of extractPatches: adds each patch value (times `scale`) back onto its pixel (n*H*W). */
export function scatterPatches(patches: ArrayLike<number>, g: PatchGeometry, scale = 1): Float32Array {
  const [oh, ow] = outputShape(g);
  const { n, height: h, width: w, stride: s } = g;
  if (patches.length !== n * oh * ow * KERNEL_QUBITS) throw new RangeError(`expected ${n * oh * ow * KERNEL_QUBITS} patch values, got ${patches.length}`);
  const out = new Float32Array(n * h * w);
  let o = 0;
  for (let b = 0; b < n; b++) {
    for (let r = 0; r < oh; r++) {
      for (let c = 0; c < ow; c++) {
        const top = b * h * w + r * s * w + c * s;
        out[top] += scale * patches[o++];
        out[top + 1] += scale * patches[o++];
        out[top + w] += scale * patches[o++];
        out[top + w + 1] += scale * patches[o++];
      }
    }
  }
  return out;
}

export interface QuanvOptions {
  stride: number;
  rotation?: KernelRotation;
  /** How the engine differentiates the kernel circuit (default "adjoint"). */
  diffMethod?: DiffMethod;
}

/** Engine calls, circuits simulated and milliseconds spent inside the engine so far, for the timing experiment. */
export const quanvCounters = { forwardCalls: 0, vjpCalls: 0, circuits: 0, forwardMs: 0, vjpMs: 0 };

/**
 * The quanvolution as a differentiable tfjs op: images [n, H, W, 1] in [0, 1], weights [4] -> [n, oh, ow, 4].
 * Forward: one engine forward() over all n*oh*ow patches (angles pi * pixel). Backward: one engine vjp() with
 * the upstream gradient; d/dweights is summed over all patches, d/dpixel = pi * d/dangle summed over the
 * patches that contain the pixel.
 */
export function quanvolve(images: tf.Tensor4D, weights: tf.Tensor1D, opts: QuanvOptions): tf.Tensor4D {
  const [n, height, width, channels] = images.shape;
  if (channels !== 1) throw new RangeError(`quanvolution expects one input channel, got ${channels}`);
  const g: PatchGeometry = { n, height, width, stride: opts.stride };
  const [oh, ow] = outputShape(g);
  const circuit = circuitFor(opts.rotation ?? "RY");
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, w] = args as tf.Tensor[];
    const angles = extractPatches(x.dataSync(), g, Math.PI);
    const kernel = Float64Array.from(w.dataSync());
    const patches = n * oh * ow;
    const t0 = performance.now();
    const expvals = forward(circuit, angles, kernel, patches);
    quanvCounters.forwardMs += performance.now() - t0;
    quanvCounters.forwardCalls++;
    quanvCounters.circuits += patches;
    const gradFunc = (dy: tf.Tensor4D): tf.Tensor[] => {
      const t1 = performance.now();
      const r = vjp(circuit, angles, kernel, patches, dy.dataSync(), opts.diffMethod ?? "adjoint");
      quanvCounters.vjpMs += performance.now() - t1;
      quanvCounters.vjpCalls++;
      return [
        tf.tensor4d(scatterPatches(r.gradInputs, g, Math.PI), [n, height, width, 1]),
        tf.tensor1d(Float32Array.from(r.gradWeights)),
      ];
    };
    return { value: tf.tensor4d(Float32Array.from(expvals), [n, oh, ow, KERNEL_QUBITS]), gradFunc };
  });
  return op(images, weights);
}

const circuits: Partial<Record<KernelRotation, Circuit>> = {};
function circuitFor(rotation: KernelRotation): Circuit {
  return (circuits[rotation] ??= quanvKernelCircuit(rotation));
}

/** A tfjs layer around `quanvolve` with 4 trainable weights, initialised U[0, 2pi) from `seed`. */
export class Quanv2D extends tf.layers.Layer {
  static className = "Quanv2D";
  readonly options: QuanvOptions;
  private readonly seed: number;
  private kernel?: tf.LayerVariable;

  constructor(args: QuanvOptions & { seed: number; name?: string }) {
    super({ name: args.name });
    this.options = { stride: args.stride, rotation: args.rotation ?? "RY", diffMethod: args.diffMethod ?? "adjoint" };
    this.seed = args.seed;
  }

  build(): void {
    const init = tf.initializers.randomUniform({ minval: 0, maxval: 2 * Math.PI, seed: this.seed });
    this.kernel = this.addWeight("kernel", [KERNEL_QUBITS], "float32", init);
    this.built = true;
  }

  computeOutputShape(shape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = (Array.isArray(shape[0]) ? shape[0] : shape) as tf.Shape;
    return [s[0], quanvOutputSize(s[1] as number, this.options.stride), quanvOutputSize(s[2] as number, this.options.stride), KERNEL_QUBITS];
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
    return quanvolve(x, this.kernel!.read() as tf.Tensor1D, this.options);
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), stride: this.options.stride, rotation: this.options.rotation!, diffMethod: this.options.diffMethod!, seed: this.seed };
  }
}

export interface QuanvModelConfig {
  kind: QuanvModelKind;
  /** Input side (14 for the paper's resized MNIST). */
  imageSize: number;
  stride: number;
  rotation?: KernelRotation;
  diffMethod?: DiffMethod;
  classes: number;
  seed: number;
}

/** HQNN-Quanv, CNN1 or CNN4: first layer (named "kernel_layer") -> flatten -> dense to logits. */
export function buildQuanvModel(cfg: QuanvModelConfig): tf.LayersModel {
  const nextSeed = seedStream(cfg.seed);
  const inputs = tf.input({ shape: [cfg.imageSize, cfg.imageSize, 1] });
  let x: tf.SymbolicTensor;
  if (cfg.kind === "hqnn") {
    x = new Quanv2D({ stride: cfg.stride, rotation: cfg.rotation, diffMethod: cfg.diffMethod, seed: nextSeed(), name: "kernel_layer" })
      .apply(inputs) as tf.SymbolicTensor;
  } else {
    x = tf.layers.conv2d({
      name: "kernel_layer", filters: cfg.kind === "cnn1" ? 1 : 4, kernelSize: KERNEL_SIZE, strides: cfg.stride, padding: "valid",
      useBias: false, activation: "relu", kernelInitializer: torchDefaultInit(KERNEL_QUBITS, nextSeed()),
    }).apply(inputs) as tf.SymbolicTensor;
  }
  x = tf.layers.flatten().apply(x) as tf.SymbolicTensor;
  const features = x.shape[1] as number;
  const logits = tf.layers.dense({
    units: cfg.classes, useBias: true,
    kernelInitializer: torchDefaultInit(features, nextSeed()), biasInitializer: torchDefaultInit(features, nextSeed()),
  }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs, outputs: logits });
}

/** Trainable parameters of the first (quanvolutional or convolutional) layer and of the whole model. */
export function quanvParamCounts(model: tf.LayersModel): { kernel_params: number; total_params: number } {
  const size = (w: tf.LayerVariable) => (w.shape as number[]).reduce((a, b) => a * b, 1);
  const kernel = model.getLayer("kernel_layer").trainableWeights.reduce((s, w) => s + size(w), 0);
  return { kernel_params: kernel, total_params: model.trainableWeights.reduce((s, w) => s + size(w), 0) };
}

/**
 * Filters of a CNN1/CNN4 kernel layer that are dead: all weights <= 0. Pixels are >= 0, so such a filter's output
 * is <= 0 for every image, ReLU zeroes it and its gradient, and it never recovers (a single filter, as in CNN1,
 * is dead at initialisation with probability 1/16). 0 for the quanvolution.
 */
export function deadReluFilters(model: tf.LayersModel): number {
  const layer = model.getLayer("kernel_layer");
  if (layer instanceof Quanv2D) return 0;
  const w = layer.getWeights()[0];
  const filters = w.shape[3] as number, values = w.dataSync();
  let dead = 0;
  for (let f = 0; f < filters; f++) {
    let alive = false;
    for (let k = f; k < values.length; k += filters) alive ||= values[k] > 0;
    if (!alive) dead++;
  }
  return dead;
}

/**
 * The paper's preprocessing: images at `indices` of a 28x28x1 uint8 split, resized to size x size by
 * antialiased bilinear interpolation (what torchvision's Resize does on a PIL image: PIL's BILINEAR filter),
 * rounded to uint8 as PIL does, then scaled to [0, 1] (ToTensor).
 */
export function prepareQuanvImages(split: Split, indices: ArrayLike<number>, size: number): ImageSet {
  const [h, w, c] = split.shape;
  if (c !== 1) throw new RangeError(`expected single-channel images, got ${c} channels`);
  const x = new Float32Array(indices.length * size * size);
  const labels = new Uint8Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    const data = Float32Array.from(split.images.subarray(i * h * w, (i + 1) * h * w));
    const resized = resizeBilinear({ data, height: h, width: w, channels: 1 }, size, size, { antialias: true });
    for (let p = 0; p < size * size; p++) x[k * size * size + p] = Math.min(255, Math.max(0, Math.round(resized.data[p]))) / 255;
    labels[k] = split.labels[i];
  }
  return { x, labels, n: indices.length, shape: [size, size, 1] };
}

export interface QuanvTrainConfig {
  epochs: number; batchSize: number; learningRate: number; seed: number; classes: number;
  /** Adam's epsilon; default 1e-8 (PyTorch's default; tfjs would use 1e-7). Betas are 0.9, 0.999 as in both. */
  adamEpsilon?: number;
}

export interface QuanvEpoch { epoch: number; train_loss: number; train_acc: number; test_loss: number; test_acc: number; seconds: number }

/**
 * Trains one model with Adam on softmax cross-entropy (mean over the batch); the order of the training images
 * is reshuffled every epoch from (seed, epoch). train_loss/train_acc are running means over the epoch's
 * batches (as a PyTorch loop usually reports them); test loss/accuracy are evaluated after each epoch.
 */
export function trainQuanvModel(
  model: tf.LayersModel, train: ImageSet, test: ImageSet, cfg: QuanvTrainConfig, onEpoch?: (e: QuanvEpoch) => void,
): QuanvEpoch[] {
  const opt = tf.train.adam(cfg.learningRate, 0.9, 0.999, cfg.adamEpsilon ?? 1e-8);
  const size = train.shape[0] * train.shape[1] * train.shape[2];
  const vars = trainableVariables(model);
  const history: QuanvEpoch[] = [];
  for (let epoch = 1; epoch <= cfg.epochs; epoch++) {
    const t0 = Date.now();
    const order = shuffledIndices(train.n, cfg.seed * 100003 + epoch);
    let lossSum = 0, correctSum = 0;
    for (let start = 0; start < train.n; start += cfg.batchSize) {
      const count = Math.min(cfg.batchSize, train.n - start);
      const xb = new Float32Array(count * size), yb = new Int32Array(count);
      for (let b = 0; b < count; b++) {
        const i = order[start + b];
        xb.set(train.x.subarray(i * size, (i + 1) * size), b * size);
        yb[b] = train.labels[i];
      }
      const [loss, correct] = tf.tidy(() => {
        const x = tf.tensor4d(xb, [count, ...train.shape]);
        const y = tf.tensor1d(yb, "int32");
        let correct!: tf.Scalar;
        const { value, grads } = tf.variableGrads(() => {
          const logits = model.apply(x, { training: true }) as tf.Tensor2D;
          correct = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), y), "float32")));
          return tf.losses.softmaxCrossEntropy(tf.oneHot(y, cfg.classes), logits) as tf.Scalar;
        }, vars);
        opt.applyGradients(grads as unknown as Record<string, tf.Variable>);
        return [value, correct];
      });
      lossSum += loss.dataSync()[0] * count;
      correctSum += correct.dataSync()[0];
      tf.dispose([loss, correct]);
    }
    const ev = evaluate(model, test, cfg.classes);
    const rec = { epoch, train_loss: lossSum / train.n, train_acc: correctSum / train.n, test_loss: ev.loss, test_acc: ev.acc, seconds: (Date.now() - t0) / 1000 };
    history.push(rec);
    onEpoch?.(rec);
  }
  opt.dispose();
  return history;
}

export interface SeedRun { seed: number; epochs: QuanvEpoch[] }

/** Per-epoch mean/std over seeds (sample std, plus population std for the test accuracy). */
export function aggregateRuns(runs: SeedRun[]) {
  const epochs = Math.min(...runs.map((r) => r.epochs.length));
  const per_epoch = Array.from({ length: epochs }, (_, e) => {
    const at = (key: "train_loss" | "test_loss" | "test_acc") => meanStd(runs.map((r) => r.epochs[e][key]));
    const acc = at("test_acc"), train = at("train_loss"), test = at("test_loss");
    return {
      epoch: e + 1, test_acc_mean: acc.mean, test_acc_std: acc.std, test_acc_std_population: acc.std_population,
      train_loss_mean: train.mean, train_loss_std: train.std, test_loss_mean: test.mean, test_loss_std: test.std,
    };
  });
  const last = per_epoch[per_epoch.length - 1];
  return {
    per_epoch,
    final: last ? { epoch: last.epoch, test_acc_mean: last.test_acc_mean, test_acc_std: last.test_acc_std, test_acc_std_population: last.test_acc_std_population } : null,
    std: "sample standard deviation over seeds (divisor n-1); test_acc_std_population uses divisor n",
  };
}
