/**
 * `make reproduce SCHEDULER=slurm` and `make reproduce-status`: the study of scripts/reproduce.ts on a Slurm
 * cluster. Every task (scripts/slurm/tasks.ts: one per training run, one for the cheap experiments) that is neither
 * done nor in the queue becomes one index of a job array (one array per set of resources); an aggregation job
 * follows them with --dependency=afterok. Rerunning submits only what is missing or failed; --force (make reproduce
 * FORCE=1) also the single training runs that are done, from scratch, as scripts/reproduce.ts does with FORCE=1.
 *
 *   node --import tsx scripts/slurm.ts submit [EXPERIMENT...] [--dry-run] [--force] [--sbatch-options=OPTS] ...
 *   node --import tsx scripts/slurm.ts status [EXPERIMENT...] [--json]
 *
 * Results, Slurm's output of every task (logs/) and the submitted scripts with the index -> task record of each
 * submission (logs/slurm/) live in the profile's results folder (HQNN_RESULTS_DIR, which every node must share).
 * Bad arguments exit with code 2, a failed sbatch/squeue with 1 (conventions: lib/cli/args.ts).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { execFileSync } from "node:child_process";
import { Flag, FlagValues, integerFlag, parseSubcommand, runCli, stringFlag, switchFlag, UsageError } from "../lib/cli/args";
import { acquireLock } from "../lib/io/lock";
import { atomicWriteFile, getProfile, Profile, REPO_ROOT, RESULTS_DIR } from "../lib/results";
import { modelsFlag, profileResultsDir, seedsFlag } from "../experiments/seeds";
import { CHEAP_EXPERIMENTS, forceable, Resources, RESOURCES, STUDY_EXPERIMENTS, StudyTask, studyTasks, wallSeconds } from "./slurm/tasks";
import { aggregateScript, aggregateSteps, ArrayJob, arrayScript, groupByResources, ScriptContext, shellLine } from "./slurm/sbatch";
import {
  aggregatesInQueue, estimateSeconds, parseSqueue, QueueEntry, SQUEUE_FORMAT, Submission, TaskStatus, taskStatuses,
} from "./slurm/queue";

function patternFlag(help: string, value: string, pattern: RegExp): Flag<string | undefined> {
  return {
    help, value,
    read(text, flag) {
      if (text !== undefined && !pattern.test(text)) throw new UsageError(`${flag} expects ${value}, got ${JSON.stringify(text)}`);
      return text;
    },
  };
}

const SELECTION_FLAGS = { seeds: seedsFlag, models: modelsFlag };

const SUBMIT_FLAGS = {
  ...SELECTION_FLAGS,
  cpus: integerFlag("cpus of every task, also its training threads (default: per experiment, scripts/slurm/tasks.ts RESOURCES)", { min: 1 }),
  mem: patternFlag("memory of every task (default: per experiment)", "SIZE like 4G", /^\d+[KMGT]?$/),
  time: patternFlag("time limit of every task (default: per experiment)", "[D-]HH:MM:SS", /^(\d+-)?\d+(:\d\d){0,2}$/),
  "sbatch-options": stringFlag("more sbatch options for every job, e.g. \"--partition=x --account=y\" (give it as --sbatch-options=...)", "OPTS"),
  "dry-run": switchFlag("print the task list and the scripts, submit nothing"),
  force: switchFlag("also submit the single training runs that are done, to train again from scratch (their checkpoints are deleted at\n" +
    "submission), as make reproduce FORCE=1; done seed runs and cheap experiments are kept (delete a result file to rerun its task)"),
};

const PROGRAM = {
  name: "scripts/slurm.ts",
  run: "node --import tsx scripts/slurm.ts",
  summary: "the study as Slurm job arrays (one index per task not done and not queued) and their aggregation",
  notes: [
    `experiments: ${STUDY_EXPERIMENTS.join(", ")} (default: all); the cheap ones\n` +
    `(${Object.keys(CHEAP_EXPERIMENTS).join(", ")}) are one task, in the full profile only`,
    "environment: PROFILE=quick (default) or full (make reproduce sets full); HQNN_RESULTS_DIR (default results/), on a folder\n" +
    "every node shares; the tasks get the submitting environment (sbatch's default), so node must be on PATH there",
    "exit codes: 0 ok, 1 sbatch, scancel or squeue failed, 2 bad arguments",
  ],
};

const COMMANDS = {
  submit: {
    summary: "submits the tasks that are neither done nor in the queue, then the aggregation after them",
    args: { "[EXPERIMENT...]": "experiments to run (default: all)" },
    flags: SUBMIT_FLAGS,
    examples: [
      "PROFILE=full node --import tsx scripts/slurm.ts submit --dry-run",
      "PROFILE=full node --import tsx scripts/slurm.ts submit seeds --seeds 1-3 --sbatch-options=\"--partition=cpu --account=me\"",
    ],
  },
  status: {
    summary: "shows which tasks are done, running, pending, failed (with their log) or missing, and an ETA",
    args: { "[EXPERIMENT...]": "experiments to show (default: all)" },
    flags: { ...SELECTION_FLAGS, json: switchFlag("print the statuses as one JSON line instead of a table") },
    examples: ["PROFILE=full node --import tsx scripts/slurm.ts status"],
  },
};

interface Study { profile: Profile; tasks: StudyTask[]; logDir: string; recordDir: string; context: ScriptContext }

function study(experiments: string[], flags: { seeds: number[]; models: string[] }, override: Partial<Resources> = {}): Study {
  const profile = getProfile();
  const resultsDir = profileResultsDir();
  let tasks: StudyTask[];
  try {
    tasks = studyTasks({ profile, resultsDir, experiments, seeds: flags.seeds, models: flags.models, override });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const logDir = path.join(resultsDir, "logs");
  const context = { repoRoot: REPO_ROOT, resultsRoot: path.resolve(RESULTS_DIR), logDir, profile };
  return { profile, tasks, logDir, recordDir: path.join(logDir, "slurm"), context };
}

function readSubmissions(recordDir: string): Submission[] {
  if (!fs.existsSync(recordDir)) return [];
  return fs.readdirSync(recordDir).filter((f) => /^submit-.*\.json$/.test(f)).sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(recordDir, f), "utf8")) as Submission);
}

function slurmCommand(program: string, args: string[]): string {
  try {
    return execFileSync(program, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    const err = e as { code?: string; stderr?: string; message: string };
    throw new Error(err.code === "ENOENT" ? `${program} not found: is this a Slurm login node?`
      : `${program} ${args.join(" ")} failed: ${(err.stderr || err.message).trim().split("\n").at(-1)}`);
  }
}

/** This user's jobs, every array index on its own line (finished ones too, while Slurm still lists them). */
function readQueue(): QueueEntry[] {
  const user = os.userInfo().username;
  return parseSqueue(slurmCommand("squeue", [`--user=${user}`, "--noheader", "--array", "--states=all", `--format=${SQUEUE_FORMAT}`]));
}

/** Submits a script; returns the job id (sbatch --parsable prints "id" or "id;cluster"). */
function sbatch(script: string, options: string[]): string {
  return slurmCommand("sbatch", ["--parsable", ...options, script]).trim().split(";")[0];
}

const STATE_ORDER = ["done", "running", "pending", "failed", "missing"] as const;

function counts(statuses: TaskStatus[]): string {
  return STATE_ORDER.map((state) => `${statuses.filter((s) => s.state === state).length} ${state}`).join(", ");
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join("  ")).join("\n") + "\n";
}

const resourceText = (r: Resources) => `${r.cpus} cpu ${r.mem} ${r.time}`;

function taskList(statuses: TaskStatus[]): string {
  return table([["id", "state", "resources", "command"],
    ...statuses.map((s) => [s.task.id, s.state, resourceText(s.task.resources), shellLine(s.task.command)])]);
}

function jobRef(s: TaskStatus): string {
  return s.job === undefined ? "-" : `${s.job}_${s.index}`;
}

function statusTable(statuses: TaskStatus[]): string {
  const detail = (s: TaskStatus) => s.state === "done" ? `${(wallSeconds(s.task) / 60).toFixed(1)} min`
    : s.state === "failed" ? `log ${s.log}` : s.state === "missing" ? "not submitted" : "";
  return table([["id", "state", "job", "wall / log"], ...statuses.map((s) => [s.task.id, s.state, jobRef(s), detail(s)])]);
}

function duration(seconds: number): string {
  return seconds < 5400 ? `${Math.round(seconds / 60)} min` : `${(seconds / 3600).toFixed(1)} h`;
}

function printDryRun(s: Study, statuses: TaskStatus[], forced: StudyTask[], options: string[]): void {
  const out = (text: string) => process.stdout.write(text);
  const again = forced.length ? `; ${forced.length} done submitted again (--force): ${forced.map((t) => t.id).join(" ")}` : "";
  out(`# ${statuses.length} tasks (PROFILE=${s.profile}, results in ${s.context.resultsRoot}): ${counts(statuses)}${again}\n`);
  const arrays = groupByResources(toSubmit(statuses, forced));
  out(taskList(statuses));
  arrays.forEach((array, i) => {
    out(`\n# job array ${i + 1} of ${arrays.length}: ${shellLine(["sbatch", "--parsable", ...options])} <this script>\n`);
    out(arrayScript(array, s.context));
  });
  const steps = aggregateSteps(s.tasks, s.profile);
  if (steps.length === 0) return;
  out(`\n# aggregation: ${shellLine(["sbatch", "--parsable", ...options])} --dependency=afterok:<the arrays' job ids> <this script>\n`);
  out(aggregateScript(steps, RESOURCES.aggregate, s.context));
}

/** What a submission sends: the failed and missing tasks, and those forced again, in the study's order. */
function toSubmit(statuses: TaskStatus[], forced: StudyTask[]): StudyTask[] {
  return statuses.filter((t) => t.state === "failed" || t.state === "missing" || forced.includes(t.task)).map((t) => t.task);
}

/** With --force: the done tasks to train again (single runs, as make reproduce FORCE=1); notes the done tasks it keeps. */
function forcedAgain(statuses: TaskStatus[], force: boolean): StudyTask[] {
  if (!force) return [];
  const done = statuses.filter((t) => t.state === "done").map((t) => t.task);
  const kept = done.filter((task) => !forceable(task)).map((task) => task.id);
  if (kept.length) {
    process.stderr.write(`slurm: --force trains the done single runs again, as make reproduce FORCE=1 does; kept as they are: ${kept.join(" ")} ` +
      "(delete a task's result file to run it again)\n");
  }
  return done.filter(forceable);
}

/** A forced full-profile run starts from scratch: its checkpoint folder (experiments/parallel.ts) goes first, as in scripts/reproduce.ts. */
function deleteCheckpoints(s: Study, forced: StudyTask[]): void {
  if (s.profile !== "full") return; // quick runs checkpoint in a temporary folder and always train afresh
  for (const task of forced) {
    fs.rmSync(path.join(REPO_ROOT, "checkpoints", task.id), { recursive: true, force: true });
    process.stderr.write(`slurm: ${task.id}: checkpoint deleted, it trains again from scratch (--force)\n`);
  }
}

/** The queue, or nothing (with a note) where squeue cannot be asked: task states then come from the result files alone. */
function queueOrNothing(): QueueEntry[] {
  try {
    return readQueue();
  } catch (e) {
    process.stderr.write(`slurm: ${(e as Error).message}; task states below come from the result files alone\n`);
    return [];
  }
}

/** One submission: its scripts and its record (index -> task), rewritten after every sbatch so no submitted job goes unrecorded. */
class Submitter {
  private readonly stamp = new Date().toISOString().replace(/[:.]/g, "-");
  readonly record: Submission = { submitted_at: new Date().toISOString(), arrays: [] };

  constructor(private readonly s: Study, private readonly options: string[]) {}

  array(array: ArrayJob, i: number): string {
    const job = sbatch(this.script(`array${i + 1}`, arrayScript(array, this.s.context)), this.options);
    this.record.arrays.push({ job, tasks: array.tasks.map((t) => t.id) });
    this.save();
    process.stderr.write(`slurm: job array ${job}: ${array.tasks.length} task(s), ${resourceText(array.resources)} each: ` +
      `${array.tasks.map((t) => t.id).join(" ")}\n`);
    return job;
  }

  aggregate(steps: string[][], after: string[]): string {
    const dependency = after.length ? [`--dependency=afterok:${after.join(":")}`] : [];
    this.record.aggregate = sbatch(this.script("aggregate", aggregateScript(steps, RESOURCES.aggregate, this.s.context)), [...dependency, ...this.options]);
    this.save();
    process.stderr.write(`slurm: aggregation job ${this.record.aggregate}${after.length ? ` after ${after.join(" ")}` : ""}\n`);
    return this.record.aggregate;
  }

  private script(name: string, text: string): string {
    const file = path.join(this.s.recordDir, `submit-${this.stamp}-${name}.sbatch`);
    atomicWriteFile(file, text);
    return file;
  }

  private save(): void {
    atomicWriteFile(path.join(this.s.recordDir, `submit-${this.stamp}.json`), JSON.stringify(this.record, null, 1) + "\n");
  }
}

/**
 * The aggregation waits for the new arrays and for the tasks of earlier submissions still in the queue. An earlier
 * aggregation still in the queue is kept when no array is new, else replaced (cancelled while it waits).
 */
function submitAggregation(s: Study, statuses: TaskStatus[], newArrays: string[], submitter: Submitter): void {
  const steps = aggregateSteps(s.tasks, s.profile);
  if (steps.length === 0) return;
  const earlier = aggregatesInQueue(readSubmissions(s.recordDir), readQueue());
  if (newArrays.length === 0 && earlier.length > 0) {
    process.stderr.write(`slurm: aggregation job ${earlier.map((a) => a.job).join(", ")} already in the queue\n`);
    return;
  }
  for (const old of earlier.filter((a) => a.state === "pending")) {
    slurmCommand("scancel", [old.job]);
    process.stderr.write(`slurm: cancelled the earlier aggregation job ${old.job} (${old.reason}); a new one follows\n`);
  }
  const inQueue = statuses.filter((t) => t.state === "running" || t.state === "pending").map(jobRef);
  submitter.aggregate(steps, [...newArrays, ...inQueue]);
}

function resourceOverride(flags: FlagValues<typeof SUBMIT_FLAGS>): Partial<Resources> {
  const given = { cpus: flags.cpus, mem: flags.mem, time: flags.time };
  return Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
}

function submit(args: string[], flags: FlagValues<typeof SUBMIT_FLAGS>): void {
  const s = study(args, flags, resourceOverride(flags));
  const options = (flags["sbatch-options"] ?? "").split(/\s+/).filter(Boolean);
  if (flags["dry-run"]) {
    const statuses = taskStatuses(s.tasks, readSubmissions(s.recordDir), queueOrNothing(), s.logDir);
    printDryRun(s, statuses, forcedAgain(statuses, flags.force), options);
    return;
  }
  const release = acquireLock(s.recordDir, `the Slurm submissions of ${s.recordDir}`);
  try {
    const statuses = taskStatuses(s.tasks, readSubmissions(s.recordDir), readQueue(), s.logDir);
    process.stderr.write(`slurm: ${statuses.length} tasks: ${counts(statuses)}; logs in ${s.logDir}\n`);
    const forced = forcedAgain(statuses, flags.force);
    deleteCheckpoints(s, forced);
    const submitter = new Submitter(s, options);
    const arrays = groupByResources(toSubmit(statuses, forced)).map((array, i) => submitter.array(array, i));
    submitAggregation(s, statuses, arrays, submitter);
    process.stderr.write("slurm: `make reproduce-status` shows where the tasks stand\n");
    process.stdout.write(JSON.stringify({ arrays: submitter.record.arrays, aggregate: submitter.record.aggregate ?? null }) + "\n");
  } finally {
    release();
  }
}

function statusSummary(statuses: TaskStatus[], aggregates: ReturnType<typeof aggregatesInQueue>): string {
  const aggregation = aggregates.length ? aggregates.map((a) => `job ${a.job} ${a.state} (${a.reason})`).join(", ") : "not in the queue";
  const left = statuses.filter((t) => t.state !== "done").length, eta = estimateSeconds(statuses);
  const running = Math.max(1, statuses.filter((t) => t.state === "running").length);
  const etaText = left === 0 ? "every task is done" : eta === undefined ? "unknown until a task is done"
    : `${duration(eta)} for ${left} task(s) (mean wall time of the done tasks of each kind, ${running} at a time)`;
  return `${statuses.length} tasks: ${counts(statuses)}; aggregation: ${aggregation}\nETA: ${etaText}\n`;
}

function status(args: string[], flags: { seeds: number[]; models: string[]; json: boolean }): void {
  const s = study(args, flags);
  const submissions = readSubmissions(s.recordDir), queue = queueOrNothing();
  const statuses = taskStatuses(s.tasks, submissions, queue, s.logDir);
  const aggregates = aggregatesInQueue(submissions, queue);
  if (!flags.json) {
    process.stdout.write(statusTable(statuses) + statusSummary(statuses, aggregates));
    return;
  }
  const tasks = statuses.map((t) => ({ id: t.task.id, state: t.state, job: t.job ?? null, index: t.index ?? null, log: t.log ?? null }));
  process.stdout.write(JSON.stringify({ tasks, aggregates, eta_s: estimateSeconds(statuses) ?? null }) + "\n");
}

async function main(argv: string[]): Promise<void> {
  const command = parseSubcommand(PROGRAM, COMMANDS, argv);
  if (command.name === "submit") submit(command.args, command.flags);
  else status(command.args, command.flags);
}

if (require.main === module) runCli(PROGRAM.name, () => main(process.argv.slice(2)), () => 1);
