/**
 * Training throughput of HQNN-Parallel and its CNN (lib/nn/models.ts, MNIST- and CIFAR-10-shaped inputs, batch 64,
 * Adam 1e-3) in tfjs on this package's backend against the strongest PyTorch reference (bench/torch_reference.py:
 * vectorised complex64 quantum layer, in each round the faster of PyTorch's two memory formats), side by side in one
 * run: each round measures every case in both frameworks (PyTorch in both formats), alternating which goes first,
 * so a ratio compares measurements minutes apart. Random data: throughput does not depend on it. Run it on an otherwise idle machine;
 * the load average is recorded. A fresh measurement goes to the git-ignored results/local/bench-training-<time>.json;
 * replacing the recorded results/bench-training.json takes RECORD=1. Without the PyTorch reference it stops before
 * measuring anything (MissingReferenceError), never recording nulls.
 */
import * as os from "node:os";
import { performance } from "node:perf_hooks";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { initBackend } from "../lib/nn/backend";
import { DataParallel } from "../lib/nn/data-parallel";
import { buildParallelModel, Head, ModelConfig } from "../lib/nn/models";
import { quantumHead } from "../lib/nn/parallel-head";
import { PARALLEL_SETUPS } from "../lib/nn/parallel-setups";
import { mulberry32 } from "../lib/nn/train";
import { REPO_ROOT, saveBench, startProvenance } from "../lib/results";
import { median } from "../lib/stats";
import { stepContext, trainStep } from "../lib/nn/step";
import { stepFlops } from "../lib/nn/flops";
import { measureSimdPeak, relaxedSimdAvailable } from "../lib/nn/simd-peak";
import { BENCH_DATASETS, BENCH_MODELS, BenchDataset, BenchModel, TORCH_PYTHON } from "./bench-training-cases";

const HEADS: Record<BenchModel, Head> = { hqnn: "quantum", cnn: "dense" };
/** PyTorch's memory formats for the convolutions; the reference uses whichever is faster for a case. */
const FORMATS = ["contiguous", "channels_last"] as const;
type Format = (typeof FORMATS)[number];

export interface Case { id: string; model: BenchModel; dataset: BenchDataset; threads: number }

export interface BenchTrainingOptions {
  batch?: number; batches?: number; warmup?: number; rounds?: number;
  models?: readonly BenchModel[]; datasets?: readonly BenchDataset[];
}

function modelConfig(dataset: BenchDataset): ModelConfig {
  const setup = PARALLEL_SETUPS[dataset];
  return { ...setup.model, inputShape: setup.shape, seed: 1 };
}

/**
 * Images per second of full training steps (forward, backward, Adam update) at a fixed batch, on one thread or
 * data-parallel on `threads`: the step trainModel takes (lib/nn/step.ts). The first `warmup` steps are timed
 * apart: V8 compiles the hot code during them (on 2 threads the first ~80 steps run at 70-90 % of the later rate),
 * and an MNIST epoch is 938 steps, so the steady rate is what a training run sees.
 */
export async function tfjsRate(c: Case, batch: number, batches: number, warmup: number, beforeTimed?: () => Promise<void>) {
  const config = modelConfig(c.dataset), head = HEADS[c.model];
  const model = buildParallelModel(config, head, quantumHead);
  const rand = mulberry32(3), [h, w, ch] = config.inputShape;
  const x = Float32Array.from({ length: batch * h * w * ch }, rand), labels = Int32Array.from({ length: batch }, (_, i) => i % 10);
  const dp = c.threads > 1 ? await DataParallel.start({ variant: head, config }, model, { parties: c.threads, maxBatch: batch }) : undefined;
  const ctx = stepContext(model, 1e-3, dp);
  /** Wall-clock milliseconds since the epoch, comparable between processes. */
  const clock = () => performance.timeOrigin + performance.now();
  let started = 0, stepEnds: number[] = [];
  const rate = (steps: number) => {
    started = clock();
    stepEnds = [];
    for (let i = 0; i < steps; i++) {
      trainStep(ctx, x, labels, batch, config.inputShape, config.classes);
      stepEnds.push(clock());
    }
    return (batch * steps) / ((stepEnds[steps - 1] - started) / 1000);
  };
  try {
    const warmupRate = rate(warmup);
    await beforeTimed?.();
    // When the timed steps ran, for measurements of several processes at once (bench-schedule.ts).
    return { images_per_s: rate(batches), warmup_images_per_s: warmupRate, timed_start: started, step_ends: stepEnds };
  } finally {
    await dp?.stop();
    model.dispose();
  }
}

const REFERENCE = path.join(REPO_ROOT, "bench", "torch_reference.py");

/** The reference is missing or broken: nothing was measured, nothing was written. */
export class MissingReferenceError extends Error {
  name = "MissingReferenceError";
}

/** Stops before any measurement when the PyTorch reference cannot run, saying what to install. */
export function requireTorch(): string {
  const r = spawnSync(TORCH_PYTHON, ["-c", "import torch; print(torch.__version__)"], { encoding: "utf8" });
  if (r.status === 0) return r.stdout.trim();
  throw new MissingReferenceError(`the PyTorch reference cannot run: ${TORCH_PYTHON} -c "import torch" failed ` +
    `(${(r.stderr || r.error?.message || "").trim().split("\n").pop()}). Install Debian's python3-torch ` +
    `(sudo apt-get install --no-install-recommends python3-torch; make bench does it when run as root) and rerun`);
}

/** PyTorch warms up in a few steps (no JIT); more would only lengthen the run. */
const TORCH_WARMUP = 20;

function torchRate(c: Case, format: Format, batch: number, batches: number, warmup: number): number {
  const args = [REFERENCE, "--model", c.model, "--dataset", c.dataset, "--quantum", "vectorised", "--threads", String(c.threads),
    "--batch", String(batch), "--batches", String(batches), "--warmup", String(warmup), ...(format === "channels_last" ? ["--channels-last"] : [])];
  const r = spawnSync(TORCH_PYTHON, args, { encoding: "utf8" });
  const out = r.status === 0 ? JSON.parse(r.stdout.trim().split("\n").pop()!) : undefined;
  if (typeof out?.images_per_s !== "number") {
    throw new MissingReferenceError(`bench/torch_reference.py (${c.id}, ${format}) failed: ${(r.stderr || r.error?.message || r.stdout).trim().split("\n").slice(-3).join(" ")}`);
  }
  return out.images_per_s;
}

/**
 * PyTorch's rate in each memory format, in an order alternating with the round; the reference's rate for the round
 * is the faster one (which format wins varies between rounds on a noisy machine, so it is chosen every round).
 */
function torchRates(c: Case, r: number, o: Required<BenchTrainingOptions>): Record<Format, number> {
  const order = r % 2 === 0 ? FORMATS : [...FORMATS].reverse();
  const rates = Object.fromEntries(order.map((f) => [f, torchRate(c, f, o.batch, o.batches, Math.min(TORCH_WARMUP, o.warmup))]));
  return rates as Record<Format, number>;
}

function casesFor(models: readonly BenchModel[], datasets: readonly BenchDataset[], cores: number): Case[] {
  const threads = cores > 1 ? [1, cores] : [1];
  return datasets.flatMap((dataset) => models.flatMap((model) => threads.map((t) => ({ id: `${model}-${dataset}-${t}t`, model, dataset, threads: t }))));
}

interface Measurement {
  ours: number; ours_warmup: number; torch: number; torch_format: Format; torch_by_format: Record<Format, number>; ratio: number; first: "ours" | "torch";
}

/** One round: every case in both frameworks, tfjs first in even rounds and PyTorch first in odd ones. */
async function round(r: number, cases: Case[], o: Required<BenchTrainingOptions>) {
  const out: Record<string, Measurement> = {};
  for (const c of cases) {
    const first = r % 2 === 0 ? "ours" : "torch";
    const early = first === "torch" ? torchRates(c, r, o) : undefined;
    const ours = await tfjsRate(c, o.batch, o.batches, o.warmup);
    const byFormat = early ?? torchRates(c, r, o);
    const format = FORMATS.reduce((best, f) => (byFormat[f] > byFormat[best] ? f : best));
    const torch = byFormat[format];
    out[c.id] = { ours: ours.images_per_s, ours_warmup: ours.warmup_images_per_s, torch, torch_format: format, torch_by_format: byFormat, ratio: ours.images_per_s / torch, first };
    process.stderr.write(`bench train: round ${r + 1}/${o.rounds} ${c.id}: ours ${Math.round(ours.images_per_s)}, PyTorch ${Math.round(torch)} images/s ` +
      `(${format}; ${FORMATS.map((f) => `${f} ${Math.round(byFormat[f])}`).join(", ")}), ratio ${(ours.images_per_s / torch).toFixed(2)}\n`);
  }
  return out;
}

const r3 = (x: number) => Number(x.toFixed(3));

/** The median, min and max of per-round ratios, to 3 decimals. */
export const ratioRange = (ratios: number[]) => ({ median: r3(median(ratios)), min: r3(Math.min(...ratios)), max: r3(Math.max(...ratios)) });

/** The single-thread wasm peaks of this run (lib/nn/simd-peak.ts): plain f32x4 mul + add, and with relaxed-SIMD FMA. */
interface Peaks { wasm_simd_gflops: number; wasm_relaxed_fma_gflops: number | null; how: string }

function measurePeaks(): Peaks {
  const fused = relaxedSimdAvailable() ? measureSimdPeak({ fused: true }).gflops : null;
  return {
    wasm_simd_gflops: Number(measureSimdPeak().gflops.toFixed(2)), wasm_relaxed_fma_gflops: fused === null ? null : Number(fused.toFixed(2)),
    how: "lib/nn/simd-peak.ts: independent f32x4 multiply-add chains, best of 10 timed calls, 1 thread; a case on T threads is bounded by T times it",
  };
}

/**
 * What the arithmetic allows, per case: each framework's rate in GFLOP/s (the step's FLOPs counted by lib/nn/flops.ts,
 * the same count for both), and the ceiling of the ratio: ours at the wasm peak on every FLOP of the step (T threads
 * = T times the single-thread peak) over PyTorch's measured rate. A ceiling below 1 means no wasm kernel of that
 * instruction set can reach PyTorch on this case; above 1, the step would need 1/ceiling of the peak throughout.
 */
function arithmetic(c: Case, batch: number, ours: number, torch: number, peaks: Peaks) {
  const flopsPerImage = stepFlops(modelConfig(c.dataset), HEADS[c.model], batch).reduce((s, f) => s + f.flops, 0) / batch;
  const ceiling = (peak: number) => r3((c.threads * peak * 1e9) / flopsPerImage / torch);
  return {
    flops_per_image: Math.round(flopsPerImage),
    ours_gflops: Number((ours * flopsPerImage / 1e9).toFixed(2)),
    torch_gflops: Number((torch * flopsPerImage / 1e9).toFixed(2)),
    ceiling_ratio: { wasm_simd: ceiling(peaks.wasm_simd_gflops), wasm_relaxed_fma: peaks.wasm_relaxed_fma_gflops === null ? null : ceiling(peaks.wasm_relaxed_fma_gflops) },
  };
}

/**
 * Per case: medians over rounds of both rates (PyTorch's: of its faster format each round), the median, min and max
 * over rounds of the per-round ratios, and the format that was faster in most rounds.
 */
function summarise(c: Case, perRound: Measurement[], batch: number, peaks: Peaks) {
  const ratios = perRound.map((m) => m.ratio);
  const wins = (f: Format) => perRound.filter((m) => m.torch_format === f).length;
  const ours = median(perRound.map((m) => m.ours)), torch = median(perRound.map((m) => m.torch));
  return {
    model: c.model, dataset: c.dataset, threads: c.threads, torch_format: FORMATS.reduce((best, f) => (wins(f) > wins(best) ? f : best)),
    ours_images_per_s: Math.round(ours),
    torch_images_per_s: Math.round(torch),
    ratio: ratioRange(ratios),
    ...arithmetic(c, batch, ours, torch, peaks),
    per_round: perRound.map((m) => ({
      ...m, ours: Math.round(m.ours), ours_warmup: Math.round(m.ours_warmup), torch: Math.round(m.torch), ratio: r3(m.ratio),
      torch_by_format: Object.fromEntries(FORMATS.map((f) => [f, Math.round(m.torch_by_format[f])])),
    })),
  };
}

const DEFAULTS: Required<BenchTrainingOptions> = { batch: 64, batches: 200, warmup: 100, rounds: 5, models: BENCH_MODELS, datasets: BENCH_DATASETS };

/** `rounds` rounds of every case (both frameworks' 2-thread rates vary by 10-20 % from minute to minute here). */
export async function benchTraining(opts: BenchTrainingOptions = {}) {
  const o = { ...DEFAULTS, ...opts };
  const torchVersion = requireTorch();
  const backend = await initBackend();
  // The benchmark at its documented size is the full one; shrunk by flags (as the tests do) it is a quick one.
  const fullSize = o.batch === 64 && o.batches >= 200 && o.warmup >= 100 && o.rounds >= 5 && o.models.length === 2 && o.datasets.length === 2;
  const prov = startProvenance({ backend, seeds: [0, 1, 3], profile: fullSize ? "full" : "quick" });
  const loadBefore = os.loadavg();
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const cases = casesFor(o.models, o.datasets, cores);
  const peaks = measurePeaks();
  process.stderr.write(`bench train: wasm peak ${peaks.wasm_simd_gflops} GFLOP/s, with relaxed-SIMD FMA ${peaks.wasm_relaxed_fma_gflops ?? "-"} (1 thread)\n`);
  const rounds: Record<string, Measurement>[] = [];
  for (let r = 0; r < o.rounds; r++) rounds.push(await round(r, cases, o));
  const byCase = Object.fromEntries(cases.map((c) => [c.id, summarise(c, rounds.map((x) => x[c.id]), o.batch, peaks)]));
  // The headline: the hybrid (else the CNN) on the first dataset at the most threads.
  const headline = byCase[(cases.filter((c) => c.model === "hqnn" && c.dataset === o.datasets[0]).at(-1) ?? cases.at(-1)!).id];
  const result = {
    experiment: "bench-training", batch: o.batch, batches: o.batches, warmup: o.warmup, torch_warmup: Math.min(TORCH_WARMUP, o.warmup), rounds: o.rounds,
    reference: {
      script: "bench/torch_reference.py --quantum vectorised", torch: torchVersion, python: TORCH_PYTHON,
      how: "the quantum layer vectorised in complex64 (one unitary per circuit, one batched matmul, one gather for <Y>); " +
        "every round measures both memory formats (contiguous, channels_last) and takes the faster",
    },
    // Ours over the strongest PyTorch's, per case: the ratios the README quotes.
    summary: {
      ratios: Object.fromEntries(Object.entries(byCase).map(([id, s]) => [id, s.ratio.median])),
      min_ratio: r3(Math.min(...Object.values(byCase).map((s) => s.ratio.median))),
      hqnn_train_images_per_s: headline.ours_images_per_s,
      torch_train_images_per_s: headline.torch_images_per_s,
      ratio: headline.ratio.median,
      cores,
      threads: headline.threads,
      note: `medians over ${o.rounds} rounds of ${o.batches} timed steps (after ${o.warmup} warm-up steps for tfjs, ${Math.min(TORCH_WARMUP, o.warmup)} for PyTorch); ` +
        `ratio = ours / PyTorch's images per second at the same thread count; hqnn_* and ratio are the hybrid on ${headline.dataset} at ${headline.threads} thread(s)`,
    },
    backend,
    peak: peaks,
    cases: byCase,
    load_average: { before: loadBefore, after: os.loadavg() },
    provenance: prov.finish(),
  };
  process.stderr.write(`bench train: wrote ${path.relative(process.cwd(), saveBench("bench-training", result))}\n`);
  return result;
}

if (require.main === module) {
  benchTraining().then((r) => process.stdout.write(JSON.stringify(r) + "\n"))
    .catch((e) => { process.stderr.write(`error: ${e.message}\n`); process.exit(1); });
}
