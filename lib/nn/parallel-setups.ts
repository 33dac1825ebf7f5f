/**
 * Per-dataset set-up of the section 2.2 experiments: architecture, training hyper-parameters (the paper gives
 * none: Adam, learning rate 1e-3, batch 64 are our choice), preprocessing and the paper's parameter counts.
 */
import { ModelConfig, Head } from "./models";
import { ImageSet } from "./train";
import { createRng, deriveSeed, randomHorizontalFlip, randomRotation, Split, toFloat32 } from "../data";
import { paperTable1Value } from "../claims/paper";

export type DatasetName = "mnist" | "medmnist" | "cifar10";

export interface ParallelSetup {
  model: Omit<ModelConfig, "inputShape" | "seed">;
  shape: [number, number, number];
  /** Upper bound on epochs; with `patience`, training stops earlier once test accuracy stops improving. */
  epochs: number;
  patience?: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  quick: { train: number; test: number };
  paperParams: Record<Head, number>;
  preprocessingNote: string;
  augment?: (batch: Float32Array, count: number, epoch: number, batchIndex: number) => void;
  describe(head: Head): string;
}

/** The first n images of a split scaled from bytes to [0, 1] (torchvision's ToTensor), as float32 NHWC. */
export function prepareImages(setup: ParallelSetup, split: Split, n: number): ImageSet {
  const count = Math.min(n, split.n);
  return { x: toFloat32(split, { end: count }), labels: split.labels.slice(0, count), n: count, shape: setup.shape };
}

/**
 * The paper's Medical MNIST augmentation on each training batch, in place: torchvision's RandomRotation(10)
 * (bilinear, zero fill) and RandomHorizontalFlip(0.5), seeded by (seed, epoch, batch).
 */
export function flipRotate(shape: [number, number, number], maxDeg: number, seed: number) {
  const [height, width, channels] = shape, size = height * width * channels;
  return (batch: Float32Array, count: number, epoch: number, batchIndex: number) => {
    const rng = createRng(deriveSeed(seed, epoch, batchIndex));
    for (let b = 0; b < count; b++) {
      const img = { data: batch.subarray(b * size, (b + 1) * size), height, width, channels };
      batch.set(randomHorizontalFlip(randomRotation(img, maxDeg, rng, { interpolation: "bilinear" }), rng).data, b * size);
    }
  };
}

const common = { batchSize: 64, learningRate: 1e-3, seed: 1 };

/** Table 1's parameter counts, from the claims registry. */
const paperParams = (dataset: DatasetName) => ({ quantum: paperTable1Value(dataset, "hqnn", "params"), dense: paperTable1Value(dataset, "cnn", "params") });

export const PARALLEL_SETUPS: Record<DatasetName, ParallelSetup> = {
  mnist: {
    ...common,
    model: { convChannels: [16, 32], classes: 10, n: 20 },
    shape: [28, 28, 1],
    // The paper does not say how long it trained; the same model in PyTorch reaches 98.8% after 3 epochs.
    epochs: 6,
    quick: { train: 512, test: 256 },
    paperParams: paperParams("mnist"),
    preprocessingNote: "none besides scaling to [0,1] (paper: 'No preprocessing is applied')",
    describe: (head) => head === "quantum"
      ? "conv(1->16,5x5,pad2)+BN+ReLU+MaxPool2, conv(16->32)+BN+ReLU+MaxPool2, dense 1568->20+BN+ReLU, 4x5-qubit circuits (RX emb., 3 SEL, <Y>), BN(20), dense 20->10"
      : "same convolutional part, dense 1568->20+BN+ReLU, dense 20->20+ReLU in place of the quantum layer, dense 20->10",
  },
  medmnist: {
    ...common,
    model: { convChannels: [16, 32], classes: 6, n: 20 },
    shape: [64, 64, 1],
    // An easy dataset (the paper reports 99.96-99.97%): two epochs at ~13 minutes each on one wasm thread.
    epochs: 2,
    quick: { train: 384, test: 192 },
    paperParams: paperParams("medmnist"),
    preprocessingNote: "native 64x64, 1 channel (the files are 1-channel), random rotation <=10 deg and horizontal flip on training batches",
    augment: flipRotate([64, 64, 1], 10, 1),
    describe: (head) => `two conv blocks on 64x64x1 inputs, then the ${head === "quantum" ? "quantum" : "classical"} head as for MNIST, 6 classes`,
  },
  cifar10: {
    ...common,
    model: { convChannels: [16, 32, 64], classes: 10, n: 20 },
    shape: [32, 32, 3],
    // "Until the test accuracy stops improving": at most 20 epochs, stopping 3 epochs after the best one.
    epochs: 20,
    patience: 3,
    quick: { train: 384, test: 192 },
    paperParams: paperParams("cifar10"),
    preprocessingNote: "scaling to [0,1] only",
    describe: (head) => `three conv blocks (16, 32, 64 channels) on 32x32x3 inputs, then the ${head === "quantum" ? "quantum" : "classical"} head`,
  },
};
