/**
 * bench: throughput measurements as JSON lines on stdout (engine: one line; train and all: the details, then a
 * last line {"hqnn_train_images_per_s", "torch_train_images_per_s", "ratio", "cores"}, ratio = ours / PyTorch's).
 *
 *   npm run --silent bench -- <subcommand> [options]
 *   npm run --silent bench:engine            (= bench engine)
 *
 * Subcommands are the keys of SUBCOMMANDS; add one by adding an entry (a function from argv to a JSON object).
 *
 * train [--batch 64] [--batches 200] [--warmup 100] [--rounds 5]
 *   HQNN-Parallel and its CNN training steps in tfjs (1 thread and data-parallel on every core), then the same hybrid
 *   in PyTorch (1 and 2 threads): images/s over the timed steps after the warm-up steps, medians over rounds.
 *
 * all: engine, then train.
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
import { DiffMethod, forward, hqnnBranchCircuit, mulberry32, uniform, vjp } from "../lib/quantum";
import { median } from "../lib/stats";

class UsageError extends Error {}

function parseOptions(argv: string[], defaults: Record<string, number>): Record<string, number> {
  const opts = { ...defaults };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, "");
    const value = Number(argv[i + 1]);
    if (!argv[i].startsWith("--") || !(key in defaults)) throw new UsageError(`unknown option ${argv[i]} (known: ${Object.keys(defaults).map((k) => "--" + k).join(", ")})`);
    if (!Number.isFinite(value) || value <= 0) throw new UsageError(`${argv[i]} needs a positive number, got ${JSON.stringify(argv[i + 1])}`);
    opts[key] = value;
  }
  return opts;
}

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

function benchEngine(argv: string[]): object {
  const { batch, repeats, "min-seconds": minSeconds } = parseOptions(argv, { batch: 1024, repeats: 5, "min-seconds": 0.2 });
  if (!Number.isInteger(batch) || !Number.isInteger(repeats)) throw new UsageError("--batch and --repeats must be integers");
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

/** Training throughput, tfjs against PyTorch (experiments/bench-training.ts); writes results/bench-training.json. */
async function benchTrain(argv: string[]): Promise<object> {
  const { batch, batches, warmup, rounds } = parseOptions(argv, { batch: 64, batches: 200, warmup: 100, rounds: 5 });
  const { benchTraining } = require("../experiments/bench-training") as typeof import("../experiments/bench-training");
  return benchTraining({ batch, batches, warmup, rounds });
}

/** What a subcommand prints: one JSON object per line. */
type Lines = object[];

const SUBCOMMANDS: Record<string, (argv: string[]) => Lines | Promise<Lines>> = {
  engine: (argv) => [benchEngine(argv)],
  train: async (argv) => {
    const train = await benchTrain(argv) as { summary: object };
    return [train, train.summary];
  },
  all: async (argv) => {
    const engine = benchEngine(argv), train = await benchTrain([]) as { summary: object };
    return [{ engine, train }, train.summary];
  },
};

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  const run = name === undefined ? undefined : SUBCOMMANDS[name];
  if (!run || !Object.hasOwn(SUBCOMMANDS, name)) {
    throw new UsageError(`expected a subcommand: ${Object.keys(SUBCOMMANDS).join(", ")}${name === undefined ? "" : `; got ${JSON.stringify(name)}`}`);
  }
  for (const line of await run(rest)) process.stdout.write(JSON.stringify(line) + "\n");
}

main(process.argv.slice(2)).catch((e) => {
  if (e instanceof UsageError) {
    process.stderr.write(`bench: ${e.message}\n`);
    process.exit(2);
  }
  throw e;
});
