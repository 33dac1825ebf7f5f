import { test } from "node:test";
import assert from "node:assert/strict";
import { channelStats, seededSplit, validationSplit } from "../../lib/data";
import { cropFlip, recipeData, RECIPES, VALIDATION } from "../../lib/nn/cifar-recipes";
import { tinyCifar } from "./cifar-fixture";

const batch = () => Float32Array.from({ length: 4 * 192 }, (_, i) => (i % 97) / 97);

test("crop-and-flip augmentation is reproducible for (seed, epoch, batch) and differs between epochs", () => {
  const run = (seed: number, epoch: number, b: number) => { const x = batch(); cropFlip([8, 8, 3], 4, seed, [0, 0, 0])(x, 4, epoch, b); return x; };
  assert.deepEqual(run(1, 3, 2), run(1, 3, 2));
  assert.notDeepEqual(run(1, 3, 2), run(1, 4, 2), "another epoch");
  assert.notDeepEqual(run(1, 3, 2), run(1, 3, 5), "another batch");
  assert.notDeepEqual(run(1, 3, 2), run(2, 3, 2), "another seed");
});

test("recipe data: validation carved from the training images, normalised with the training part's statistics only", () => {
  const data = tinyCifar();
  const d = recipeData(data, RECIPES.augment, 1);
  assert.equal(d.val.n, VALIDATION.count);
  assert.equal(d.train.n + d.val.n, data.train.n);
  assert.equal(d.test.n, data.test.n);
  const parts = validationSplit(data.train, VALIDATION.count, VALIDATION.seed);
  assert.deepEqual(d.normalisation, channelStats(parts.train));
  assert.notDeepEqual(d.normalisation, channelStats(data.train), "the validation images are not in the statistics");
  assert.ok(d.augment);
  const plain = recipeData(data, RECIPES["val-stop"], 1, { train: 10, val: 5, test: 3 });
  assert.equal(plain.normalisation, undefined);
  assert.equal(plain.augment, undefined);
  assert.deepEqual([plain.train.n, plain.val.n, plain.test.n], [10, 5, 3]);
  const first = seededSplit(parts.train, { testCount: 10, seed: VALIDATION.seed }).test;
  assert.equal(plain.train.x[0], Math.fround(first.images[0] / 255), "a quick run's part is a seeded subset");
});
