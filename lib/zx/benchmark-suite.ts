import * as fs from "node:fs";
import * as path from "node:path";
import { benchmarkCircuit, BENCHMARK_NAME_FORMS, DEFAULT_BENCHMARK_CIRCUITS, parseBenchmarkName } from "./benchmark-circuits";
import { ParsedCircuit } from "./circuit-file";
import { PYZX_PUBLISHED, PyzxPublished, TparCounts, tparHeader } from "./published-tcounts";
import { parseQc } from "./qc";
import { parseQuipper } from "./quipper";

/**
 * The circuits of `bench zx`: the generated arithmetic families (benchmark-circuits.ts) and the `.qc` and
 * `.quipper` files stored in data/zx-benchmarks/ (their source and licence: SOURCE.md there), with the published
 * counts for each.
 */

/** The stored benchmark files (data/zx-benchmarks/ of this repository). */
export const BENCHMARK_DIR = path.resolve(__dirname, "..", "..", "data", "zx-benchmarks");

const TPAR_SUFFIX = "_tpar";

/** The readers of the stored files, by extension. */
const READERS: Record<string, (text: string) => ParsedCircuit> = { ".qc": parseQc, ".quipper": parseQuipper };

/** The stored circuit files of `dir` by circuit name (the file name without its extension). */
function storedFiles(dir: string): Map<string, string> {
  const files = fs.readdirSync(dir).filter((f) => Object.hasOwn(READERS, path.extname(f)));
  return new Map(files.map((f) => [path.basename(f, path.extname(f)), f]));
}

/** Names of the stored circuits: every `.qc` and `.quipper` file of `dir`, without the extension, sorted. */
export function storedBenchmarkNames(dir = BENCHMARK_DIR): string[] {
  return [...storedFiles(dir).keys()].sort();
}

/**
 * Every circuit `bench zx` runs by default: the generated ones, then the stored originals, each followed by its
 * stored T-par version (T-par versions without an original last).
 */
export function benchmarkSuite(dir = BENCHMARK_DIR): string[] {
  const stored = storedBenchmarkNames(dir);
  const originals = [...DEFAULT_BENCHMARK_CIRCUITS, ...stored.filter((n) => !n.endsWith(TPAR_SUFFIX))];
  const names = originals.flatMap((n) => (stored.includes(n + TPAR_SUFFIX) ? [n, n + TPAR_SUFFIX] : [n]));
  return [...names, ...stored.filter((n) => !names.includes(n))];
}

/** A name `loadBenchmark` accepts: a generated circuit or a stored file. */
export function isBenchmarkName(name: string, dir = BENCHMARK_DIR): boolean {
  return parseBenchmarkName(name) !== undefined || storedBenchmarkNames(dir).includes(name);
}

/** The accepted names, for messages. */
export function benchmarkNameForms(dir = BENCHMARK_DIR): string {
  return `${BENCHMARK_NAME_FORMS}, or a file of ${path.basename(dir)}/ (${storedBenchmarkNames(dir).join(", ")})`;
}

export interface LoadedBenchmark {
  parsed: ParsedCircuit;
  /** "generated" or the stored file's name. */
  origin: string;
}

/** A benchmark circuit by name: generated if parseBenchmarkName knows it, else read from `dir`. */
export function loadBenchmark(name: string, dir = BENCHMARK_DIR): LoadedBenchmark {
  if (parseBenchmarkName(name)) return { parsed: benchmarkCircuit(name), origin: "generated" };
  const file = storedFiles(dir).get(name);
  if (file === undefined) throw new Error(`unknown benchmark circuit ${JSON.stringify(name)} (expected ${benchmarkNameForms(dir)})`);
  try {
    return { parsed: READERS[path.extname(file)](fs.readFileSync(path.join(dir, file), "utf8")), origin: file };
  } catch (e) {
    throw new Error(`${path.join(path.basename(dir), file)}: ${(e as Error).message}`);
  }
}

export interface PublishedFor {
  /** PyZX's published reduction of this circuit (published-tcounts.ts), if any. */
  pyzx: PyzxPublished | null;
  /** T-par's header in the stored `<name>_tpar.qc`, if this circuit is an original with one. */
  tpar: { original: TparCounts; optimised: TparCounts; file: string } | null;
}

/** The published counts for a circuit of the suite. T-par versions have none (they are T-par's output). */
export function publishedFor(name: string, dir = BENCHMARK_DIR): PublishedFor {
  const file = name + TPAR_SUFFIX + ".qc";
  const hasTpar = !name.endsWith(TPAR_SUFFIX) && fs.existsSync(path.join(dir, file));
  return {
    pyzx: Object.hasOwn(PYZX_PUBLISHED, name) ? PYZX_PUBLISHED[name] : null,
    tpar: hasTpar ? { ...tparHeader(fs.readFileSync(path.join(dir, file), "utf8")), file } : null,
  };
}
