/**
 * Where each task of the study stands, from its result files, the submissions scripts/slurm.ts recorded (which
 * array index ran which task) and `squeue` (sacct needs accounting storage, which clusters may not configure).
 */
import { isDone, StudyTask, wallSeconds } from "./tasks";
import { taskLogPath } from "./sbatch";

/** One submission of scripts/slurm.ts: the tasks of each job array by index, and the aggregation job. */
export interface Submission {
  submitted_at: string;
  arrays: { job: string; tasks: string[] }[];
  aggregate?: string;
}

/** One line of `squeue --array --format=SQUEUE_FORMAT`: a job, or one index of an array. */
export interface QueueEntry { job: string; index?: number; state: string; reason: string }

export const SQUEUE_FORMAT = "%F|%K|%T|%r";

const RUNNING = new Set(["RUNNING", "CONFIGURING", "COMPLETING", "RESIZING", "SIGNALING", "STAGE_OUT"]);
const WAITING = new Set(["PENDING", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED", "SUSPENDED", "STOPPED", "RESV_DEL_HOLD"]);

export function parseSqueue(text: string): QueueEntry[] {
  return text.split("\n").filter((line) => line.trim()).map((line) => {
    const [job, index, state, reason] = line.trim().split("|");
    return { job, index: /^\d+$/.test(index) ? Number(index) : undefined, state, reason: reason ?? "" };
  });
}

export type QueueState = "running" | "pending" | "finished";

/** running or pending while Slurm holds it; finished (completed, failed, cancelled, ...) or gone otherwise. */
export function queueState(entry: QueueEntry | undefined): QueueState {
  if (entry && RUNNING.has(entry.state)) return "running";
  if (entry && WAITING.has(entry.state)) return "pending";
  return "finished";
}

function findEntry(queue: QueueEntry[], job: string, index?: number): QueueEntry | undefined {
  return queue.find((e) => e.job === job && e.index === index);
}

/**
 * running/pending: its latest submission is in the queue (a run forced again shows so while its old result is still complete);
 * done: results complete; failed: submitted, gone, results not complete; missing: never submitted.
 */
export type TaskState = "done" | "running" | "pending" | "failed" | "missing";

export interface TaskStatus {
  task: StudyTask;
  state: TaskState;
  /** The array job and index that last ran it (the latest submission wins). */
  job?: string;
  index?: number;
  log?: string;
}

function lastAssignments(submissions: Submission[]): Map<string, { job: string; index: number }> {
  const assigned = new Map<string, { job: string; index: number }>();
  for (const s of [...submissions].sort((a, b) => a.submitted_at.localeCompare(b.submitted_at))) {
    for (const array of s.arrays) array.tasks.forEach((id, index) => assigned.set(id, { job: array.job, index }));
  }
  return assigned;
}

export function taskStatuses(tasks: StudyTask[], submissions: Submission[], queue: QueueEntry[], logDir: string): TaskStatus[] {
  const assigned = lastAssignments(submissions);
  return tasks.map((task) => {
    const at = assigned.get(task.id);
    const where = at && { job: at.job, index: at.index, log: taskLogPath(logDir, at.job, at.index) };
    const inQueue = at ? queueState(findEntry(queue, at.job, at.index)) : "finished";
    if (inQueue !== "finished") return { task, state: inQueue, ...where };
    if (isDone(task)) return { task, state: "done", ...where };
    return at ? { task, state: "failed", ...where } : { task, state: "missing" };
  });
}

/** Aggregation jobs of earlier submissions that Slurm still holds, with their state. */
export function aggregatesInQueue(submissions: Submission[], queue: QueueEntry[]): { job: string; state: QueueState; reason: string }[] {
  return submissions.flatMap((s) => {
    const entry = s.aggregate === undefined ? undefined : findEntry(queue, s.aggregate);
    const state = queueState(entry);
    return entry && state !== "finished" ? [{ job: entry.job, state, reason: entry.reason }] : [];
  });
}

/**
 * Seconds until every task is done: each unfinished task is expected to take the mean wall time of the done
 * tasks of its kind (else of all done tasks), and as many run at once as run now (at least one).
 */
export function estimateSeconds(statuses: TaskStatus[]): number | undefined {
  const done = statuses.filter((s) => s.state === "done").map((s) => ({ kind: s.task.kind, wall: wallSeconds(s.task) }));
  if (done.length === 0) return undefined;
  const mean = (walls: number[]) => walls.reduce((a, b) => a + b, 0) / walls.length;
  const overall = mean(done.map((d) => d.wall));
  const expected = (kind: string) => {
    const same = done.filter((d) => d.kind === kind).map((d) => d.wall);
    return same.length ? mean(same) : overall;
  };
  const left = statuses.filter((s) => s.state !== "done").reduce((sum, s) => sum + expected(s.task.kind), 0);
  return left / Math.max(1, statuses.filter((s) => s.state === "running").length);
}
