/** The data types shared by the loaders and helpers of lib/data (documented in lib/data/index.ts). */

export type DatasetName = "mnist" | "medmnist" | "cifar10";

/** [height, width, channels]. */
export type Shape = [number, number, number];

/** n images of one shape, uint8, HWC, row-major, one image after another, and their labels. */
export interface Split {
  images: Uint8Array;
  labels: Uint8Array;
  n: number;
  shape: Shape;
}

export type SourceKind = "cache" | "mirror" | "download" | "jpeg-lossy";
export type Origin = "cache" | "mirror" | "download";

export interface SourceInfo {
  /** Where the pixels came from this time; "jpeg-lossy" for every load of a lossy JPEG copy (see `from`). */
  kind: SourceKind;
  /** Where the bytes were read from this time: the decoded cache, the mirror folder, or a fresh download. */
  from: Origin;
  /** The manifest source id (e.g. "binary", "jpeg-lossy") and its variant. */
  id: string;
  /** The manifest source's public label, when it has one (CIFAR-10: "official-binary" or "jpeg-q75"). */
  label?: string;
  variant: string;
  lossy: boolean;
  /** The file read: the decoded-cache file, or the raw file (or folder of raw files). */
  path: string;
  /** The URL a fresh download came from. */
  url?: string;
  /** For kind "cache": where the cache was built from (raw file path or URL). */
  builtFrom?: string;
  /** The raw files' pinned checksums (and/or the content digest) that were verified. */
  files: { name: string; sha256?: string; md5?: string; bytes?: number }[];
  contentSha256?: string;
  note?: string;
}

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
