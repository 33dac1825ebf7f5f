/**
 * The CIFAR-10 finding of the recipe study (issue 28, experiments/cifar-recipe.ts): the gap between our accuracy and
 * the paper's split into points from the training recipe, the bound from the lossy copy of the data, and what
 * remains, each from results (results/cifar-recipe-summary.json and the recorded single runs), the paper's
 * accuracies from the registry. CLAIMS.md and the README state its sentence (findings.ts); notebook 02 and
 * lib/figures/cifar-recipe.ts show the study it rests on.
 */
import { RecipeModel, RecipeSummary, TrainingRun } from "../results";
import { mean, studentTQuantile, summarize } from "../stats";
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
/** Test accuracy (%) over seeds: the mean, its standard error (null for one seed), how many and which seeds. */
export interface MeanOf { mean: number; se: number | null; n: number; seeds: number[] }
export interface Generation { data: string; quality: number; recipe: string; seeds: number[]; copy: number; reencoded: number; cost_pp: number; psnr_db: number | null }

export interface CifarDecomposition {
  /** (a) The recorded single runs' final test accuracy (%), and how they stopped. */
  recorded: PerModel<number | null> & { stopped_on: string };
  /** (b) Today's recipe selected on validation (val-stop, on the copy): mean test accuracy over seeds (%). */
  val_stop: PerModel<MeanOf | null>;
  /** (c) The chosen recipe (on the copy): mean test accuracy over seeds (%). */
  chosen: PerModel<MeanOf | null> & { recipe: string | null };
  /** (c) − (b), percentage points. */
  from_recipe: PerModel<number | null>;
  /** Under the chosen recipe, HQNN-Parallel − CNN test accuracy over seeds (Welch, the summary's `chosen.comparison`, with each model's seed count), null below two seeds each. */
  hqnn_minus_cnn: (RecipeSummary["comparisons"][string] & { seeds: PerModel<number> }) | null;
  /**
   * (d) What one more JPEG generation of the copy costs the CNN at each re-encoded quality: copy − re-encoded test
   * accuracy (same recipe and seed; mean over the seeds with both), percentage points, highest quality first.
   */
  generations: Generation[];
  /** (d) The bound on the copy's cost: the generation at the highest quality below the copy's own (q50), under `assumption`. */
  copy_bound: Generation | null;
  /**
   * Differences of two single runs below this are within seed noise: the half-width of their 95 % range,
   * t(0.975, n − 1) · √2 · the chosen recipe's CNN sd over its n seeds (points); null below 2 seeds.
   */
  noise_pp: number | null;
  /** The paper's CIFAR-10 test accuracies (%): its text (the CIFAR-10 claims) and its Table 1 cells. */
  paper: PerModel<number> & { table1: PerModel<number>; source: string };
  /** (e) paper − (c) − the bound (d), percentage points: at least this much neither the recipe nor the copy explains. */
  remains: PerModel<number | null>;
  assumption: string;
  missing: string[];
  sentence: string;
}

/** The paper's CIFAR-10 accuracy of a model as its text states it (claims `cifar10-<model>-acc`). */
const paperTextAccuracy = (model: "hqnn" | "cnn"): number => paperNumber(`cifar10-${model}-acc`);

/** The JPEG quality the copy was made at: a re-encoding below it is a coarser generation than the copy's own. */
const COPY_QUALITY = 75;

const ASSUMPTION = "the step from the official pixels to the copy (one JPEG q75 generation with 4:2:0 chroma) costs no more accuracy than " +
  "one q50 generation of the copy (a q50 table's quantisation steps are twice q75's; but the copy's chroma is already subsampled, and " +
  "re-encoding it does not subsample it again)";

/**
 * Seed noise of a difference between two single runs of the CNN under the chosen recipe: the half-width of its 95 %
 * range, t(0.975, n − 1) · √2 · sd over the recipe's n seeds (points); null below two seeds.
 */
export function seedNoisePp(summary: RecipeSummary): number | null {
  const a = summary.chosen?.models.cnn?.test_acc;
  return a && a.n >= 2 ? studentTQuantile(0.975, a.n - 1) * Math.SQRT2 * 100 * a.std : null;
}

/**
 * The numbers behind the CIFAR-10 finding, each from results: (a) the recorded single runs, (b) today's recipe
 * selected on validation, (c) the chosen recipe, (c) − (b) the points from the recipe, (d) what one more JPEG
 * generation of the copy costs the CNN at each re-encoded quality, the q50 one bounding the copy's own cost (under
 * `assumption`), (e) paper − (c) − that bound. Parts whose runs are not recorded are null and named in `missing`;
 * `sentence` states the rest plainly.
 */
export function cifarDecomposition(summary: RecipeSummary, recorded: Partial<PerModel<SingleRun | undefined>>): CifarDecomposition {
  const missing: string[] = [];
  const modelOf = { hqnn: "hqnn-parallel", cnn: "cnn" } as const;
  const meanOf = (recipe: string | null, model: "hqnn" | "cnn", data = "copy"): MeanOf | null => {
    const rs = summary.rows.filter((r) => r.recipe === recipe && r.model === modelOf[model] && r.data === data).sort((a, b) => a.seed - b.seed);
    if (!rs.length) return null;
    const acc = summarize(rs.map((r) => 100 * r.test_acc));
    return { mean: acc.mean, se: acc.se, n: rs.length, seeds: rs.map((r) => r.seed) };
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
  // (d)
  const generations = copyGenerations(summary, recipe);
  const bound = generations.find((g) => g.quality < COPY_QUALITY) ?? null;
  if (!bound) missing.push(`(d) a CNN run on the copy re-encoded below q${COPY_QUALITY} (q50) with its run on the copy (same recipe and seed)`);
  const noise = seedNoisePp(summary);
  // (e)
  const paper = { ...both(paperTextAccuracy), table1: both((m) => paperTable1Value("cifar10", m, "test-acc")), source: "the paper's text and Figure 6 caption (Table 1 swaps the two models' cells)" };
  const remains = both((m) => (chosen[m] && bound ? paper[m] - chosen[m]!.mean - bound.cost_pp : null));
  if (!bound || chosen.hqnn === null || chosen.cnn === null) missing.push("(e) what remains (needs (c) and (d))");

  const c = recipe !== null && summary.chosen?.recipe === recipe ? summary.chosen : null;
  const welch = c?.comparison ? { ...c.comparison, seeds: both((m) => c.models[modelOf[m]]?.seeds.length ?? 0) } : null;
  return { recorded: { ...rec, stopped_on: stoppedOn }, val_stop: valStop, chosen: { ...chosen, recipe }, from_recipe: fromRecipe, hqnn_minus_cnn: welch,
    generations, copy_bound: bound, noise_pp: noise, paper, remains, assumption: ASSUMPTION, missing,
    sentence: decompositionSentence({ rec, stoppedOn, valStop, chosen, recipe, fromRecipe, welch, generations, bound, noise, paper, remains, missing }) };
}

/**
 * (d): what one more JPEG generation of the copy costs the CNN at each re-encoded quality, highest first: copy −
 * re-encoded test accuracy of the same recipe and seed, mean over the seeds with both; under `recipe` when it has such
 * a pair, else under the first recipe (study order) that has one.
 */
function copyGenerations(summary: RecipeSummary, recipe: string | null): Generation[] {
  const cnnRows = summary.rows.filter((r) => r.model === "cnn");
  const pairs = (rcp: string, data: string) => cnnRows.filter((r) => r.recipe === rcp && r.data === data)
    .map((q) => ({ q, c: cnnRows.find((r) => r.recipe === rcp && r.data === "copy" && r.seed === q.seed) }))
    .filter((p): p is { q: Row; c: Row } => p.c !== undefined).sort((a, b) => a.q.seed - b.q.seed);
  const reencoded = [...new Set(cnnRows.filter((r) => r.data !== "copy").map((r) => r.data))].sort((a, b) => Number(b.slice(1)) - Number(a.slice(1)));
  const dRecipe = [recipe, ...ordered(cnnRows.map((r) => r.recipe), RECIPE_ORDER)].find((r) => r !== null && reencoded.some((d) => pairs(r, d).length)) ?? null;
  if (dRecipe === null) return [];
  return reencoded.map((data) => ({ data, ps: pairs(dRecipe, data) })).filter(({ ps }) => ps.length).map(({ data, ps }) => ({
    data, quality: Number(data.slice(1)), recipe: dRecipe, seeds: ps.map((p) => p.q.seed),
    copy: 100 * mean(ps.map((p) => p.c.test_acc)), reencoded: 100 * mean(ps.map((p) => p.q.test_acc)),
    cost_pp: 100 * mean(ps.map((p) => p.c.test_acc - p.q.test_acc)),
    psnr_db: ps.every((p) => p.q.psnr_to_copy !== null) ? mean(ps.map((p) => p.q.psnr_to_copy as number)) : null,
  }));
}

const f2 = (x: number) => x.toFixed(2);
/** Above this PSNR to the copy, a re-encoding at the copy's own quality is near-idempotent, and the sentence says so. */
const NEAR_IDEMPOTENT_DB = 40;
const seedsText = (m: MeanOf) => (m.n === 1 ? `seed ${m.seeds[0]}` : `mean ± standard error over ${m.n} seeds`);

/** "HQNN-Parallel 70.00 % and CNN 71.00 % (mean of 2 seeds each)", the seeds per model when they differ. */
function accuracyPair(h: MeanOf | null, c: MeanOf | null): string {
  const same = h && c && h.seeds.join() === c.seeds.join();
  const one = (m: MeanOf | null) => (m ? `${f2(m.mean)}${m.se === null ? "" : ` ± ${f2(m.se)}`} %${same ? "" : ` (${seedsText(m)})`}` : "not recorded");
  return `HQNN-Parallel ${one(h)} and CNN ${one(c)}${same ? ` (${seedsText(h!)}${h!.n > 1 ? " each" : ""})` : ""}`;
}

function decompositionSentence(d: {
  rec: PerModel<number | null>; stoppedOn: string; valStop: PerModel<MeanOf | null>; chosen: PerModel<MeanOf | null>; recipe: string | null;
  fromRecipe: PerModel<number | null>; welch: CifarDecomposition["hqnn_minus_cnn"]; generations: Generation[]; bound: Generation | null; noise: number | null;
  paper: CifarDecomposition["paper"]; remains: PerModel<number | null>; missing: string[];
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
    if (d.welch) parts.push(welchSentence(d.welch));
  } else parts.push("; no recipe has been chosen yet.");
  parts.push(generationsSentence(d.generations, d.recipe, d.noise));
  if (d.bound) {
    parts.push(`Assuming ${ASSUMPTION}, the copy explains at most ${pp(d.bound.cost_pp)} points${d.noise !== null && Math.abs(d.bound.cost_pp) < d.noise ? " (within seed noise)" : ""}.`);
  }
  if (d.remains.hqnn !== null && d.remains.cnn !== null) {
    parts.push(`To the paper's HQNN-Parallel ${f2(d.paper.hqnn)} % and CNN ${f2(d.paper.cnn)} % there remain at least ${f2(d.remains.hqnn)} and ${f2(d.remains.cnn)} points ` +
      "that neither the chosen recipe nor the copy explains (the best of the three recipes tried, not the best there is: a stronger one could explain part of it).");
  } else parts.push(`What remains to the paper's HQNN-Parallel ${f2(d.paper.hqnn)} % and CNN ${f2(d.paper.cnn)} % cannot be stated yet.`);
  if (d.missing.length) parts.push(`Missing: ${d.missing.join("; ")}.`);
  return parts.join(" ").replace(" ;", ";").replace(/\s+/g, " ");
}

/** Under the chosen recipe, whether HQNN-Parallel beats its CNN: the mean difference with Welch's interval and p. */
function welchSentence(w: NonNullable<CifarDecomposition["hqnn_minus_cnn"]>): string {
  const [lo, hi] = w.ci95 ?? [NaN, NaN];
  const verdict = lo > 0 ? "the hybrid is ahead" : hi < 0 ? "the CNN is ahead" : "no difference is detected at this sample size";
  return `Under it, HQNN-Parallel − CNN is ${pp(100 * w.mean_diff)} points (95 % confidence interval [${pp(100 * lo)}, ${pp(100 * hi)}], ` +
    `Welch p = ${w.p.toFixed(2)}, ${w.seeds.hqnn} and ${w.seeds.cnn} seeds): ${verdict}.`;
}

/** What one more JPEG generation of the copy costs the CNN at each quality measured, with PSNR and seed noise. */
function generationsSentence(gens: Generation[], recipe: string | null, noise: number | null): string {
  if (!gens.length) return "What one more JPEG generation of the copy costs is not measured yet.";
  const g0 = gens[0], other = recipe !== null && g0.recipe !== recipe ? `, not the chosen ${recipe}` : "";
  const each = gens.map((g) => `q${g.quality} ${pp(g.cost_pp)}${g.psnr_db !== null ? ` (${f2(g.psnr_db)} dB from the copy)` : ""}`).join(", ");
  const seeds = `recipe ${g0.recipe}${other}, seed${g0.seeds.length > 1 ? "s" : ""} ${g0.seeds.join(", ")}`;
  const noiseText = noise !== null ? `; differences of two single runs below about ${f2(noise)} points are seed noise` : "";
  const q75 = gens.find((g) => g.quality === COPY_QUALITY);
  const idempotent = q75?.psnr_db != null && q75.psnr_db > NEAR_IDEMPOTENT_DB
    ? ` Re-encoding at the copy's own quality changes the pixels little (${f2(q75.psnr_db)} dB), so the q${COPY_QUALITY} generation says little about a first one.` : "";
  return `One more JPEG generation of the copy costs the CNN ${each} points (${seeds}${noiseText}).${idempotent}`;
}
