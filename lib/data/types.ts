/** The data types shared by the loaders and helpers of lib/data (documented in lib/data/index.ts). */
import type { dataSource } from "../results/formats/common";
import type { Infer } from "../results/schema";

/** The paper's three datasets, as named in ids, files and flags. */
export const DATASETS = ["mnist", "medmnist", "cifar10"] as const;
export type DatasetName = (typeof DATASETS)[number];

/** How a dataset is named for people. */
export const DATASET_LABELS: Record<DatasetName, string> = { mnist: "MNIST", medmnist: "Medical MNIST", cifar10: "CIFAR-10" };

/** [height, width, channels]. */
export type Shape = [number, number, number];

/** n images of one shape, uint8, HWC, row-major, one image after another, and their labels. */
export interface Split {
  images: Uint8Array;
  labels: Uint8Array;
  n: number;
  shape: Shape;
}

/** Where a dataset's pixels came from (its on-disk format, with the field descriptions, is lib/results/formats/common.ts). */
export type SourceInfo = Infer<typeof dataSource>;
export type SourceKind = SourceInfo["kind"];
export type Origin = SourceInfo["from"];

/** Pixel-identical images (compared byte for byte). */
export interface DuplicateInfo {
  /** Images identical to an earlier image (n - distinct). */
  extraCopies: number;
  distinct: number;
  /** Extra copies whose earlier identical image has the same class, by class name. */
  byClass: Record<string, number>;
  /** Extra copies whose earlier identical image has another class. */
  crossClass: number;
  /** Test images identical to some training image. */
  testWithCopyInTrain: number;
}

export interface DatasetInfo {
  title: string;
  /** The channel count of the stored images (e.g. Medical MNIST: 1). */
  channels: number;
  /** Images per class in each split, indexed by label. */
  classCounts: { train: number[]; test: number[] };
  duplicates: DuplicateInfo;
  /** How the JPEG files were decoded, when they were. */
  decoder?: string;
  /** For a dataset without an official split: how train/test were made. */
  split?: { seed: number; testFraction: number; train: number; test: number; stratified: boolean; method: string };
  notes: string[];
}

export interface Dataset {
  name: string;
  classes: string[];
  shape: Shape;
  train: Split;
  test: Split;
  source: SourceInfo;
  checksumsOk: true;
  info: DatasetInfo;
}
