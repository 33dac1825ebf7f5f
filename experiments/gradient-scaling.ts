/**
 * Section 2.3.3: "Adjoint differentiation seems to have the most favourable scaling with both layers and wires".
 * Measured here on the engine's three gradient methods (lib/quantum/grad: adjoint, parameter-shift, backprop).
 *
 *   node --import tsx experiments/gradient-scaling.ts
 *
 * The circuit is one HQNN-Parallel branch (hqnnBranchCircuit: RX embedding, L StronglyEntanglingLayers, <Y> on
 * every wire). One timed call is a full batch gradient: vjp over a batch of 16 samples with a fixed seeded upstream
 * vector over every output, with respect to every input and weight. Two sweeps: the wires at 2 layers, the layers
 * at 4 wires. Before timing a size, the three methods must agree (max |difference| < 1e-9), or the run stops.
 *
 * Each size: a warm-up repeat (not recorded), then `repeats` repeats in which the methods take turns (in rotating
 * order, so a change in machine load hits all alike), each calling vjp until at least `minSecondsPerRepeat` have
 * passed; seconds per gradient = the median over the repeats. Growth = the least-squares slope of log2(seconds),
 * per added wire and per doubling of the layers. Memory = the engine's own estimate (lib/quantum/memory.ts).
 *
 * PROFILE=full writes results/gradient-scaling.json (about 100 s on one core: 10 sizes x 3 methods x 10 repeats
 * x 0.3 s); PROFILE=quick (the default) times three sizes per sweep briefly (seconds) and writes
 * results/quick/gradient-scaling.json.
 */
import * as os from "node:os";
import * as path from "node:path";
import { parseCommand, runCli } from "../lib/cli/args";
import { Circuit, DIFF_METHODS, DiffMethod, hqnnBranchCircuit, mulberry32, uniform, vjp } from "../lib/quantum";
import { bytesNeeded } from "../lib/quantum/memory";
import { planFor } from "../lib/quantum/plan";
import { getProfile, Profile, REPO_ROOT, RESULTS_DIR, startProvenance, writeResult } from "../lib/results";
import { leastSquares, median } from "../lib/stats";

const EXPERIMENT = "gradient-scaling";

const SHARED = { batch: 16, layersOfWireSweep: 2, wiresOfLayerSweep: 4, seed: 2024, agreementTolerance: 1e-9 };

export const SCALING_PROFILES = {
  full: { ...SHARED, wires: [2, 4, 6, 8, 10], layers: [1, 2, 4, 8, 16], repeats: 9, minSecondsPerRepeat: 0.3 },
  quick: { ...SHARED, wires: [2, 4, 6], layers: [1, 2, 4], repeats: 3, minSecondsPerRepeat: 0.01 },
};
export type ScalingConfig = typeof SCALING_PROFILES.full;

type PerMethod<T> = Record<DiffMethod, T>;

function perMethod<T>(value: (method: DiffMethod) => T): PerMethod<T> {
  return Object.fromEntries(DIFF_METHODS.map((m) => [m, value(m)])) as PerMethod<T>;
}

interface Workload { circuit: Circuit; batch: number; inputs: Float64Array; weights: Float64Array; upstream: Float64Array }

/** The branch circuit of this size with seeded inputs and weights in [0, 2π) and an upstream vector in [-1, 1). */
function workload(nQubits: number, nLayers: number, config: ScalingConfig): Workload {
  const circuit = hqnnBranchCircuit({ nQubits, nLayers });
  const rand = mulberry32(config.seed), batch = config.batch;
  return {
    circuit, batch,
    inputs: uniform(rand, batch * circuit.nInputs, 0, 2 * Math.PI),
    weights: uniform(rand, circuit.nWeights, 0, 2 * Math.PI),
    upstream: uniform(rand, batch * circuit.observables.length, -1, 1),
  };
}

function batchGradient(w: Workload, method: DiffMethod) {
  return vjp(w.circuit, w.inputs, w.weights, w.batch, w.upstream, method);
}

/** Largest |difference| between two methods' gradients (inputs and weights); throws at or above the tolerance. */
function gradientDisagreement(w: Workload, tolerance: number, label: string): number {
  const gradients = DIFF_METHODS.map((m) => {
    const r = batchGradient(w, m);
    return [...r.gradInputs, ...r.gradWeights];
  });
  let worst = 0;
  gradients.forEach((a, i) => gradients.slice(i + 1).forEach((b) => a.forEach((v, k) => { worst = Math.max(worst, Math.abs(v - b[k])); })));
  if (!(worst < tolerance)) throw new Error(`${label}: the gradient methods differ by ${worst} (tolerance ${tolerance}); not timing a wrong gradient`);
  return worst;
}

/** Seconds per call of `run`, calling it until at least `minSeconds` have passed. */
function secondsPerCall(run: () => unknown, minSeconds: number): number {
  const start = performance.now();
  let calls = 0, elapsed = 0;
  do {
    run();
    calls++;
    elapsed = (performance.now() - start) / 1000;
  } while (elapsed < minSeconds);
  return elapsed / calls;
}

/** Seconds per batch gradient in every recorded repeat, per method (repeat 0 warms up and is dropped). */
function timeMethods(w: Workload, config: ScalingConfig): PerMethod<number[]> {
  const seconds = perMethod((): number[] => []);
  for (let repeat = 0; repeat <= config.repeats; repeat++) {
    for (let k = 0; k < DIFF_METHODS.length; k++) {
      const method = DIFF_METHODS[(repeat + k) % DIFF_METHODS.length];
      const s = secondsPerCall(() => batchGradient(w, method), config.minSecondsPerRepeat);
      if (repeat > 0) seconds[method].push(s);
    }
  }
  return seconds;
}

interface PointMeasurement { seconds: PerMethod<number[]>; memoryBytes: PerMethod<number>; disagreement: number }

function measurePoint(nQubits: number, nLayers: number, config: ScalingConfig, log: (line: string) => void): PointMeasurement {
  const label = `${nQubits} wires, L = ${nLayers}`;
  const w = workload(nQubits, nLayers, config);
  const disagreement = gradientDisagreement(w, config.agreementTolerance, label);
  const seconds = timeMethods(w, config);
  const plan = planFor(w.circuit);
  log(`[${EXPERIMENT}] ${label}: ${DIFF_METHODS.map((m) => `${m} ${(median(seconds[m]) * 1e3).toFixed(3)} ms`).join(", ")}`);
  return { seconds, memoryBytes: perMethod((m) => bytesNeeded(plan, m)), disagreement };
}

interface SweepSpec { name: string; values: number[]; sizes: [number, number][]; regressor: number[]; slopeDefinition: string; fixed: object }

function sweepSpecs(config: ScalingConfig): SweepSpec[] {
  return [{
    name: "wires", values: config.wires, sizes: config.wires.map((n) => [n, config.layersOfWireSweep]), regressor: config.wires,
    slopeDefinition: "least-squares slope of log2(seconds) against the wires: doublings of the time per added wire (1 = the time follows 2^n)",
    fixed: { layers: config.layersOfWireSweep },
  }, {
    name: "layers", values: config.layers, sizes: config.layers.map((l) => [config.wiresOfLayerSweep, l]), regressor: config.layers.map(Math.log2),
    slopeDefinition: "least-squares slope of log2(seconds) against log2(layers): doublings of the time per doubling of the layers, the exponent p of seconds ~ layers^p",
    fixed: { wires: config.wiresOfLayerSweep },
  }];
}

function methodWithSmallest(values: PerMethod<number>): DiffMethod {
  return DIFF_METHODS.reduce((best, m) => (values[m] < values[best] ? m : best));
}

function measureSweep(spec: SweepSpec, config: ScalingConfig, log: (line: string) => void) {
  const points = spec.sizes.map(([n, l]) => measurePoint(n, l, config, log));
  const seconds = perMethod((m) => points.map((p) => median(p.seconds[m])));
  const memoryBytes = perMethod((m) => points.map((p) => p.memoryBytes[m]));
  const slope = (ys: number[]) => leastSquares(spec.regressor, ys.map(Math.log2))!.slope;
  const slopes = perMethod((m) => slope(seconds[m]));
  return {
    values: spec.values,
    fixed: spec.fixed,
    seconds,
    seconds_per_repeat: perMethod((m) => points.map((p) => p.seconds[m])),
    slope_log_seconds: slopes,
    slope_definition: spec.slopeDefinition,
    most_favourable: methodWithSmallest(slopes),
    memory_bytes: memoryBytes,
    slope_log_memory_bytes: perMethod((m) => slope(memoryBytes[m])),
    max_abs_gradient_difference: points.map((p) => p.disagreement),
  };
}

/** Both sweeps and their description, as written to the result file (without provenance). */
export function measureGradientScaling(config: ScalingConfig, log: (line: string) => void) {
  const loadBefore = os.loadavg();
  const sweeps = Object.fromEntries(sweepSpecs(config).map((spec) => [spec.name, measureSweep(spec, config, log)]));
  const differences = Object.values(sweeps).flatMap((s) => s.max_abs_gradient_difference);
  return {
    experiment: EXPERIMENT,
    claim: "section 2.3.3: adjoint differentiation seems to have the most favourable scaling with both layers and wires",
    circuit: "lib/quantum hqnnBranchCircuit: RX embedding of n inputs, L StronglyEntanglingLayers on n wires, <Y> on every wire",
    gradient: "vjp with a fixed seeded upstream vector over all batch x n outputs, with respect to every input and weight",
    methods: [...DIFF_METHODS],
    batch: config.batch,
    timing: `seconds per batch gradient: median over ${config.repeats} repeats; in each the methods take turns in rotating order, ` +
      `each calling vjp until at least ${config.minSecondsPerRepeat} s have passed; one warm-up repeat first, not recorded`,
    memory: "bytes of state vectors per the engine's estimator, bytesNeeded in lib/quantum/memory.ts",
    sweeps,
    methods_agree: differences.every((d) => d < config.agreementTolerance),
    agreement_tolerance: config.agreementTolerance,
    max_abs_gradient_difference: Math.max(...differences),
    machine_load: { loadavg_1_5_15_before: loadBefore, loadavg_1_5_15_after: os.loadavg(), cpus: os.cpus().length },
    config: {
      wires: config.wires, layers_of_wire_sweep: config.layersOfWireSweep, layers: config.layers, wires_of_layer_sweep: config.wiresOfLayerSweep,
      batch: config.batch, repeats: config.repeats, min_seconds_per_repeat: config.minSecondsPerRepeat, seed: config.seed,
    },
  };
}

export interface ScalingOptions {
  profile?: Profile;
  /** The results folder; the quick profile writes into its quick/ subfolder. Default: RESULTS_DIR. */
  resultsRoot?: string;
  log?: (line: string) => void;
}

/** Measures both sweeps in the profile's configuration and writes the result; returns its path and the result. */
export function runGradientScaling(opts: ScalingOptions = {}) {
  const profile = opts.profile ?? getProfile();
  const config = SCALING_PROFILES[profile];
  const clock = startProvenance({ backend: "engine", seeds: [config.seed], profile });
  const result = measureGradientScaling(config, opts.log ?? ((line) => process.stderr.write(line + "\n")));
  const dir = path.join(opts.resultsRoot ?? RESULTS_DIR, profile === "full" ? "" : "quick");
  const file = writeResult(EXPERIMENT, { ...result, provenance: clock.finish() }, dir);
  return { file, result };
}

const PROGRAM = {
  name: "experiments/gradient-scaling.ts",
  run: "node --import tsx experiments/gradient-scaling.ts",
  summary: "section 2.3.3: times the engine's three gradient methods over wires and layers of the HQNN-Parallel branch and prints {experiment, file, most_favourable}",
  notes: [
    "environment: PROFILE=quick (default: 3 sizes per sweep, short repeats, seconds, results/quick/gradient-scaling.json) or\n" +
    "PROFILE=full (wires 2-10 at 2 layers, layers 1-16 at 4 wires, about 100 s on one core, results/gradient-scaling.json)",
    "exit codes: 0 ok, 1 the run failed (e.g. the methods' gradients disagree), 2 bad arguments",
  ],
};

const COMMAND = {
  summary: "measures both sweeps and writes the result file",
  flags: {},
  examples: ["node --import tsx experiments/gradient-scaling.ts", "PROFILE=full node --import tsx experiments/gradient-scaling.ts"],
};

function main(argv: string[]): void {
  parseCommand(PROGRAM, COMMAND, argv);
  const { file, result } = runGradientScaling();
  const relative = path.relative(REPO_ROOT, file);
  const mostFavourable = Object.fromEntries(Object.entries(result.sweeps).map(([name, s]) => [name, s.most_favourable]));
  process.stderr.write(`wrote ${relative}\n`);
  process.stdout.write(JSON.stringify({ experiment: EXPERIMENT, file: relative, most_favourable: mostFavourable }) + "\n");
}

if (require.main === module) runCli(PROGRAM.name, () => main(process.argv.slice(2)), () => 1);
