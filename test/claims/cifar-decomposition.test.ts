/**
 * lib/claims/cifar-decomposition.ts on summaries with known numbers (test/figures/recipe-summary.ts): each part of
 * the CIFAR-10 finding from results, the paper's numbers from the registry, missing parts named. Nothing trains.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { paperNumber, paperTable1Value } from "../../lib/claims";
import { cifarDecomposition, SingleRun } from "../../lib/claims/cifar-decomposition";
import { chosenWith, row, summaryWith } from "../figures/recipe-summary";

const recorded: { hqnn: SingleRun; cnn: SingleRun } = {
  hqnn: { final: { test_acc: 0.6838, train_loss: 0.5, test_loss: 0.98, epochs: 9, best_test_acc: 0.7071 }, stopped_early: "after epoch 9: no test-accuracy improvement for 3 epochs", config: { epochs: 20, patience: 3 } },
  cnn: { final: { test_acc: 0.7075, train_loss: 0.44, test_loss: 0.94, epochs: 10, best_test_acc: 0.7147 }, stopped_early: "after epoch 10: no test-accuracy improvement for 3 epochs", config: { epochs: 20, patience: 3 } },
};
const paperText = (model: string) => paperNumber(`cifar10-${model}-acc`);
const close = (a: number | null | undefined, b: number) => assert.ok(a != null && Math.abs(a - b) < 1e-9, `${a} ≠ ${b}`);

test("cifarDecomposition: each part from results, the arithmetic (c) − (b) and paper − (c) − (d)", () => {
  const s = summaryWith([
    row("val-stop", "copy", "hqnn-parallel", 1, 0.69), row("val-stop", "copy", "hqnn-parallel", 2, 0.71), row("val-stop", "copy", "cnn", 1, 0.71),
    row("long", "copy", "hqnn-parallel", 1, 0.78), row("long", "copy", "hqnn-parallel", 2, 0.80), row("long", "copy", "cnn", 1, 0.80),
    row("long", "q75", "cnn", 1, 0.795, { psnr_to_copy: 40 }), row("long", "q50", "cnn", 1, 0.79, { psnr_to_copy: 28.7 }),
    row("long", "q25", "cnn", 1, 0.77, { psnr_to_copy: 26.5 }), row("augment", "copy", "cnn", 1, 0.75),
  ], "long");
  const d = cifarDecomposition(s, recorded);
  close(d.recorded.hqnn, 68.38);
  close(d.recorded.cnn, 70.75);
  assert.match(d.recorded.stopped_on, /TEST accuracy \(patience 3\)/);
  close(d.val_stop.hqnn?.mean, 70);
  close(d.val_stop.hqnn?.se, 1); // 69 and 71: sd √2, standard error 1
  assert.equal(d.val_stop.cnn?.se, null, "one seed: no standard error");
  assert.deepEqual(d.val_stop.hqnn?.seeds, [1, 2]);
  close(d.val_stop.cnn?.mean, 71);
  assert.equal(d.chosen.recipe, "long");
  close(d.chosen.hqnn?.mean, 79);
  close(d.chosen.cnn?.mean, 80);
  close(d.from_recipe.hqnn, 9);
  close(d.from_recipe.cnn, 9);
  assert.deepEqual(d.generations.map((g) => [g.data, g.recipe, g.seeds]), [["q75", "long", [1]], ["q50", "long", [1]], ["q25", "long", [1]]]);
  d.generations.forEach((g, i) => close(g.cost_pp, [0.5, 1, 3][i]));
  assert.equal(d.copy_bound?.data, "q50", "the bound is the generation at the highest quality below the copy's q75");
  assert.equal(d.noise_pp, null, "the summary has no seeds of the chosen recipe");
  // The paper's numbers come from the claims registry: the text's per-model accuracy, and Table 1's cells beside it.
  assert.equal(d.paper.hqnn, paperText("hqnn"));
  assert.equal(d.paper.cnn, paperText("cnn"));
  assert.deepEqual(d.paper.table1, { hqnn: paperTable1Value("cifar10", "hqnn", "test-acc"), cnn: paperTable1Value("cifar10", "cnn", "test-acc") });
  close(d.remains.hqnn, d.paper.hqnn - 79 - 1);
  close(d.remains.cnn, d.paper.cnn - 80 - 1);
  close(d.copy_bound?.psnr_db, 28.7);
  assert.deepEqual(d.missing, []);
  for (const text of ["lossy JPEG q75 copy", "HQNN-Parallel 68.38 % and CNN 70.75 %", "TEST accuracy (patience 3)",
    "HQNN-Parallel 70.00 ± 1.00 % (mean ± standard error over 2 seeds) and CNN 71.00 % (seed 1)",
    "chosen recipe (long) HQNN-Parallel 79.00 ± 1.00 % (mean ± standard error over 2 seeds) and CNN 80.00 % (seed 1)",
    "+9.00 and +9.00 points come from the recipe",
    "costs the CNN q75 +0.50 (40.00 dB from the copy), q50 +1.00 (28.70 dB from the copy), q25 +3.00 (26.50 dB from the copy) points (recipe long, seed 1)",
    "costs no more accuracy than one q50 generation of the copy", "the copy explains at most +1.00 points.",
    `there remain at least ${(d.paper.hqnn - 80).toFixed(2)} and ${(d.paper.cnn - 81).toFixed(2)} points`, "the best of the three recipes tried, not the best there is"]) {
    assert.ok(d.sentence.includes(text), `sentence lacks ${JSON.stringify(text)}: ${d.sentence}`);
  }
  assert.ok(!d.sentence.includes("Missing"));
  assert.ok(!d.sentence.includes("changes the pixels little"));
  // A q75 re-encoding far above 40 dB from the copy is nearly idempotent: the sentence says so.
  const near = cifarDecomposition(summaryWith(s.rows.map((r) => (r.data === "q75" ? { ...r, psnr_to_copy: 50.5 } : r)), "long"), recorded);
  assert.match(near.sentence, /Re-encoding at the copy's own quality changes the pixels little \(50\.50 dB\)/);
  // With the chosen recipe's seeds, differences of two single runs are set against seed noise: t(0.975, n − 1) · √2 · sd,
  // here n = 3, sd 1 point, and t(0.975, 2) in closed form 0.95 · √(2 / (1 − 0.95²)).
  const seeded = cifarDecomposition({ ...s, chosen: chosenWith([0.78, 0.80, 0.79], [0.79, 0.81, 0.80]).chosen }, recorded);
  close(seeded.noise_pp, 0.95 * Math.sqrt(2 / (1 - 0.95 ** 2)) * Math.SQRT2);
  assert.match(seeded.sentence, /differences of two single runs below about 6\.08 points are seed noise/);
  assert.match(seeded.sentence, /at most \+1\.00 points \(within seed noise\)/);
  // Whether the hybrid beats its CNN under the chosen recipe: the summary's Welch comparison, in words that follow its interval.
  assert.equal(d.hqnn_minus_cnn, null, "no chosen block: no comparison");
  assert.match(seeded.sentence, /Under it, HQNN-Parallel − CNN is −1\.00 points \(95 % confidence interval \[−\d+\.\d\d, \+\d+\.\d\d\], Welch p = 0\.\d\d, 3 and 3 seeds\): no difference is detected/);
  const ahead = cifarDecomposition({ ...s, chosen: chosenWith([0.84, 0.845, 0.85], [0.80, 0.805, 0.81]).chosen }, recorded);
  assert.match(ahead.sentence, /HQNN-Parallel − CNN is \+4\.00 points .*: the hybrid is ahead\./);
});

test("cifarDecomposition: missing parts are reported as missing, nothing invented", () => {
  const s = summaryWith([row("val-stop", "copy", "cnn", 1, 0.71), row("long", "copy", "cnn", 1, 0.80)], null);
  const d = cifarDecomposition(s, { cnn: recorded.cnn });
  assert.equal(d.recorded.hqnn, null);
  assert.equal(d.val_stop.hqnn, null);
  assert.equal(d.chosen.recipe, null);
  assert.equal(d.chosen.cnn, null);
  assert.equal(d.from_recipe.cnn, null);
  assert.deepEqual(d.generations, []);
  assert.equal(d.copy_bound, null);
  assert.deepEqual(d.remains, { hqnn: null, cnn: null });
  assert.deepEqual(d.missing.map((m) => m.slice(0, 3)), ["(a)", "(b)", "(c)", "(d)", "(e)"]);
  assert.match(d.sentence, /single runs reached HQNN-Parallel not recorded and CNN 70\.75 %/);
  assert.match(d.sentence, /no recipe has been chosen yet/);
  assert.match(d.sentence, /not measured yet/);
  assert.match(d.sentence, /cannot be stated yet/);
  assert.match(d.sentence, /Missing: \(a\)/);

  // A chosen recipe without a re-encoded run: (c) and the points from the recipe are there, (d) and (e) are missing.
  const s2 = summaryWith([row("val-stop", "copy", "cnn", 1, 0.71), row("long", "copy", "cnn", 1, 0.80), row("val-stop", "copy", "hqnn-parallel", 1, 0.7), row("long", "copy", "hqnn-parallel", 1, 0.78)], "long");
  const d2 = cifarDecomposition(s2, recorded);
  close(d2.from_recipe.cnn, 9);
  close(d2.from_recipe.hqnn, 8);
  assert.deepEqual(d2.missing.map((m) => m.slice(0, 3)), ["(d)", "(e)"]);
  assert.match(d2.sentence, /chosen recipe \(long\) HQNN-Parallel 78\.00 % and CNN 80\.00 % \(seed 1\), so \+8\.00 and \+9\.00 points/);

  // Generations measured under another recipe than the chosen one: used, and the sentence says so; a q75 one alone
  // bounds nothing (it is not coarser than the copy's own generation), so (d) and (e) stay missing.
  const s3 = summaryWith([...s2.rows, row("augment", "copy", "cnn", 1, 0.75), row("augment", "q75", "cnn", 1, 0.745, { psnr_to_copy: 40 })], "long");
  const d3 = cifarDecomposition(s3, recorded);
  assert.deepEqual(d3.generations.map((g) => [g.data, g.recipe]), [["q75", "augment"]]);
  close(d3.generations[0].cost_pp, 0.5);
  assert.equal(d3.copy_bound, null);
  assert.deepEqual(d3.missing.map((m) => m.slice(0, 3)), ["(d)", "(e)"]);
  assert.match(d3.sentence, /recipe augment, not the chosen long, seed 1/);
});

