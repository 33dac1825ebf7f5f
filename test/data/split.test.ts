import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { batchCount, batches, firstN, resizeBilinear, seededSplit, Split, splitIndices, subset, takeBalanced, toFloat32 } from "../../lib/data";

/** n images of 2x2x1 whose pixels all equal the image index; labels = index mod 3. */
function indexed(n: number): Split {
  const images = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) images.fill(i, i * 4, i * 4 + 4);
  return { images, labels: Uint8Array.from({ length: n }, (_, i) => i % 3), n, shape: [2, 2, 1] };
}

const imageIds = (s: Split): number[] => Array.from({ length: s.n }, (_, i) => s.images[i * 4]);

describe("subset / firstN / takeBalanced", () => {
  it("subset copies the chosen images and labels in the given order", () => {
    const s = subset(indexed(10), [7, 2, 2, 9]);
    assert.deepEqual(imageIds(s), [7, 2, 2, 9]);
    assert.deepEqual([...s.labels], [1, 2, 2, 0]);
    assert.throws(() => subset(indexed(3), [3]), RangeError);
  });

  it("firstN is a view of the first n", () => {
    const all = indexed(10);
    const s = firstN(all, 4);
    assert.deepEqual(imageIds(s), [0, 1, 2, 3]);
    assert.equal(s.images.buffer, all.images.buffer);
    assert.throws(() => firstN(all, 11), RangeError);
  });

  it("takeBalanced takes the first k of each class, or a seeded random k, sorted by index", () => {
    const all = indexed(30);
    assert.deepEqual(imageIds(takeBalanced(all, 2)), [0, 1, 2, 3, 4, 5]);
    const random = takeBalanced(all, 4, { seed: 1 });
    assert.equal(random.n, 12);
    assert.deepEqual([0, 1, 2].map((k) => [...random.labels].filter((l) => l === k).length), [4, 4, 4]);
    assert.deepEqual(imageIds(random), [...imageIds(random)].sort((a, b) => a - b));
    assert.deepEqual(imageIds(takeBalanced(all, 4, { seed: 1 })), imageIds(random));
    assert.throws(() => takeBalanced(all, 11), RangeError);
  });
});

describe("seeded train/test split", () => {
  it("Medical MNIST sizes: 58,954 → 47,163 train / 11,791 test (test = ceil(0.2 n)), disjoint, complete, sorted", () => {
    const { train, test } = splitIndices(58954, { testFraction: 0.2, seed: 0 });
    assert.equal(train.length, 47163);
    assert.equal(test.length, 11791);
    const seen = new Uint8Array(58954);
    for (const i of [...train, ...test]) seen[i]++;
    assert.ok(seen.every((c) => c === 1));
    assert.ok(train.every((v, k) => k === 0 || v > train[k - 1]));
    assert.ok(test.every((v, k) => k === 0 || v > test[k - 1]));
  });

  it("is reproducible: the test set of seed 0 is the first testCount entries of the reference permutation", () => {
    // Reference permutation of 0..9 for seed 0 printed by a C program with the same generator, the same
    // rejection sampling and the same backwards Fisher-Yates: 3 6 1 5 0 4 2 9 7 8.
    const { train, test } = splitIndices(10, { testCount: 3, seed: 0 });
    assert.deepEqual([...test], [1, 3, 6]);
    assert.deepEqual([...train], [0, 2, 4, 5, 7, 8, 9]);
    assert.notDeepEqual([...splitIndices(10, { testCount: 3, seed: 1 }).test], [1, 3, 6]);
  });

  it("stratified: each class contributes its share, rounded by largest remainder", () => {
    const labels = Uint8Array.from([...new Array(10).fill(0), ...new Array(20).fill(1), ...new Array(30).fill(2)]);
    const { test } = splitIndices(60, { testCount: 12, seed: 3, stratify: true }, labels);
    assert.deepEqual([0, 1, 2].map((k) => [...test].filter((i) => labels[i] === k).length), [2, 4, 6]);
    const even = Uint8Array.from([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2]);
    const t2 = splitIndices(15, { testCount: 4, seed: 0, stratify: true }, even).test;
    assert.deepEqual([0, 1, 2].map((k) => [...t2].filter((i) => even[i] === k).length), [2, 1, 1]);
  });

  it("seededSplit applies the indices to a Split", () => {
    const s = seededSplit(indexed(10), { testCount: 3, seed: 0 });
    assert.deepEqual(imageIds(s.test), [1, 3, 6]);
    assert.deepEqual([...s.testIndices], [1, 3, 6]);
    assert.equal(s.train.n, 7);
  });
});

describe("Float32 conversion and batches", () => {
  it("toFloat32 gives NHWC x/255, optionally (x/255 - mean[c]) / std[c]", () => {
    const s: Split = { images: Uint8Array.from([0, 51, 255, 102, 204, 0]), labels: Uint8Array.from([0, 1]), n: 2, shape: [1, 1, 3] };
    assert.deepEqual([...toFloat32(s)], [0, 0.2, 1, 0.4, 0.8, 0].map(Math.fround));
    const norm = toFloat32(s, { start: 1, mean: [0.5, 0.5, 0], std: [0.5, 0.25, 1] });
    assert.deepEqual([...norm], [(0.4 - 0.5) / 0.5, (0.8 - 0.5) / 0.25, 0].map(Math.fround));
    assert.deepEqual([...toFloat32(s, { indices: [1, 0] })].slice(0, 3), [0.4, 0.8, 0].map(Math.fround));
  });

  it("one epoch visits every image once, in a seeded order that changes with the epoch", () => {
    const all = indexed(10);
    const epoch = (e: number, seed = 5) => [...batches(all, { batchSize: 4, seed, epoch: e })];
    const b0 = epoch(0);
    assert.deepEqual(b0.map((b) => b.shape[0]), [4, 4, 2]);
    const order = b0.flatMap((b) => [...b.indices]);
    assert.deepEqual([...order].sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const b of b0) {
      b.indices.forEach((i, k) => {
        assert.equal(b.labels[k], i % 3);
        assert.equal(b.images[k * 4], Math.fround(i / 255));
      });
    }
    assert.deepEqual(epoch(0).flatMap((b) => [...b.indices]), order);
    assert.notDeepEqual(epoch(1).flatMap((b) => [...b.indices]), order);
    assert.deepEqual([...batches(all, { batchSize: 4, shuffle: false })].flatMap((b) => [...b.indices]), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.equal([...batches(all, { batchSize: 4, dropLast: true })].length, 2);
    assert.equal(batchCount(10, 4), 3);
    assert.equal(batchCount(10, 4, true), 2);
  });

  it("applies a per-image transform that may change the shape", () => {
    const all = indexed(5);
    const [b] = [...batches(all, { batchSize: 5, shuffle: false, transform: (img) => resizeBilinear(img, 1, 1) })];
    assert.deepEqual(b.shape, [5, 1, 1, 1]);
    assert.deepEqual([...b.images], [0, 1, 2, 3, 4].map((i) => Math.fround(i / 255)));
  });
});
