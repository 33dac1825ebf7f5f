import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCliSync } from "../run-cli";
import { tinyCifar } from "../nn/cifar-fixture";

// Results and the re-encoded copies go to temporary folders, set before the runner's modules are loaded.
const root = fs.mkdtempSync(path.join(os.tmpdir(), "hqnn-cifar-recipe-"));
process.env.HQNN_RESULTS_DIR = path.join(root, "results");
process.env.HQNN_DATA_DIR = path.join(root, "cache");
process.env.PROFILE = "quick";
process.on("exit", () => fs.rmSync(root, { recursive: true, force: true }));

test("quick smoke run: both models, a re-encoded variant, result files with validation selection, and the summary", async () => {
  const { runRecipe, summarizeRecipes, studyDir } = await import("../../experiments/cifar-recipe");
  const { initBackend } = await import("../../lib/nn/backend");
  await initBackend("wasm");
  const dataset = tinyCifar(), log = () => undefined;
  await runRecipe({ recipe: "val-stop", model: "hqnn-parallel", seed: 1, data: "copy" }, { dataset, log, threads: 1 });
  await runRecipe({ recipe: "long", model: "cnn", seed: 1, data: "q50" }, { dataset, log, threads: 1 });
  const dir = studyDir();
  assert.deepEqual(fs.readdirSync(dir).sort(), ["long-cnn-q50-s1.json", "val-stop-hqnn-parallel-s1.json"]);
  const long = JSON.parse(fs.readFileSync(path.join(dir, "long-cnn-q50-s1.json"), "utf8"));
  assert.equal(long.status, "complete");
  assert.equal(long.epochs.length, 2);
  assert.ok(long.epochs.every((e: { val_acc?: number; lr?: number }) => e.val_acc !== undefined && e.lr !== undefined));
  assert.ok(long.dataset.psnr_to_copy.test > 10 && long.dataset.psnr_to_copy.test < 60, `PSNR ${long.dataset.psnr_to_copy.test}`);
  assert.equal(long.selection.test_acc, long.epochs[long.selection.chosen_epoch - 1].test_acc);
  assert.ok(long.provenance.wall_s > 0 && long.provenance.git_commit);
  assert.ok(fs.readdirSync(process.env.HQNN_DATA_DIR!).includes("cifar10-tiny-q50.hqnnds"), "the re-encoded copy is cached");
  const summary = summarizeRecipes();
  assert.equal(summary.rows.length, 2);
  assert.deepEqual(Object.keys(summary.groups).sort(), ["long/q50/cnn", "val-stop/copy/hqnn-parallel"]);
  assert.equal(summary.chosen_recipe, null, "no recipe has runs of both models on the copy yet");
});

test("the runner's --help names the recipes, and a bad recipe is a usage error", () => {
  const help = runCliSync("../experiments/cifar-recipe", ["--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--recipes/);
  const bad = runCliSync("../experiments/cifar-recipe", ["--recipes", "nope"]);
  assert.equal(bad.code, 2);
});

test("the recipe carried forward: best validation accuracy on the copy, averaged over both models", async () => {
  const { chooseRecipe } = await import("../../experiments/cifar-recipe");
  const row = (recipe: "val-stop" | "augment" | "long", model: "hqnn-parallel" | "cnn", val_acc: number, data: "copy" | "q50" = "copy") => ({ recipe, model, data, val_acc });
  const chosen = chooseRecipe([row("val-stop", "cnn", 0.7), row("val-stop", "hqnn-parallel", 0.68), row("augment", "cnn", 0.8), row("augment", "hqnn-parallel", 0.7),
    row("long", "cnn", 0.95), row("long", "cnn", 0.99, "q50")]);
  assert.equal(chosen?.recipe, "augment", "long lacks a run of HQNN-Parallel on the copy");
  assert.ok(Math.abs(chosen!.val_acc - 0.75) < 1e-12);
  assert.deepEqual(chosen!.candidates.map((c) => c.recipe), ["augment", "val-stop"]);
});

test("what the claims read: the chosen recipe's runs on the copy per model, standard error, prediction interval, Welch", async () => {
  const { chosenRecipeResults } = await import("../../experiments/cifar-recipe");
  const row = (recipe: string, model: string, seed: number, test_acc: number, data = "copy") => ({ recipe, model, data, seed, test_acc, test_loss: 2 - test_acc });
  const rows = [row("long", "hqnn-parallel", 3, 0.74), row("long", "hqnn-parallel", 1, 0.70), row("long", "hqnn-parallel", 2, 0.72),
    row("long", "cnn", 1, 0.71), row("long", "cnn", 2, 0.75), row("augment", "cnn", 3, 0.1), row("long", "cnn", 3, 0.1, "q50")];
  const r = chosenRecipeResults("long", rows, true);
  assert.equal(r.recipe, "long");
  assert.equal(r.lossy, true);
  assert.equal(r.seeds_wanted, 3);
  const h = r.models["hqnn-parallel"], c = r.models.cnn;
  assert.deepEqual(h.seeds, [1, 2, 3]);
  assert.deepEqual(c.seeds, [1, 2], "other recipes and re-encoded data are not the chosen recipe on the copy");
  const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} vs ${b}`);
  close(h.test_acc.mean, 0.72);
  close(h.test_acc.se!, 0.02 / Math.sqrt(3)); // sd 0.02
  close(h.test_loss.mean, 2 - 0.72);
  close(h.test_loss.se!, 0.02 / Math.sqrt(3));
  // t(0.975, 2) in closed form: t² = 2 · 0.95² / (1 − 0.95²)
  const half = Math.sqrt((2 * 0.95 ** 2) / (1 - 0.95 ** 2)) * 0.02 * Math.sqrt(4 / 3);
  close(h.test_acc.prediction95![0], 0.72 - half);
  close(h.test_acc.prediction95![1], 0.72 + half);
  close(r.comparison!.mean_diff, 0.72 - 0.73);
  const one = chosenRecipeResults("long", rows.filter((x) => !(x.model === "cnn" && x.seed === 2)), false);
  assert.equal(one.comparison, null, "one CNN seed: no Welch test");
  assert.equal(one.models.cnn.test_acc.se, null);
  assert.equal(one.models.cnn.test_acc.prediction95, null);
});

test("the study's stages: every recipe for both models with seed 1; then the chosen recipe for seeds 2-3; then the CNN on each lower quality", async () => {
  const { studyStage, runId } = await import("../../experiments/cifar-recipe");
  assert.deepEqual(studyStage(1, null).map(runId),
    ["val-stop-hqnn-parallel-s1", "val-stop-cnn-s1", "augment-hqnn-parallel-s1", "augment-cnn-s1", "long-hqnn-parallel-s1", "long-cnn-s1"]);
  assert.deepEqual(studyStage(2, "long").map(runId), ["long-hqnn-parallel-s2", "long-cnn-s2", "long-hqnn-parallel-s3", "long-cnn-s3"]);
  assert.deepEqual(studyStage(3, "augment").map(runId), ["augment-cnn-q75-s1", "augment-cnn-q50-s1", "augment-cnn-q25-s1"]);
  assert.throws(() => studyStage(2, null), /needs the recipe chosen after stage 1/);
});
