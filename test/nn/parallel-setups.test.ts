import { test } from "node:test";
import assert from "node:assert/strict";
import { flipRotate, PARALLEL_SETUPS, prepareImages } from "../../lib/nn/parallel-setups";

test("Medical MNIST augmentation: with 0 degrees each image is either unchanged or mirrored, and seeded", () => {
  const shape: [number, number, number] = [2, 3, 1];
  const image = [1, 2, 3, 4, 5, 6], mirrored = [3, 2, 1, 6, 5, 4];
  const batch = () => Float32Array.from([...image, ...image, ...image, ...image]);
  const a = batch(), b = batch();
  flipRotate(shape, 0, 7)(a, 4, 1, 0);
  flipRotate(shape, 0, 7)(b, 4, 1, 0);
  assert.deepEqual(a, b, "same seed, epoch and batch give the same augmentation");
  for (let i = 0; i < 4; i++) {
    const got = Array.from(a.subarray(i * 6, i * 6 + 6));
    assert.ok(JSON.stringify(got) === JSON.stringify(image) || JSON.stringify(got) === JSON.stringify(mirrored), `image ${i}: ${got}`);
  }
});

test("the MNIST set-up prepares images scaled to [0, 1]", () => {
  const split = { images: Uint8Array.from({ length: 2 * 784 }, (_, i) => i % 256), labels: Uint8Array.from([3, 4]), n: 2, shape: [28, 28, 1] as [number, number, number] };
  const set = prepareImages(PARALLEL_SETUPS.mnist, split, 1);
  assert.equal(set.n, 1);
  assert.equal(set.x.length, 784);
  assert.equal(set.x[255], 1);
  assert.deepEqual(Array.from(set.labels), [3]);
});
