/**
 * Issue 28's recipe study: what separates our CIFAR-10 accuracy from the paper's, the training recipe or the
 * lossy copy of the data. HQNN-Parallel and its CNN under the recipes of lib/nn/cifar-recipes.ts, each run
 * selected on a fixed validation hold-out of the training images (the test set is evaluated for reporting only),
 * optionally on the copy re-encoded at a lower JPEG quality (lib/data/requality.ts).
 *
 *   node --import tsx experiments/cifar-recipe.ts [--recipes a,b] [--models a,b] [--seeds 1-3] [--data copy,q50] [--jobs N]
 *   node --import tsx experiments/cifar-recipe.ts --stages [--jobs N]     the whole study, stage by stage (studyStage)
 *   node --import tsx experiments/cifar-recipe.ts --summary
 *
 * Each run is <recipe>-<model>[-q<Q>]-s<seed>: results/cifar-recipe/<run>.json (results/quick/cifar-recipe/ unless
 * PROFILE=full), rewritten after every epoch, with the validation and test curves, the chosen epoch, wall time and
 * provenance; checkpoints/cifar-recipe/<run>/ after every epoch, so rerunning the command resumes and skips what is
 * complete. Runs go N at a time in child processes (logs in logs/cifar-recipe/), each on cores / N threads, as in
 * experiments/seeds.ts; results/cifar-recipe-summary.json is rewritten after every finished run and names the
 * recipe to carry forward (chooseRecipe: validation accuracy only).
 * Bad arguments exit with code 2, a failed study with 1 (conventions: lib/cli/args.ts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { choiceListFlag, integerFlag, parseCommand, runCli, stringFlag, switchFlag, UsageError } from "../lib/cli/args";
import { Dataset, loadDataset, requalityJpeg } from "../lib/data";
import { initBackend } from "../lib/nn/backend";
import { RECIPE_IDS, recipeData, RecipeData, RecipeId, RECIPES, VALIDATION } from "../lib/nn/cifar-recipes";
import { architectureRecord, buildParallelModel, countTrainableParams, Head } from "../lib/nn/models";
import { PARALLEL_SETUPS } from "../lib/nn/parallel-setups";
import { defaultThreads } from "../lib/nn/thread-pool";
import { trainModel, TrainResult } from "../lib/nn/train";
import { temporaryDir } from "../lib/io/files";
import { familyIds, getProfile, readResult, RECIPE_MODELS, RecipeModel, RecipeRun, RecipeRunId, RecipeSummary, REPO_ROOT, startProvenance, writeResult } from "../lib/results";
import { recipeRun, welchRecord } from "../lib/results/formats";
import { importResults } from "../lib/results/import";
import { mean, summarize, welchTTest } from "../lib/stats";
import { runStudy } from "./child-runs";
import { profileResultsDir, seedsFlag } from "./seeds";

export { RECIPE_MODELS };
const HEADS: Record<RecipeModel, Head> = { "hqnn-parallel": "quantum", cnn: "dense" };

/** Seeds of the chosen recipe's runs for both models (issue 28: one seed to choose, then three). */
export const CHOSEN_RECIPE_SEEDS = 3;

/** The copy as loaded, or re-encoded at JPEG quality Q ("qQ"). */
export const DATA_VARIANTS = ["copy", "q75", "q50", "q25"] as const;
export type DataVariant = (typeof DATA_VARIANTS)[number];

export interface RecipeJob { recipe: RecipeId; model: RecipeModel; seed: number; data: DataVariant }

export const runId = (j: RecipeJob): string => `${j.recipe}-${j.model}${j.data === "copy" ? "" : `-${j.data}`}-s${j.seed}`;

/** The folder of the study's run files under a results folder (default: this profile's). */
export const studyDir = (resultsDir = profileResultsDir()): string => path.join(resultsDir, "cifar-recipe");

/** Quick-profile sizes: the section 2.2 set-up's quick subset, a small validation part, at most 2 epochs. */
const QUICK = { ...PARALLEL_SETUPS.cifar10.quick, val: 128, epochs: 2 };

/** The data of a job: the copy (or `dataset`, for tests), re-encoded when the job asks, with its PSNR to the copy. */
async function jobData(job: RecipeJob, log: (s: string) => void, dataset?: Dataset) {
  const copy = dataset ?? await loadDataset("cifar10", { log });
  if (job.data === "copy") return { data: copy, psnr: undefined };
  const r = await requalityJpeg(copy, Number(job.data.slice(1)), { log });
  return { data: r.dataset, psnr: r.psnr };
}

/** The recipe as a run's result records it (snake_case keys, the results' convention). */
function recipeRecord(id: RecipeId, normalisation: RecipeData["normalisation"]) {
  const { weightDecay, ...rest } = RECIPES[id];
  return { id, ...rest, ...(weightDecay !== undefined ? { weight_decay: weightDecay } : {}), normalisation: normalisation ?? null };
}

/** Trains one run of the study in this process (resuming from its checkpoint in the full profile). */
export async function runRecipe(job: RecipeJob, opts: { threads?: number; dataset?: Dataset; log?: (s: string) => void } = {}): Promise<TrainResult> {
  const log = opts.log ?? ((s: string) => process.stderr.write(s + "\n"));
  const id = runId(job), recipe = RECIPES[job.recipe], setup = PARALLEL_SETUPS.cifar10, head = HEADS[job.model];
  const full = getProfile() === "full";
  const backend = await initBackend();
  const { data, psnr } = await jobData(job, log, opts.dataset);
  const sets = recipeData(data, recipe, job.seed, full ? undefined : QUICK);
  const quantumHead = head === "quantum" ? (require("../lib/nn/parallel-head") as typeof import("../lib/nn/parallel-head")).quantumHead : undefined;
  const modelConfig = { ...setup.model, classes: data.classes.length, inputShape: sets.train.shape, seed: job.seed };
  const model = buildParallelModel(modelConfig, head, quantumHead);
  // A quick run always trains afresh: its checkpoints live in a temporary folder, removed when it ends.
  const quickDir = full ? undefined : temporaryDir(`hqnn-quick-${id}`);
  try {
    return await trainModel({
      experiment: id, model, train: sets.train, val: sets.val, test: sets.test, backend, augment: sets.augment, log,
      config: { epochs: full ? recipe.epochs : Math.min(QUICK.epochs, recipe.epochs), patience: recipe.patience, batchSize: setup.batchSize,
        learningRate: setup.learningRate, seed: job.seed, classes: data.classes.length, schedule: recipe.schedule, weightDecay: recipe.weightDecay },
      describe: {
        study: "cifar-recipe (issue 28)", recipe: recipeRecord(job.recipe, sets.normalisation),
        dataset: { name: "cifar10", variant: job.data, source: data.source, psnr_to_copy: psnr ?? null, train: sets.train.n, validation: sets.val.n,
          test: sets.test.n, validation_split: { ...VALIDATION, stratified: true, from: "the training images" }, input_shape: sets.train.shape },
        model: { name: job.model, head, ...architectureRecord(setup.model), description: setup.describe(head) },
        params: countTrainableParams(model), paper_params: setup.paperParams[head],
      },
      checkpointDir: quickDir ?? path.join(REPO_ROOT, "checkpoints", "cifar-recipe", id),
      resultsDir: studyDir(), resultFormat: recipeRun,
      parallel: { threads: opts.threads ?? defaultThreads(), spec: { variant: head, config: modelConfig } },
    });
  } finally {
    if (quickDir) fs.rmSync(quickDir, { recursive: true, force: true });
  }
}

/** The study's run of a job, checked against its format (undefined when it has not started). */
const readRun = (name: string, resultsDir = profileResultsDir()) => readResult(`cifar-recipe/${name}` as RecipeRunId, resultsDir);

/** The complete runs of the study, each checked against its format. */
function readRunFiles(resultsDir: string): RecipeRun[] {
  return familyIds(resultsDir, "cifar-recipe").map((id) => readResult(id as RecipeRunId, resultsDir)!).filter((r) => r.status === "complete");
}

/**
 * <resultsDir>/cifar-recipe-summary.json from the complete runs: one row per run (test accuracy at the epoch
 * chosen on validation), per (recipe, data, model) the mean and sd over seeds, and per (recipe, data) Welch's
 * test of HQNN-Parallel against the CNN where both have at least two seeds.
 */
export function summarizeRecipes(resultsDir = profileResultsDir()) {
  const runs = readRunFiles(resultsDir);
  const rows = runs.map((r) => ({
    recipe: r.recipe.id as RecipeId, model: r.model.name as RecipeModel, data: r.dataset.variant as DataVariant, seed: r.config.seed, psnr_to_copy: r.dataset.psnr_to_copy?.test ?? null,
    epochs_trained: r.epochs.length, chosen_epoch: r.selection.chosen_epoch, val_acc: r.selection.val_acc, test_acc: r.selection.test_acc,
    test_loss: r.selection.test_loss, wall_s: r.provenance.wall_s,
  }));
  const groupOf = (row: (typeof rows)[number], withModel: boolean) => `${row.recipe}/${row.data}${withModel ? `/${row.model}` : ""}`;
  const groups: Record<string, { val_acc: ReturnType<typeof summarize>; test_acc: ReturnType<typeof summarize>; seeds: number[] }> = {};
  for (const key of new Set(rows.map((r) => groupOf(r, true)))) {
    const rs = rows.filter((r) => groupOf(r, true) === key);
    groups[key] = { seeds: rs.map((r) => r.seed), val_acc: summarize(rs.map((r) => r.val_acc)), test_acc: summarize(rs.map((r) => r.test_acc)) };
  }
  const comparisons: RecipeSummary["comparisons"] = {};
  for (const key of new Set(rows.map((r) => groupOf(r, false)))) {
    const acc = (model: RecipeModel) => rows.filter((r) => groupOf(r, false) === key && r.model === model).map((r) => r.test_acc);
    if (acc("hqnn-parallel").length >= 2 && acc("cnn").length >= 2) comparisons[key] = welchRecord(welchTTest(acc("hqnn-parallel"), acc("cnn")));
  }
  const chosenRecipe = chooseRecipe(rows);
  const chosen = chosenRecipe && chosenRecipeResults(chosenRecipe.recipe, rows,
    runs.filter((r) => r.recipe.id === chosenRecipe.recipe && r.dataset.variant === "copy").every((r) => r.dataset.source.lossy));
  const summary = {
    experiment: "cifar-recipe-summary", chosen_recipe: chosenRecipe, chosen,
    note: "test_acc = test accuracy at the epoch chosen on validation accuracy (the test set chose nothing); groups are recipe/data/model over seeds " +
      "(sd with divisor n-1); comparisons.<recipe/data> = Welch's t-test of test_acc, HQNN-Parallel minus CNN (mean_diff and ci95 as fractions)",
    rows, groups, comparisons,
    code_versions: [...new Set(runs.flatMap((r) => (r.provenance.invocations ?? [r.provenance]).map((i) => i.git_commit)))].sort(),
    provenance: startProvenance({ backend: "none", seeds: [...new Set(rows.map((r) => r.seed))].sort((a, b) => a - b) }).finish(),
  };
  writeResult("cifar-recipe-summary", summary, resultsDir);
  return summary;
}

type SummaryRow = { recipe: string; model: string; data: string; seed: number; test_acc: number; test_loss: number };

/**
 * What the CIFAR-10 claims read (lib/claims/registry.ts): the chosen recipe's runs on the copy, per model its seeds,
 * test accuracy and test loss over them (at the epoch chosen on validation; each with the standard error of its mean and
 * the 95 % prediction interval for one more run), and HQNN-Parallel − CNN in accuracy (Welch) once both have two seeds.
 */
export function chosenRecipeResults(recipe: string, rows: SummaryRow[], lossy: boolean) {
  const acc = (m: RecipeModel) => rows.filter((r) => r.recipe === recipe && r.data === "copy" && r.model === m).sort((a, b) => a.seed - b.seed);
  const models = Object.fromEntries(RECIPE_MODELS.filter((m) => acc(m).length).map((m) =>
    [m, { seeds: acc(m).map((r) => r.seed), test_acc: summarize(acc(m).map((r) => r.test_acc)), test_loss: summarize(acc(m).map((r) => r.test_loss)) }]));
  const [h, c] = RECIPE_MODELS.map((m) => acc(m).map((r) => r.test_acc));
  return { recipe, seeds_wanted: CHOSEN_RECIPE_SEEDS, lossy, models, comparison: h.length >= 2 && c.length >= 2 ? welchRecord(welchTTest(h, c)) : null };
}

/**
 * The recipe the study carries forward, fixed before any run: on the copy, the highest validation accuracy averaged
 * over both models and every seed, among recipes with runs of both models (null until there is one).
 */
export function chooseRecipe(rows: { recipe: RecipeId; model: RecipeModel; data: DataVariant; val_acc: number }[]) {
  const scored = RECIPE_IDS.map((recipe) => {
    const rs = rows.filter((r) => r.recipe === recipe && r.data === "copy");
    const perModel = RECIPE_MODELS.map((m) => rs.filter((r) => r.model === m).map((r) => r.val_acc));
    return { recipe, val_acc: perModel.every((v) => v.length) ? mean(perModel.map(mean)) : -1 };
  }).filter((s) => s.val_acc >= 0).sort((a, b) => b.val_acc - a.val_acc);
  return scored.length ? { ...scored[0], rule: "highest validation accuracy on the copy, mean over models of the mean over seeds", candidates: scored } : null;
}

/** Whether a full-profile run is recorded complete (a quick run is never skipped: it trains afresh every time). */
const isComplete = (job: RecipeJob): boolean => {
  if (getProfile() !== "full") return false;
  return readRun(runId(job))?.status === "complete";
};

/** Every combination of the lists, data variant by data variant, seed by seed, recipe by recipe. */
export function studyJobs(opts: { recipes: RecipeId[]; models: RecipeModel[]; seeds: number[]; data: DataVariant[] }): RecipeJob[] {
  return opts.data.flatMap((data) => opts.seeds.flatMap((seed) => opts.recipes.flatMap((recipe) => opts.models.map((model) => ({ recipe, model, seed, data })))));
}

/**
 * The study's three stages: (1) every recipe for both models, seed 1, on the copy; (2) the recipe chosen on
 * validation after stage 1 (`chosen`) for both models over the remaining seeds up to CHOSEN_RECIPE_SEEDS; (3) the CNN
 * with that recipe, seed 1, on the copy re-encoded at each lower JPEG quality. Stages 2 and 3 need `chosen`.
 */
export function studyStage(stage: 1 | 2 | 3, chosen: RecipeId | null): RecipeJob[] {
  if (stage === 1) return studyJobs({ recipes: [...RECIPE_IDS], models: [...RECIPE_MODELS], seeds: [1], data: ["copy"] });
  if (chosen === null) throw new Error(`stage ${stage} of the recipe study needs the recipe chosen after stage 1, and the summary names none`);
  if (stage === 2) return studyJobs({ recipes: [chosen], models: [...RECIPE_MODELS], seeds: Array.from({ length: CHOSEN_RECIPE_SEEDS - 1 }, (_, i) => i + 2), data: ["copy"] });
  return studyJobs({ recipes: [chosen], models: ["cnn"], seeds: [1], data: DATA_VARIANTS.filter((d) => d !== "copy") });
}

/** The whole study (what `make reproduce` runs): stage by stage, each resuming what is done, the choice read from the summary in between. */
export async function runStudyStages(jobs: number, threads?: number) {
  let summary = await runStudyJobs(studyStage(1, null), jobs, threads);
  for (const stage of [2, 3] as const) {
    const chosen = (summary.chosen_recipe?.recipe ?? null) as RecipeId | null;
    process.stderr.write(`cifar-recipe: stage ${stage}, recipe ${chosen} (chosen on validation)\n`);
    summary = await runStudyJobs(studyStage(stage, chosen), jobs, threads);
  }
  return summary;
}

/** Runs the missing jobs, `jobs` at a time in child processes, with the study's progress and ETA on stderr. */
export async function runStudyJobs(all: RecipeJob[], jobs: number, threads?: number) {
  const runs = all.filter((j) => !isComplete(j)).map((job) => ({
    id: runId(job), label: runId(job), script: "cifar-recipe.ts",
    args: ["--recipes", job.recipe, "--models", job.model, "--seeds", String(job.seed), "--data", job.data, "--inline"],
  }));
  const failed = await runStudy("cifar-recipe", runs, { jobs, threads, afterRun: () => summarizeRecipes() });
  const summary = summarizeRecipes();
  if (failed) throw new Error(`${failed} run(s) of the recipe study failed: see logs/cifar-recipe/`);
  return summary;
}

const PROGRAM = {
  name: "experiments/cifar-recipe.ts",
  run: "node --import tsx experiments/cifar-recipe.ts",
  summary: "issue 28's CIFAR-10 recipe study: HQNN-Parallel and its CNN per recipe and data variant, selected on a validation hold-out",
  notes: [
    "environment: PROFILE=quick (default: a small subset, at most 2 epochs, results/quick/cifar-recipe/, afresh every time) or PROFILE=full\n" +
    "(results/cifar-recipe/, checkpoints every epoch, resumes); HQNN_RESULTS_DIR moves results/",
    "recipes (lib/nn/cifar-recipes.ts): " + RECIPE_IDS.map((id) => `${id}: ${RECIPES[id].summary}`).join("; "),
    "exit codes: 0 ok, 1 a run or the summary failed, 2 bad arguments",
  ],
};

const COMMAND = {
  summary: "runs the missing runs of the study, then rewrites results/cifar-recipe-summary.json",
  flags: {
    recipes: choiceListFlag("recipes", RECIPE_IDS),
    models: choiceListFlag("models (same recipe for both)", RECIPE_MODELS),
    seeds: { ...seedsFlag, fallback: "1", read: (text: string | undefined, flag: string) => seedsFlag.read(text ?? "1", flag) },
    data: choiceListFlag("data: the copy, or the copy re-encoded at JPEG quality 75, 50 or 25 (4:2:0, cached in data/cache/)", DATA_VARIANTS, ["copy"]),
    jobs: integerFlag("runs at a time, each in its own process", { min: 1, fallback: 1 }),
    threads: integerFlag("data-parallel threads per run (default: cores / jobs)", { min: 1 }),
    inline: switchFlag("run the selected runs one after another in this process (what each child of the study does)"),
    stages: switchFlag("the whole study in its three stages (every recipe for both models, seed 1; then the recipe chosen on validation for seeds 2-3; then the CNN with it on q75, q50, q25); --recipes, --models, --seeds and --data are ignored"),
    summary: switchFlag("only rebuild the summary from the finished runs"),
    import: stringFlag("copy the complete runs of the study from another checkout's results folder (a study held at one commit), keys renamed to snake_case, each checked against its format; then rebuild the summary. A recorded run that differs is kept unless FORCE=1", "DIR"),
  },
  examples: [
    "PROFILE=full node --import tsx experiments/cifar-recipe.ts --recipes val-stop,augment,long --models hqnn-parallel,cnn --seeds 1",
    "PROFILE=full node --import tsx experiments/cifar-recipe.ts --recipes long --models cnn --data q75,q50,q25",
    "PROFILE=full node --import tsx experiments/cifar-recipe.ts --stages --jobs 2",
    "node --import tsx experiments/cifar-recipe.ts --summary",
    "PROFILE=full node --import tsx experiments/cifar-recipe.ts --import /work/runs/cifar/results",
  ],
};

/** --import: the study's complete runs from another results folder into this profile's, each reported on stderr. */
function importStudy(fromDir: string): void {
  const ids = familyIds(path.resolve(fromDir), "cifar-recipe") as RecipeRunId[];
  if (ids.length === 0) throw new UsageError(`--import: ${path.join(fromDir, "cifar-recipe")} holds no run files`);
  for (const { id, action } of importResults(ids, path.resolve(fromDir), profileResultsDir(), { force: process.env.FORCE === "1" })) {
    process.stderr.write(`cifar-recipe: ${id} ${action}${action === "kept" ? " (the recorded file differs; FORCE=1 replaces it)" : ""}\n`);
  }
}

async function main(argv: string[]): Promise<void> {
  const { flags } = parseCommand(PROGRAM, COMMAND, argv);
  const jobs = studyJobs(flags);
  if (flags.inline) {
    for (const job of jobs) if (!isComplete(job)) await runRecipe(job, { threads: flags.threads });
    return;
  }
  if (flags.import !== undefined) importStudy(flags.import);
  const s = flags.summary || flags.import !== undefined ? summarizeRecipes()
    : flags.stages ? await runStudyStages(flags.jobs, flags.threads) : await runStudyJobs(jobs, flags.jobs, flags.threads);
  process.stdout.write(JSON.stringify({ runs: s.rows.length, groups: s.groups, comparisons: s.comparisons }) + "\n");
}

if (require.main === module) runCli(PROGRAM.name, () => main(process.argv.slice(2)), () => 1);
