/**
 * A recipe-study summary for tests: the quick-profile fixture (test/figures/fixtures/) with a test's rows and chosen
 * recipe patched in, written through writeResult (so the format accepts it) and read back through readResult.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { readResult, RecipeSummary, writeResult } from "../../lib/results";
import { welchRecord } from "../../lib/results/formats";
import { summarize, welchTTest } from "../../lib/stats";
import { recordedWith } from "../results/fixtures";
import { tempDirs } from "../temp-dirs";

const FIXTURES = path.join(__dirname, "fixtures");
export const load = <T>(name: string): T => JSON.parse(fs.readFileSync(path.join(FIXTURES, name), "utf8"));

const tempDir = tempDirs("hqnn-recipe-summary-");

export type Row = RecipeSummary["rows"][number];
/** A summary row: recipe/data/model/seed and accuracies; the rest plausible. */
export const row = (recipe: string, data: string, model: string, seed: number, test_acc: number, extra: Partial<Row> = {}): Row => ({
  recipe, model, data, seed, psnr_to_copy: null, epochs_trained: 10, chosen_epoch: 7, val_acc: test_acc + 0.01, test_acc, test_loss: 0.9, wall_s: 600, ...extra,
});

/** The quick summary with `rows`, `chosen` and `comparisons` patched in, written and read back through the catalogue. */
export function summaryWith(rows: Row[], chosen: string | null, comparisons: RecipeSummary["comparisons"] = {}): RecipeSummary {
  const base = load<RecipeSummary>("cifar-recipe-summary.json");
  const s: RecipeSummary = {
    ...base, rows, comparisons,
    chosen_recipe: chosen === null ? null : { recipe: chosen, val_acc: 0.8, rule: "test fixture", candidates: [{ recipe: chosen, val_acc: 0.8 }] },
  };
  const dir = tempDir();
  writeResult("cifar-recipe-summary", s, dir);
  return readResult("cifar-recipe-summary", dir)!;
}


type Chosen = NonNullable<RecipeSummary["chosen"]>;

/**
 * The recorded summary with its `chosen` block replaced: the recipe "long" on the copy with these per-seed test
 * accuracies (seeds 1, 2, ...) of each model, 3 seeds wanted, Welch's test once both models have two; test losses
 * are `losses` where given, else 0.6 for every run.
 */
export function chosenWith(hqnn: number[], cnn: number[], lossy = true, losses: { hqnn?: number[]; cnn?: number[] } = {}): RecipeSummary {
  const models: Chosen["models"] = {};
  for (const [name, xs, ls] of [["hqnn-parallel", hqnn, losses.hqnn], ["cnn", cnn, losses.cnn]] as const) {
    if (xs.length) models[name] = { seeds: xs.map((_, i) => i + 1), test_acc: summarize(xs), test_loss: summarize(ls ?? xs.map(() => 0.6)) };
  }
  const comparison = hqnn.length >= 2 && cnn.length >= 2 ? welchRecord(welchTTest(hqnn, cnn)) : null;
  return { ...recordedWith("cifar-recipe-summary", {}), chosen: { recipe: "long", seeds_wanted: 3, lossy, models, comparison } };
}
