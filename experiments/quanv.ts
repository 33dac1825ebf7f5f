/**
 * Section 2.3: HQNN-Quanv against CNN1 and CNN4 on 600 MNIST images (500 train / 100 test), 20 epochs,
 * 10 random initialisations per model; then the same on other random 600-image subsets, and the time each
 * gradient method of the engine takes to train the HQNN.
 *
 *   node --import tsx experiments/quanv.ts [main] [readings] [lr] [subsets] [timing]     (default: all five)
 *
 * main: the primary reading (stride 4, RY); readings: RX rotations and the stride-2 reading; lr: the same with
 * Adam lr 1e-2 (sensitivity); subsets: other random 600-image subsets; timing: the three gradient methods.
 *
 * PROFILE=full writes results/quanv-*.json; PROFILE=quick (default) runs 2 seeds x 2 epochs on 100/50 images
 * (subsets: 2 subsets, timing: one epoch on 100 images) and writes results/quick/quanv-*.json.
 * Resumable (full profile): a result file with the same configuration keeps its finished seeds, and a complete one
 * is left as it is (delete it to start afresh); a seed interrupted mid-run resumes after its last finished epoch
 * from checkpoints/quanv/<id>/seed-<n>/ (the one training loop of lib/nn/train.ts, via lib/nn/quanv-job.ts; the
 * folder goes once the seed is done). Quick runs always train afresh.
 * Progress goes to stderr; stdout gets one JSON summary line. Bad arguments exit with code 2, a failed run with 1
 * (conventions: lib/cli/args.ts).
 */
import * as os from "node:os";
import * as path from "node:path";
import { parseCommand, runCli, UsageError } from "../lib/cli/args";
import { createRng, Dataset, deriveSeed, loadDataset, permutation } from "../lib/data";
import { initBackend } from "../lib/nn/backend";
import { CLAIMS } from "../lib/claims";
import {
  buildQuanvModel, KernelRotation, prepareQuanvImages, quanvKernelCircuit, QuanvModelKind, quanvParamCounts, quanvPool,
  QuanvSeedJob, QuanvTrainConfig, SeedRun, trainQuanv, trainQuanvSeed,
} from "../lib/nn/quanv";
import { engineStats } from "../lib/nn/quantum-layer";
import { ImageSet } from "../lib/nn/train";
import { defaultThreads, ThreadPool } from "../lib/nn/thread-pool";
import { DiffMethod, DIFF_METHODS, forward, vjp } from "../lib/quantum";
import { getProfile, Profile, QUANV_VARIANTS, QuanvRunId, QuanvSubsets, QuanvVariant, readResult, REPO_ROOT, RESULTS_DIR, startProvenance, variantLearningRate, writeResult } from "../lib/results";
import { aggregateRuns, meanStd, median } from "../lib/stats";

export { quanvPool };

/** A model's final test accuracy in the paper (mean ± std over 10 models, section 2.3.3), read from the claims registry. */
function paperQuanv(kind: QuanvModelKind): { mean: number; std: number } {
  const id = `quanv-${kind}-acc`;
  const m = CLAIMS.find((c) => c.id === id)?.paper?.match(/^(\d*\.?\d+) ± (\d*\.?\d+)$/);
  if (!m) throw new Error(`claims registry: ${id} does not hold the paper's accuracy as "mean ± std"`);
  return { mean: Number(m[1]), std: Number(m[2]) };
}

/** The paper's final test accuracies (mean ± std over 10 models), section 2.3.3. */
export const PAPER_QUANV = { hqnn: paperQuanv("hqnn"), cnn4: paperQuanv("cnn4"), cnn1: paperQuanv("cnn1") };

/**
 * Two readings of the paper's geometry. "stride4" reproduces both stated shapes (14x14 input, "each channel
 * is a picture with 4x4 pixels") with the stated 2x2 kernel and no padding; it reads only the 2x2 top-left
 * corner of every 4x4 block (64 of 196 pixels). "stride2" is the usual quanvolution (non-overlapping 2x2
 * patches covering the whole image), which gives 7x7 channels instead of the stated 4x4.
 */
export const READINGS = {
  stride4: { stride: 4, channel_side: 4, note: "2x2 kernel, stride 4, no padding on 14x14: 4x4 maps (the stated shape); reads 64 of the 196 pixels" },
  stride2: { stride: 2, channel_side: 7, note: "2x2 kernel, stride 2, no padding on 14x14: 7x7 maps (covers every pixel once; not the stated 4x4)" },
} as const;
export type ReadingId = keyof typeof READINGS;

export interface Variant {
  id: QuanvRunId; kind: QuanvModelKind; reading: ReadingId; rotation: KernelRotation;
  /** Overrides the protocol's learning rate (the sensitivity check only). */
  learningRate?: number;
}

/** The catalogue's variants of one --part (lib/results/catalogue.ts holds the list). */
const variantsOf = (part: QuanvVariant["part"]): Variant[] => QUANV_VARIANTS.filter((v) => v.part === part).map((v) => ({
  id: v.id, kind: v.model, reading: v.reading, rotation: v.rotation, learningRate: variantLearningRate(v),
}));

/** The primary reading (stride4, RY) has the plain file names (results/quanv-<model>.json); the others carry their reading in the id. */
export const MAIN_VARIANTS = variantsOf("main");
export const READING_VARIANTS = variantsOf("readings");
/**
 * Sensitivity to the optimiser choice the paper leaves open: the same three models, both readings, with Adam
 * lr 1e-2 instead of the protocol's 1e-3 (everything else unchanged).
 */
export const LR_VARIANTS = variantsOf("lr");

const IMAGE_SIZE = 14;
const CLASSES = 10;

/** Everything that fixes the protocol of a profile. Optimiser settings are identical for all models. */
export function quanvProtocol(profile: Profile) {
  const full = profile === "full";
  return {
    profile,
    train_n: full ? 500 : 100,
    test_n: full ? 100 : 50,
    seeds: full ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] : [1, 2],
    epochs: full ? 20 : 2,
    batch_size: 10,
    learning_rate: 1e-3,
    optimizer: "Adam (beta1 0.9, beta2 0.999, epsilon 1e-8: PyTorch's defaults), no weight decay",
    loss: "softmax cross-entropy, mean over the mini-batch",
    image_size: IMAGE_SIZE,
    resize: "antialiased bilinear 28x28 -> 14x14 (PIL BILINEAR, what torchvision Resize does on a PIL image), rounded to uint8, / 255",
    shuffle: "training order reshuffled every epoch from (seed, epoch); the seed also fixes the initial weights",
    init: "quantum weights U[0, 2pi) (PennyLane TorchLayer default); conv kernels and dense layers U(+-1/sqrt(fan_in)) (PyTorch default)",
    subsets: { count: full ? 5 : 2, seeds_each: full ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] : [1, 2] },
    timing_repeats: full ? 5 : 1,
  };
}
export type QuanvProtocol = ReturnType<typeof quanvProtocol>;

function log(s: string) {
  process.stderr.write(s + "\n");
}

function resultsDir(profile: Profile): string {
  return profile === "full" ? RESULTS_DIR : path.join(RESULTS_DIR, "quick");
}

function labelCounts(set: ImageSet): number[] {
  const counts = new Array(CLASSES).fill(0);
  set.labels.forEach((l) => counts[l]++);
  return counts;
}

export interface QuanvData { mnist: Dataset; train: ImageSet; test: ImageSet; description: string }

/** The first train_n images of the MNIST training file and the first test_n of the test file, resized. */
export function firstImages(mnist: Dataset, proto: QuanvProtocol): QuanvData {
  const range = (n: number) => Int32Array.from({ length: n }, (_, i) => i);
  return {
    mnist,
    train: prepareQuanvImages(mnist.train, range(proto.train_n), IMAGE_SIZE),
    test: prepareQuanvImages(mnist.test, range(proto.test_n), IMAGE_SIZE),
    description: `the first ${proto.train_n} images of MNIST's training file and the first ${proto.test_n} of its test file (idx order)`,
  };
}

/** A seeded random subset: train_n of the 60,000 training images, test_n of the 10,000 test images. */
export function seededImages(mnist: Dataset, proto: QuanvProtocol, subsetSeed: number): QuanvData & { trainIndices: number[]; testIndices: number[] } {
  const pick = (n: number, count: number, part: number) =>
    Array.from(permutation(n, createRng(deriveSeed(subsetSeed, part))).subarray(0, count)).sort((a, b) => a - b);
  const trainIndices = pick(mnist.train.n, proto.train_n, 1), testIndices = pick(mnist.test.n, proto.test_n, 2);
  return {
    mnist, trainIndices, testIndices,
    train: prepareQuanvImages(mnist.train, trainIndices, IMAGE_SIZE),
    test: prepareQuanvImages(mnist.test, testIndices, IMAGE_SIZE),
    description: `subset seed ${subsetSeed}: ${proto.train_n} training and ${proto.test_n} test images drawn without replacement ` +
      "(xoshiro128** permutation from lib/data, deriveSeed(subset, 1) / (subset, 2))",
  };
}

function describeModel(v: Variant): string {
  const r = READINGS[v.reading];
  const side = r.channel_side;
  const first = v.kind === "hqnn"
    ? `quanvolution 2x2, stride ${r.stride}: RY(pi*pixel) embedding, ${v.rotation}(w_i) on each of 4 wires, CNOT(0,1) CNOT(1,2) CNOT(2,3), <Z> on each wire -> 4 x ${side}x${side}`
    : `conv 2x2, stride ${r.stride}, ${v.kind === "cnn1" ? 1 : 4} filter(s), no bias, ReLU -> ${v.kind === "cnn1" ? 1 : 4} x ${side}x${side}`;
  return `${first}; flatten; dense (with bias) to 10 logits`;
}

function trainConfig(proto: QuanvProtocol, seed: number): QuanvTrainConfig {
  return { epochs: proto.epochs, batchSize: proto.batch_size, learningRate: proto.learning_rate, seed, classes: CLASSES };
}

/** The model of a variant, without its seed. */
function modelConfig(v: Variant) {
  return { kind: v.kind, imageSize: IMAGE_SIZE, stride: READINGS[v.reading].stride, rotation: v.rotation, classes: CLASSES };
}

/** Where the full profile keeps the checkpoints of a run's unfinished seeds (quick runs train afresh in temporary folders). */
function checkpointRoot(proto: QuanvProtocol, ...parts: string[]): string | undefined {
  return proto.profile === "full" ? path.join(REPO_ROOT, "checkpoints", ...parts) : undefined;
}

function withVariant(proto: QuanvProtocol, v: Variant): QuanvProtocol {
  return v.learningRate === undefined ? proto : { ...proto, learning_rate: v.learningRate };
}

/**
 * Trains one variant for the given seeds (lib/nn/quanv-job.ts, through the one training loop), in a thread pool
 * when one is given (the seeds are independent, so each core takes one; the results are the same as in-process);
 * `onSeed` sees every finished seed, runs in seed order. With `checkpoints`, an unfinished seed resumes from
 * <checkpoints>/seed-<seed>.
 */
export async function runSeeds(v: Variant, data: QuanvData, proto: QuanvProtocol, seeds: number[], tag: string, done: SeedRun[] = [],
  onSeed?: (runs: SeedRun[]) => void, pool?: ThreadPool, checkpoints?: string): Promise<SeedRun[]> {
  const runs = [...done];
  const record = (r: SeedRun) => {
    runs.push(r);
    runs.sort((a, b) => a.seed - b.seed);
    onSeed?.(runs);
  };
  const todo = seeds.filter((seed) => !runs.some((r) => r.seed === seed));
  const p = withVariant(proto, v);
  const job = (seed: number): QuanvSeedJob => ({
    model: modelConfig(v), config: { epochs: p.epochs, batchSize: p.batch_size, learningRate: p.learning_rate, classes: CLASSES },
    train: data.train, test: data.test, seed, tag, checkpointDir: checkpoints && path.join(checkpoints, `seed-${seed}`),
  });
  if (!pool) for (const seed of todo) record(await trainQuanvSeed(job(seed)));
  else await Promise.all(todo.map(async (seed) => record(await pool.run<SeedRun>(job(seed)))));
  return runs;
}

/** One variant on the first 600 images: results/<id>.json (the QuanvResult shape of lib/figures/quanv.ts), rewritten after every seed. */
export async function runVariant(v: Variant, data: QuanvData, proto: QuanvProtocol, backend: string, pool?: ThreadPool) {
  const dir = resultsDir(proto.profile);
  const probe = buildQuanvModel({ ...modelConfig(v), seed: 0 });
  const counts = quanvParamCounts(probe);
  probe.dispose();
  const config = {
    ...withVariant(proto, v), subsets: undefined, timing_repeats: undefined,
    stride: READINGS[v.reading].stride, rotation: v.kind === "hqnn" ? v.rotation : null, diff_method: v.kind === "hqnn" ? "adjoint" : "tfjs autodiff",
    conv_bias: v.kind === "hqnn" ? null : false, conv_activation: v.kind === "hqnn" ? null : "relu",
  };
  const previous = proto.profile === "full" ? readResult(v.id, dir) : undefined; // quick runs always train afresh
  const done: SeedRun[] = previous && JSON.stringify(previous.config) === JSON.stringify(JSON.parse(JSON.stringify(config))) ? previous.per_seed : [];
  if (done.length === proto.seeds.length) {
    log(`[${v.id}] complete in ${path.relative(process.cwd(), dir)}/${v.id}.json: nothing to do (delete the file to re-run)`);
    return done;
  }
  if (done.length) log(`[${v.id}] resuming: ${done.length} seed(s) already in ${path.relative(process.cwd(), dir)}/${v.id}.json`);
  const prov = startProvenance({ backend, seeds: proto.seeds });
  const priorWall = done.length ? previous?.provenance?.wall_s ?? 0 : 0;
  const write = (runs: SeedRun[]) => {
    writeResult(v.id, {
      experiment: v.id,
      status: runs.length === proto.seeds.length ? "complete" : `running (${runs.length}/${proto.seeds.length} seeds)`,
      reading: { id: v.reading, rotation: v.kind === "hqnn" ? v.rotation : null, ...READINGS[v.reading] },
      model: { kind: v.kind, description: describeModel(v) },
      dataset: {
        name: "mnist", source: { kind: data.mnist.source.kind, id: data.mnist.source.id, variant: data.mnist.source.variant },
        selection: data.description, train: data.train.n, test: data.test.n, input_shape: data.train.shape,
        train_label_counts: labelCounts(data.train), test_label_counts: labelCounts(data.test),
      },
      seeds: proto.seeds,
      per_seed: runs,
      aggregate: aggregateRuns(runs),
      kernel_params: counts.kernel_params,
      total_params: counts.total_params,
      paper: PAPER_QUANV[v.kind],
      config,
      provenance: prov.finish(priorWall),
    }, dir);
  };
  const runs = await runSeeds(v, data, proto, proto.seeds, v.id, done, write, pool, checkpointRoot(proto, "quanv", v.id));
  write(runs);
  return runs;
}

/** The three models (primary reading) on other random 600-image subsets: results/quanv-subsets.json. */
export async function runSubsets(mnist: Dataset, proto: QuanvProtocol, backend: string, pool?: ThreadPool) {
  const prov = startProvenance({ backend, seeds: proto.subsets.seeds_each });
  const subsets: QuanvSubsets["subsets"] = [];
  for (let s = 1; s <= proto.subsets.count; s++) {
    const data = seededImages(mnist, proto, s);
    const models: QuanvSubsets["subsets"][number]["models"] = {};
    for (const v of MAIN_VARIANTS) {
      const runs = await runSeeds(v, data, { ...proto, seeds: proto.subsets.seeds_each }, proto.subsets.seeds_each, `subset ${s} ${v.kind}`, [], undefined, pool,
        checkpointRoot(proto, "quanv-subsets", `subset-${s}`, v.id));
      const agg = aggregateRuns(runs);
      models[v.kind] = {
        final: agg.final,
        final_per_seed: runs.map((r) => ({ seed: r.seed, ...r.epochs[r.epochs.length - 1] })),
        test_acc_mean_per_epoch: agg.per_epoch.map((e) => e.test_acc_mean),
      };
    }
    subsets.push({
      subset_seed: s, selection: data.description, train_indices: data.trainIndices, test_indices: data.testIndices,
      train_label_counts: labelCounts(data.train), test_label_counts: labelCounts(data.test), models,
    });
  }
  const finalOf = (sub: (typeof subsets)[number], kind: string): number => sub.models[kind].final!.test_acc_mean;
  const differences = (a: string, b: string) => {
    const d = subsets.map((sub) => finalOf(sub, a) - finalOf(sub, b));
    return { per_subset: d, ...meanStd(d), positive_in: d.filter((x) => x > 0).length };
  };
  return writeResult("quanv-subsets", {
    experiment: "quanv-subsets",
    reading: { id: "stride4", rotation: "RY", ...READINGS.stride4 },
    question: "does the paper's ordering (HQNN-Quanv ~ CNN4 > CNN1) hold on other random 600-image subsets?",
    subsets,
    summary: {
      final_test_acc_mean: Object.fromEntries(MAIN_VARIANTS.map((v) => [v.kind, meanStd(subsets.map((sub) => finalOf(sub, v.kind)))])),
      hqnn_minus_cnn4: differences("hqnn", "cnn4"),
      hqnn_minus_cnn1: differences("hqnn", "cnn1"),
      cnn4_minus_cnn1: differences("cnn4", "cnn1"),
      note: "per subset: mean final test accuracy over the seeds; differences of those means; std = sample std over subsets",
    },
    config: { ...proto, seeds: proto.subsets.seeds_each },
    provenance: prov.finish(),
  }, resultsDir(proto.profile));
}

/**
 * One epoch of HQNN-Quanv training (same seed, same data) per gradient method, repeated in rounds that
 * alternate the methods so that a change in machine load hits all of them alike; plus the engine alone
 * (one vjp over a batch of patches) per method.
 */
async function timeTraining(data: QuanvData, proto: QuanvProtocol, reading: ReadingId) {
  const methods: Record<string, { seconds: number[]; engine_vjp_s: number[]; engine_forward_s: number[]; epoch_train_loss: number; test_loss: number; test_acc: number; kernel_after: number[] }> = {};
  for (let round = 0; round <= proto.timing_repeats; round++) { // round 0 warms up (JIT, caches) and is not recorded
    for (const method of DIFF_METHODS) {
      const stats = engineStats();
      const model = buildQuanvModel({ kind: "hqnn", imageSize: IMAGE_SIZE, stride: READINGS[reading].stride, classes: CLASSES, seed: 1, diffMethod: method, engineStats: stats });
      const t0 = performance.now();
      const [e] = await trainQuanv(model, data.train, data.test, { ...trainConfig(proto, 1), epochs: 1 }, { name: `quanv-gradient-timing ${reading} ${method}`, log: () => {} });
      const kernelAfter = Array.from(model.getLayer("kernel_layer").getWeights()[0].dataSync());
      const seconds = (performance.now() - t0) / 1000;
      model.dispose();
      if (round === 0) continue;
      const m = (methods[method] ??= { seconds: [], engine_vjp_s: [], engine_forward_s: [], epoch_train_loss: e.train_loss, test_loss: e.test_loss, test_acc: e.test_acc, kernel_after: [] });
      m.seconds.push(seconds);
      m.engine_vjp_s.push(stats.vjpMs / 1000);
      m.engine_forward_s.push(stats.forwardMs / 1000);
      m.kernel_after = kernelAfter;
      log(`[quanv-gradient-timing ${reading}] round ${round} ${method}: ${seconds.toFixed(2)} s (engine vjp ${(stats.vjpMs / 1000).toFixed(2)} s), train loss ${e.train_loss.toFixed(8)}`);
    }
  }
  const ref = methods.backprop;
  return Object.fromEntries(Object.entries(methods).map(([k, m]) => [k, {
    seconds: median(m.seconds), seconds_all_rounds: m.seconds,
    engine_vjp_seconds: median(m.engine_vjp_s), engine_forward_seconds: median(m.engine_forward_s),
    epoch_train_loss: m.epoch_train_loss, test_loss: m.test_loss, test_acc: m.test_acc,
    abs_diff_train_loss_vs_backprop: Math.abs(m.epoch_train_loss - ref.epoch_train_loss),
    max_abs_diff_kernel_vs_backprop: Math.max(...m.kernel_after.map((w, i) => Math.abs(w - ref.kernel_after[i]))),
  }]));
}

/** The engine alone on the kernel circuit: seconds per vjp over `patches` random patches, per method. */
function timeEngine(patches: number, repeats: number) {
  const circuit = quanvKernelCircuit("RY");
  const rand = createRng(7);
  const angles = Float64Array.from({ length: patches * 4 }, () => Math.PI * rand.next());
  const weights = Float64Array.from({ length: 4 }, () => 2 * Math.PI * rand.next());
  const upstream = Float64Array.from({ length: patches * 4 }, () => rand.next() - 0.5);
  const timeIt = (f: () => void) => {
    const ts: number[] = [];
    for (let r = 0; r < repeats; r++) { const t0 = performance.now(); f(); ts.push((performance.now() - t0) / 1000); }
    return median(ts);
  };
  const out: Record<string, number> = { forward: timeIt(() => forward(circuit, angles, weights, patches)) };
  const grads: Record<string, Float64Array> = {};
  for (const method of DIFF_METHODS) {
    out[method] = timeIt(() => vjp(circuit, angles, weights, patches, upstream, method as DiffMethod));
    const r = vjp(circuit, angles, weights, patches, upstream, method as DiffMethod);
    grads[method] = Float64Array.from([...r.gradWeights, ...r.gradInputs]);
  }
  const maxDiff = (a: Float64Array, b: Float64Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
  // PennyLane shifts only trainable parameters (the images need no gradient): 1 + 2*4 forward passes.
  out["parameter-shift-weights-only"] = timeIt(() => {
    forward(circuit, angles, weights, patches);
    for (let j = 0; j < 4; j++) for (const sign of [1, -1]) {
      const shifted = Float64Array.from(weights);
      shifted[j] += (sign * Math.PI) / 2;
      forward(circuit, angles, shifted, patches);
    }
  });
  return {
    patches, repeats, median_seconds: out,
    max_abs_gradient_diff_vs_backprop: Object.fromEntries(DIFF_METHODS.map((m) => [m, maxDiff(grads[m], grads.backprop)])),
  };
}

export async function runTiming(data: QuanvData, proto: QuanvProtocol, backend: string) {
  const prov = startProvenance({ backend, seeds: [1] });
  const loadBefore = os.loadavg();
  const byReading: Record<string, Awaited<ReturnType<typeof timeTraining>>> = {};
  for (const r of Object.keys(READINGS) as ReadingId[]) byReading[r] = await timeTraining(data, proto, r);
  const engine = timeEngine(proto.train_n * 49, proto.timing_repeats * 3);
  const loadAfter = os.loadavg();
  return writeResult("quanv-gradient-timing", {
    experiment: "quanv-gradient-timing",
    what: "one epoch of HQNN-Quanv training (seed 1, batch 10, the first-600 data) with each engine gradient method; " +
      "seconds = median over rounds that alternate the methods; engine_* = time inside the engine's forward/vjp",
    reading: "stride4",
    methods: byReading.stride4,
    by_reading: byReading,
    engine_only: engine,
    machine_load: {
      loadavg_1_5_15_before: loadBefore, loadavg_1_5_15_after: loadAfter, cpus: os.cpus().length,
      note: "measured while other jobs (e.g. a long MNIST training) may share the 2 cores; compare methods within this run only",
    },
    config: { ...proto, subsets: undefined },
    provenance: prov.finish(),
  }, resultsDir(proto.profile));
}

export type QuanvPart = "main" | "readings" | "lr" | "subsets" | "timing";
export const QUANV_PARTS: QuanvPart[] = ["main", "readings", "lr", "subsets", "timing"];

/** Runs the chosen parts at the current profile; returns the final test accuracies of the variants run. */
export async function runQuanvExperiments(parts: QuanvPart[] = QUANV_PARTS, profile: Profile = getProfile(), threads = defaultThreads()) {
  const backend = await initBackend();
  const proto = quanvProtocol(profile);
  const mnist = await loadDataset("mnist", { log });
  const data = firstImages(mnist, proto);
  const summary: Record<string, unknown> = { profile, backend };
  const variants = [
    ...(parts.includes("main") ? MAIN_VARIANTS : []), ...(parts.includes("readings") ? READING_VARIANTS : []), ...(parts.includes("lr") ? LR_VARIANTS : []),
  ];
  // The seeds of every variant run on all cores; the gradient-method timings run alone, in this thread.
  const pool = quanvPool(threads);
  try {
    for (const v of variants) {
      const runs = await runVariant(v, data, proto, backend, pool);
      summary[v.id] = aggregateRuns(runs).final;
    }
    if (parts.includes("subsets")) summary.subsets = path.relative(process.cwd(), await runSubsets(mnist, proto, backend, pool));
  } finally {
    await pool?.close();
  }
  if (parts.includes("timing")) summary.timing = path.relative(process.cwd(), await runTiming(data, proto, backend));
  return summary;
}

const PROGRAM = {
  name: "experiments/quanv.ts",
  run: "node --import tsx experiments/quanv.ts",
  summary: "section 2.3: HQNN-Quanv against CNN1 and CNN4 on 600 MNIST images, and the engine's gradient methods' timing",
  notes: [
    "parts: main (stride 4, RY), readings (RX rotations, stride 2), lr (Adam lr 1e-2), subsets (other random 600-image\n" +
    "subsets), timing (the three gradient methods)",
    "environment: PROFILE=quick (default: 2 seeds x 2 epochs on 100/50 images, results/quick/quanv-*.json) or PROFILE=full\n" +
    "(results/quanv-*.json, resumable); HQNN_THREADS (threads of the seed runs)",
    "exit codes: 0 ok, 1 a run failed, 2 bad arguments",
  ],
};

const COMMAND = {
  summary: "runs the chosen parts and prints one JSON summary line",
  args: { "[PART...]": `any of ${QUANV_PARTS.join(", ")} (default: all)` },
  flags: {},
  examples: ["node --import tsx experiments/quanv.ts main timing"],
};

async function main(argv: string[]): Promise<void> {
  const { args } = parseCommand(PROGRAM, COMMAND, argv);
  const unknown = args.find((a) => !QUANV_PARTS.includes(a as QuanvPart));
  if (unknown !== undefined) throw new UsageError(`unknown part ${JSON.stringify(unknown)}: expected any of ${QUANV_PARTS.join(", ")}`);
  const summary = await runQuanvExperiments(args.length ? (args as QuanvPart[]) : QUANV_PARTS);
  process.stdout.write(JSON.stringify(summary) + "\n");
}

if (require.main === module) runCli(PROGRAM.name, () => main(process.argv.slice(2)));
