/**
 * sbatch scripts for the study's tasks (scripts/slurm/tasks.ts): one job array per set of resources (a job array asks
 * the same of every index), index i running the array's i-th task, and the aggregation that runs after them.
 */
import { Profile } from "../../lib/results";
import { Resources, StudyTask } from "./tasks";

export const TASK_JOB_NAME = "hqnn-ts";
export const AGGREGATE_JOB_NAME = "hqnn-ts-aggregate";

/** Where the scripts run and write: absolute paths on the folder every node shares. */
export interface ScriptContext {
  repoRoot: string;
  /** HQNN_RESULTS_DIR of the tasks (lib/results RESULTS_DIR). */
  resultsRoot: string;
  /** Where Slurm writes each task's output. */
  logDir: string;
  profile: Profile;
}

export interface ArrayJob { resources: Resources; tasks: StudyTask[] }

/** The tasks as job arrays, one per distinct set of resources, in the order the tasks come. */
export function groupByResources(tasks: StudyTask[]): ArrayJob[] {
  const arrays = new Map<string, ArrayJob>();
  for (const task of tasks) {
    const key = JSON.stringify(task.resources);
    if (!arrays.has(key)) arrays.set(key, { resources: task.resources, tasks: [] });
    arrays.get(key)!.tasks.push(task);
  }
  return [...arrays.values()];
}

/** One word for bash: as it is when it is plainly safe, else single-quoted. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export function shellLine(words: string[]): string {
  return words.map(shellWord).join(" ");
}

/** The Slurm output file of array index `index` of job `job` (the %x-%A_%a pattern of arrayScript). */
export function taskLogPath(logDir: string, job: string, index: number): string {
  return `${logDir}/${TASK_JOB_NAME}-${job}_${index}.log`;
}

function header(name: string, r: Resources, output: string): string[] {
  return ["#!/bin/bash", `#SBATCH --job-name=${name}`, `#SBATCH --cpus-per-task=${r.cpus}`, `#SBATCH --mem=${r.mem}`,
    `#SBATCH --time=${r.time}`, `#SBATCH --output=${shellWord(output)}`, "#SBATCH --open-mode=append"];
}

function environment(ctx: ScriptContext): string[] {
  return ["set -euo pipefail", `cd ${shellWord(ctx.repoRoot)}`,
    `export PROFILE=${ctx.profile} HQNN_RESULTS_DIR=${shellWord(ctx.resultsRoot)}`];
}

/**
 * The script of one job array. A requeued index (preemption, node failure) reruns its command, which resumes a
 * training run from its last epoch's checkpoint (lib/nn/train.ts) and the quanv runs from their finished seeds.
 */
export function arrayScript(job: ArrayJob, ctx: ScriptContext): string {
  return [
    ...header(TASK_JOB_NAME, job.resources, `${ctx.logDir}/%x-%A_%a.log`),
    `#SBATCH --array=0-${job.tasks.length - 1}`,
    "#SBATCH --requeue",
    "# Each index is one task of the study (scripts/slurm.ts); training threads = the task's cpus.",
    ...environment(ctx),
    'export HQNN_THREADS="$SLURM_CPUS_PER_TASK"',
    'case "$SLURM_ARRAY_TASK_ID" in',
    ...job.tasks.map((task, i) => `  ${i}) exec ${shellLine(task.command)} ;; # ${task.id}`),
    '  *) echo "no task at array index $SLURM_ARRAY_TASK_ID" >&2; exit 2 ;;',
    "esac",
    "",
  ].join("\n");
}

/** What runs once the tasks are done: the seed summary (when the study has seed runs), then claims and figures (full profile). */
export function aggregateSteps(tasks: StudyTask[], profile: Profile): string[][] {
  return [
    ...(tasks.some((t) => t.kind === "seeds") ? [["node", "--import", "tsx", "experiments/seeds.ts", "--summary"]] : []),
    ...(tasks.some((t) => t.kind === "cifar-recipe") ? [["node", "--import", "tsx", "experiments/cifar-recipe.ts", "--summary"]] : []),
    // Claims and figures are of the paper-scale results; the quick profile only checks the machinery.
    ...(profile === "full" ? [["make", "--no-print-directory", "claims", "figures"]] : []),
  ];
}

/** The aggregation script; its dependency on the tasks is given on sbatch's command line. */
export function aggregateScript(steps: string[][], resources: Resources, ctx: ScriptContext): string {
  return [
    ...header(AGGREGATE_JOB_NAME, resources, `${ctx.logDir}/%x-%j.log`),
    "# Runs after every task of the study succeeded (--dependency=afterok, scripts/slurm.ts).",
    ...environment(ctx),
    ...steps.map(shellLine),
    "",
  ].join("\n");
}
