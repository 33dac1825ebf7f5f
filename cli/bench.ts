/**
 * bench: throughput measurements as JSON lines on stdout (engine: one line; train and all: the details, then a
 * last line {"hqnn_train_images_per_s", "torch_train_images_per_s", "ratio", "cores"}, ratio = ours / PyTorch's).
 *
 *   npm run --silent bench -- <subcommand> [options]
 *   npm run --silent bench:engine            (= bench engine)
 *
 * Subcommands are the keys of COMMANDS (their flags and help) and the cases of run() (what they print).
 * Bad arguments exit with code 2 (conventions: lib/cli/args.ts).
 *
 * train [--batch 64] [--batches 200] [--warmup 100] [--rounds 5]
 *   HQNN-Parallel and its CNN training steps in tfjs (1 thread and data-parallel on every core), then the same hybrid
 *   in PyTorch (1 and 2 threads): images/s over the timed steps after the warm-up steps, medians over rounds.
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
 */

import * as os from "node:os";
import { performance } from "node:perf_hooks";
import { FlagValues, ParsedSubcommand, integerFlag, parseSubcommand, positiveNumberFlag, runCli } from "../lib/cli/args";
import { DiffMethod, forward, hqnnBranchCircuit, mulberry32, uniform, vjp } from "../lib/quantum";
import { median } from "../lib/stats";

const PROGRAM = {
  name: "bench",
  run: "npm run --silent bench --",
  summary: "throughput measurements as JSON lines on stdout (engine: one line; train and all: the details, then a summary line)",
  notes: [
    "output files: train and all write results/local/bench-training-<time>.json (git-ignored); RECORD=1 writes the recorded results/bench-training.json instead",
    "environment: HQNN_TORCH_PYTHON, the Python with torch for the PyTorch reference (default /usr/bin/python3, where Debian's python3-torch installs)",
    "exit codes: 0 ok, 1 the PyTorch reference is missing or failed (nothing measured, nothing written), 2 bad arguments",
  ],
};

const ENGINE_FLAGS = {
  batch: integerFlag("circuits per call", { min: 1, fallback: 1024 }),
  repeats: integerFlag("timed runs; each figure is their median", { min: 1, fallback: 5 }),
  "min-seconds": positiveNumberFlag("least wall time of a run (and of the warm-up), in seconds", 0.2),
};

const COMMANDS = {
  engine: {
    summary: "forward, adjoint VJP, parameter-shift and backprop throughput of the HQNN-Parallel branch circuit, one thread",
    flags: ENGINE_FLAGS,
    examples: ["npm run --silent bench -- engine --batch 256 --repeats 3 --min-seconds 0.1"],
  },
  train: {
    summary: "HQNN-Parallel training throughput, tfjs (1 thread, every core) against PyTorch (1, 2 threads); writes results/bench-training.json",
    flags: {
      batch: integerFlag("images per training step", { min: 1, fallback: 64 }),
      batches: integerFlag("timed steps", { min: 1, fallback: 200 }),
      warmup: integerFlag("warm-up steps before the timed ones", { min: 1, fallback: 100 }),
      rounds: integerFlag("rounds; figures are medians over them", { min: 1, fallback: 5 }),
    },
    examples: ["npm run --silent bench -- train --batches 50 --warmup 20 --rounds 1"],
  },
  all: {
    summary: "engine (with these flags), then train with its defaults",
    flags: ENGINE_FLAGS,
    examples: ["npm run --silent bench -- all"],
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
async function benchTrain(opts: { batch?: number; batches?: number; warmup?: number; rounds?: number }): Promise<object> {
  return training().benchTraining(opts);
}

/** What a subcommand prints: one JSON object per line. */
type Lines = object[];

async function run(command: ParsedSubcommand<typeof COMMANDS>): Promise<Lines> {
  switch (command.name) {
    case "engine":
      return [benchEngine(command.flags)];
    case "train": {
      const train = await benchTrain(command.flags) as { summary: object };
      return [train, train.summary];
    }
    case "all": {
      training().requireTorch();
      const engine = benchEngine(command.flags), train = await benchTrain({}) as { summary: object };
      return [{ engine, train }, train.summary];
    }
  }
}

async function main(argv: string[]): Promise<void> {
  for (const line of await run(parseSubcommand(PROGRAM, COMMANDS, argv))) process.stdout.write(JSON.stringify(line) + "\n");
}

runCli("bench", () => main(process.argv.slice(2)),
  (e) => (e instanceof Error && e.name === "MissingReferenceError" ? 1 : undefined));
