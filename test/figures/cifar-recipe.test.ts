/**
 * The CIFAR-10 recipe-study builders (lib/figures/cifar-recipe.ts) on fixtures with known numbers: a quick-profile
 * run and summary (test/figures/fixtures/) with the test's numbers patched in, each written through writeResult (so
 * the format accepts it) and read back through readResult. Nothing here trains or checks real accuracy.
 */
import { test } from "node:test";
import { tempDirs } from "../temp-dirs";
import assert from "node:assert/strict";
import { RecipeRun, RecipeRunId, RecipeSummary, writeResult } from "../../lib/results";
import {
  cifarRecipeFigures, qualitySlope, qualitySlopeFigure, readRecipeRuns, recipeComparisonRows, recipeCurvesFigure, recipeTableRows,
} from "../../lib/figures/cifar-recipe";
import { chosenWith, load, row, summaryWith } from "./recipe-summary";

const tempDir = tempDirs("hqnn-cifar-recipe-fig-");

/** The quick run with the given recipe, model, seed and data; val/test accuracy per epoch; chosen epoch = best validation. */
function runWith(recipe: string, model: string, seed: number, val: number[], testAcc: number[], data = "copy"): RecipeRun {
  const base = load<RecipeRun>("cifar-recipe-run.json");
  const epochs = val.map((v, i) => ({ ...base.epochs[0], epoch: i + 1, val_acc: v, test_acc: testAcc[i] }));
  const best = val.indexOf(Math.max(...val));
  return {
    ...base, experiment: `${recipe}-${model}-s${seed}`, recipe: { ...base.recipe, id: recipe }, model: { ...base.model, name: model },
    config: { ...base.config, seed }, dataset: { ...base.dataset, variant: data }, epochs,
    selection: { ...base.selection, chosen_epoch: best + 1, val_acc: val[best], test_acc: testAcc[best] },
  };
}

function writeRun(run: RecipeRun, dir: string): void {
  const id = `cifar-recipe/${run.experiment}` as RecipeRunId;
  writeResult(id, run, dir);
}

test("the fixtures match their formats", () => {
  const dir = tempDir();
  writeRun(load<RecipeRun>("cifar-recipe-run.json"), dir);
  writeResult("cifar-recipe-summary", load<RecipeSummary>("cifar-recipe-summary.json"), dir);
  assert.equal(readRecipeRuns(dir).length, 1);
});

test("recipeTableRows: one row per (recipe, data, model) in study order, the mean over seeds with its standard error and the sd (n − 1), single values bare", () => {
  const s = summaryWith([
    row("long", "copy", "cnn", 1, 0.80, { wall_s: 3600 }),
    row("val-stop", "copy", "cnn", 1, 0.71),
    row("val-stop", "copy", "hqnn-parallel", 2, 0.72, { epochs_trained: 12, chosen_epoch: 9, wall_s: 900 }),
    row("val-stop", "copy", "hqnn-parallel", 1, 0.70, { wall_s: 300 }),
    row("long", "q50", "cnn", 1, 0.75, { psnr_to_copy: 31.234 }),
  ], "long");
  const rows = recipeTableRows(s);
  assert.deepEqual(rows.map((r) => [r.recipe, r.data, r.model]), [
    ["val-stop", "JPEG q75 copy", "HQNN-Parallel"], ["val-stop", "JPEG q75 copy", "CNN"],
    ["long (chosen)", "JPEG q75 copy", "CNN"], ["long (chosen)", "copy re-encoded at JPEG q50", "CNN"],
  ]);
  // 0.70 and 0.72: mean 71.00, sample sd = 0.02 / √2 = 1.41 points, standard error sd / √2 = 1.00.
  assert.equal(rows[0]["test acc %"], 71);
  assert.equal(rows[0]["test acc sd (pp)"], 1.41);
  assert.equal(rows[0]["test acc SE (pp)"], 1);
  assert.equal(rows[0]["val acc %"], 72);
  assert.equal(rows[0].seeds, "1,2");
  assert.equal(rows[0]["epochs trained"], "10, 12");
  assert.equal(rows[0]["chosen epoch"], "7, 9");
  assert.equal(rows[0]["wall time per run"], "10 min (mean)");
  assert.equal(rows[1]["test acc %"], 71);
  assert.equal(rows[1]["test acc SE (pp)"], "", "one seed: no standard error");
  assert.equal(rows[2]["wall time per run"], "1 h 00 min");
  assert.equal(rows[3]["PSNR to copy (dB)"], 31.23);
  assert.equal(rows[2]["PSNR to copy (dB)"], "");
});

test("recipeComparisonRows: HQNN − CNN with Welch's CI and p from the summary's comparisons", () => {
  const s = summaryWith([
    row("long", "copy", "hqnn-parallel", 1, 0.78), row("long", "copy", "hqnn-parallel", 2, 0.79),
    row("long", "copy", "cnn", 1, 0.80), row("long", "copy", "cnn", 2, 0.795),
  ], "long", { "long/copy": { t: -2.5, df: 1.8, p: 0.1367, mean_diff: -0.01234, ci95: [-0.031, 0.0063] } });
  assert.deepEqual(recipeComparisonRows(s), [{
    recipe: "long", data: "JPEG q75 copy", seeds: "2 HQNN-Parallel, 2 CNN", "HQNN − CNN (pp)": -1.23, "95 % CI (pp)": "[-3.10, 0.63]",
    "Welch t": -2.5, df: 1.8, "Welch p": 0.14,
  }]);
});

const qualityRows = () => [
  row("long", "copy", "cnn", 1, 0.81),
  row("long", "q75", "cnn", 1, 0.80, { psnr_to_copy: 40 }),
  row("long", "q50", "cnn", 1, 0.78, { psnr_to_copy: 35 }),
  row("long", "q25", "cnn", 1, 0.75, { psnr_to_copy: 30 }),
  // Another seed and another recipe, which the slope must not mix in.
  row("long", "q50", "cnn", 2, 0.10, { psnr_to_copy: 35 }),
  row("augment", "q50", "cnn", 1, 0.20, { psnr_to_copy: 35 }),
  row("long", "copy", "hqnn-parallel", 1, 0.79),
];

test("qualitySlope: the chosen recipe's CNN, seed 1, slope in points per dB over the re-encodings, the copy apart", () => {
  const q = qualitySlope(summaryWith(qualityRows(), "long"))!;
  assert.equal(q.recipe, "long");
  assert.equal(q.seed, 1);
  assert.equal(q.copy_test_acc, 0.81);
  assert.deepEqual(q.points.map((p) => [p.data, p.quality, p.psnr_db]), [["q75", 75, 40], ["q50", 50, 35], ["q25", 25, 30]]);
  assert.ok(Math.abs(q.slope_pp_per_db! - 0.5) < 1e-9);
  assert.deepEqual(q.missing, []);

  const fig = qualitySlopeFigure(q);
  assert.equal(fig.data.length, 3);
  const [points, fit, copy] = fig.data as { x: unknown[]; y: number[]; xaxis?: string; text?: string[] }[];
  assert.deepEqual(points.text, ["JPEG q75", "JPEG q50", "JPEG q25"]);
  // The fitted line's ends: intercept + 0.5 · PSNR, in fractions.
  assert.ok(Math.abs(fit.y[0] - (233 / 3 - 17.5 + 15) / 100) < 1e-9 && Math.abs(fit.y[1] - (233 / 3 - 17.5 + 20) / 100) < 1e-9);
  assert.equal(copy.xaxis, "x2");
  assert.deepEqual(copy.y, [0.81]);
});

test("qualitySlope: with the chosen recipe's seeds, the figure shades the copy's accuracy ± seed noise of a difference of two runs", () => {
  const q = qualitySlope({ ...summaryWith(qualityRows(), "long"), chosen: chosenWith([0.78, 0.80, 0.79], [0.79, 0.81, 0.80]).chosen })!;
  const noise = 0.95 * Math.sqrt(2 / (1 - 0.95 ** 2)) * Math.SQRT2; // t(0.975, 2) · √2 · sd 1 point
  assert.ok(Math.abs(q.noise_pp! - noise) < 1e-9);
  const [lower, upper] = qualitySlopeFigure(q).data as { y: number[]; fill?: string }[];
  assert.deepEqual(lower.y.map((y) => y.toFixed(6)), Array(2).fill((0.81 - noise / 100).toFixed(6)));
  assert.equal(upper.fill, "tonexty");
  assert.deepEqual(upper.y.map((y) => y.toFixed(6)), Array(2).fill((0.81 + noise / 100).toFixed(6)));
  assert.equal(qualitySlopeFigure({ ...q, noise_pp: null }).data.length, 3, "no seeds: no band");
});

test("qualitySlope: a missing re-encoding and a missing copy run are named, not invented", () => {
  const rows = qualityRows().filter((r) => !(r.recipe === "long" && r.model === "cnn" && (r.data === "q25" || r.data === "copy")));
  const q = qualitySlope(summaryWith(rows, "long"))!;
  assert.equal(q.copy_test_acc, null);
  assert.ok(Math.abs(q.slope_pp_per_db! - 0.4) < 1e-9); // (80 − 78) / (40 − 35)
  assert.deepEqual(q.missing, ["the CNN on the copy (long, seed 1)", "the CNN on the q25 re-encoding (long, seed 1)"]);
  assert.equal(qualitySlopeFigure(q).data.length, 2);
  assert.equal(qualitySlope(summaryWith([row("long", "copy", "cnn", 1, 0.8)], "long")), undefined);
});

test("recipeCurvesFigure: per recipe, validation and test of both models, the chosen epoch starred", () => {
  const runs = ["val-stop", "augment", "long"].flatMap((recipe) => [
    runWith(recipe, "hqnn-parallel", 1, [0.5, 0.6, 0.55], [0.49, 0.58, 0.56]),
    runWith(recipe, "cnn", 1, [0.52, 0.57, 0.61], [0.5, 0.55, 0.6]),
    runWith(recipe, "cnn", 2, [0.1, 0.1, 0.1], [0.1, 0.1, 0.1]), // seed 2: not drawn
  ]).concat([runWith("long", "cnn", 1, [0.2, 0.2, 0.2], [0.2, 0.2, 0.2], "q50")]); // a re-encoding: not drawn
  const dir = tempDir();
  runs.forEach((r) => writeRun({ ...r, experiment: `${r.recipe.id}-${r.model.name}${r.dataset.variant === "copy" ? "" : "-" + r.dataset.variant}-s${r.config.seed}` }, dir));
  const fig = recipeCurvesFigure(readRecipeRuns(dir));
  const traces = fig.data as { name: string; mode: string; x: number[]; y: number[]; xaxis: string; line?: { dash: string }; showlegend: boolean }[];
  assert.equal(traces.length, 3 * 2 * 3);
  assert.deepEqual([...new Set(traces.map((t) => t.xaxis))], ["x", "x2", "x3"]);
  const inPanel = (ax: string) => traces.filter((t) => t.xaxis === ax);
  for (const ax of ["x", "x2", "x3"]) {
    assert.deepEqual(inPanel(ax).map((t) => t.name), [
      "HQNN-Parallel, validation", "HQNN-Parallel, test", "epoch chosen on validation", "CNN, validation", "CNN, test", "epoch chosen on validation"]);
    const [hv, ht, hstar, , , cstar] = inPanel(ax);
    assert.deepEqual(hv.y, [0.5, 0.6, 0.55]);
    assert.equal(hv.line?.dash, "dash");
    assert.deepEqual(ht.y, [0.49, 0.58, 0.56]);
    assert.deepEqual([hstar.x, hstar.y], [[2, 2], [0.6, 0.58]]);
    assert.deepEqual([cstar.x, cstar.y], [[3, 3], [0.61, 0.6]]);
  }
  assert.equal(traces.filter((t) => t.showlegend).length, 5);
  const layout = fig.layout as { annotations: { text: string }[]; shapes: object[]; title: { text: string } };
  assert.deepEqual(layout.annotations.map((a) => a.text), ["<b>val-stop</b>", "<b>augment</b>", "<b>long</b>"]);
  assert.equal(layout.shapes.length, 6);
  assert.match(layout.title.text, /lossy JPEG q75 copy.*seed 1/);
});

test("cifarRecipeFigures: no summary is an error (the section is skipped); a missing part is skipped with a log line", async () => {
  await assert.rejects(cifarRecipeFigures(() => {}, tempDir()), /cifar-recipe-summary\.json missing/);
  const dir = tempDir();
  writeRun(runWith("long", "cnn", 1, [0.5, 0.6], [0.5, 0.6]), dir);
  writeResult("cifar-recipe-summary", summaryWith([row("long", "copy", "cnn", 1, 0.6)], "long"), dir);
  const log: string[] = [];
  const figs = await cifarRecipeFigures((s) => log.push(s), dir);
  assert.deepEqual(figs.map((f) => f.name), ["cifar10-recipe-curves"]);
  assert.equal(log.length, 1);
  assert.match(log[0], /cifar10-jpeg-quality-slope skipped/);
});
