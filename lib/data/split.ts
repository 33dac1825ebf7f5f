/**
 * Helpers on Splits: subsets, seeded train/test splits, balanced and first-n selections, conversion to
 * normalised Float32 NHWC (the layout tfjs uses), and a seeded batch iterator.
 */
import { createRng, deriveSeed, permutation, Rng, shuffleInPlace } from "./prng";
import { FloatImage } from "./transforms";
import { Shape, Split } from "./types";

const imageSize = (s: Split): number => s.shape[0] * s.shape[1] * s.shape[2];

/** The images at `indices`, in that order (copies). */
export function subset(split: Split, indices: ArrayLike<number>): Split {
  const size = imageSize(split);
  const images = new Uint8Array(indices.length * size);
  const labels = new Uint8Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    if (!Number.isInteger(i) || i < 0 || i >= split.n) throw new RangeError(`index ${i} outside 0..${split.n - 1}`);
    images.set(split.images.subarray(i * size, (i + 1) * size), k * size);
    labels[k] = split.labels[i];
  }
  return { images, labels, n: indices.length, shape: split.shape };
}

/** The first n images (views into the same buffers, no copy). */
export function firstN(split: Split, n: number): Split {
  if (!Number.isInteger(n) || n < 0 || n > split.n) throw new RangeError(`firstN: n must be in 0..${split.n}, got ${n}`);
  return { images: split.images.subarray(0, n * imageSize(split)), labels: split.labels.subarray(0, n), n, shape: split.shape };
}

/**
 * `perClass` images of each class 0..numClasses-1, in index order. Without a seed: the first `perClass`
 * of each class; with a seed: a uniformly random choice within each class (classes visited in label
 * order, each shuffled with the same generator). Throws when a class has fewer images.
 */
export function takeBalanced(split: Split, perClass: number, opts: { numClasses?: number; seed?: number } = {}): Split {
  const numClasses = opts.numClasses ?? Math.max(...split.labels) + 1;
  const byClass = indicesByClass(split.labels, numClasses);
  const rng = opts.seed === undefined ? null : createRng(opts.seed);
  const picked: number[] = [];
  byClass.forEach((idx, k) => {
    if (idx.length < perClass) throw new RangeError(`takeBalanced: class ${k} has ${idx.length} images, fewer than ${perClass}`);
    const chosen = rng ? shuffleInPlace(Int32Array.from(idx), rng).subarray(0, perClass) : idx.slice(0, perClass);
    picked.push(...chosen);
  });
  return subset(split, picked.sort((a, b) => a - b));
}

function indicesByClass(labels: Uint8Array, numClasses: number): number[][] {
  const byClass: number[][] = Array.from({ length: numClasses }, () => []);
  labels.forEach((l, i) => {
    if (l < numClasses) byClass[l].push(i);
  });
  return byClass;
}

export interface SplitOptions {
  /** Number of test items, or the fraction: test = ceil(testFraction * n) (scikit-learn's rule). */
  testCount?: number;
  testFraction?: number;
  /** Default 0. */
  seed?: number;
  /** Split each class separately in the same proportion (needs labels). Default false. */
  stratify?: boolean;
}

/**
 * Seeded train/test indices of n items, each list sorted ascending.
 * Unstratified: a Fisher-Yates permutation of 0..n-1 (xoshiro128**, `seed`); its first testCount entries are
 * the test set. Stratified: each class (label order) is shuffled with the same generator and contributes
 * its share, testCount·n_k/n rounded by largest remainder (ties to the lower label), first to test.
 */
export function splitIndices(n: number, opts: SplitOptions, labels?: Uint8Array): { train: Int32Array; test: Int32Array } {
  const testCount = opts.testCount ?? Math.ceil((opts.testFraction ?? NaN) * n - 1e-9);
  if (!Number.isInteger(testCount) || testCount < 0 || testCount > n) throw new RangeError(`test size must be 0..${n}, got ${testCount}`);
  const rng = createRng(opts.seed ?? 0);
  const isTest = new Uint8Array(n);
  if (opts.stratify) {
    if (!labels || labels.length !== n) throw new RangeError("a stratified split needs one label per item");
    const byClass = indicesByClass(labels, Math.max(0, ...labels) + 1);
    const shares = largestRemainder(byClass.map((c) => (c.length * testCount) / n), testCount);
    byClass.forEach((idx, k) => shuffleInPlace(Int32Array.from(idx), rng).subarray(0, shares[k]).forEach((i) => (isTest[i] = 1)));
  } else {
    permutation(n, rng).subarray(0, testCount).forEach((i) => (isTest[i] = 1));
  }
  const test = new Int32Array(testCount);
  const train = new Int32Array(n - testCount);
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    if (isTest[i]) test[a++] = i;
    else train[b++] = i;
  }
  return { train, test };
}

/** Integers summing to `total`: floors of `exact`, plus one for the largest fractional parts. */
function largestRemainder(exact: number[], total: number): number[] {
  const out = exact.map(Math.floor);
  const order = exact.map((x, k) => ({ k, frac: x - Math.floor(x) })).sort((p, q) => q.frac - p.frac || p.k - q.k);
  for (let r = total - out.reduce((s, x) => s + x, 0), j = 0; r > 0; r--, j++) out[order[j].k]++;
  return out;
}

/** splitIndices applied to a Split. */
export function seededSplit(split: Split, opts: SplitOptions): { train: Split; test: Split; trainIndices: Int32Array; testIndices: Int32Array } {
  const { train, test } = splitIndices(split.n, opts, split.labels);
  return { train: subset(split, train), test: subset(split, test), trainIndices: train, testIndices: test };
}

export interface FloatOptions {
  /** Range [start, end) of images (default all), or explicit indices (then start/end are ignored). */
  start?: number;
  end?: number;
  indices?: ArrayLike<number>;
  /** Per-channel normalisation after scaling to [0, 1]: (x/255 - mean[c]) / std[c]. Default none. */
  mean?: number[];
  std?: number[];
}

/** Images as Float32 NHWC: x/255, then optionally (x - mean[c]) / std[c]. */
export function toFloat32(split: Split, opts: FloatOptions = {}): Float32Array {
  const indices = opts.indices ?? rangeIndices(opts.start ?? 0, opts.end ?? split.n);
  const c = split.shape[2];
  const mean = opts.mean ?? new Array<number>(c).fill(0);
  const std = opts.std ?? new Array<number>(c).fill(1);
  if (mean.length !== c || std.length !== c) throw new RangeError(`mean and std need ${c} values`);
  const size = imageSize(split);
  const out = new Float32Array(indices.length * size);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    if (!Number.isInteger(i) || i < 0 || i >= split.n) throw new RangeError(`index ${i} outside 0..${split.n - 1}`);
    const src = i * size;
    const dst = k * size;
    for (let p = 0; p < size; p++) out[dst + p] = (split.images[src + p] / 255 - mean[p % c]) / std[p % c];
  }
  return out;
}

function rangeIndices(start: number, end: number): Int32Array {
  return Int32Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
}

export interface BatchOptions extends Pick<FloatOptions, "mean" | "std"> {
  batchSize: number;
  /** Shuffle the order each epoch (default true). */
  shuffle?: boolean;
  /** Base seed (default 0); epoch e uses the permutation seeded with deriveSeed(seed, e). */
  seed?: number;
  epoch?: number;
  /** Skip a last, smaller batch (default false). */
  dropLast?: boolean;
  /**
   * Per-image augmentation applied to the normalised Float32 image, with a generator seeded by
   * deriveSeed(seed, epoch, 1) and used in batch order. It may change the shape (e.g. a resize), the
   * same for every image.
   */
  transform?: (img: FloatImage, rng: Rng) => FloatImage;
}

export interface Batch {
  /** Float32 NHWC. */
  images: Float32Array;
  labels: Uint8Array;
  /** Indices into the split. */
  indices: Int32Array;
  /** [batch size, height, width, channels] of `images`. */
  shape: [number, number, number, number];
}

/** Number of batches of one epoch. */
export function batchCount(n: number, batchSize: number, dropLast = false): number {
  return dropLast ? Math.floor(n / batchSize) : Math.ceil(n / batchSize);
}

/** One epoch of batches, in a seeded order (the same on every machine for the same seed and epoch). */
export function* batches(split: Split, opts: BatchOptions): Generator<Batch> {
  const { batchSize, shuffle = true, seed = 0, epoch = 0, dropLast = false } = opts;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const order = shuffle ? permutation(split.n, createRng(deriveSeed(seed, epoch))) : rangeIndices(0, split.n);
  const augmentRng = createRng(deriveSeed(seed, epoch, 1));
  for (let b = 0; b < batchCount(split.n, batchSize, dropLast); b++) {
    const indices = order.slice(b * batchSize, Math.min((b + 1) * batchSize, split.n));
    const labels = Uint8Array.from(indices, (i) => split.labels[i]);
    const images = toFloat32(split, { indices, mean: opts.mean, std: opts.std });
    if (!opts.transform) {
      yield { images, labels, indices, shape: [indices.length, ...split.shape] };
      continue;
    }
    const out = applyTransform(images, indices.length, split.shape, opts.transform, augmentRng);
    yield { images: out.images, labels, indices, shape: [indices.length, ...out.shape] };
  }
}

function applyTransform(images: Float32Array, n: number, shape: Shape, transform: NonNullable<BatchOptions["transform"]>, rng: Rng): { images: Float32Array; shape: Shape } {
  const [h, w, c] = shape;
  const size = h * w * c;
  let out: Float32Array | null = null;
  let outShape: Shape = shape;
  for (let k = 0; k < n; k++) {
    const img = transform({ data: images.subarray(k * size, (k + 1) * size), height: h, width: w, channels: c }, rng);
    if (!out) {
      outShape = [img.height, img.width, img.channels];
      out = new Float32Array(n * img.data.length);
    } else if (img.height !== outShape[0] || img.width !== outShape[1] || img.channels !== outShape[2]) {
      throw new RangeError("transform must return the same shape for every image");
    }
    out.set(img.data, k * img.data.length);
  }
  return { images: out ?? new Float32Array(0), shape: outShape };
}

/** Per-channel mean and (population) standard deviation of the images scaled to [0, 1], over every pixel. */
export function channelStats(split: Split): { mean: number[]; std: number[] } {
  const c = split.shape[2], sum = new Float64Array(c), sumSq = new Float64Array(c);
  split.images.forEach((v, p) => { const x = v / 255; sum[p % c] += x; sumSq[p % c] += x * x; });
  const count = split.images.length / c;
  const mean = Array.from(sum, (s) => s / count);
  return { mean, std: Array.from(sumSq, (s, k) => Math.sqrt(Math.max(0, s / count - mean[k] * mean[k]))) };
}

/**
 * A fixed hold-out of a training split: `count` images, stratified by class and seeded (splitIndices), for early
 * stopping and model selection, and the rest to train on. Same seed, same split, on every machine.
 */
export function validationSplit(split: Split, count: number, seed: number): { train: Split; val: Split; trainIndices: Int32Array; valIndices: Int32Array } {
  const s = seededSplit(split, { testCount: count, seed, stratify: true });
  return { train: s.train, val: s.test, trainIndices: s.trainIndices, valIndices: s.testIndices };
}
