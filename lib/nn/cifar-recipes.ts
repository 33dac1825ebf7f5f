/**
 * The CIFAR-10 training recipes compared in the recipe study (experiments/cifar-recipe.ts), all selecting on a
 * fixed validation hold-out of the training images, never on the test set. Architecture, optimiser (Adam),
 * learning rate and batch size are the section 2.2 set-up's (PARALLEL_SETUPS.cifar10); a recipe changes only
 * the preprocessing, the augmentation and the schedule, the same for both heads.
 */
import { channelStats, createRng, deriveSeed, Dataset, randomHorizontalFlip, randomPadCrop, seededSplit, Split, toFloat32, validationSplit } from "../data";
import { Schedule } from "./schedule";
import { PARALLEL_SETUPS } from "./parallel-setups";
import { ImageSet } from "./train";

export const RECIPE_IDS = ["val-stop", "augment", "long"] as const;
export type RecipeId = (typeof RECIPE_IDS)[number];

export interface Recipe {
  summary: string;
  epochs: number;
  /** Early stopping on validation accuracy; none: every epoch is trained and the best one chosen. */
  patience?: number;
  schedule?: Schedule;
  weightDecay?: number;
  /** Per-channel normalisation with the training part's mean and standard deviation. */
  normalise: boolean;
  /** Random 32x32 crop of the image zero-padded by 4 pixels, then a random horizontal flip, per training image. */
  augment: boolean;
}

const cifar = PARALLEL_SETUPS.cifar10;

export const RECIPES: Record<RecipeId, Recipe> = {
  "val-stop": {
    summary: `the recorded runs' recipe (scaling to [0,1], no augmentation, at most ${cifar.epochs} epochs, patience ${cifar.patience}), stopped on validation accuracy`,
    epochs: cifar.epochs, patience: cifar.patience, normalise: false, augment: false,
  },
  augment: {
    summary: "val-stop + per-channel normalisation (training-part statistics) + random crop (4-pixel zero padding) and horizontal flip",
    epochs: cifar.epochs, patience: cifar.patience, normalise: true, augment: true,
  },
  // A choice, not tuned: 40 epochs, cosine decay per epoch, AdamW's decay 0.05 (PyTorch AdamW's order of magnitude).
  long: {
    summary: "augment + 40 epochs with a per-epoch cosine learning-rate decay and decoupled weight decay 0.05, every epoch trained, the best chosen on validation",
    epochs: 40, schedule: "cosine", weightDecay: 0.05, normalise: true, augment: true,
  },
};

/** The validation hold-out: 5,000 of the 50,000 training images, stratified by class (500 each), seed fixed for every run. */
export const VALIDATION = { count: 5000, seed: 28 };

/** Padding of the random crop, in pixels. */
export const CROP_PAD = 4;

export interface RecipeData {
  train: ImageSet;
  val: ImageSet;
  test: ImageSet;
  /** The per-channel statistics used (of the training part), when the recipe normalises. */
  normalisation?: { mean: number[]; std: number[] };
  augment?: (batch: Float32Array, count: number, epoch: number, batchIndex: number) => void;
}

/**
 * The recipe's training, validation and test sets from `data` (a seeded random `sizes` of each part when given,
 * for quick runs; unstratified, so the test labels are not read), and its augmentation, seeded by (seed, epoch, batch).
 */
export function recipeData(data: Dataset, recipe: Recipe, seed: number, sizes?: { train: number; val: number; test: number }): RecipeData {
  const parts = validationSplit(data.train, VALIDATION.count, VALIDATION.seed);
  // Quick runs take a seeded random subset of each part (the copy is stored class by class, so the first n would be one class).
  const cut = (s: Split, n?: number) => (n === undefined || n >= s.n ? s : seededSplit(s, { testCount: n, seed: VALIDATION.seed }).test);
  const [train, val, test] = [cut(parts.train, sizes?.train), cut(parts.val, sizes?.val), cut(data.test, sizes?.test)];
  const normalisation = recipe.normalise ? channelStats(train) : undefined;
  const toSet = (s: Split): ImageSet => ({ x: toFloat32(s, normalisation), labels: s.labels, n: s.n, shape: s.shape });
  // Zero padding in pixel space (torchvision's RandomCrop before Normalize): -mean/std once normalised.
  const fill = normalisation ? normalisation.mean.map((m, k) => -m / normalisation.std[k]) : undefined;
  return {
    train: toSet(train), val: toSet(val), test: toSet(test), normalisation,
    augment: recipe.augment ? cropFlip(data.shape, CROP_PAD, seed, fill) : undefined,
  };
}

/**
 * The standard CIFAR-10 augmentation on each training batch, in place: a random crop of the image padded by
 * `pad` pixels (reading `fill`), then a random horizontal flip, per image, seeded by (seed, epoch, batch).
 */
export function cropFlip(shape: [number, number, number], pad: number, seed: number, fill?: number[]) {
  const [height, width, channels] = shape, size = height * width * channels;
  return (batch: Float32Array, count: number, epoch: number, batchIndex: number) => {
    const rng = createRng(deriveSeed(seed, epoch, batchIndex));
    for (let b = 0; b < count; b++) {
      const img = { data: batch.subarray(b * size, (b + 1) * size), height, width, channels };
      batch.set(randomHorizontalFlip(randomPadCrop(img, pad, rng, fill), rng).data, b * size);
    }
  };
}
