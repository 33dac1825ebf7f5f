/**
 * ZX-calculus CLI (lib/zx). Prints one JSON object on stdout; notes go to stderr; invalid input exits with 2
 * (conventions: lib/cli/args.ts).
 *
 *   npm run --silent zx -- reduce SPEC.json [--symbolic]
 *   npm run --silent zx -- tcount-bench [--seed N] [--per-size K]
 */
import { integerFlag, parseSubcommand, readJsonInput, runCli, switchFlag } from "../lib/cli/args";
import { SpecError, validateSpec } from "../lib/quantum/spec";
import * as zx from "../lib/zx";

/** Wires up to which `reduce` can check the reduced diagram against the circuit (lib/zx/verify.ts). */
const MAX_CHECKED_WIRES = zx.MAX_STATE_WIRES;
/** Random symbol assignments compared in --symbolic mode. */
const SYMBOLIC_DRAWS = 5;

const PROGRAM = {
  name: "zx",
  run: "npm run --silent zx --",
  summary: "ZX-calculus reduction of circuit specs (lib/zx), one JSON line on stdout; notes go to stderr",
  notes: ["exit codes: 0 ok, 2 bad arguments, unreadable file, bad JSON or invalid spec"],
};

const COMMANDS = {
  reduce: {
    summary: `reduces the spec's ZX-diagram (fullReduce): sizes and T-counts before and after, and a tensor check (up to ${MAX_CHECKED_WIRES} wires)`,
    args: { "SPEC.json": "circuit spec file (lib/quantum/spec.ts); - reads stdin" },
    flags: { symbolic: switchFlag("make every parameter a symbol and check the tensors at random values") },
    examples: ["npm run --silent zx -- reduce spec.json --symbolic"],
  },
  "tcount-bench": {
    summary: "T-counts of random Clifford+T circuits on 4, 6 and 8 qubits before and after reduction, and extraction checks",
    flags: {
      seed: integerFlag("seed of the random circuits", { fallback: 1 }),
      "per-size": integerFlag("circuits per number of qubits", { min: 1, fallback: 10 }),
    },
    examples: ["npm run --silent zx -- tcount-bench --seed 2 --per-size 3"],
  },
};

function readSpec(path: string): zx.ZXCircuit {
  const spec = validateSpec(readJsonInput(path));
  return { wires: spec.wires, ops: spec.ops.map((op) => ({ gate: op.gate, wires: op.wires, params: op.params })) };
}

function sizes(g: zx.ZXGraph) {
  return { vertices: g.vertexCount(), edges: g.edgeCount(), t_count: zx.tCount(g) };
}

function reduce(path: string, symbolic: boolean): object {
  const concrete = readSpec(path);
  const circuit = symbolic ? zx.symbolizeCircuit(concrete).circuit : concrete;
  const before = zx.circuitToGraph(circuit);
  const after = before.copy();
  zx.fullReduce(after);
  const symbolCounts = after.vertices().filter((v) => after.isSpider(v)).map((v) => after.phase(v).symbols().length);
  return {
    before: sizes(before),
    after: {
      ...sizes(after),
      parametrized_spiders: symbolCounts.filter((k) => k > 0).length,
      max_params_per_spider: Math.max(0, ...symbolCounts),
    },
    ...tensorCheck(circuit, after, symbolic),
  };
}

/**
 * Reduced diagram vs the circuit (zx.verifyDiagram: exact unitaries for small circuits, random product states
 * beyond): once for a concrete circuit, for several random symbol draws if symbolic (the first failing draw decides).
 */
function tensorCheck(circuit: zx.ZXCircuit, reduced: zx.ZXGraph, symbolic: boolean) {
  const symbols = [...new Set(circuit.ops.flatMap((op) => (op.params ?? []).filter((p): p is string => typeof p === "string")))];
  const rand = zx.seededRandom(12345);
  const draw = () => zx.verifyDiagram(reduced, circuit, { values: Object.fromEntries(symbols.map((s) => [s, rand() * 2 * Math.PI])) });
  let verdict = draw();
  for (let k = 1; k < (symbolic ? SYMBOLIC_DRAWS : 1) && verdict.equal === true; k++) verdict = draw();
  const { equal, method, reason } = verdict;
  if (equal === null) process.stderr.write(`zx: tensor check skipped: ${reason}; tensor_equal is null\n`);
  return { tensor_equal: equal, tensor_check: reason === undefined ? { method } : { method, reason } };
}

function tcountBench(seed: number, perSize: number): object {
  const qubits = [4, 6, 8];
  const rows = zx.tcountBench({ qubits, perSize, seed });
  const summary = qubits.map((n) => {
    const rs = rows.filter((r) => r.qubits === n);
    const mean = (f: (r: zx.BenchRow) => number) => Number((rs.reduce((s, r) => s + f(r), 0) / rs.length).toFixed(2));
    return {
      qubits: n,
      depth: rs[0].depth,
      circuits: rs.length,
      t_before_mean: mean((r) => r.tBefore),
      t_spider_simp_mean: mean((r) => r.tSpiderSimp),
      t_after_mean: mean((r) => r.tAfter),
      t_reduction_mean: mean((r) => 1 - r.tAfter / r.tBefore),
      two_qubit_before_mean: mean((r) => r.twoQubitBefore),
      two_qubit_extracted_mean: mean((r) => r.twoQubitAfter),
      extraction_equal: rs.every((r) => r.extractionEqual),
    };
  });
  process.stderr.write(`zx: ${rows.length} circuits in ${rows.reduce((s, r) => s + r.seconds, 0).toFixed(2)} s\n`);
  return {
    generator: "randomCliffordT (T, S, HSH, CNOT equally likely; depth = 25 x qubits gates)",
    seed,
    summary,
    circuits: rows.map((r) => ({
      qubits: r.qubits, seed: r.seed, t_before: r.tBefore, t_spider_simp: r.tSpiderSimp, t_after: r.tAfter,
      two_qubit_before: r.twoQubitBefore, two_qubit_extracted: r.twoQubitAfter, extraction_equal: r.extractionEqual,
    })),
  };
}

function main(argv: string[]): void {
  const command = parseSubcommand(PROGRAM, COMMANDS, argv);
  const result = command.name === "reduce" ? reduce(command.args[0], command.flags.symbolic)
    : tcountBench(command.flags.seed, command.flags["per-size"]);
  process.stdout.write(JSON.stringify(result) + "\n");
}

runCli("zx", () => main(process.argv.slice(2)), (e) => (e instanceof SpecError ? 2 : undefined));
