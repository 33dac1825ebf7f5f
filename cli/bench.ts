/**
 * bench: throughput measurements, one JSON line on stdout.
 *
 *   npm run --silent bench -- <subcommand> [options]
 *   npm run --silent bench:engine            (= bench engine)
 *
 * Subcommands are the keys of SUBCOMMANDS; add one by adding an entry (a function from argv to a JSON object).
 *
 * engine [--batch 1024] [--repeats 5] [--min-seconds 0.2]
 *   The HQNN-Parallel branch circuit (5 wires, RX embedding, 3 StronglyEntanglingLayers, <Y> on every wire) at a
 *   fixed batch, single thread: forward, adjoint VJP (forward + backward, random upstream vector over the 5
 *   outputs), full gradient wrt all inputs and weights by parameter shift, and backprop VJP, in circuits per second.
 *   Each figure is the median of `repeats` timed runs after a warm-up; a run repeats the call until it has taken
 *   at least `min-seconds`.
 */

import * as os from "node:os";
import { performance } from "node:perf_hooks";
import { DiffMethod, forward, hqnnBranchCircuit, mulberry32, uniform, vjp } from "../lib/quantum";

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

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Median rate (work units per second) of `fn`, which does `units` of work per call. */
function measureRate(fn: () => void, units: number, repeats: number, minSeconds: number): number {
  const warmupEnd = performance.now() + 1000 * minSeconds;
  do fn(); while (performance.now() < warmupEnd);
  const rates: number[] = [];
  for (let r = 0; r < repeats; r++) {
    let calls = 0;
    const start = performance.now();
    let elapsed = 0;
    do {
      fn();
      calls++;
      elapsed = (performance.now() - start) / 1000;
    } while (elapsed < minSeconds);
    rates.push((calls * units) / elapsed);
  }
  return median(rates);
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
  const rate = (fn: () => void) => Math.round(measureRate(fn, batch, repeats, minSeconds));
  const grad = (method: DiffMethod) => () => vjp(circuit, inputs, weights, batch, upstream, method);
  process.stderr.write(`bench engine: ${nWires} wires, ${nLayers} layers, batch ${batch}, ${repeats} repeats\n`);
  return {
    bench: "engine",
    circuit: "HQNN-Parallel branch: RX AngleEmbedding, StronglyEntanglingLayers, <Y> on every wire",
    n_wires: nWires,
    n_layers: nLayers,
    n_weights: circuit.nWeights,
    batch,
    repeats,
    unit: "circuits/s (median of repeats, one thread)",
    forward_per_s: rate(() => forward(circuit, inputs, weights, batch)),
    vjp_per_s: rate(grad("adjoint")),
    parameter_shift_per_s: rate(grad("parameter-shift")),
    backprop_per_s: rate(grad("backprop")),
    node: process.version,
    cpu: os.cpus()[0]?.model ?? "unknown",
  };
}

const SUBCOMMANDS: Record<string, (argv: string[]) => object | Promise<object>> = {
  engine: benchEngine,
};

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  const run = name === undefined ? undefined : SUBCOMMANDS[name];
  if (!run || !Object.hasOwn(SUBCOMMANDS, name)) {
    throw new UsageError(`expected a subcommand: ${Object.keys(SUBCOMMANDS).join(", ")}${name === undefined ? "" : `; got ${JSON.stringify(name)}`}`);
  }
  process.stdout.write(JSON.stringify(await run(rest)) + "\n");
}

main(process.argv.slice(2)).catch((e) => {
  if (e instanceof UsageError) {
    process.stderr.write(`bench: ${e.message}\n`);
    process.exit(2);
  }
  throw e;
});
