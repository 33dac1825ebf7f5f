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
