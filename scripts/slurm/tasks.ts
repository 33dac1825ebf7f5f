/**
 * The study of `make reproduce` (scripts/reproduce.ts) as independent tasks for a cluster: one per training run
 * (experiment, seed, or run of the CIFAR-10 recipe study) and one for the cheap experiments together. The recipe
 * study's stages 2 and 3 depend on the recipe chosen after stage 1, so they are tasks only once stage 1 is done and
 * summarised (the aggregation does that; submitting again then adds them). A task is its command line, the result files
 * that show it done (every file present and, where the file has a status, "complete", as scripts/reproduce.ts and
 * experiments/seeds.ts decide) and the resources it asks the scheduler for.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { RecipeJob, runId, studyStage } from "../../experiments/cifar-recipe";
import { LR_VARIANTS, MAIN_VARIANTS, READING_VARIANTS } from "../../experiments/quanv";
import { Profile, readResult } from "../../lib/results";
import { RecipeId } from "../../lib/nn/cifar-recipes";

export interface Resources {
  cpus: number;
  /** Memory of the task, in sbatch's notation ("4G"). */
  mem: string;
  /** Time limit, in sbatch's notation ("HH:MM:SS" or "D-HH:MM:SS"). */
  time: string;
}

/**
 * What each task asks for; training threads = cpus. Measured on 2 cores: a single paper run takes 20-28 min, a
 * seed run 8-15 min on one thread, the cheap experiments about 3 min together; peak memory while training was
 * 0.7 GB (MNIST), 1.3 GB (CIFAR-10), 1.8 GB (Medical MNIST). Limits leave at least 3x headroom.
 */
export const RESOURCES: Record<string, Resources> = {
  "cnn-mnist": { cpus: 2, mem: "4G", time: "02:00:00" },
  "hqnn-parallel-mnist": { cpus: 2, mem: "4G", time: "02:00:00" },
  "cnn-cifar10": { cpus: 2, mem: "6G", time: "02:00:00" },
  "hqnn-parallel-cifar10": { cpus: 2, mem: "6G", time: "02:00:00" },
  "cnn-medmnist": { cpus: 2, mem: "6G", time: "02:00:00" },
  "hqnn-parallel-medmnist": { cpus: 2, mem: "6G", time: "02:00:00" },
  seeds: { cpus: 2, mem: "4G", time: "01:00:00" },
  /** A 40-epoch run of the recipe study took 100 min on one thread beside another run, about 65 min on both cores. */
  "cifar-recipe": { cpus: 2, mem: "6G", time: "05:00:00" },
  cheap: { cpus: 2, mem: "4G", time: "00:30:00" },
  aggregate: { cpus: 1, mem: "4G", time: "00:30:00" },
};

/** The cheap experiments (one task together) and the result files each writes. */
export const CHEAP_EXPERIMENTS: Record<string, string[]> = {
  datasets: ["datasets"],
  "param-counts": ["param-counts"],
  zx: ["zx-reduction"],
  fourier: ["fourier"],
  "gradient-scaling": ["gradient-scaling"],
  quanv: [...[...MAIN_VARIANTS, ...READING_VARIANTS, ...LR_VARIANTS].map((v) => v.id), "quanv-subsets", "quanv-gradient-timing"],
};

export const SINGLE_RUNS = ["cnn-mnist", "hqnn-parallel-mnist", "cnn-cifar10", "hqnn-parallel-cifar10", "cnn-medmnist", "hqnn-parallel-medmnist"];

/** The experiment ids `make reproduce EXP=...` knows, in its order. */
export const STUDY_EXPERIMENTS = [...Object.keys(CHEAP_EXPERIMENTS), ...SINGLE_RUNS, "seeds", "cifar-recipe"];

export interface StudyTask {
  /** The run id (cnn-mnist, cnn-mnist-s3) or "cheap". */
  id: string;
  /** The key of RESOURCES it takes its resources from. */
  kind: string;
  /** Run from the repository root. */
  command: string[];
  /** Absolute paths of the result files that show it done. */
  results: string[];
  resources: Resources;
}

export interface Selection {
  profile: Profile;
  /** The profile's results folder (experiments/seeds.ts profileResultsDir). */
  resultsDir: string;
  /** Ids of STUDY_EXPERIMENTS; empty = all (in the quick profile, all but the cheap ones). */
  experiments: string[];
  /** Seeds and models of the seed study. */
  seeds: number[];
  models: string[];
  /** Replaces the table's value for every task. */
  override?: Partial<Resources>;
}

const TSX = ["node", "--import", "tsx"];

/** The tasks of the selected experiments, in the order of STUDY_EXPERIMENTS; throws on an unknown or unavailable id. */
export function studyTasks(sel: Selection): StudyTask[] {
  const unknown = sel.experiments.find((id) => !STUDY_EXPERIMENTS.includes(id));
  if (unknown !== undefined) throw new Error(`unknown experiment ${unknown} (known: ${STUDY_EXPERIMENTS.join(", ")})`);
  const cheapWanted = sel.experiments.filter((id) => id in CHEAP_EXPERIMENTS);
  if (sel.profile === "quick" && cheapWanted.length) {
    throw new Error(`the cheap experiments (${cheapWanted.join(", ")}) run in the full profile only: they write the results folder itself, not its quick/`);
  }
  const wanted = (id: string) => sel.experiments.length === 0 || sel.experiments.includes(id);
  const cheap = Object.keys(CHEAP_EXPERIMENTS).filter((id) => wanted(id) && sel.profile === "full");
  const tasks: Omit<StudyTask, "resources">[] = [
    ...(cheap.length ? [cheapTask(cheap, sel.resultsDir)] : []),
    ...SINGLE_RUNS.filter(wanted).map((id) => trainingTask(id, id, [], sel.resultsDir)),
    ...(wanted("seeds") ? sel.seeds.flatMap((seed) => sel.models.map((model) =>
      trainingTask(`${model}-s${seed}`, "seeds", ["--seed", String(seed)], path.join(sel.resultsDir, "seeds"), model))) : []),
    ...(wanted("cifar-recipe") ? recipeTasks(sel.resultsDir) : []),
  ];
  return tasks.map((t) => ({ ...t, resources: { ...RESOURCES[t.kind], ...sel.override } }));
}

function cheapTask(experiments: string[], resultsDir: string): Omit<StudyTask, "resources"> {
  return {
    id: "cheap", kind: "cheap",
    command: [...TSX, "scripts/reproduce.ts", ...experiments],
    results: experiments.flatMap((id) => CHEAP_EXPERIMENTS[id]).map((file) => path.join(resultsDir, `${file}.json`)),
  };
}

function trainingTask(id: string, kind: string, flags: string[], dir: string, experiment = id): Omit<StudyTask, "resources"> {
  return { id, kind, command: [...TSX, "experiments/parallel.ts", experiment, ...flags], results: [path.join(dir, `${id}.json`)] };
}

/**
 * The recipe study's runs as tasks: stage 1 always; stages 2 and 3 once every stage-1 run is done and the summary
 * in `resultsDir` (rebuilt by the aggregation) includes them all and names the chosen recipe.
 */
function recipeTasks(resultsDir: string): Omit<StudyTask, "resources">[] {
  const task = (job: RecipeJob): Omit<StudyTask, "resources"> => ({
    id: runId(job), kind: "cifar-recipe",
    command: [...TSX, "experiments/cifar-recipe.ts", "--recipes", job.recipe, "--models", job.model, "--seeds", String(job.seed), "--data", job.data, "--inline"],
    results: [path.join(resultsDir, "cifar-recipe", `${runId(job)}.json`)],
  });
  const stage1 = studyStage(1, null);
  const summary = readResult("cifar-recipe-summary", resultsDir);
  const summarised = (j: RecipeJob) => summary?.rows.some((r) => r.recipe === j.recipe && r.model === j.model && r.seed === j.seed && r.data === j.data) ?? false;
  const chosen = (summary?.chosen_recipe?.recipe ?? null) as RecipeId | null;
  if (chosen === null || !stage1.every((j) => isDone(task(j)) && summarised(j))) return stage1.map(task);
  return [...stage1, ...studyStage(2, chosen), ...studyStage(3, chosen)].map(task);
}

function readJson(file: string): any {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined; // absent, or not (yet) valid: not done
  }
}

/**
 * Whether FORCE=1 trains the task again once it is done: the single training runs, as scripts/reproduce.ts decides;
 * a done seed run or cheap experiment is rerun by deleting its result file.
 */
export function forceable(task: StudyTask): boolean {
  return SINGLE_RUNS.includes(task.kind);
}

/** Whether every result file of the task exists and is complete (or has no status). */
export function isDone(task: Pick<StudyTask, "results">): boolean {
  return task.results.every((file) => {
    const result = readJson(file);
    return result !== undefined && (result.status === undefined || result.status === "complete");
  });
}

/** Wall time of a done task: the sum of its results' provenance wall times (seconds, over every invocation). */
export function wallSeconds(task: StudyTask): number {
  return task.results.reduce((sum, file) => sum + (readJson(file)?.provenance?.wall_s ?? 0), 0);
}
