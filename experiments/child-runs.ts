/**
 * The studies' scheduler (experiments/seeds.ts, experiments/cifar-recipe.ts): runs independent training runs as
 * child processes, `jobs` at a time with the cores shared out between them, each logging to
 * logs/<study>/<run>.log, with the study's progress and ETA on stderr. Each run resumes itself from its own
 * checkpoint; which runs are still to do is the caller's to say.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawn } from "node:child_process";
import { REPO_ROOT } from "../lib/results";

export interface ChildRun {
  /** The run's log file name, without .log. */
  id: string;
  /** How the progress lines name it. */
  label: string;
  /** The experiment script under experiments/ and its arguments; the scheduler appends --threads N. */
  script: string;
  args: string[];
}

/** Runs one run in a child process, logging to logs/<study>/<id>.log; resolves with its exit code. */
function runChild(study: string, run: ChildRun, threads: number): Promise<number> {
  const logDir = path.join(REPO_ROOT, "logs", study);
  fs.mkdirSync(logDir, { recursive: true });
  const log = fs.openSync(path.join(logDir, `${run.id}.log`), "a");
  const child = spawn(process.execPath, ["--import", "tsx", path.join(REPO_ROOT, "experiments", run.script), ...run.args, "--threads", String(threads)],
    { cwd: REPO_ROOT, env: process.env, stdio: ["ignore", log, log] });
  return new Promise((resolve) => child.on("exit", (code) => { fs.closeSync(log); resolve(code ?? 1); }));
}

/**
 * Runs `runs`, `jobs` at a time, on `threads` threads each (default: the cores shared out: 2 cores and 1 job = one
 * run on 2 threads; 2 jobs = two runs on one thread each); `afterRun` follows every successful run (a summary that
 * is current whenever the study stops). Returns how many runs failed.
 */
export async function runStudy(study: string, runs: ChildRun[], opts: { jobs: number; threads?: number; afterRun?: () => unknown }): Promise<number> {
  const queue = [...runs], total = queue.length, t0 = Date.now();
  const started = new Map<string, number>(), durations: number[] = [];
  let done = 0, failed = 0;
  const cores = os.availableParallelism?.() ?? os.cpus().length, threadsEach = opts.threads ?? Math.max(1, Math.floor(cores / opts.jobs));
  process.stderr.write(`${study}: ${total} runs to do, ${opts.jobs} at a time on ${threadsEach} thread(s) each (logs in logs/${study}/)\n`);
  const worker = async () => {
    for (let run = queue.shift(); run; run = queue.shift()) {
      process.stderr.write(`${study}: start ${run.label}\n`);
      started.set(run.id, Date.now());
      const code = await runChild(study, run, threadsEach);
      durations.push((Date.now() - started.get(run.id)!) / 1000);
      started.delete(run.id);
      done++;
      if (code !== 0) failed++;
      else await opts.afterRun?.();
      const now = Date.now(), el = (now - t0) / 1000;
      const eta = studyEta(durations, [...started.values()].map((t) => (now - t) / 1000), queue.length, Math.max(1, opts.jobs));
      process.stderr.write(`${study}: ${code === 0 ? "done" : `FAILED (exit ${code})`} ${run.label}; ` +
        `${done}/${total} in ${(el / 60).toFixed(1)} min, ETA ${(eta / 60).toFixed(0)} min\n`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.jobs) }, worker));
  return failed;
}

/**
 * Seconds until a study ends, if every run takes the mean of the finished runs' durations: the running runs finish
 * that long after they started (at once, if they have run longer), and each queued run then takes the slot that
 * frees first, `jobs` slots in all. Runs resumed from a checkpoint finish sooner, so the estimate errs low while they
 * dominate.
 */
export function studyEta(finished: number[], runningFor: number[], queued: number, jobs: number): number {
  if (!finished.length) return NaN;
  const mean = finished.reduce((a, b) => a + b, 0) / finished.length;
  const slots = [...runningFor.map((t) => Math.max(0, mean - t)), ...Array(Math.max(0, jobs - runningFor.length)).fill(0)];
  for (let i = 0; i < queued; i++) {
    slots.sort((a, b) => a - b);
    slots[0] += mean;
  }
  return Math.max(0, ...slots);
}
