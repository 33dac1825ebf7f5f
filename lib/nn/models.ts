/**
 * The paper's models (section 2.2), built from one description so that the hybrid and the classical
 * network differ only in their head.
 *
 * HQNN-Parallel (MNIST), the architecture whose parameter count is exactly the paper's 45,194:
 *   [conv 5x5 (pad 2, stride 1, bias) -> BatchNorm -> ReLU -> MaxPool 2] x len(convChannels)
 *   -> flatten -> dense (bias) to n -> BatchNorm -> ReLU
 *   -> c = n/q parallel q-qubit circuits (RX embedding, L StronglyEntanglingLayers, <Y> on each wire)
 *   -> BatchNorm(n) -> dense (bias) to the number of classes.
 * The classical CNN replaces the quantum layer by a dense layer n -> n (bias) followed by ReLU, "a classical
 * dense layer containing n neurons" as the paper says.
 *
 * Ablations of the hybrid (is the quantum layer doing anything?) change only the quantum layer and keep the
 * BatchNorm(n) after it, the convolutional part and both dense layers:
 *   "no-quantum"      the quantum layer removed (identity);
 *   "dense20"         a dense n -> n (bias) + ReLU, the network's own activation, in its place;
 *   "frozen-quantum"  the quantum layer with its weights frozen at their initial values.
 * Every variant built from one seed starts from the same convolutional and first dense weights; the quantum
 * variants and "no-quantum" also share the last dense layer's initial weights.
 */
import * as tf from "@tensorflow/tfjs";
import { BatchNorm } from "./batch-norm";
import { Conv2dSame } from "./conv-layer";
import { seedStream, torchDefaultInit } from "./init";

export interface ModelConfig {
  inputShape: [number, number, number];
  convChannels: number[];
  classes: number;
  /** Width of the hybrid part: n = c * q features. */
  n: number;
  seed: number;
}

/** The architecture as a result records it (snake_case keys, the results' convention). */
export function architectureRecord(m: Pick<ModelConfig, "convChannels" | "classes" | "n">) {
  return { conv_channels: m.convChannels, classes: m.classes, n: m.n };
}

export type Head = "quantum" | "dense";
export type Ablation = "no-quantum" | "dense20" | "frozen-quantum";
export const ABLATIONS: Ablation[] = ["no-quantum", "dense20", "frozen-quantum"];

/** Whether a variant contains the quantum layer (and so needs a quantum layer factory). */
export function usesQuantumLayer(variant: Head | Ablation): boolean {
  return variant === "quantum" || variant === "frozen-quantum";
}

/** Builds the quantum head (c parallel circuits); injected so this file does not depend on the engine. */
export type QuantumHeadFactory = (n: number, seed: number) => tf.layers.Layer;

function convBlock(x: tf.SymbolicTensor, inChannels: number, outChannels: number, nextSeed: () => number): tf.SymbolicTensor {
  const fanIn = inChannels * 25;
  let y = new Conv2dSame({
    filters: outChannels, kernelSize: 5,
    kernelInitializer: torchDefaultInit(fanIn, nextSeed()), biasInitializer: torchDefaultInit(fanIn, nextSeed()),
  }).apply(x) as tf.SymbolicTensor;
  y = new BatchNorm({ momentum: 0.9, epsilon: 1e-5 }).apply(y) as tf.SymbolicTensor;
  y = tf.layers.reLU().apply(y) as tf.SymbolicTensor;
  return tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }).apply(y) as tf.SymbolicTensor;
}

function dense(x: tf.SymbolicTensor, inUnits: number, units: number, nextSeed: () => number, name?: string): tf.SymbolicTensor {
  return tf.layers.dense({
    units, useBias: true, name,
    kernelInitializer: torchDefaultInit(inUnits, nextSeed()), biasInitializer: torchDefaultInit(inUnits, nextSeed()),
  }).apply(x) as tf.SymbolicTensor;
}

/** The part between the first dense block and the output layer, for each model variant. */
function middle(variant: Head | Ablation, x: tf.SymbolicTensor, n: number, nextSeed: () => number, quantumHead?: QuantumHeadFactory): tf.SymbolicTensor {
  const batchNorm = (y: tf.SymbolicTensor) => new BatchNorm({ momentum: 0.9, epsilon: 1e-5 }).apply(y) as tf.SymbolicTensor;
  const denseReLU = (y: tf.SymbolicTensor) =>
    tf.layers.reLU().apply(dense(y, n, n, nextSeed, "classical_replacement")) as tf.SymbolicTensor;
  const quantum = (trainable: boolean) => {
    if (!quantumHead) throw new Error(`buildParallelModel: variant '${variant}' needs a quantum layer factory`);
    const layer = quantumHead(n, nextSeed());
    layer.trainable = trainable;
    return layer.apply(x) as tf.SymbolicTensor;
  };
  switch (variant) {
    case "quantum": return batchNorm(quantum(true));
    case "frozen-quantum": return batchNorm(quantum(false));
    case "dense": return denseReLU(x);
    case "dense20": return batchNorm(denseReLU(x));
    case "no-quantum": nextSeed(); return batchNorm(x); // the quantum layer's seed, skipped
  }
}

/** HQNN-Parallel (variant "quantum"), its classical counterpart ("dense"), or an ablation. Outputs logits. */
export function buildParallelModel(cfg: ModelConfig, variant: Head | Ablation, quantumHead?: QuantumHeadFactory): tf.LayersModel {
  const nextSeed = seedStream(cfg.seed);
  const input = tf.input({ shape: cfg.inputShape });
  let x = input;
  let channels = cfg.inputShape[2];
  for (const c of cfg.convChannels) {
    x = convBlock(x, channels, c, nextSeed);
    channels = c;
  }
  x = tf.layers.flatten().apply(x) as tf.SymbolicTensor;
  const flat = x.shape[1] as number;
  x = dense(x, flat, cfg.n, nextSeed);
  x = new BatchNorm({ momentum: 0.9, epsilon: 1e-5 }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.reLU().apply(x) as tf.SymbolicTensor;
  x = middle(variant, x, cfg.n, nextSeed, quantumHead);
  const logits = dense(x, cfg.n, cfg.classes, nextSeed);
  return tf.model({ inputs: input, outputs: logits });
}

/** Trainable parameters, PyTorch convention: BatchNorm scale and shift count, running statistics do not. */
export function countTrainableParams(model: tf.LayersModel): number {
  return model.trainableWeights.reduce((sum, w) => sum + (w.shape as number[]).reduce((a, b) => a * b, 1), 0);
}
