/**
 * lib/data: the datasets of the paper (MNIST, Medical MNIST, CIFAR-10), verified, decoded and cached.
 * Imports nothing else from lib/.
 *
 * ## Loading
 *
 *   loadDataset(name: "mnist" | "medmnist" | "cifar10", opts?: LoadOptions): Promise<Dataset>
 *
 * LoadOptions: { mirror?: string | null, cacheDir?: string, log?: (msg) => void, source?: string,
 *                manifest?: Manifest, manifestsDir?: string, splitSeed?: number, stratify?: boolean }
 *
 * Each dataset is described by data/manifests/<name>.json (files, sizes, SHA-256/MD5, canonical URLs, one or
 * more sources in order of preference). For each source in turn: its decoded cache
 * (`<cacheDir>/<name>-<variant>.hqnnds`), else its raw files from `<cacheDir>/downloads/` or the mirror
 * (`<mirror>/<mirrorDir>/`). Only when no source is available locally are the canonical URLs tried
 * (Node's fetch, redirects followed, streamed to a temporary file, verified, then renamed into the cache).
 * Raw files are verified (size, SHA-256, MD5, or a content digest) the first time they are decoded; the
 * decoded cache records which checksums it came from and its own payload SHA-256, checked on every read.
 *
 * Defaults: cacheDir = env HQNN_DATA_DIR or <repo>/data/cache; mirror = env HQNN_DATA_MIRROR (empty: none)
 * or ../shared/data next to the repo when present; manifests from env HQNN_DATA_MANIFESTS or data/manifests.
 *
 * Every problem (missing, truncated or corrupt file, wrong checksum, wrong magic number, bad archive) is
 * one DatasetError with `code`, the file, what was expected and found, and a `fix`.
 *
 * ## The Dataset
 *
 *   interface Split   { images: Uint8Array; labels: Uint8Array; n: number; shape: [h, w, c] }
 *       images: n·h·w·c bytes, HWC, row-major, one image after another; labels: class indices.
 *   interface Dataset { name; classes: string[]; shape: [h, w, c]; train: Split; test: Split;
 *                       source: SourceInfo; checksumsOk: true; info: DatasetInfo }
 *
 * source: { kind: "cache" | "mirror" | "download" | "jpeg-lossy", from: "cache" | "mirror" | "download",
 *           id, variant, lossy: boolean, path, url?, built_from?, files (pinned checksums), content_sha256? }
 *           (a record results keep as they are: its keys are snake_case, the results' convention).
 *   kind is "jpeg-lossy" for every load of a lossy JPEG copy (CIFAR-10 from the mirror): label such results.
 * info: { title, channels, classCounts {train, test}, duplicates {extraCopies, distinct, byClass,
 *         crossClass, testWithCopyInTrain}, decoder?, split?, notes }.
 *
 * - mnist: 60,000 / 10,000, 28x28x1, the original idx files.
 * - medmnist: 58,954 images 64x64x1 (the files are 1-channel JPEGs; the paper's "3 channels" come from an RGB
 *   conversion in its loader), labels = byte-wise sorted class folders. No official split: a seeded split
 *   (opts.splitSeed, default 0) of 47,163 train / 11,791 test (test = ceil(0.2 n), as scikit-learn), not
 *   stratified unless opts.stratify. Deterministic on every machine (xoshiro128** + Fisher-Yates).
 * - cifar10: 50,000 / 10,000, 32x32x3, from the official binary batches when available, else from the lossy
 *   JPEG copy (source.lossy true, kind "jpeg-lossy"; images in (class, file name) order, not the official
 *   record order). opts.source "binary" or "jpeg-lossy" forces one.
 *
 * ## Lower-quality copies (requality.ts)
 *
 *   requalityJpeg(dataset, quality, {cacheDir?, log?}) → {dataset, psnr: {train, test}}: every image re-encoded
 *   as JPEG (4:2:0) at that quality, cached in the cache folder, with the PSNR to the given dataset.
 *
 * ## Helpers (split.ts) and transforms (transforms.ts, Float32 HWC images, seeded)
 *
 *   subset(split, indices), firstN(split, n), takeBalanced(split, perClass, {numClasses?, seed?}),
 *   splitIndices(n, {testCount | testFraction, seed, stratify}, labels?), seededSplit(split, opts),
 *   toFloat32(split, {start?, end?, indices?, mean?, std?}) → Float32Array NHWC for tfjs, channelStats(split),
 *   validationSplit(split, count, seed) (a stratified, seeded hold-out for model selection),
 *   batches(split, {batchSize, shuffle?, seed?, epoch?, dropLast?, mean?, std?, transform?}), batchCount.
 *   toUnitFloat, resizeBilinear(img, h, w, {antialias?}), rotate, randomRotation, flipHorizontal,
 *   randomHorizontalFlip, padCrop, randomPadCrop; createRng(seed), permutation, shuffleInPlace, deriveSeed.
 */
export { loadDataset } from "./load";
export type { LoadOptions } from "./load";
export { DatasetError } from "./errors";
export type { DatasetErrorCode } from "./errors";
export { checkManifest, DEFAULT_MANIFESTS_DIR, readManifest } from "./manifest";
export type { Manifest, ManifestFile, ManifestSource } from "./manifest";
export { resolveDirs } from "./resolve";
export type { Dataset, DatasetInfo, DatasetName, DuplicateInfo, Shape, SourceInfo, Split } from "./types";
export { DATASET_LABELS, DATASETS } from "./types";
export { batchCount, batches, channelStats, firstN, seededSplit, splitIndices, subset, takeBalanced, toFloat32, validationSplit } from "./split";
export type { Batch, BatchOptions, FloatOptions, SplitOptions } from "./split";
export { flipHorizontal, padCrop, randomHorizontalFlip, randomPadCrop, randomRotation, resizeBilinear, rotate, toUnitFloat } from "./transforms";
export type { FloatImage } from "./transforms";
export { createRng, createRngFromState, deriveSeed, permutation, shuffleInPlace } from "./prng";
export type { Rng } from "./prng";
export { contentDigest } from "./hash";
export { psnr, requalityJpeg } from "./requality";
export type { Requalified } from "./requality";
export { parseTar, readTarFile } from "./tar";
export type { TarEntry } from "./tar";
