/**
 * A recipe-study summary for tests: the quick-profile fixture (test/figures/fixtures/) with a test's rows and chosen
 * recipe patched in, written through writeResult (so the format accepts it) and read back through readResult.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { readResult, RecipeSummary, writeResult } from "../../lib/results";
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

