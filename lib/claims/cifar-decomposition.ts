/**
 * The CIFAR-10 finding of the recipe study (issue 28, experiments/cifar-recipe.ts): the gap between our accuracy and
 * the paper's split into points from the training recipe, the bound from the lossy copy of the data, and what
 * remains, each from results (results/cifar-recipe-summary.json and the recorded single runs), the paper's
 * accuracies from the registry. CLAIMS.md and the README state its sentence (findings.ts); notebook 02 and
 * lib/figures/cifar-recipe.ts show the study it rests on.
 */
import { RecipeModel, RecipeSummary, TrainingRun } from "../results";
import { mean } from "../stats";
import { paperNumber, paperTable1Value } from "./paper";

type Row = RecipeSummary["rows"][number];

/** The study's recipes in the order they are shown (others, if any, follow by name). */
export const RECIPE_ORDER = ["val-stop", "augment", "long"];
export const RECIPE_MODEL_NAMES: Record<RecipeModel, string> = { "hqnn-parallel": "HQNN-Parallel", cnn: "CNN" };

/** `values` without repeats, in `order` first, then the rest by name. */
export const ordered = (values: Iterable<string>, order: string[]) =>
  [...new Set(values)].sort((a, b) => (order.indexOf(a) + 1 || order.length + 1) - (order.indexOf(b) + 1 || order.length + 1) || a.localeCompare(b));
/** A signed difference in points: "+1.23", "−0.45". */
export const pp = (x: number, digits = 2) => `${x >= 0 ? "+" : "−"}${Math.abs(x).toFixed(digits)}`;

/** What the decomposition needs of a recorded single run (results/{hqnn-parallel,cnn}-cifar10.json). */
export type SingleRun = Pick<TrainingRun, "final" | "stopped_early"> & { config: Pick<TrainingRun["config"], "patience" | "epochs"> };
type PerModel<T> = { hqnn: T; cnn: T };
export interface MeanOf { mean: number; n: number; seeds: number[] }

export interface CifarDecomposition {
  /** (a) The recorded single runs' final test accuracy (%), and how they stopped. */
  recorded: PerModel<number | null> & { stopped_on: string };
  /** (b) Today's recipe selected on validation (val-stop, on the copy): mean test accuracy over seeds (%). */
  val_stop: PerModel<MeanOf | null>;
  /** (c) The chosen recipe (on the copy): mean test accuracy over seeds (%). */
  chosen: PerModel<MeanOf | null> & { recipe: string | null };
  /** (c) − (b), percentage points. */
  from_recipe: PerModel<number | null>;
  /** (d) CNN, copy − copy re-encoded at q75 (same recipe and seed; mean over the seeds with both), percentage points. */
  one_more_q75: { recipe: string; seeds: number[]; copy: number; q75: number; cost_pp: number; psnr_db: number | null } | null;
  /** The paper's CIFAR-10 test accuracies (%): its text (the CIFAR-10 claims) and its Table 1 cells. */
  paper: PerModel<number> & { table1: PerModel<number>; source: string };
  /** (e) paper − (c) − (d), percentage points. */
  remains: PerModel<number | null>;
  assumption: string;
  missing: string[];
  sentence: string;
}

/** The paper's CIFAR-10 accuracy of a model as its text states it (claims `cifar10-<model>-acc`). */
const paperTextAccuracy = (model: "hqnn" | "cnn"): number => paperNumber(`cifar10-${model}-acc`);

const ASSUMPTION = "one more JPEG q75 generation costs about as much accuracy on the official pixels as on the copy " +
  "(the copy is the official images after one q75 generation, so the copy − q75 difference stands for what the official pixels would add)";

/**
 * The numbers behind the CIFAR-10 finding, each from results: (a) the recorded single runs, (b) today's recipe
 * selected on validation, (c) the chosen recipe, (c) − (b) the points from the recipe, (d) what one more q75
 * generation costs the CNN (the bound from the lossy copy, under `assumption`), (e) paper − (c) − (d). Parts whose
 * runs are not recorded are null and named in `missing`; `sentence` states the rest plainly.
 */
export function cifarDecomposition(summary: RecipeSummary, recorded: Partial<PerModel<SingleRun | undefined>>): CifarDecomposition {
  const missing: string[] = [];
  const modelOf = { hqnn: "hqnn-parallel", cnn: "cnn" } as const;
  const meanOf = (recipe: string | null, model: "hqnn" | "cnn", data = "copy"): MeanOf | null => {
    const rs = summary.rows.filter((r) => r.recipe === recipe && r.model === modelOf[model] && r.data === data).sort((a, b) => a.seed - b.seed);
    return rs.length ? { mean: 100 * mean(rs.map((r) => r.test_acc)), n: rs.length, seeds: rs.map((r) => r.seed) } : null;
  };
  const both = <T>(f: (m: "hqnn" | "cnn") => T): PerModel<T> => ({ hqnn: f("hqnn"), cnn: f("cnn") });
  const diff = (a: number | null | undefined, b: number | null | undefined) => (a == null || b == null ? null : a - b);

  // (a)
  const rec = both((m) => (recorded[m] ? 100 * recorded[m]!.final.test_acc : null));
  both((m) => rec[m] === null && missing.push(`(a) the recorded single run results/${modelOf[m]}-cifar10.json`));
  const runs = [recorded.hqnn, recorded.cnn].filter((r): r is SingleRun => !!r);
  const onTest = runs.some((r) => /test-accuracy/.test(r.stopped_early ?? ""));
  const patience = runs.find((r) => r.config.patience !== undefined)?.config.patience;
  const stoppedOn = !runs.length ? "not recorded"
    : onTest ? `early stopping on TEST accuracy${patience !== undefined ? ` (patience ${patience})` : ""}: the test set chose the last epoch, so these are not clean test estimates`
      : "trained to the end (no early stopping recorded)";
  // (b), (c)
  const valStop = both((m) => meanOf("val-stop", m));
  both((m) => valStop[m] === null && missing.push(`(b) val-stop runs of ${RECIPE_MODEL_NAMES[modelOf[m]]} on the copy`));
  const recipe = summary.chosen_recipe?.recipe ?? null;
  if (recipe === null) missing.push("(c) a chosen recipe (the summary has none yet)");
  const chosen = both((m) => meanOf(recipe, m));
  if (recipe !== null) both((m) => chosen[m] === null && missing.push(`(c) ${recipe} runs of ${RECIPE_MODEL_NAMES[modelOf[m]]} on the copy`));
  const fromRecipe = both((m) => diff(chosen[m]?.mean, valStop[m]?.mean));
  // (d): the chosen recipe when it has the pair, else any recipe that has it.
  const cnnRows = summary.rows.filter((r) => r.model === "cnn");
  const pairs = (rcp: string) => cnnRows.filter((r) => r.recipe === rcp && r.data === "q75")
    .map((q) => ({ q, c: cnnRows.find((r) => r.recipe === rcp && r.data === "copy" && r.seed === q.seed) }))
    .filter((p): p is { q: Row; c: Row } => p.c !== undefined).sort((a, b) => a.q.seed - b.q.seed);
  const dRecipe = [recipe, ...ordered(cnnRows.map((r) => r.recipe), RECIPE_ORDER)].find((r) => r !== null && pairs(r).length) ?? null;
  const dPairs = dRecipe ? pairs(dRecipe) : [];
  const oneMore = dRecipe && dPairs.length ? {
    recipe: dRecipe, seeds: dPairs.map((p) => p.q.seed),
    copy: 100 * mean(dPairs.map((p) => p.c.test_acc)), q75: 100 * mean(dPairs.map((p) => p.q.test_acc)),
    cost_pp: 100 * mean(dPairs.map((p) => p.c.test_acc - p.q.test_acc)),
    psnr_db: dPairs.every((p) => p.q.psnr_to_copy !== null) ? mean(dPairs.map((p) => p.q.psnr_to_copy as number)) : null,
  } : null;
  if (!oneMore) missing.push("(d) a CNN run on the copy re-encoded at q75 with its run on the copy (same recipe and seed)");
  // (e)
  const paper = { ...both(paperTextAccuracy), table1: both((m) => paperTable1Value("cifar10", m, "test-acc")), source: "the paper's text and Figure 6 caption (Table 1 swaps the two models' cells)" };
  const remains = both((m) => (chosen[m] && oneMore ? paper[m] - chosen[m]!.mean - oneMore.cost_pp : null));
  if (!oneMore || chosen.hqnn === null || chosen.cnn === null) missing.push("(e) what remains (needs (c) and (d))");

  return { recorded: { ...rec, stopped_on: stoppedOn }, val_stop: valStop, chosen: { ...chosen, recipe }, from_recipe: fromRecipe,
    one_more_q75: oneMore, paper, remains, assumption: ASSUMPTION, missing,
    sentence: decompositionSentence({ rec, stoppedOn, valStop, chosen, recipe, fromRecipe, oneMore, paper, remains, missing }) };
}

const f2 = (x: number) => x.toFixed(2);
/** Above this PSNR to the copy, a re-encoding at the copy's own quality is near-idempotent, and the sentence says so. */
const NEAR_IDEMPOTENT_DB = 40;
const seedsText = (m: MeanOf) => (m.n === 1 ? `seed ${m.seeds[0]}` : `mean of ${m.n} seeds`);

/** "HQNN-Parallel 70.00 % and CNN 71.00 % (mean of 2 seeds each)", the seeds per model when they differ. */
function accuracyPair(h: MeanOf | null, c: MeanOf | null): string {
  const same = h && c && h.seeds.join() === c.seeds.join();
  const one = (m: MeanOf | null) => (m ? `${f2(m.mean)} %${same ? "" : ` (${seedsText(m)})`}` : "not recorded");
  return `HQNN-Parallel ${one(h)} and CNN ${one(c)}${same ? ` (${seedsText(h!)}${h!.n > 1 ? " each" : ""})` : ""}`;
}

function decompositionSentence(d: {
  rec: PerModel<number | null>; stoppedOn: string; valStop: PerModel<MeanOf | null>; chosen: PerModel<MeanOf | null>; recipe: string | null;
  fromRecipe: PerModel<number | null>; oneMore: CifarDecomposition["one_more_q75"]; paper: CifarDecomposition["paper"];
  remains: PerModel<number | null>; missing: string[];
}): string {
  const single = (x: number | null) => (x === null ? "not recorded" : `${f2(x)} %`);
  const known = (x: number | null) => (x === null ? "an unknown number of" : pp(x));
  const parts = [
    "On the lossy JPEG q75 copy of CIFAR-10 (not the official pixels),",
    `the recorded single runs reached HQNN-Parallel ${single(d.rec.hqnn)} and CNN ${single(d.rec.cnn)}, ` +
      `with ${d.stoppedOn.startsWith("early stopping on TEST") ? d.stoppedOn.split(":")[0] : d.stoppedOn};`,
    `selected on validation instead, today's recipe (val-stop) gives ${accuracyPair(d.valStop.hqnn, d.valStop.cnn)}`,
  ];
  if (d.recipe) {
    parts.push(`and the chosen recipe (${d.recipe}) ${accuracyPair(d.chosen.hqnn, d.chosen.cnn)}, ` +
      `so ${known(d.fromRecipe.hqnn)} and ${known(d.fromRecipe.cnn)} points come from the recipe.`);
  } else parts.push("; no recipe has been chosen yet.");
  if (d.oneMore) {
    const o = d.oneMore, other = d.recipe !== null && o.recipe !== d.recipe ? `, not the chosen ${d.recipe}` : "";
    parts.push(`One more JPEG generation at q75 costs the CNN ${pp(o.cost_pp)} points (${f2(o.copy)} % on the copy, ${f2(o.q75)} % re-encoded; ` +
      `recipe ${o.recipe}${other}, seed${o.seeds.length > 1 ? "s" : ""} ${o.seeds.join(", ")}): assuming one q75 generation costs about the same on the ` +
      "official pixels as on the copy, this bounds what the step from the copy back to the official pixels could be worth" +
      (o.psnr_db !== null && o.psnr_db > NEAR_IDEMPOTENT_DB
        ? ` (but the q75 re-encoding is ${f2(o.psnr_db)} dB from the copy: re-encoding at the copy's own quality changes little, so a first q75 generation may cost more).`
        : "."));
  } else parts.push("What one more q75 generation costs (the bound from the copy) is not measured yet.");
  if (d.remains.hqnn !== null && d.remains.cnn !== null) {
    parts.push(`To the paper's HQNN-Parallel ${f2(d.paper.hqnn)} % and CNN ${f2(d.paper.cnn)} % there remain ${f2(d.remains.hqnn)} and ${f2(d.remains.cnn)} points ` +
      "that neither the recipe nor the copy explains.");
  } else parts.push(`What remains to the paper's HQNN-Parallel ${f2(d.paper.hqnn)} % and CNN ${f2(d.paper.cnn)} % cannot be stated yet.`);
  if (d.missing.length) parts.push(`Missing: ${d.missing.join("; ")}.`);
  return parts.join(" ").replace(" ;", ";").replace(/\s+/g, " ");
}
