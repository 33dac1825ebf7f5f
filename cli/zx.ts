/**
 * ZX-calculus CLI (lib/zx). Prints one JSON object on stdout; notes go to stderr; invalid input exits with 2
 * (conventions: lib/cli/args.ts).
 *
 *   npm run --silent zx -- reduce FILE [--format qasm|qc|quipper|json] [--symbolic] [--extract OUT.qasm|OUT.json]
 *   npm run --silent zx -- tcount-bench [--seed N] [--per-size K]
 */
import { extname } from "node:path";
import { choiceFlag, integerFlag, parseSubcommand, readJsonInput, readTextInput, runCli, stringFlag, switchFlag, UsageError } from "../lib/cli/args";
import { atomicWriteFile } from "../lib/io/files";
import { SpecError, validateSpec } from "../lib/quantum/spec";
import * as zx from "../lib/zx";

/** Wires up to which `reduce` can check the reduced diagram against the circuit (lib/zx/verify.ts). */
const MAX_CHECKED_WIRES = zx.MAX_STATE_WIRES;
/** Random symbol assignments compared in --symbolic mode. */
const SYMBOLIC_DRAWS = 5;

const INPUT_FORMATS = ["qasm", "qc", "quipper", "json"] as const;
type InputFormat = (typeof INPUT_FORMATS)[number];
/** File extensions of the input formats and of --extract's outputs. */
const EXTENSIONS: Record<string, InputFormat> = { ".qasm": "qasm", ".qc": "qc", ".quipper": "quipper", ".quip": "quipper", ".json": "json" };

const PROGRAM = {
  name: "zx",
  run: "npm run --silent zx --",
  summary: "ZX-calculus reduction of circuits (lib/zx), one JSON line on stdout; notes go to stderr",
  notes: ["exit codes: 0 ok, 2 bad arguments, unreadable or unwritable file, bad JSON, invalid spec or circuit file (the message names its line)"],
};

const COMMANDS = {
  reduce: {
    summary: `reduces the circuit's ZX-diagram (fullReduce): sizes and T-counts before and after, the time taken, a tensor check (up to ${MAX_CHECKED_WIRES} wires), optionally the circuit extracted back`,
    args: { FILE: "circuit file: OpenQASM 2.0 (.qasm), Quipper-style .qc (T-count benchmarks), Quipper ASCII (.quipper, .quip, or no extension and a first line \"Inputs:\") or circuit spec (.json, lib/quantum/spec.ts, any number of wires); - reads stdin" },
    flags: {
      format: choiceFlag("input format (auto: by the file's extension, quipper for a file without one that starts with \"Inputs:\", json for stdin)", ["auto", ...INPUT_FORMATS], "auto"),
      symbolic: switchFlag("make every parameter a symbol and check the tensors at random values"),
      extract: stringFlag("write the reduced diagram extracted back to gates to OUT (.qasm: OpenQASM 2.0, .json: circuit spec) and check it equals the input", "OUT"),
    },
    examples: [
      "npm run --silent zx -- reduce circuit.qasm --extract reduced.qasm",
      "npm run --silent zx -- reduce tof_3.qc --extract tof_3.json",
      "npm run --silent zx -- reduce spec.json --symbolic",
      "npm run --silent zx -- reduce circuit.txt --format qasm",
    ],
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

function formatOf(path: string, format: "auto" | InputFormat): InputFormat {
  if (format !== "auto") return format;
  if (path === "-") return "json";
  const byExtension = EXTENSIONS[extname(path).toLowerCase()];
  if (!byExtension && extname(path) === "" && /^\s*Inputs:/.test(readTextInput(path))) return "quipper";
  if (!byExtension) throw new UsageError(`cannot tell the format of ${path} from its extension (.qasm, .qc, .quipper, .quip, .json): use --format`);
  return byExtension;
}

/** The circuit in a file; a spec is validated as lib/quantum/spec.ts says but without the engine's wire limit. */
function readCircuit(path: string, format: InputFormat): zx.ParsedCircuit {
  if (format === "json") {
    const spec = validateSpec(readJsonInput(path), { maxWires: Infinity });
    return { circuit: { wires: spec.wires, ops: spec.ops.map((op) => ({ gate: op.gate, wires: op.wires, params: op.params })) }, notes: [] };
  }
  const text = readTextInput(path);
  try {
    return { qasm: zx.parseQasm, qc: zx.parseQc, quipper: zx.parseQuipper }[format](text);
  } catch (e) {
    if (e instanceof zx.CircuitParseError) throw new UsageError(`${path}: ${e.message}`);
    throw e;
  }
}

interface ExtractOutput {
  file: string;
  format: "qasm" | "json";
}

/** --extract's file and format (by its extension), checked before any work. */
function extractOutput(file: string, symbolic: boolean): ExtractOutput {
  if (symbolic) throw new UsageError("--extract writes concrete circuits: it cannot be combined with --symbolic");
  const format = EXTENSIONS[extname(file).toLowerCase()];
  if (format !== "qasm" && format !== "json") throw new UsageError(`--extract writes .qasm or .json files, got ${JSON.stringify(file)}`);
  return { file, format };
}

function sizes(g: zx.ZXGraph) {
  return { vertices: g.vertexCount(), edges: g.edgeCount(), t_count: zx.tCount(g) };
}

function reduce(path: string, flags: { format: "auto" | InputFormat; symbolic: boolean; extract: string | undefined }): object {
  const output = flags.extract === undefined ? undefined : extractOutput(flags.extract, flags.symbolic);
  const { circuit: concrete, notes } = readCircuit(path, formatOf(path, flags.format));
  for (const note of notes) process.stderr.write(`zx: ${path}: ${note}\n`);
  const circuit = flags.symbolic ? zx.symbolizeCircuit(concrete).circuit : concrete;
  const before = zx.circuitToGraph(circuit);
  const after = before.copy();
  const start = performance.now();
  zx.fullReduce(after);
  const seconds = Number(((performance.now() - start) / 1000).toFixed(3));
  const symbolCounts = after.vertices().filter((v) => after.isSpider(v)).map((v) => after.phase(v).symbols().length);
  return {
    before: sizes(before),
    after: {
      ...sizes(after),
      parametrized_spiders: symbolCounts.filter((k) => k > 0).length,
      max_params_per_spider: Math.max(0, ...symbolCounts),
    },
    ...tensorCheck(circuit, after, flags.symbolic),
    seconds,
    ...(output ? { extracted: extractTo(output, after, concrete) } : {}),
  };
}

/**
 * Writes the reduced diagram, extracted back to gates (zx.extractCircuit; SWAPs as CNOTs), to the file, and checks
 * the written circuit against the input circuit (zx.verifyCircuits: full unitaries up to 6 wires, random product
 * states up to the simulator's limit, unchecked beyond).
 */
function extractTo(output: ExtractOutput, reduced: zx.ZXGraph, input: zx.ZXCircuit): object {
  const circuit = zx.extractedToCircuit(zx.extractCircuit(reduced));
  const text = output.format === "qasm" ? zx.toQasm(circuit) : JSON.stringify(circuit) + "\n";
  try {
    atomicWriteFile(output.file, text);
  } catch (e) {
    throw new UsageError(`cannot write ${output.file}: ${(e as Error).message}`);
  }
  const { equal, method, reason } = zx.verifyCircuits(input, circuit);
  if (equal === null) process.stderr.write(`zx: extraction check skipped: ${reason}; extracted.equal is null\n`);
  const counts = zx.gateCounts(circuit);
  return {
    file: output.file, gates: counts.gates, two_qubit: counts.twoQubit, t_count: counts.tCount, equal, method,
    ...(reason === undefined ? {} : { reason }),
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
  const result = command.name === "reduce" ? reduce(command.args[0], command.flags)
    : tcountBench(command.flags.seed, command.flags["per-size"]);
  process.stdout.write(JSON.stringify(result) + "\n");
}

runCli("zx", () => main(process.argv.slice(2)), (e) => (e instanceof SpecError ? 2 : undefined));
