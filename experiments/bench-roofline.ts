/**
 * The roofline of a training step (`bench train --roofline`): for HQNN-Parallel and its CNN on MNIST and CIFAR-10
 * shapes (lib/nn/parallel-setups.ts; `--models`, `--datasets` pick some), one thread, each phase's FLOPs (counted from the shapes, lib/nn/flops.ts),
 * its time, its GFLOP/s and its fraction of the machine's single-thread wasm SIMD peak (lib/nn/simd-peak.ts,
 * measured at start; a native matmul figure beside it when /usr/bin/python3 has torch or numpy).
 *
 * How each phase is timed, over `steps` training steps after `warmup` untimed ones (each figure is the median):
 *  - tfjs kernels: tf.profile of whole training steps (trainStep of lib/nn/step.ts, as the training loop runs it);
 *    each kernel's wall time goes to a phase by its name and its input shapes (which conv block, forward or
 *    backward kernel); the loss's kernels are those between the forward pass's last and the backward pass's
 *    first matrix product, forward and backward together;
 *  - the quantum layer's forward pass runs inside the step as a custom op, timed by tf.profile as one record;
 *  - its backward pass (the engine's adjoint VJP) and Adam run outside tfjs kernels: they are timed in isolation
 *    at the step's shapes;
 *  - "outside kernels": the median over the profiled steps of each step's wall time minus its kernels' times, less
 *    the two isolated phases: the tape, copies between tfjs, the engine and Adam's flat arrays, tensor creation.
 * The rows add up to a profiled step (`profiled_step_ms`, exactly for one step, up to the medians otherwise); the
 * whole step's GFLOP/s uses the median time of unprofiled steps (`step_ms`).
 * A fresh measurement goes to the git-ignored results/local/bench-roofline-<time>.json; RECORD=1 writes
 * results/bench-roofline.json.
 */
import * as os from "node:os";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import * as tf from "@tensorflow/tfjs";
import { FlatAdam } from "../lib/nn/adam";
import { initBackend } from "../lib/nn/backend";
import { ConvShape, convShapes, parallelCircuit, PhaseFlops, stepFlops, trainableWeightCount } from "../lib/nn/flops";
import { buildParallelModel, Head, ModelConfig } from "../lib/nn/models";
import { quantumHead, PARALLEL_LAYERS, PARALLEL_QUBITS } from "../lib/nn/parallel-head";
import { PARALLEL_SETUPS } from "../lib/nn/parallel-setups";
import { measureSimdPeak, relaxedSimdAvailable } from "../lib/nn/simd-peak";
import { stepContext, StepContext, trainStep } from "../lib/nn/step";
import { mulberry32, uniform, vjp } from "../lib/quantum";
import { saveBench, startProvenance } from "../lib/results";
import { median } from "../lib/stats";
import { BENCH_DATASETS, BENCH_MODELS, BenchDataset, BenchModel, TORCH_PYTHON } from "./bench-training-cases";

/** The tfjs head of each model `bench train` names. */
const HEADS: Record<BenchModel, Head> = { hqnn: "quantum", cnn: "dense" };

interface KernelRecord { name: string; shapes: number[][]; ms: number }

/** What the classifier needs to know about a model: its convolutions and the quantum layer's weight shape. */
interface Layout { convs: ConvShape[]; quantumWeights: number[] }

/** The kernels a function runs, with their wall times, in order. */
async function profileKernels(fn: () => void): Promise<KernelRecord[]> {
  const info = await tf.profile(fn);
  return Promise.all(info.kernels.map(async (k) => {
    const ms = await k.kernelTimeMs;
    if (typeof ms !== "number") throw new Error(`tf.profile: no time for kernel ${k.name} (${JSON.stringify(ms)})`);
    return { name: k.name, shapes: k.inputShapes.map((s) => s ?? []), ms };
  }));
}

const same = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The 1-based conv block whose convolution outputs [N, h, w, c], or 0. */
function blockOf(layout: Layout, shape: number[]): number {
  return shape.length === 4 ? layout.convs.findIndex((s) => s.h === shape[1] && s.w === shape[2] && s.co === shape[3]) + 1 : 0;
}

const CONV_BACKWARD: Record<string, [number, string]> = { Conv2DBackpropInput: [0, "input grad"], Conv2DBackpropFilter: [1, "filter grad"] };
/** tfjs's ReLU gradient: step(x), cast, times dy. */
const RELU_BACKWARD = new Set(["Step", "Cast", "Multiply"]);
const FORWARD_OR_BACKWARD: Record<string, [string, string]> = {
  HqnnBatchNormTrain: ["bn", "forward"], HqnnBatchNormTrainGrad: ["bn", "backward"],
  MaxPool: ["pool", "forward"], MaxPoolGrad: ["pool", "backward"],
};

/** The phase of a kernel of a BatchNorm, ReLU, pooling or dense layer, by its name and the shape of its input. */
function layerPhase(r: KernelRecord, layout: Layout): string | undefined {
  const block = blockOf(layout, r.shapes[r.name === "MaxPoolGrad" ? 1 : 0]), rank = r.shapes[0].length;
  const named = FORWARD_OR_BACKWARD[r.name];
  if (named && block) return `${named[0]}${block} ${named[1]}`;
  if (named && named[0] === "bn" && rank === 2) return `head bn ${named[1]}`;
  const relu = r.name === "Relu" ? "forward" : RELU_BACKWARD.has(r.name) && (block || rank === 2) ? "backward" : undefined;
  if (relu) return block ? `relu${block} ${relu}` : `head relu ${relu}`;
  if (r.name === "_FusedMatMul") return "dense forward";
  if (r.name === "BatchMatMul" || (r.name === "Sum" && rank === 3)) return "dense backward";
  if ((r.name === "Sub" || r.name === "Multiply") && rank === 1) return "bn running stats";
  return undefined;
}

/** The phase of a convolution kernel (forward, input or filter gradient, bias add or bias gradient). */
function convPhase(r: KernelRecord, layout: Layout): string | undefined {
  if (r.name === "Conv2D") {
    const [, , ci, co] = r.shapes[1];
    const b = layout.convs.findIndex((s) => s.h === r.shapes[0][1] && s.ci === ci && s.co === co) + 1;
    return b ? `conv${b} forward` : undefined;
  }
  const backward = CONV_BACKWARD[r.name];
  if (backward) return `conv${blockOf(layout, r.shapes[backward[0]])} ${backward[1]}`;
  const block = blockOf(layout, r.shapes[0]);
  if (r.name === "Add" && block && r.shapes[1]?.length === 1) return `conv${block} forward`;
  if (r.name === "Sum" && block) return `conv${block} bias grad`;
  return undefined;
}

/**
 * The phase of one kernel record, or undefined for a scope record (a custom op's or a fused op's wrapper, whose
 * time is that of the kernels recorded inside it) other than the quantum layer's forward pass.
 */
function phaseOf(r: KernelRecord, layout: Layout, inLoss: boolean): string | undefined {
  if (r.name === "Identity" || r.name === "Reshape") return "bookkeeping kernels";
  if (!tf.getKernel(r.name, tf.getBackend())) return r.shapes.some((s) => same(s, layout.quantumWeights)) ? "quantum forward" : undefined;
  if (inLoss) return "loss";
  return convPhase(r, layout) ?? layerPhase(r, layout) ?? "other kernels";
}

/**
 * Milliseconds per phase of one profiled step. The loss (forward and backward) is every kernel between the forward
 * pass's last dense layer (a fused matrix product with bias) and the backward pass's first matrix product.
 */
function attribute(records: KernelRecord[], layout: Layout): Map<string, number> {
  const lossStart = records.map((r) => r.name).lastIndexOf("_FusedMatMul");
  const lossEnd = records.findIndex((r) => r.name === "BatchMatMul");
  if (lossStart < 0 || lossEnd < lossStart) throw new Error("bench roofline: no dense layer found in the profiled step's kernels");
  const ms = new Map<string, number>();
  records.forEach((r, i) => {
    const phase = phaseOf(r, layout, i > lossStart && i < lossEnd);
    if (phase) ms.set(phase, (ms.get(phase) ?? 0) + r.ms);
  });
  return ms;
}

/** Median milliseconds of `fn` over `repeats` calls. */
function medianMs(fn: () => void, repeats: number): number {
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** The quantum layer's backward pass (one adjoint VJP per circuit over the batch) and Adam, timed in isolation. */
function isolatedPhases(cfg: ModelConfig, head: Head, batch: number, repeats: number): Map<string, number> {
  const rand = mulberry32(5), out = new Map<string, number>();
  if (head === "quantum") {
    const { circuit, nCircuits } = parallelCircuit(cfg.n), q = circuit.nWires;
    const inputs = uniform(rand, batch * q, -Math.PI, Math.PI), weights = uniform(rand, circuit.nWeights, 0, 2 * Math.PI);
    const upstream = uniform(rand, batch * q, -1, 1);
    const run = () => { for (let k = 0; k < nCircuits; k++) vjp(circuit, inputs, weights, batch, upstream); };
    for (let i = 0; i < 5; i++) run();
    out.set("quantum backward", medianMs(run, repeats));
  }
  const size = trainableWeightCount(cfg, head), adam = new FlatAdam(size, 1e-3);
  const w = Float32Array.from(uniform(rand, size, -0.1, 0.1)), g = Float32Array.from(uniform(rand, size, -0.01, 0.01));
  for (let i = 0; i < 5; i++) adam.step(w, g);
  out.set("adam", medianMs(() => adam.step(w, g), repeats));
  return out;
}

interface Batch { x: Float32Array; labels: Int32Array; shape: [number, number, number]; classes: number; n: number }

/** n random images of a dataset's shape, labels cycling through the classes: throughput does not depend on the data. */
function randomBatch(shape: [number, number, number], classes: number, n: number): Batch {
  const rand = mulberry32(3), size = shape.reduce((a, b) => a * b, 1);
  return { x: Float32Array.from({ length: n * size }, rand), labels: Int32Array.from({ length: n }, (_, i) => i % classes), shape, classes, n };
}

/** Key of a profiled step's time outside tfjs kernels: its wall time minus its kernels' times. */
const OUTSIDE = "outside kernels";

/** Median ms per phase over `steps` profiled training steps, OUTSIDE included, and their median wall time. */
async function profiledPhases(ctx: StepContext, b: Batch, layout: Layout, steps: number): Promise<{ phases: Map<string, number>; wallMs: number }> {
  const perStep: Map<string, number>[] = [], walls: number[] = [];
  for (let s = 0; s < steps; s++) {
    let wall = 0;
    const records = await profileKernels(() => {
      const t0 = performance.now();
      trainStep(ctx, b.x, b.labels, b.n, b.shape, b.classes);
      wall = performance.now() - t0;
    });
    const ms = attribute(records, layout);
    ms.set(OUTSIDE, wall - [...ms.values()].reduce((a, c) => a + c, 0));
    perStep.push(ms);
    walls.push(wall);
  }
  const phases = new Set(perStep.flatMap((m) => [...m.keys()]));
  return { phases: new Map([...phases].map((p) => [p, median(perStep.map((m) => m.get(p) ?? 0))])), wallMs: median(walls) };
}

interface PhaseRow { phase: string; flops: number; ms: number; gflops: number | null; fraction_of_peak: number | null; timing: string }

const round = (x: number, digits: number) => Number(x.toFixed(digits));

function row(phase: string, flops: number, ms: number, peak: number, timing: string): PhaseRow {
  const gflops = flops > 0 && ms > 0 ? flops / ms / 1e6 : null;
  return { phase, flops, ms: round(ms, 3), gflops: gflops === null ? null : round(gflops, 2),
    fraction_of_peak: gflops === null ? null : round(gflops / peak, 3), timing };
}

/**
 * The rows of one model: every counted phase, then the kernels no phase claims, then the time outside kernels
 * less the phases timed in isolation (which run there).
 */
function rows(flops: PhaseFlops[], profiled: Map<string, number>, isolated: Map<string, number>, peak: number): PhaseRow[] {
  const counted = flops.map((f) => row(f.phase, f.flops, isolated.get(f.phase) ?? profiled.get(f.phase) ?? 0,
    peak, isolated.has(f.phase) ? "isolated" : "tf.profile"));
  const known = new Set([...flops.map((f) => f.phase), OUTSIDE]);
  const extra = [...profiled].filter(([p]) => !known.has(p)).map(([p, ms]) => row(p, 0, ms, peak, "tf.profile"));
  const outside = (profiled.get(OUTSIDE) ?? 0) - [...isolated.values()].reduce((a, c) => a + c, 0);
  return [...counted, ...extra, row(OUTSIDE, 0, outside, peak, "remainder")];
}

/** One model's roofline: the step's median wall time, then its phases. */
async function modelRoofline(dataset: BenchDataset, head: Head, opts: RooflineOptions, peak: number) {
  const setup = PARALLEL_SETUPS[dataset], cfg: ModelConfig = { ...setup.model, inputShape: setup.shape, seed: 1 };
  const model = buildParallelModel(cfg, head, quantumHead), ctx = stepContext(model, 1e-3);
  const b = randomBatch(setup.shape, cfg.classes, opts.batch);
  try {
    for (let i = 0; i < opts.warmup; i++) trainStep(ctx, b.x, b.labels, b.n, b.shape, b.classes);
    const stepMs = medianMs(() => trainStep(ctx, b.x, b.labels, b.n, b.shape, b.classes), opts.steps);
    const layout = { convs: convShapes(cfg), quantumWeights: [cfg.n / PARALLEL_QUBITS, PARALLEL_LAYERS, PARALLEL_QUBITS, 3] };
    const profiled = await profiledPhases(ctx, b, layout, opts.steps);
    const flops = stepFlops(cfg, head, opts.batch), total = flops.reduce((s, f) => s + f.flops, 0);
    const phases = rows(flops, profiled.phases, isolatedPhases(cfg, head, opts.batch, opts.steps), peak);
    return { dataset, head, step_ms: round(stepMs, 3), profiled_step_ms: round(profiled.wallMs, 3), flops: total,
      gflops: round(total / stepMs / 1e6, 2), fraction_of_peak: round(total / stepMs / 1e6 / peak, 3), phases };
  } finally {
    model.dispose();
  }
}

const NATIVE_SCRIPT = `
import json, time
try:
    import torch
    torch.set_num_threads(1)
    a, b = torch.rand(1024, 1024), torch.rand(1024, 1024)
    mm, how = (lambda: torch.mm(a, b)), "PyTorch %s torch.mm" % torch.__version__
except ImportError:
    import numpy as np
    a, b = np.random.rand(1024, 1024).astype(np.float32), np.random.rand(1024, 1024).astype(np.float32)
    mm, how = (lambda: a @ b), "NumPy %s matmul" % np.__version__
for _ in range(3): mm()
best = 0.0
for _ in range(10):
    t = time.perf_counter(); mm(); best = max(best, 2 * 1024 ** 3 / (time.perf_counter() - t) / 1e9)
print(json.dumps({"gflops": round(best, 2), "how": how + ", float32 1024x1024, 1 thread, best of 10"}))
`;

/**
 * A native convolution's rate: PyTorch's (oneDNN) forward 3x3 convolution, 64 -> 64 channels on 64 images of 32x32,
 * channels-last, 1 thread, best of 10: what the CPU gives native code on the operation our steps spend most time in.
 * (Debian's torch.mm above goes through a generic BLAS here and is no measure of the machine.)
 */
const NATIVE_CONV_SCRIPT = `
import json, time, torch
torch.set_num_threads(1)
x = torch.rand(64, 64, 32, 32).contiguous(memory_format=torch.channels_last)
conv = torch.nn.Conv2d(64, 64, 3, padding=1, bias=False).to(memory_format=torch.channels_last)
flops = 2 * 64 * 32 * 32 * 64 * 9 * 64
with torch.no_grad():
    for _ in range(3): conv(x)
    best = 0.0
    for _ in range(10):
        t = time.perf_counter(); conv(x); best = max(best, flops / (time.perf_counter() - t) / 1e9)
print(json.dumps({"gflops": round(best, 2), "how": "PyTorch %s conv2d forward (oneDNN), 3x3, 64->64 channels, 64 images of 32x32, channels-last, float32, 1 thread, best of 10" % torch.__version__}))
`;

/** A native single-thread float32 rate (the matmul, or the script given), for scale; null with the reason when Python with torch (or numpy) cannot run it. */
function nativePeak(script = NATIVE_SCRIPT): { gflops: number; how: string } | { gflops: null; why: string } {
  const threads = { OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1", MKL_NUM_THREADS: "1" };
  const r = spawnSync(TORCH_PYTHON, ["-c", script], { encoding: "utf8", env: { ...process.env, ...threads } });
  if (r.status === 0) return JSON.parse(r.stdout.trim().split("\n").pop()!);
  return { gflops: null, why: (r.stderr || r.error?.message || "python3 failed").trim().split("\n").pop()! };
}

interface RooflineOptions { batch: number; steps: number; warmup: number }

function printTable(model: Awaited<ReturnType<typeof modelRoofline>>, peak: number): void {
  const fmt = (x: number | null, d: number) => (x === null ? "-" : x.toFixed(d));
  const lines = [`${model.dataset} ${model.head}: step ${model.step_ms.toFixed(1)} ms (profiled ${model.profiled_step_ms.toFixed(1)} ms), ${(model.flops / 1e6).toFixed(1)} MFLOP, ` +
    `${model.gflops} GFLOP/s = ${(100 * model.fraction_of_peak).toFixed(1)} % of the wasm peak (${peak.toFixed(1)} GFLOP/s)`,
  `  ${"phase".padEnd(22)} ${"MFLOP".padStart(9)} ${"ms".padStart(8)} ${"GFLOP/s".padStart(8)} ${"of peak".padStart(8)}  timing`];
  for (const r of model.phases) {
    lines.push(`  ${r.phase.padEnd(22)} ${(r.flops / 1e6).toFixed(2).padStart(9)} ${r.ms.toFixed(2).padStart(8)} ` +
      `${fmt(r.gflops, 2).padStart(8)} ${(r.fraction_of_peak === null ? "-" : (100 * r.fraction_of_peak).toFixed(1) + " %").padStart(8)}  ${r.timing}`);
  }
  process.stderr.write(lines.join("\n") + "\n");
}

/**
 * The same peak with relaxed-SIMD's fused multiply-add, where this Node runs it: what a kernel using FMA could reach.
 * The kernels that train (XNNPACK's, ours) use none, so fractions of peak stay against the plain peak.
 */
function fusedSimdPeak() {
  if (!relaxedSimdAvailable()) return { gflops: null, why: "this Node has no relaxed-SIMD" };
  const m = measureSimdPeak({ fused: true });
  return { ...m, gflops: round(m.gflops, 2), runs: m.runs.map((x) => round(x, 2)), how: "the same chains with f32x4.relaxed_madd (fused where the CPU has FMA)" };
}

/** The roofline of every model on every dataset asked for (default: all); prints a table per model on stderr and saves the result. */
export async function benchRoofline(opts: { batch?: number; batches?: number; warmup?: number; models?: BenchModel[]; datasets?: BenchDataset[] } = {}) {
  const options: RooflineOptions = { batch: opts.batch ?? 64, steps: opts.batches ?? 200, warmup: opts.warmup ?? 100 };
  const backend = await initBackend();
  const prov = startProvenance({ backend, seeds: [1, 3], profile: options.batch === 64 && options.steps >= 200 ? "full" : "quick" });
  const loadBefore = os.loadavg();
  const wasmPeak = measureSimdPeak(), fusedPeak = fusedSimdPeak(), native = nativePeak(), nativeConv = nativePeak(NATIVE_CONV_SCRIPT);
  process.stderr.write(`bench roofline: wasm SIMD peak ${wasmPeak.gflops.toFixed(1)} GFLOP/s (1 thread); with relaxed-SIMD FMA ` +
    `${fusedPeak.gflops?.toFixed(1) ?? "-"}; native matmul ${native.gflops ?? "-"}, native convolution ${nativeConv.gflops ?? "-"} GFLOP/s\n`);
  const models = [];
  for (const dataset of opts.datasets ?? BENCH_DATASETS) {
    for (const model of opts.models ?? BENCH_MODELS) {
      const m = await modelRoofline(dataset, HEADS[model], options, wasmPeak.gflops);
      printTable(m, wasmPeak.gflops);
      models.push(m);
    }
  }
  const result = {
    experiment: "bench-roofline", batch: options.batch, steps: options.steps, warmup: options.warmup, backend, threads: 1,
    peak: { wasm_simd_gflops: round(wasmPeak.gflops, 2), wasm_simd: { ...wasmPeak, runs: wasmPeak.runs.map((x) => round(x, 2)),
      how: "f32x4 mul + add chains, independent accumulators, best of the timed calls (lib/nn/simd-peak.ts)" },
      wasm_relaxed_fma: fusedPeak, native, native_conv: nativeConv },
    flop_conventions: "lib/nn/flops.ts: a multiply-add is 2 FLOPs, padded convolution taps count, the quantum layer's float64 state-vector arithmetic is a lower bound, the loss is approximate",
    models,
    load_average: { before: loadBefore, after: os.loadavg() },
    provenance: prov.finish(),
  };
  process.stderr.write(`bench roofline: wrote ${path.relative(process.cwd(), saveBench("bench-roofline", result))}\n`);
  return result;
}
