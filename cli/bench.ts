/**
 * bench: throughput measurements as JSON lines on stdout (engine: one line; train and all: the details, then a
 * last line {"hqnn_train_images_per_s", "torch_train_images_per_s", "ratio", "cores"}, ratio = ours / PyTorch's;
 * zx: one line per circuit, then a summary line).
 *
 *   npm run --silent bench -- <subcommand> [options]
 *   npm run --silent bench:engine            (= bench engine)
 *
 * Subcommands are the keys of COMMANDS (their flags and help) and the cases of run() (what they print).
 * Bad arguments exit with code 2 (conventions: lib/cli/args.ts).
 *
 * train [--batch 64] [--batches 200] [--warmup 100] [--rounds 5] [--models hqnn,cnn] [--datasets mnist,cifar10]
 *   HQNN-Parallel and its CNN training steps on MNIST and CIFAR-10 shapes in tfjs (1 thread and data-parallel on
 *   every core) and in the strongest PyTorch reference (bench/torch_reference.py, same thread counts), side by side
 *   in each round: images/s over the timed steps after the warm-up steps, medians and ratio ranges over rounds.
 *   --roofline instead: each phase's FLOPs, ms, GFLOP/s and fraction of the wasm SIMD peak for one training step of
 *   each model and dataset, one thread (experiments/bench-roofline.ts; --batches profiled steps, --warmup untimed
 *   ones); one line.
 *   --schedule instead: one run data-parallel on every core against one 1-thread run per core side by side, ours
 *   only, images/s of the whole machine per round, and the seed study's projected training time both ways
 *   (experiments/bench-schedule.ts); one line.
 *
 * all [engine's flags]: engine, then train with its defaults.
 *
 * engine [--batch 1024] [--repeats 5] [--min-seconds 0.2]
 *   The HQNN-Parallel branch circuit (5 wires, RX embedding, 3 StronglyEntanglingLayers, <Y> on every wire) at a
 *   fixed batch, single thread: forward, adjoint VJP (forward + backward, random upstream vector over the 5
 *   outputs), full gradient wrt all inputs and weights by parameter shift, and backprop VJP, in circuits per second.
 *   Each figure is the median of `repeats` timed runs after a warm-up; a run repeats the call until it has taken
 *   at least `min-seconds` of wall time. `*_per_s` use wall-clock time; `per_cpu_second` divides by the process's
 *   CPU time instead (user + system), which is the fairer figure on a machine shared with other jobs
 *   (`load_average_1m` is reported too).
 *
 * zx [--circuits tof_3,...] [--repeats 3]
 *   lib/zx's T-count benchmark (experiments/bench-zx.ts) on the Clifford+T benchmark set, generated (arithmetic
 *   families, lib/zx/benchmark-circuits.ts) or stored (data/zx-benchmarks/): one line per circuit (T-count before,
 *   after spider fusion, after fullReduce, PyZX's and T-par's published counts, two-qubit gates before and after
 *   extraction, both equality checks and their methods, median seconds of fullReduce), then a summary line. Writes results/local/bench-zx-<time>.json (RECORD=1:
 *   results/bench-zx.json). Single thread, no PyTorch.
 */

import * as os from "node:os";
import { performance } from "node:perf_hooks";
import { Flag, FlagValues, ParsedSubcommand, choiceListFlag, integerFlag, parseSubcommand, positiveNumberFlag, runCli, switchFlag, UsageError } from "../lib/cli/args";
import { DiffMethod, forward, hqnnBranchCircuit, mulberry32, uniform, vjp } from "../lib/quantum";
import { median } from "../lib/stats";
import { benchmarkNameForms, isBenchmarkName } from "../lib/zx";
import { BENCH_ZX_DEFAULTS, benchZx } from "../experiments/bench-zx";
import { BENCH_DATASETS, BENCH_MODELS } from "../experiments/bench-training-cases";

const PROGRAM = {
  name: "bench",
  run: "npm run --silent bench --",
  summary: "throughput measurements as JSON lines on stdout (engine: one line; train and all: the details, then a summary line; zx: one line per circuit, then a summary line)",
  notes: [
    "output files: train and all write results/local/bench-training-<time>.json (git-ignored); RECORD=1 writes the recorded results/bench-training.json instead",
    "zx writes results/local/bench-zx-<time>.json (git-ignored); RECORD=1 writes the recorded results/bench-zx.json instead",
    "environment: HQNN_TORCH_PYTHON, the Python with torch for the PyTorch reference (default /usr/bin/python3, where Debian's python3-torch installs)",
    "exit codes: 0 ok, 1 the PyTorch reference is missing or failed (nothing measured, nothing written), 2 bad arguments",
  ],
};

const ENGINE_FLAGS = {
  batch: integerFlag("circuits per call", { min: 1, fallback: 1024 }),
  repeats: integerFlag("timed runs; each figure is their median", { min: 1, fallback: 5 }),
  "min-seconds": positiveNumberFlag("least wall time of a run (and of the warm-up), in seconds", 0.2),
};

/** --circuits: benchmark circuits by their files' names (lib/zx/benchmark-suite.ts), comma-separated. */
const circuitsFlag: Flag<string[]> = {
  help: `circuits to reduce, comma-separated: ${benchmarkNameForms()}`,
  value: "A,B,...",
  fallback: BENCH_ZX_DEFAULTS.circuits.join(","),
  read(text, flag) {
    if (text === undefined) return [...BENCH_ZX_DEFAULTS.circuits];
    const names = text.split(",").map((name) => name.trim());
    const unknown = names.find((name) => !isBenchmarkName(name));
    if (unknown !== undefined) throw new UsageError(`${flag}: unknown circuit ${JSON.stringify(unknown)} (expected ${benchmarkNameForms()})`);
    const twice = names.find((name, i) => names.indexOf(name) !== i);
    if (twice !== undefined) throw new UsageError(`${flag}: ${twice} is listed twice`);
    return names;
  },
};

const COMMANDS = {
  engine: {
    summary: "forward, adjoint VJP, parameter-shift and backprop throughput of the HQNN-Parallel branch circuit, one thread",
    flags: ENGINE_FLAGS,
    examples: ["npm run --silent bench -- engine --batch 256 --repeats 3 --min-seconds 0.1"],
  },
  train: {
    summary: "training throughput of HQNN-Parallel and its CNN on MNIST and CIFAR-10 shapes, tfjs against the strongest PyTorch reference (bench/torch_reference.py), 1 thread and every core, side by side in rounds; writes results/local/bench-training-<time>.json",
    flags: {
      batch: integerFlag("images per training step", { min: 1, fallback: 64 }),
      batches: integerFlag("timed steps", { min: 1, fallback: 200 }),
      warmup: integerFlag("warm-up steps before the timed ones", { min: 1, fallback: 100 }),
      rounds: integerFlag("rounds; figures are medians over them", { min: 1, fallback: 5 }),
      models: choiceListFlag("models", BENCH_MODELS),
      datasets: choiceListFlag("input shapes", BENCH_DATASETS),
      roofline: switchFlag("instead: the roofline of one training step per model (FLOPs, ms, GFLOP/s, fraction of the wasm peak per phase; --batches profiled steps); writes results/local/bench-roofline-<time>.json"),
      schedule: switchFlag("instead: how a study should use the cores, one run on every core against one 1-thread run per core side by side (ours only), and the seed study's projected training time both ways; writes results/local/bench-schedule-<time>.json"),
    },
    examples: ["npm run --silent bench -- train --batches 50 --warmup 20 --rounds 1 --models hqnn --datasets mnist"],
  },
  all: {
    summary: "engine (with these flags), then train with its defaults",
    flags: ENGINE_FLAGS,
    examples: ["npm run --silent bench -- all"],
  },
  zx: {
    summary: "T-counts of the Clifford+T benchmark circuits (generated arithmetic families and data/zx-benchmarks/) before and after lib/zx's fullReduce, against PyZX's and T-par's published counts; writes results/local/bench-zx-<time>.json",
    flags: {
      circuits: circuitsFlag,
      repeats: integerFlag("fullReduce runs per circuit; the time is their median", { min: 1, fallback: BENCH_ZX_DEFAULTS.repeats }),
    },
    examples: ["npm run --silent bench -- zx --circuits tof_3,barenco_tof_3 --repeats 1"],
  },
};

interface Rates {
  wall: number;
  cpu: number;
}

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** Median rates (work units per wall-clock second and per CPU second) of `fn`, which does `units` per call. */
function measureRate(fn: () => void, units: number, repeats: number, minSeconds: number): Rates {
  const warmupEnd = performance.now() + 1000 * minSeconds;
  do fn(); while (performance.now() < warmupEnd);
  const wall: number[] = [], cpu: number[] = [];
  for (let r = 0; r < repeats; r++) {
    let calls = 0, elapsed = 0;
    const start = performance.now(), cpuStart = cpuSeconds();
    do {
      fn();
      calls++;
      elapsed = (performance.now() - start) / 1000;
    } while (elapsed < minSeconds);
    wall.push((calls * units) / elapsed);
    cpu.push((calls * units) / (cpuSeconds() - cpuStart));
  }
  return { wall: median(wall), cpu: median(cpu) };
}

function benchEngine({ batch, repeats, "min-seconds": minSeconds }: FlagValues<typeof ENGINE_FLAGS>): object {
  const nWires = 5, nLayers = 3;
  const circuit = hqnnBranchCircuit({ nQubits: nWires, nLayers });
  const rand = mulberry32(1234);
  const inputs = uniform(rand, batch * nWires, -Math.PI, Math.PI);
  const weights = uniform(rand, circuit.nWeights, 0, 2 * Math.PI);
  const upstream = uniform(rand, batch * nWires, -1, 1);
  const rate = (fn: () => void) => measureRate(fn, batch, repeats, minSeconds);
  const grad = (method: DiffMethod) => () => vjp(circuit, inputs, weights, batch, upstream, method);
  process.stderr.write(`bench engine: ${nWires} wires, ${nLayers} layers, batch ${batch}, ${repeats} repeats\n`);
  const loadAverage = os.loadavg()[0];
  const rates = {
    forward: rate(() => forward(circuit, inputs, weights, batch)),
    vjp: rate(grad("adjoint")),
    parameter_shift: rate(grad("parameter-shift")),
    backprop: rate(grad("backprop")),
  };
  const round = (x: number) => Math.round(x);
  return {
    bench: "engine",
    circuit: "HQNN-Parallel branch: RX AngleEmbedding, StronglyEntanglingLayers, <Y> on every wire",
    n_wires: nWires,
    n_layers: nLayers,
    n_weights: circuit.nWeights,
    batch,
    repeats,
    unit: "circuits per second, median of repeats, one thread",
    forward_per_s: round(rates.forward.wall),
    vjp_per_s: round(rates.vjp.wall),
    parameter_shift_per_s: round(rates.parameter_shift.wall),
    backprop_per_s: round(rates.backprop.wall),
    per_cpu_second: Object.fromEntries(Object.entries(rates).map(([k, r]) => [k, round(r.cpu)])),
    load_average_1m: Math.round(loadAverage * 100) / 100,
    node: process.version,
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
  };
}

/** The training bench (experiments/bench-training.ts), loaded only when asked for: it brings tfjs. */
const training = () => require("../experiments/bench-training") as typeof import("../experiments/bench-training");

/**
 * Training throughput, tfjs against PyTorch: writes results/local/bench-training-<time>.json, or with RECORD=1 the
 * recorded results/bench-training.json.
 */
async function benchTrain(opts: import("../experiments/bench-training").BenchTrainingOptions): Promise<object> {
  return training().benchTraining(opts);
}

/** What a subcommand prints: one JSON object per line. */
type Lines = object[];

async function run(command: ParsedSubcommand<typeof COMMANDS>): Promise<Lines> {
  switch (command.name) {
    case "engine":
      return [benchEngine(command.flags)];
    case "train": {
      if (command.flags.roofline && command.flags.schedule) throw new UsageError("--roofline and --schedule are two different measurements: pick one");
      if (command.flags.roofline) return [await require("../experiments/bench-roofline").benchRoofline(command.flags)];
      if (command.flags.schedule) return [await require("../experiments/bench-schedule").benchSchedule(command.flags)];
      const train = await benchTrain(command.flags) as { summary: object };
      return [train, train.summary];
    }
    case "all": {
      training().requireTorch();
      const engine = benchEngine(command.flags), train = await benchTrain({}) as { summary: object };
      return [{ engine, train }, train.summary];
    }
    case "zx": {
      const { rows, summary } = benchZx(command.flags);
      return [...rows, summary];
    }
  }
}

async function main(argv: string[]): Promise<void> {
  for (const line of await run(parseSubcommand(PROGRAM, COMMANDS, argv))) process.stdout.write(JSON.stringify(line) + "\n");
}

runCli("bench", () => main(process.argv.slice(2)),
  (e) => (e instanceof Error && e.name === "MissingReferenceError" ? 1 : undefined));
