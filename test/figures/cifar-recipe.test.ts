/**
 * The CIFAR-10 recipe-study builders (lib/figures/cifar-recipe.ts) on fixtures with known numbers: a quick-profile
 * run and summary (test/figures/fixtures/) with the test's numbers patched in, each written through writeResult (so
 * the format accepts it) and read back through readResult. Nothing here trains or checks real accuracy.
 */
import { test } from "node:test";
import { tempDirs } from "../temp-dirs";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { CLAIMS } from "../../lib/claims";
import { readResult, RecipeRun, RecipeRunId, RecipeSummary, TrainingRun, writeResult } from "../../lib/results";
import {
  cifarDecomposition, cifarRecipeFigures, qualitySlope, qualitySlopeFigure, readRecipeRuns, recipeComparisonRows,
  recipeCurvesFigure, recipeTableRows, SingleRun,
} from "../../lib/figures/cifar-recipe";
import { paperTable1Value } from "../../lib/claims";

const FIXTURES = path.join(__dirname, "fixtures");
const load = <T>(name: string): T => JSON.parse(fs.readFileSync(path.join(FIXTURES, name), "utf8"));

const tempDir = tempDirs("hqnn-cifar-recipe-fig-");

type Row = RecipeSummary["rows"][number];
/** A summary row: recipe/data/model/seed and accuracies; the rest plausible. */
const row = (recipe: string, data: string, model: string, seed: number, test_acc: number, extra: Partial<Row> = {}): Row => ({
  recipe, model, data, seed, psnr_to_copy: null, epochs_trained: 10, chosen_epoch: 7, val_acc: test_acc + 0.01, test_acc, test_loss: 0.9, wall_s: 600, ...extra,
});

/** The quick summary with `rows`, `chosen` and `comparisons` patched in, written and read back through the catalogue. */
function summaryWith(rows: Row[], chosen: string | null, comparisons: RecipeSummary["comparisons"] = {}): RecipeSummary {
  const base = load<RecipeSummary>("cifar-recipe-summary.json");
  const s: RecipeSummary = {
    ...base, rows, comparisons,
    chosen_recipe: chosen === null ? null : { recipe: chosen, val_acc: 0.8, rule: "test fixture", candidates: [{ recipe: chosen, val_acc: 0.8 }] },
  };
  const dir = tempDir();
  writeResult("cifar-recipe-summary", s, dir);
  return readResult("cifar-recipe-summary", dir)!;
}

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

test("recipeTableRows: one row per (recipe, data, model) in study order, mean ± sd (n − 1) over seeds, single values bare", () => {
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
  // 0.70 and 0.72: mean 71.00, sample sd = 0.02 / √2 = 1.41 points.
  assert.equal(rows[0]["test acc %"], "71.00 ± 1.41");
  assert.equal(rows[0]["val acc %"], "72.00 ± 1.41");
  assert.equal(rows[0].seeds, "1,2");
  assert.equal(rows[0]["epochs trained"], "10, 12");
  assert.equal(rows[0]["chosen epoch"], "7, 9");
  assert.equal(rows[0]["wall time per run"], "10 min (mean)");
  assert.equal(rows[1]["test acc %"], 71);
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

test("qualitySlope: a missing re-encoding and a missing copy run are named, not invented", () => {
  const rows = qualityRows().filter((r) => !(r.recipe === "long" && r.model === "cnn" && (r.data === "q25" || r.data === "copy")));
  const q = qualitySlope(summaryWith(rows, "long"))!;
  assert.equal(q.copy_test_acc, null);
  assert.ok(Math.abs(q.slope_pp_per_db! - 0.4) < 1e-9); // (80 − 78) / (40 − 35)
  assert.deepEqual(q.missing, ["the CNN on the copy (long, seed 1)", "the CNN on the q25 re-encoding (long, seed 1)"]);
  assert.equal(qualitySlopeFigure(q).data.length, 2);
  assert.equal(qualitySlope(summaryWith([row("long", "copy", "cnn", 1, 0.8)], "long")), undefined);
});

/** A recorded single run (results/{hqnn-parallel,cnn}-cifar10.json as readResult returns it) is what the decomposition takes. */
export const asSingleRun = (r: TrainingRun): SingleRun => r;
const recorded: { hqnn: SingleRun; cnn: SingleRun } = {
  hqnn: { final: { test_acc: 0.6838, train_loss: 0.5, test_loss: 0.98, epochs: 9, best_test_acc: 0.7071 }, stopped_early: "after epoch 9: no test-accuracy improvement for 3 epochs", config: { epochs: 20, patience: 3 } },
  cnn: { final: { test_acc: 0.7075, train_loss: 0.44, test_loss: 0.94, epochs: 10, best_test_acc: 0.7147 }, stopped_early: "after epoch 10: no test-accuracy improvement for 3 epochs", config: { epochs: 20, patience: 3 } },
};
const paperText = (model: string) => (CLAIMS.find((c) => c.id === `cifar10-${model}-acc`)!.check as { expect: { approx: number } }).expect.approx;
const close = (a: number | null | undefined, b: number) => assert.ok(a != null && Math.abs(a - b) < 1e-9, `${a} ≠ ${b}`);

test("cifarDecomposition: each part from results, the arithmetic (c) − (b) and paper − (c) − (d)", () => {
  const s = summaryWith([
    row("val-stop", "copy", "hqnn-parallel", 1, 0.69), row("val-stop", "copy", "hqnn-parallel", 2, 0.71), row("val-stop", "copy", "cnn", 1, 0.71),
    row("long", "copy", "hqnn-parallel", 1, 0.78), row("long", "copy", "hqnn-parallel", 2, 0.80), row("long", "copy", "cnn", 1, 0.80),
    row("long", "q75", "cnn", 1, 0.79, { psnr_to_copy: 40 }), row("augment", "copy", "cnn", 1, 0.75),
  ], "long");
  const d = cifarDecomposition(s, recorded);
  close(d.recorded.hqnn, 68.38);
  close(d.recorded.cnn, 70.75);
  assert.match(d.recorded.stopped_on, /TEST accuracy \(patience 3\)/);
  close(d.val_stop.hqnn?.mean, 70);
  assert.deepEqual(d.val_stop.hqnn?.seeds, [1, 2]);
  close(d.val_stop.cnn?.mean, 71);
  assert.equal(d.chosen.recipe, "long");
  close(d.chosen.hqnn?.mean, 79);
  close(d.chosen.cnn?.mean, 80);
  close(d.from_recipe.hqnn, 9);
  close(d.from_recipe.cnn, 9);
  assert.equal(d.one_more_q75?.recipe, "long");
  close(d.one_more_q75?.cost_pp, 1);
  // The paper's numbers come from the claims registry: the text's per-model accuracy, and Table 1's cells beside it.
  assert.equal(d.paper.hqnn, paperText("hqnn"));
  assert.equal(d.paper.cnn, paperText("cnn"));
  assert.deepEqual(d.paper.table1, { hqnn: paperTable1Value("cifar10", "hqnn", "test-acc"), cnn: paperTable1Value("cifar10", "cnn", "test-acc") });
  close(d.remains.hqnn, d.paper.hqnn - 79 - 1);
  close(d.remains.cnn, d.paper.cnn - 80 - 1);
  assert.deepEqual(d.missing, []);
  for (const text of ["lossy JPEG q75 copy", "HQNN-Parallel 68.38 % and CNN 70.75 %", "TEST accuracy (patience 3)",
    "HQNN-Parallel 70.00 % (mean of 2 seeds) and CNN 71.00 % (seed 1)", "chosen recipe (long) HQNN-Parallel 79.00 % (mean of 2 seeds) and CNN 80.00 % (seed 1)",
    "+9.00 and +9.00 points come from the recipe", "costs the CNN +1.00 points", "recipe long, seed 1)", "assuming one q75 generation costs about the same",
    `${(d.paper.hqnn - 80).toFixed(2)} and ${(d.paper.cnn - 81).toFixed(2)} points`]) {
    assert.ok(d.sentence.includes(text), `sentence lacks ${JSON.stringify(text)}: ${d.sentence}`);
  }
  assert.ok(!d.sentence.includes("Missing"));
  assert.equal(d.one_more_q75?.psnr_db, 40);
  assert.ok(!d.sentence.includes("changes little"));
  // A q75 re-encoding far above 40 dB from the copy is nearly idempotent: the sentence says the bound may understate.
  const near = cifarDecomposition(summaryWith(s.rows.map((r) => (r.data === "q75" ? { ...r, psnr_to_copy: 50.5 } : r)), "long"), recorded);
  assert.match(near.sentence, /the q75 re-encoding is 50\.50 dB from the copy: re-encoding at the copy's own quality changes little/);
});

test("cifarDecomposition: missing parts are reported as missing, nothing invented", () => {
  const s = summaryWith([row("val-stop", "copy", "cnn", 1, 0.71), row("long", "copy", "cnn", 1, 0.80)], null);
  const d = cifarDecomposition(s, { cnn: recorded.cnn });
  assert.equal(d.recorded.hqnn, null);
  assert.equal(d.val_stop.hqnn, null);
  assert.equal(d.chosen.recipe, null);
  assert.equal(d.chosen.cnn, null);
  assert.equal(d.from_recipe.cnn, null);
  assert.equal(d.one_more_q75, null);
  assert.deepEqual(d.remains, { hqnn: null, cnn: null });
  assert.deepEqual(d.missing.map((m) => m.slice(0, 3)), ["(a)", "(b)", "(c)", "(d)", "(e)"]);
  assert.match(d.sentence, /single runs reached HQNN-Parallel not recorded and CNN 70\.75 %/);
  assert.match(d.sentence, /no recipe has been chosen yet/);
  assert.match(d.sentence, /not measured yet/);
  assert.match(d.sentence, /cannot be stated yet/);
  assert.match(d.sentence, /Missing: \(a\)/);

  // A chosen recipe without a q75 run: (c) and the points from the recipe are there, (d) and (e) are missing.
  const s2 = summaryWith([row("val-stop", "copy", "cnn", 1, 0.71), row("long", "copy", "cnn", 1, 0.80), row("val-stop", "copy", "hqnn-parallel", 1, 0.7), row("long", "copy", "hqnn-parallel", 1, 0.78)], "long");
  const d2 = cifarDecomposition(s2, recorded);
  close(d2.from_recipe.cnn, 9);
  close(d2.from_recipe.hqnn, 8);
  assert.deepEqual(d2.missing.map((m) => m.slice(0, 3)), ["(d)", "(e)"]);
  assert.match(d2.sentence, /chosen recipe \(long\) HQNN-Parallel 78\.00 % and CNN 80\.00 % \(seed 1\), so \+8\.00 and \+9\.00 points/);

  // (d) measured under another recipe than the chosen one: used, and the sentence says so.
  const s3 = summaryWith([...s2.rows, row("augment", "copy", "cnn", 1, 0.75), row("augment", "q75", "cnn", 1, 0.745, { psnr_to_copy: 40 })], "long");
  const d3 = cifarDecomposition(s3, recorded);
  assert.equal(d3.one_more_q75?.recipe, "augment");
  close(d3.one_more_q75?.cost_pp, 0.5);
  assert.match(d3.sentence, /recipe augment, not the chosen long, seed 1/);
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
