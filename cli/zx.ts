/**
 * ZX-calculus CLI (lib/zx). Prints one JSON object on stdout; notes go to stderr; invalid input exits with 2.
 *
 *   npm run --silent zx -- reduce SPEC.json [--symbolic]
 *   npm run --silent zx -- tcount-bench [--seed N] [--per-size K]
 */
import { readFileSync } from "fs";
import { SpecError, validateSpec } from "../lib/quantum/spec";
import * as zx from "../lib/zx";

class UsageError extends Error {}

const USAGE = "usage: zx reduce SPEC.json [--symbolic] | zx tcount-bench [--seed N] [--per-size K]";
/** Wires up to which `reduce` checks the reduced diagram against the circuit's unitary. */
const MAX_CHECKED_WIRES = 8;
/** Random symbol assignments compared in --symbolic mode. */
const SYMBOLIC_DRAWS = 5;

function parseArgs(args: string[], known: Record<string, "flag" | "value">): { positional: string[]; options: Record<string, string | true> } {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith("--")) {
      positional.push(a);
      continue;
    }
    const kind = known[a];
    if (!kind) throw new UsageError(`unknown option ${a}\n${USAGE}`);
    if (kind === "flag") options[a] = true;
    else if (i + 1 < args.length) options[a] = args[++i];
    else throw new UsageError(`option ${a} needs a value`);
  }
  return { positional, options };
}

function readSpec(path: string): zx.ZXCircuit {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
  const spec = validateSpec(raw);
  return { wires: spec.wires, ops: spec.ops.map((op) => ({ gate: op.gate, wires: op.wires, params: op.params })) };
}

function sizes(g: zx.ZXGraph) {
  return { vertices: g.vertexCount(), edges: g.edgeCount(), t_count: zx.tCount(g) };
}

function reduce(args: string[]): object {
  const { positional, options } = parseArgs(args, { "--symbolic": "flag" });
  if (positional.length !== 1) throw new UsageError(USAGE);
  const concrete = readSpec(positional[0]);
  const symbolic = options["--symbolic"] === true;
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
    tensor_equal: tensorEqual(circuit, after, symbolic),
  };
}

/** Reduced diagram vs the circuit's unitary: once for a concrete circuit, for several random draws if symbolic. */
function tensorEqual(circuit: zx.ZXCircuit, reduced: zx.ZXGraph, symbolic: boolean): boolean | null {
  if (circuit.wires > MAX_CHECKED_WIRES) {
    process.stderr.write(`zx: tensor check skipped (${circuit.wires} wires > ${MAX_CHECKED_WIRES}); tensor_equal is null\n`);
    return null;
  }
  const symbols = [...new Set(circuit.ops.flatMap((op) => (op.params ?? []).filter((p): p is string => typeof p === "string")))];
  const rand = zx.seededRandom(12345);
  const draws = symbolic ? SYMBOLIC_DRAWS : 1;
  try {
    for (let k = 0; k < draws; k++) {
      const values = Object.fromEntries(symbols.map((s) => [s, rand() * 2 * Math.PI]));
      if (!zx.compareTensors(zx.circuitUnitary(circuit, values), zx.diagramTensor(reduced, values))) return false;
    }
    return true;
  } catch (e) {
    process.stderr.write(`zx: tensor check skipped: ${(e as Error).message}; tensor_equal is null\n`);
    return null;
  }
}

function tcountBench(args: string[]): object {
  const { positional, options } = parseArgs(args, { "--seed": "value", "--per-size": "value" });
  if (positional.length) throw new UsageError(USAGE);
  const seed = Number(options["--seed"] ?? 1);
  const perSize = Number(options["--per-size"] ?? 10);
  if (!Number.isInteger(seed) || !Number.isInteger(perSize) || perSize < 1) throw new UsageError("--seed and --per-size must be integers (per-size ≥ 1)");
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

function main(argv: string[]): number {
  try {
    const [command, ...rest] = argv;
    let result: object;
    if (command === "reduce") result = reduce(rest);
    else if (command === "tcount-bench") result = tcountBench(rest);
    else throw new UsageError(command ? `unknown command ${JSON.stringify(command)}\n${USAGE}` : USAGE);
    process.stdout.write(JSON.stringify(result) + "\n");
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof SpecError) {
      process.stderr.write(`zx: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

process.exitCode = main(process.argv.slice(2));
