/**
 * How a study should use the cores: one run data-parallel on every core, or one 1-thread run per core side by side
 * (separate processes, started together; what experiments/seeds.ts and cifar-recipe.ts do with --jobs = cores).
 * The processes of a way warm up, then start their timed steps together (a barrier), and each round measures both
 * ways for every case, alternating which goes first; the machine's rate of a way is the
 * images its processes trained while all of them were in their timed steps (the steps that ended inside the overlap
 * of their timed windows, over the overlap's length), so a process that ran alone for a while, or started late,
 * cannot inflate or deflate it; the overlap's share of the shortest window is recorded. From the rates it projects the MNIST seed
 * study's training time both ways (its recorded runs' epochs; training steps only, evaluation not counted).
 * A fresh measurement goes to the git-ignored results/local/bench-schedule-<time>.json; RECORD=1 replaces the
 * recorded results/bench-schedule.json.
 *
 *   npm run --silent bench -- train --schedule [--batches 200] [--warmup 100] [--rounds 3] [--models hqnn,cnn] [--datasets mnist,cifar10]
 */
import * as os from "node:os";
import * as path from "node:path";
import { spawn } from "node:child_process";
import { initBackend } from "../lib/nn/backend";
import { familyIds, readResult, REPO_ROOT, RESULTS_DIR, saveBench, SeedRunId, startProvenance } from "../lib/results";
import { median } from "../lib/stats";
import { BENCH_DATASETS, BENCH_MODELS, BenchDataset, BenchModel } from "./bench-training-cases";
import { ratioRange, tfjsRate } from "./bench-training";

export interface BenchScheduleOptions { batch?: number; batches?: number; warmup?: number; rounds?: number; models?: readonly BenchModel[]; datasets?: readonly BenchDataset[] }
const DEFAULTS: Required<BenchScheduleOptions> = { batch: 64, batches: 200, warmup: 100, rounds: 3, models: BENCH_MODELS, datasets: BENCH_DATASETS };

interface ChildRate { images_per_s: number; timed_start: number; step_ends: number[] }

const READY = "ready";

/**
 * One measuring process (this file with --child): it builds its model and warms up, says it is ready, and starts its
 * timed steps when told to go. Resolves with its rate and the wall-clock times of its timed steps.
 */
function child(model: BenchModel, dataset: BenchDataset, threads: number, o: Required<BenchScheduleOptions>, ready: () => void): { done: Promise<ChildRate>; go: () => void } {
  const args = ["--import", "tsx", __filename, "--child", model, dataset, String(threads), String(o.batch), String(o.batches), String(o.warmup)];
  const p = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ["pipe", "pipe", "pipe"] });
  const done = new Promise<ChildRate>((resolve, reject) => {
    let out = "", err = "";
    p.stdout.on("data", (d) => {
      out += d;
      if (out.startsWith(`${READY}\n`)) { out = out.slice(READY.length + 1); ready(); }
    });
    p.stderr.on("data", (d) => (err += d));
    p.on("error", reject);
    p.on("close", (code) => code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()!)) : reject(new Error(`bench schedule: a measuring process failed (${code}): ${err.trim().split("\n").slice(-3).join(" ")}`)));
  });
  return { done, go: () => p.stdin.end("go\n") };
}

/** Starts `processes` measuring processes and lets them time together once all have warmed up (a barrier). */
async function together(processes: number, start: (ready: () => void) => { done: Promise<ChildRate>; go: () => void }): Promise<ChildRate[]> {
  let waiting = processes;
  const children: { done: Promise<ChildRate>; go: () => void }[] = [];
  const ready = () => { if (--waiting === 0) children.forEach((c) => c.go()); };
  for (let i = 0; i < processes; i++) children.push(start(ready));
  return Promise.all(children.map((c) => c.done));
}

/**
 * The machine's images/s while `rates`' processes all ran their timed steps: the steps that ended inside the overlap
 * of the timed windows, over the overlap's length; and the overlap's share of the shortest window.
 */
export function concurrentRate(rates: ChildRate[], batch: number): { images_per_s: number; overlap: number } {
  const from = Math.max(...rates.map((r) => r.timed_start)), to = Math.min(...rates.map((r) => r.step_ends.at(-1)!));
  if (!(to > from)) throw new Error("bench schedule: the processes' timed steps did not overlap; the machine is too busy to compare");
  const steps = rates.reduce((n, r) => n + r.step_ends.filter((t) => t > from && t <= to).length, 0);
  const shortest = Math.min(...rates.map((r) => r.step_ends.at(-1)! - r.timed_start));
  return { images_per_s: (steps * batch) / ((to - from) / 1000), overlap: (to - from) / shortest };
}

/** The machine's images/s with `processes` processes of `threads` threads each, started together. */
async function machineRate(model: BenchModel, dataset: BenchDataset, processes: number, threads: number, o: Required<BenchScheduleOptions>) {
  const rates = await together(processes, (ready) => child(model, dataset, threads, o, ready));
  return { ...concurrentRate(rates, o.batch), each: rates.map((r) => Math.round(r.images_per_s)) };
}

/** Images the MNIST seed study trains (its recorded runs' epochs times the training set), or null when not recorded. */
function seedStudyImages(): { runs: number; epochs: number; images: number } | null {
  const mnist = readResult("datasets")?.mnist, ids = familyIds(RESULTS_DIR, "seeds") as SeedRunId[];
  if (!ids.length || mnist === undefined || !("train" in mnist)) return null;
  const epochs = ids.reduce((s, id) => s + (readResult(id)?.epochs.length ?? 0), 0);
  return { runs: ids.length, epochs, images: epochs * mnist.train };
}

export async function benchSchedule(opts: BenchScheduleOptions = {}) {
  const o = { ...DEFAULTS, ...opts };
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  if (cores < 2) throw new Error("bench schedule compares ways of using several cores; this machine has one");
  const fullSize = o.batch === 64 && o.batches >= 200 && o.warmup >= 100 && o.rounds >= 3 && o.models.length === 2 && o.datasets.length === 2;
  const prov = startProvenance({ backend: "wasm", seeds: [3], profile: fullSize ? "full" : "quick" });
  const loadBefore = os.loadavg();
  const cases = o.datasets.flatMap((dataset) => o.models.map((model) => ({ id: `${model}-${dataset}`, model, dataset })));
  const perRound: Record<string, { one_run_all_cores: number; runs_per_core: number; each: number[]; overlap: number; first: string }[]> = {};
  for (let r = 0; r < o.rounds; r++) {
    for (const c of cases) {
      const ways = [["one_run_all_cores", 1, cores], ["runs_per_core", cores, 1]] as const;
      const order = r % 2 === 0 ? ways : [...ways].reverse();
      const got: Record<string, Awaited<ReturnType<typeof machineRate>>> = {};
      for (const [way, processes, threads] of order) got[way] = await machineRate(c.model, c.dataset, processes, threads, o);
      (perRound[c.id] ??= []).push({
        one_run_all_cores: Math.round(got.one_run_all_cores.images_per_s), runs_per_core: Math.round(got.runs_per_core.images_per_s),
        each: got.runs_per_core.each, overlap: Number(got.runs_per_core.overlap.toFixed(3)), first: order[0][0],
      });
      process.stderr.write(`bench schedule: round ${r + 1}/${o.rounds} ${c.id}: one run on ${cores} threads ${Math.round(got.one_run_all_cores.images_per_s)} images/s, ` +
        `${cores} runs on 1 thread ${Math.round(got.runs_per_core.images_per_s)} (${got.runs_per_core.each.join(" + ")})\n`);
    }
  }
  const summary = Object.fromEntries(cases.map((c) => {
    const rs = perRound[c.id];
    return [c.id, {
      model: c.model, dataset: c.dataset,
      one_run_all_cores: Math.round(median(rs.map((x) => x.one_run_all_cores))), runs_per_core: Math.round(median(rs.map((x) => x.runs_per_core))),
      speedup: ratioRange(rs.map((x) => x.runs_per_core / x.one_run_all_cores)),
      per_round: rs,
    }];
  }));
  const study = seedStudyImages(), mnist = cases.filter((c) => c.dataset === "mnist").map((c) => summary[c.id]);
  const hours = (rate: number) => Number((study!.images / rate / 3600).toFixed(2));
  const projection = study && mnist.length ? {
    ...study,
    hours_one_run_all_cores: hours(median(mnist.map((s) => s.one_run_all_cores))), hours_runs_per_core: hours(median(mnist.map((s) => s.runs_per_core))),
    note: "training steps only (evaluation and start-up not counted), at the median over the MNIST cases of each way's rate; the ablations are HQNN-Parallel variants of similar cost",
  } : null;
  const result = {
    experiment: "bench-schedule", batch: o.batch, batches: o.batches, warmup: o.warmup, rounds: o.rounds, cores, backend: await initBackend(),
    how: "each way started together as separate processes (bench-schedule.ts --child); a way's rate = the images of the timed steps that ended while every process was in its timed steps, over that overlap (per_round.overlap: its share of the shortest timed window)",
    cases: summary, seed_study: projection,
    load_average: { before: loadBefore, after: os.loadavg() },
    provenance: prov.finish(),
  };
  process.stderr.write(`bench schedule: wrote ${path.relative(process.cwd(), saveBench("bench-schedule", result))}\n`);
  return result;
}

/** --child MODEL DATASET THREADS BATCH BATCHES WARMUP: one measurement, one JSON line on stdout. */
async function childMain(argv: string[]): Promise<void> {
  const [model, dataset, threads, batch, batches, warmup] = argv;
  await initBackend();
  // Warmed up: say so, then wait for the parent's go (every process starts its timed steps at the same moment).
  const barrier = () => new Promise<void>((resolve) => {
    process.stdout.write(`${READY}\n`);
    process.stdin.once("data", () => resolve());
  });
  const c = { id: `${model}-${dataset}-${threads}t`, model: model as BenchModel, dataset: dataset as BenchDataset, threads: Number(threads) };
  const r = await tfjsRate(c, Number(batch), Number(batches), Number(warmup), barrier);
  process.stdout.write(JSON.stringify({ images_per_s: r.images_per_s, timed_start: r.timed_start, step_ends: r.step_ends }) + "\n");
}

if (require.main === module && process.argv[2] === "--child") {
  childMain(process.argv.slice(3)).catch((e) => {
    process.stderr.write(`${e.stack ?? e}\n`);
    process.exit(1);
  });
}
