/**
 * The results store: `results/<experiment>.json`, written atomically, each with its provenance.
 *
 * A result is only ever produced by running committed code; `provenance()` records how (command, git
 * commit and whether the tree was dirty, backend, seeds, Node version, start time, wall time, profile).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { execFileSync } from "node:child_process";
import { atomicWriteFile } from "../io/files";
import { catalogueEntry, ResultId, ResultOf } from "./catalogue";
import { Schema, SchemaError } from "./schema";

export { atomicWriteFile };
export * from "./catalogue";
export type { BenchRoofline, BenchSchedule, BenchTraining, BenchZx, Datasets, Fourier, GradientScaling, ParamCounts, QuanvGradientTiming, QuanvRun, QuanvSubsets, RecipeRun, RecipeSummary, SeedsSummary, TrainingRun, ZxReduction } from "./formats";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
export const RESULTS_DIR = process.env.HQNN_RESULTS_DIR ?? path.join(REPO_ROOT, "results");

export type Profile = "quick" | "full";

/** The run profile from `PROFILE` (default quick): quick = small subsets for CI, full = paper scale. */
export function getProfile(env: string | undefined = process.env.PROFILE): Profile {
  if (env === undefined || env === "" || env === "quick") return "quick";
  if (env === "full") return "full";
  throw new Error(`PROFILE=${env} is not one of quick, full`);
}

export interface Provenance {
  command: string;
  git_commit: string;
  git_dirty: boolean;
  backend: string;
  seeds: number[];
  node: string;
  started_at: string;
  wall_s: number;
  profile: Profile;
  host_cpus: number;
}

/** Paths that hold what the package produces, not what it runs. */
const OUTPUT_PATHS = ["results", "figures", "CLAIMS.md", "notebooks/*.ipynb"];

function git(args: string[]): string {
  try {
    return execFileSync("git", args, { cwd: REPO_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "";
  }
}

/** Starts a provenance clock; call `.finish()` when the run ends to get the record. */
export function startProvenance(opts: { backend: string; seeds: number[]; profile?: Profile; command?: string }) {
  const started = new Date();
  const command = opts.command ?? ["node", ...process.execArgv, ...process.argv.slice(1).map((a) => path.relative(REPO_ROOT, a) || a)].join(" ");
  // The code that runs is the code at the start: read the commit now, not when the run ends.
  const gitCommit = git(["rev-parse", "HEAD"]) || "unknown";
  // Dirty = tracked code differs from the commit; recorded outputs (results, figures, CLAIMS.md, executed
  // notebooks) do not count, or every run after the first would call itself dirty.
  const gitDirty = git(["status", "--porcelain", "--untracked-files=no", "--", ".", ...OUTPUT_PATHS.map((p) => `:!${p}`)]) !== "";
  return {
    startedAt: started.toISOString(),
    gitCommit,
    gitDirty,
    finish(extraWallS = 0): Provenance {
      return {
        command,
        git_commit: gitCommit,
        git_dirty: gitDirty,
        backend: opts.backend,
        seeds: opts.seeds,
        node: process.version,
        started_at: started.toISOString(),
        wall_s: (Date.now() - started.getTime()) / 1000 + extraWallS,
        profile: opts.profile ?? getProfile(),
        host_cpus: require("node:os").cpus().length,
      };
    },
  };
}

/** `<dir>/<id>.json`; an id is a path of lower-case segments (`seeds/cnn-mnist-s1`), never leaving `dir`. */
export function resultPath(experiment: string, dir = RESULTS_DIR): string {
  if (!/^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/.test(experiment) || experiment.split("/").includes("..")) {
    throw new Error(`invalid experiment id ${JSON.stringify(experiment)}`);
  }
  return path.join(dir, `${experiment}.json`);
}

/** The ids of the `<family>/<name>.json` files in `<dir>/<family>/` (a study's run files), sorted; none when the folder is missing. */
export function familyIds(dir: string, family: string): string[] {
  const folder = path.join(dir, family);
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder).filter((f) => f.endsWith(".json")).sort().map((f) => `${family}/${f.slice(0, -".json".length)}`);
}

/** The catalogue entry of an id; an id the catalogue does not hold is an error. */
function entryOf(id: string) {
  const entry = catalogueEntry(id);
  if (!entry) throw new Error(`${id} is not in the experiment catalogue (lib/results/catalogue.ts)`);
  return entry;
}

/** Writes `<dir>/<id>.json` atomically, checked against its catalogue format (by type, and again when written). */
export function writeResult<K extends ResultId>(id: K, result: ResultOf<K>, dir = RESULTS_DIR): string {
  return writeChecked(entryOf(id).schema, id, result, dir);
}

/**
 * Writes `<dir>/<name>.json` atomically after checking it against `schema`, for a run that writes below a
 * folder of its own (a seed run, a recipe run); a result that does not match is never written.
 */
export function writeChecked(schema: Schema<unknown>, name: string, result: unknown, dir: string): string {
  const file = resultPath(name, dir);
  const json = JSON.parse(JSON.stringify(result));
  try {
    schema.check(json, "");
  } catch (e) {
    if (e instanceof SchemaError) throw new Error(`refusing to write ${path.relative(REPO_ROOT, file) || file}: it does not match its format (lib/results/formats): ${e.message}`);
    throw e;
  }
  atomicWriteFile(file, JSON.stringify(json, null, 1) + "\n");
  return file;
}

/**
 * Where a benchmark measurement goes: the recorded `results/<name>.json` only when asked (RECORD=1), otherwise a
 * git-ignored `results/local/<name>-<time>.json`. Returns the path written.
 */
export function saveBench<K extends "bench-training" | "bench-roofline" | "bench-schedule" | "bench-zx">(name: K, result: ResultOf<K>): string {
  if (process.env.RECORD === "1") return writeResult(name, result);
  const stamp = new Date().toISOString().replace(/[:.]/g, "-").toLowerCase();
  return writeChecked(entryOf(name).schema, `${name}-${stamp}`, result, path.join(RESULTS_DIR, "local"));
}

/**
 * Reads `<dir>/<id>.json` checked against its catalogue format, or returns undefined when the experiment has not
 * been run. A file that is not JSON, or does not match its format, is an error naming the file and the field.
 */
export function readResult<K extends ResultId>(id: K, dir = RESULTS_DIR): ResultOf<K> | undefined {
  const entry = entryOf(id);
  const file = resultPath(id, dir);
  if (!fs.existsSync(file)) return undefined;
  const shown = path.relative(REPO_ROOT, file) || file;
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`${shown} is not valid JSON (${(e as Error).message}); delete it and re-run the experiment`);
  }
  try {
    return entry.schema.check(value, "") as ResultOf<K>;
  } catch (e) {
    if (!(e instanceof SchemaError)) throw e;
    throw new Error(`${shown} does not match the ${entry.name} format (lib/results/formats): ${e.message}; it is written by ${entry.writes}`);
  }
}
