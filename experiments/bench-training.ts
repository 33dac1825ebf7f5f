/**
 * Training throughput of HQNN-Parallel (MNIST-shaped inputs, batch 64, Adam 1e-3) in tfjs on this package's
 * backend, on one thread and data-parallel on every core, and of the same model in PyTorch on CPU (bench/torch_hqnn.py, Debian's python3-torch), measured one
 * after the other in one run so the two see the same machine. Random data: throughput does not depend on it.
 * Run it on an otherwise idle machine; the load average is recorded. A fresh measurement goes to the git-ignored
 * results/local/bench-training-<time>.json; replacing the recorded results/bench-training.json takes RECORD=1.
 * Without the PyTorch reference it stops before measuring anything (MissingReferenceError), never recording nulls.
 */
import * as os from "node:os";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { initBackend } from "../lib/nn/backend";
import { DataParallel } from "../lib/nn/data-parallel";
import { buildParallelModel, Head } from "../lib/nn/models";
import { quantumHead } from "../lib/nn/parallel-head";
import { mulberry32 } from "../lib/nn/train";
import { REPO_ROOT, saveBench, startProvenance } from "../lib/results";
import { median } from "../lib/stats";
import { stepContext, trainStep } from "../lib/nn/step";

const CFG = { inputShape: [28, 28, 1] as [number, number, number], convChannels: [16, 32], classes: 10, n: 20, seed: 1 };

/**
 * Images per second of full training steps (forward, backward, Adam update) at a fixed batch, on one thread or
 * data-parallel on `threads`: the step trainModel takes (lib/nn/step.ts). The first `warmup` steps are timed
 * apart: V8 compiles the hot code during them (on 2 threads the first ~80 steps run at 70-90 % of the later rate),
 * and an MNIST epoch is 938 steps, so the steady rate is what a training run sees.
 */
async function tfjsRate(head: Head, batch: number, batches: number, warmup: number, threads = 1) {
  const model = buildParallelModel(CFG, head, quantumHead);
  const rand = mulberry32(3);
  const x = Float32Array.from({ length: batch * 784 }, rand), labels = Int32Array.from({ length: batch }, (_, i) => i % 10);
  const dp = threads > 1 ? await DataParallel.start({ variant: head, config: CFG }, model, { parties: threads, maxBatch: batch }) : undefined;
  const ctx = stepContext(model, 1e-3, dp);
  const rate = (steps: number) => {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < steps; i++) trainStep(ctx, x, labels, batch, CFG.inputShape, 10);
    return (batch * steps) / (Number(process.hrtime.bigint() - t0) / 1e9);
  };
  try {
    const warmupRate = rate(warmup);
    return { images_per_s: rate(batches), warmup_images_per_s: warmupRate };
  } finally {
    await dp?.stop();
    model.dispose();
  }
}

/** The Python that runs the PyTorch reference: Debian's, where python3-torch installs (HQNN_TORCH_PYTHON overrides). */
const TORCH_PYTHON = process.env.HQNN_TORCH_PYTHON ?? "/usr/bin/python3";

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

function torchRate(batch: number, batches: number, warmup: number, threads: number): { images_per_s: number } & Record<string, unknown> {
  const r = spawnSync(TORCH_PYTHON, [path.join(REPO_ROOT, "bench", "torch_hqnn.py"), "--batch", String(batch),
    "--batches", String(batches), "--warmup", String(warmup), "--threads", String(threads)], { encoding: "utf8" });
  const out = r.status === 0 ? JSON.parse(r.stdout.trim().split("\n").pop()!) : undefined;
  if (typeof out?.images_per_s !== "number") {
    throw new MissingReferenceError(`bench/torch_hqnn.py (${threads} threads) failed: ${(r.stderr || r.error?.message || r.stdout).trim().split("\n").slice(-3).join(" ")}`);
  }
  return out;
}

/** One round of every measurement, tfjs then PyTorch (same warm-up, same timed steps), so each round sees the same machine. */
async function round(batch: number, batches: number, warmup: number, cores: number) {
  const hqnn1 = await tfjsRate("quantum", batch, batches, warmup);
  const cnn1 = await tfjsRate("dense", batch, batches, warmup);
  const hqnnAll = cores > 1 ? await tfjsRate("quantum", batch, batches, warmup, cores) : hqnn1;
  const cnnAll = cores > 1 ? await tfjsRate("dense", batch, batches, warmup, cores) : cnn1;
  const torch2 = torchRate(batch, batches, warmup, 2);
  const torch1 = torchRate(batch, batches, warmup, 1);
  return { hqnn1, cnn1, hqnnAll, cnnAll, torch2, torch1 };
}

/**
 * `rounds` rounds of all measurements (both frameworks' 2-thread rates vary by 10-20 % from run to run here); the summary gives the
 * medians over rounds and their ratio.
 */
export async function benchTraining(opts: { batch?: number; batches?: number; warmup?: number; rounds?: number } = {}) {
  const batch = opts.batch ?? 64, batches = opts.batches ?? 200, warmup = opts.warmup ?? 100, rounds = opts.rounds ?? 5;
  const torchVersion = requireTorch();
  const backend = await initBackend();
  // The benchmark at its documented size is the full one; shrunk by flags (as the tests do) it is a quick one.
  const fullSize = batch === 64 && batches >= 200 && warmup >= 100 && rounds >= 5;
  const prov = startProvenance({ backend, seeds: [1, 3], profile: fullSize ? "full" : "quick" });
  const loadBefore = os.loadavg();
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const all: Awaited<ReturnType<typeof round>>[] = [];
  for (let r = 0; r < rounds; r++) all.push(await round(batch, batches, warmup, cores));
  const med = (f: (x: Awaited<ReturnType<typeof round>>) => number) => median(all.map(f));
  const rate = (t: { images_per_s: number }) => t.images_per_s;
  const hqnn1 = med((x) => x.hqnn1.images_per_s), hqnnAll = med((x) => x.hqnnAll.images_per_s), hqnn = Math.max(hqnn1, hqnnAll);
  const torchHqnn = med((x) => rate(x.torch2));
  const result = {
    experiment: "bench-training", batch, batches, warmup, rounds,
    // Our hybrid's training throughput over PyTorch's (2 threads): the ratio the README quotes.
    summary: {
      hqnn_train_images_per_s: Math.round(hqnn),
      torch_train_images_per_s: Math.round(torchHqnn),
      ratio: Number((hqnn / torchHqnn).toFixed(3)),
      cores,
      threads: hqnnAll >= hqnn1 ? cores : 1,
      note: `medians over ${rounds} rounds of ${batches} timed steps after ${warmup} warm-up steps`,
    },
    tfjs: {
      backend,
      threads_1: { hqnn_images_per_s: hqnn1, cnn_images_per_s: med((x) => x.cnn1.images_per_s),
        warmup_hqnn_images_per_s: med((x) => x.hqnn1.warmup_images_per_s) },
      [`threads_${cores}`]: { hqnn_images_per_s: hqnnAll, cnn_images_per_s: med((x) => x.cnnAll.images_per_s),
        warmup_hqnn_images_per_s: med((x) => x.hqnnAll.warmup_images_per_s), how: "data-parallel worker threads, synchronised BatchNorm" },
    },
    pytorch: { torch: torchVersion, python: TORCH_PYTHON, threads_2: { images_per_s: torchHqnn }, threads_1: { images_per_s: med((x) => rate(x.torch1)) } },
    // Each round measures both frameworks within a couple of minutes: its ratio is robust to slow drift of the machine.
    ratio_per_round: all.map((x) => Number((Math.max(x.hqnn1.images_per_s, x.hqnnAll.images_per_s) / rate(x.torch2)).toFixed(3))),
    rounds_detail: all,
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
