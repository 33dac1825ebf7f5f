/**
 * HQNN-Quanv and its classical baselines CNN1 and CNN4 (section 2.3). All: the first layer (named
 * "kernel_layer"), flatten its 4 (or 1) feature maps, then one dense layer with bias to the logits.
 *   hqnn  quanvolution (lib/nn/quanv-layer.ts, 4 weights, no bias)
 *   cnn1  conv 2x2, 1 filter, same stride, no bias (4 weights), ReLU
 *   cnn4  conv 2x2, 4 filters, same stride, no bias (16 weights), ReLU
 * Initialisation as in PyTorch/PennyLane: quantum weights U[0, 2pi) (TorchLayer's default), conv kernels and
 * dense layers U(+-1/sqrt(fan_in)).
 */
import * as tf from "@tensorflow/tfjs";
import { DiffMethod } from "../quantum";
import { seedStream, torchDefaultInit } from "./init";
import { EngineStats } from "./quantum-layer";
import { KERNEL_QUBITS, KERNEL_SIZE, KernelRotation } from "./quanv-circuit";
import { Quanv2D } from "./quanv-layer";

export type QuanvModelKind = "hqnn" | "cnn1" | "cnn4";

export interface QuanvModelConfig {
  kind: QuanvModelKind;
  /** Input side (14 for the paper's resized MNIST). */
  imageSize: number;
  stride: number;
  rotation?: KernelRotation;
  diffMethod?: DiffMethod;
  classes: number;
  seed: number;
  /** HQNN only: where the quanvolution adds its engine calls and time (none by default). */
  engineStats?: EngineStats;
}

/** HQNN-Quanv, CNN1 or CNN4: first layer (named "kernel_layer") -> flatten -> dense to logits. */
export function buildQuanvModel(cfg: QuanvModelConfig): tf.LayersModel {
  const nextSeed = seedStream(cfg.seed);
  const inputs = tf.input({ shape: [cfg.imageSize, cfg.imageSize, 1] });
  let x: tf.SymbolicTensor;
  if (cfg.kind === "hqnn") {
    x = new Quanv2D({
      stride: cfg.stride, rotation: cfg.rotation, diffMethod: cfg.diffMethod, stats: cfg.engineStats, seed: nextSeed(), name: "kernel_layer",
    }).apply(inputs) as tf.SymbolicTensor;
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
