import { test } from "node:test";
import assert from "node:assert/strict";
import { channelStats, createRng, flipHorizontal, padCrop, randomPadCrop, validationSplit } from "../../lib/data";

/** A 3x3, 2-channel image whose value at (y, x, k) is 100 y + 10 x + k + 1 (never 0). */
const known = () => ({ data: Float32Array.from({ length: 18 }, (_, p) => 100 * Math.floor(p / 6) + 10 * Math.floor((p % 6) / 2) + (p % 2) + 1), height: 3, width: 3, channels: 2 });

test("padCrop: the window at a known offset of the zero-padded image, pixel by pixel", () => {
  // pad 1, offset (0, 2): rows -1..1, columns 1..3 of the original.
  const out = padCrop(known(), 1, 0, 2);
  const expected = [
    0, 0, 0, 0, 0, 0,
    11, 12, 21, 22, 0, 0,
    111, 112, 121, 122, 0, 0,
  ];
  assert.deepEqual(Array.from(out.data), expected);
  assert.deepEqual(Array.from(padCrop(known(), 1, 1, 1).data), Array.from(known().data), "offset (pad, pad) is the image itself");
  assert.deepEqual(Array.from(padCrop(known(), 2, 4, 4, [-1, -2]).data.subarray(0, 6)), [221, 222, -1, -2, -1, -2], "offset (4, 4) starts at pixel (2, 2); the padding reads fill per channel");
  assert.throws(() => padCrop(known(), 1, 3, 0), /0\.\.2/);
});

test("flipHorizontal is an exact mirror and its own inverse", () => {
  const img = known(), flipped = flipHorizontal(img);
  assert.deepEqual(Array.from(flipped.data.subarray(0, 6)), [21, 22, 11, 12, 1, 2]);
  assert.deepEqual(flipHorizontal(flipped).data, img.data);
});

test("randomPadCrop draws offsets in 0..2*pad from the generator, reproducibly", () => {
  const a = randomPadCrop(known(), 1, createRng(5)), b = randomPadCrop(known(), 1, createRng(5));
  assert.deepEqual(a.data, b.data);
  const rng = createRng(5), top = Math.floor(rng.next() * 3), left = Math.floor(rng.next() * 3);
  assert.deepEqual(a.data, padCrop(known(), 1, top, left).data);
});

test("validationSplit: disjoint from training, covers it, stratified, the same for the same seed", () => {
  const n = 1000, labels = Uint8Array.from({ length: n }, (_, i) => (i * 7) % 10 < 4 ? 0 : (i % 3) + 1); // unequal classes
  const split = { images: Uint8Array.from({ length: n }, (_, i) => i % 256), labels, n, shape: [1, 1, 1] as [number, number, number] };
  const s = validationSplit(split, 100, 28);
  const val = new Set(s.valIndices), train = new Set(s.trainIndices);
  assert.equal(val.size, 100);
  assert.equal(train.size, 900);
  assert.ok([...val].every((i) => !train.has(i)), "no image in both");
  for (let k = 0; k < 4; k++) {
    const all = labels.filter((l) => l === k).length, inVal = s.val.labels.filter((l) => l === k).length;
    assert.ok(Math.abs(inVal - (all * 100) / n) < 1, `class ${k}: ${inVal} of ${all} in validation`);
  }
  assert.deepEqual(validationSplit(split, 100, 28).valIndices, s.valIndices);
  assert.notDeepEqual(validationSplit(split, 100, 29).valIndices, s.valIndices);
});

test("channelStats: per-channel mean and population sd of x/255", () => {
  const split = { images: Uint8Array.from([0, 255, 255, 255, 0, 255]), labels: Uint8Array.from([0]), n: 1, shape: [1, 3, 2] as [number, number, number] };
  const s = channelStats(split);
  assert.deepEqual(s.mean.map((m) => m.toFixed(6)), [(1 / 3).toFixed(6), "1.000000"]);
  assert.deepEqual(s.std.map((m) => m.toFixed(6)), [Math.sqrt(2 / 9).toFixed(6), "0.000000"]);
});
