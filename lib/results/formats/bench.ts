/**
 * The benchmarks (cli/bench.ts): training speed against PyTorch side by side (`bench-training`), the per-phase
 * roofline (`bench-roofline`) and the ZX reduction on the published circuit set (`bench-zx`). Recorded only with
 * RECORD=1; a user's run goes to the git-ignored results/local/ with the same format.
 */
import { arr, bool, either, Infer, nullable, num, obj, opt, rec, str } from "../schema";
import { loadAverage, provenance } from "./common";

export const benchTraining = obj({
  experiment: str, batch: num, batches: num, warmup: num, torch_warmup: num, rounds: num,
  reference: obj({
    script: str, torch: str, python: str, how: str,
    /** Recorded before 2026-12-06: the format chosen per case from one probe run before the rounds. */
    formats: opt(rec(obj({ format: str, probe_images_per_s: rec(num) }))),
  }),
  summary: obj({
    ratios: rec(num), min_ratio: num, hqnn_train_images_per_s: num, torch_train_images_per_s: num, ratio: num,
    cores: num, threads: num, note: str,
  }),
  backend: str,
  /** The run's own single-thread wasm peaks (recorded from 2026-12-06 on). */
  peak: opt(obj({ wasm_simd_gflops: num, wasm_relaxed_fma_gflops: nullable(num), how: str })),
  cases: rec(obj({
    model: str, dataset: str, threads: num, torch_format: str, ours_images_per_s: num, torch_images_per_s: num,
    ratio: obj({ median: num, min: num, max: num }),
    /** From 2026-12-06 on: the step's counted FLOPs, both rates in GFLOP/s, and the ratio's ceiling at each wasm peak. */
    flops_per_image: opt(num), ours_gflops: opt(num), torch_gflops: opt(num),
    ceiling_ratio: opt(obj({ wasm_simd: num, wasm_relaxed_fma: nullable(num) })),
    /** PyTorch's rate is its faster memory format's in that round (`torch_format`; both in `torch_by_format`). */
    per_round: arr(obj({ ours: num, ours_warmup: num, torch: num, torch_format: opt(str), torch_by_format: opt(rec(num)), ratio: num, first: str })),
  })),
  load_average: loadAverage,
  provenance,
});
export type BenchTraining = Infer<typeof benchTraining>;

const peakMeasurement = obj({ gflops: num, accumulators: num, iterations: num, repeats: num, runs: arr(num), how: str });

export const benchRoofline = obj({
  experiment: str, batch: num, steps: num, warmup: num, backend: str, threads: num,
  peak: obj({
    wasm_simd_gflops: num,
    wasm_simd: peakMeasurement,
    /** The same chains with relaxed-SIMD's fused multiply-add (measured from 2026-12-06 on), or why not. */
    wasm_relaxed_fma: opt(either(peakMeasurement, obj({ gflops: nullable(num), why: str }))),
    /** A native (PyTorch) matmul's rate, or why it could not be measured. */
    native: either(obj({ gflops: num, how: str }), obj({ gflops: nullable(num), why: str })),
    /** A native (PyTorch, oneDNN) convolution's rate (measured from 2026-12-06 on), or why not. */
    native_conv: opt(either(obj({ gflops: num, how: str }), obj({ gflops: nullable(num), why: str }))),
  }),
  flop_conventions: str,
  models: arr(obj({
    dataset: str, head: str, step_ms: num, profiled_step_ms: num, flops: num, gflops: num, fraction_of_peak: num,
    phases: arr(obj({ phase: str, flops: num, ms: num, gflops: nullable(num), fraction_of_peak: nullable(num), timing: str })),
  })),
  load_average: loadAverage,
  provenance,
});
export type BenchRoofline = Infer<typeof benchRoofline>;

export const benchSchedule = obj({
  experiment: str, batch: num, batches: num, warmup: num, rounds: num, cores: num, backend: str, how: str,
  cases: rec(obj({
    model: str, dataset: str, one_run_all_cores: num, runs_per_core: num,
    /** runs_per_core / one_run_all_cores, over rounds. */
    speedup: obj({ median: num, min: num, max: num }),
    /** `overlap`: the share of the shortest timed window during which every process of runs_per_core was timing. */
    per_round: arr(obj({ one_run_all_cores: num, runs_per_core: num, each: arr(num), overlap: num, first: str })),
  })),
  seed_study: nullable(obj({ runs: num, epochs: num, images: num, hours_one_run_all_cores: num, hours_runs_per_core: num, note: str })),
  load_average: loadAverage,
  provenance,
});
export type BenchSchedule = Infer<typeof benchSchedule>;

const published = nullable(obj({ t_before: num, t_after: num, source: str }));
const comparison = obj({ circuits: num, t_full_reduce: num, t_published: num, at_most_published: num, above_published: arr(str) });
const checks = obj({ equal: num, unequal: num, undecided: num });
/** An equality check of two diagrams or circuits: equal, unequal, or undecided (null) with the reason. */
const equalityCheck = obj({ equal: nullable(bool), method: str, reason: opt(str) });

export const benchZx = obj({
  experiment: str, repeats: num,
  circuits: arr(obj({
    circuit: str, origin: str, qubits: num,
    t_before: num, t_spider_simp: num, t_full_reduce: num, t_pyzx: nullable(num),
    non_clifford_before: num, non_clifford_full_reduce: num, non_clifford_pyzx: nullable(num), t_tpar: nullable(num),
    two_qubit_before: num, two_qubit_extracted: num, t_extracted: num,
    diagram_check: equalityCheck,
    extracted_check: equalityCheck,
    reduce_seconds: num, reduce_seconds_runs: arr(num),
    published: obj({ pyzx: published, tpar: published }),
  })),
  summary: obj({
    circuits: num, t_before: num, t_full_reduce: num,
    versus_pyzx: comparison, versus_tpar: comparison,
    versus_pyzx_non_clifford: obj({ circuits: arr(str), above_published: arr(str) }),
    diagram_checks: checks, extracted_checks: checks,
    reduce_seconds: num, note: str,
  }),
  provenance,
});
export type BenchZx = Infer<typeof benchZx>;
