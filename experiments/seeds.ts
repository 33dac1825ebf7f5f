/**
 * Is the headline real? HQNN-Parallel, its CNN and three ablations of the quantum layer on full MNIST, each
 * with several seeds (initialisation and shuffling), then Welch's t-test over seeds and McNemar's test on the
 * paired test-set predictions of matched seeds.
 *
 *   node --import tsx experiments/seeds.ts [--seeds 1-5] [--models a,b,...] [--jobs N]   run what is missing
 *   node --import tsx experiments/seeds.ts --summary                                     only rebuild the summary
 *
 * Runs go seed by seed (every model for seed 1, then seed 2, ...), N at a time in child processes (default: one
 * per core), each on cores / N threads (data-parallel): either way the study uses every core. Each run is
 * `experiments/parallel.ts <model> --seed S` (results/seeds/<model>-s<S>.json, checkpoint every epoch, resumes),
 * logging to logs/seeds/. After every finished run results/seeds-summary.json is rewritten from whatever is complete.
 * Bad arguments exit with code 2, a failed study with 1 (conventions: lib/cli/args.ts).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Flag, integerFlag, parseCommand, parseInteger, runCli, switchFlag, UsageError } from "../lib/cli/args";
import { loadDataset } from "../lib/data";
import { decodePredictions, EpochRecord } from "../lib/nn/train";
import { getProfile, readResult, RESULTS_DIR, SEED_MODELS, SeedModel, seedRunId, SeedsSummary, startProvenance, writeResult } from "../lib/results";
import { welchRecord } from "../lib/results/formats";
import { mcnemar, mean, std, summarize, welchTTest } from "../lib/stats";
import { runStudy } from "./child-runs";

export { SEED_MODELS };
export const REFERENCE_MODEL = "hqnn-parallel-mnist";

/** The results folder of this profile (results/ or results/quick/); the runs live in its seeds/ subfolder. */
export function profileResultsDir(): string {
  return path.join(RESULTS_DIR, getProfile() === "full" ? "" : "quick");
}

/** Seeds per model the study asks for; the claims treat a summary with fewer as partial. */
export const SEEDS_WANTED = 5;

interface SeedRun { experiment: string; seed: number; params: number; epochs: EpochRecord[]; predictions?: Uint8Array; commits: string[] }

/** The complete runs under <resultsDir>/seeds/, each checked against its format. */
function readRuns(resultsDir: string): SeedRun[] {
  const dir = path.join(resultsDir, "seeds");
  if (!fs.existsSync(dir)) return [];
  const runs: SeedRun[] = [];
  for (const f of fs.readdirSync(dir).sort()) {
    const m = /^(.+)-s(\d+)\.json$/.exec(f);
    if (!m || !(SEED_MODELS as readonly string[]).includes(m[1])) continue;
    const r = readResult(seedRunId(m[1] as SeedModel, Number(m[2])), resultsDir)!;
    if (r.status !== "complete") continue;
    runs.push({ experiment: m[1], seed: Number(m[2]), params: r.params, epochs: r.epochs,
      predictions: r.test_predictions ? decodePredictions(r.test_predictions.data) : undefined, commits: runCommits(r.provenance) });
  }
  return runs;
}

/** The git commits whose code trained a run (one per invocation of a resumed run). */
function runCommits(provenance?: { git_commit: string; invocations?: { git_commit: string }[] }): string[] {
  if (!provenance) return [];
  return [...new Set((provenance.invocations ?? [provenance]).map((i) => i.git_commit))];
}

function isComplete(resultsDir: string, model: SeedModel, seed: number): boolean {
  return readResult(seedRunId(model, seed), resultsDir)?.status === "complete";
}

/** Per-epoch mean and standard deviation of one curve over seeds (epochs every run reached). */
function band(runs: SeedRun[], key: "test_acc" | "train_loss" | "test_loss" | "train_acc") {
  const epochs = Math.min(...runs.map((r) => r.epochs.length));
  const at = (e: number) => runs.map((r) => r.epochs[e][key]);
  return { mean: Array.from({ length: epochs }, (_, e) => mean(at(e))), std: Array.from({ length: epochs }, (_, e) => std(at(e))) };
}

/**
 * Aggregates the complete seed runs under <resultsDir>/seeds/ into <resultsDir>/seeds-summary.json. The MNIST
 * test labels (for McNemar's test) are loaded unless given.
 */
export async function summarizeSeeds(resultsDir = profileResultsDir(), testLabels?: Uint8Array) {
  const runs = readRuns(resultsDir);
  const byModel = new Map<string, SeedRun[]>();
  for (const r of runs) byModel.set(r.experiment, [...(byModel.get(r.experiment) ?? []), r]);
  const models: SeedsSummary["models"] = {};
  for (const [experiment, rs] of byModel) {
    models[experiment] = {
      seeds: rs.map((r) => r.seed), params: rs[0].params,
      final_test_acc: summarize(rs.map((r) => r.epochs.at(-1)!.test_acc)),
      final_test_loss: summarize(rs.map((r) => r.epochs.at(-1)!.test_loss)),
      final_train_loss: summarize(rs.map((r) => r.epochs.at(-1)!.train_loss)),
      best_test_acc: summarize(rs.map((r) => Math.max(...r.epochs.map((e) => e.test_acc)))),
      per_seed: Object.fromEntries(rs.map((r) => [r.seed, r.epochs.at(-1)!.test_acc])),
      curves: { test_acc: band(rs, "test_acc"), train_loss: band(rs, "train_loss"), test_loss: band(rs, "test_loss") },
    };
  }
  const reference = byModel.get(REFERENCE_MODEL) ?? [];
  const labels = testLabels ?? (reference.length ? (await loadDataset("mnist")).test.labels : undefined);
  const comparisons: SeedsSummary["comparisons"] = {};
  for (const [experiment, rs] of byModel) {
    if (experiment === REFERENCE_MODEL || !labels) continue;
    const a = reference.map((r) => r.epochs.at(-1)!.test_acc), b = rs.map((r) => r.epochs.at(-1)!.test_acc);
    const paired = reference.flatMap((ra) => {
      const rb = rs.find((r) => r.seed === ra.seed);
      // Predictions are of the first n test images (all 10,000 in the full profile).
      if (!rb?.predictions || !ra.predictions || ra.predictions.length !== rb.predictions.length) return [];
      const right = (p: Uint8Array) => Array.from(p, (v, i) => v === labels[i]);
      const m = mcnemar(right(ra.predictions), right(rb.predictions));
      return [{ seed: ra.seed, only_a: m.onlyA, only_b: m.onlyB, p: m.p }];
    });
    comparisons[experiment] = {
      welch: a.length >= 2 && b.length >= 2 ? welchRecord(welchTTest(a, b)) : null,
      mcnemar_per_seed: paired,
      mcnemar_significant_seeds: paired.filter((p) => p.p < 0.05).length,
    };
  }
  const summary = {
    experiment: "seeds-summary", dataset: "mnist (60,000 / 10,000)", reference: REFERENCE_MODEL, seeds_wanted: SEEDS_WANTED,
    note: "final = test accuracy after the last epoch; comparisons.<model> compares the reference with that model: welch = Welch's t-test of final accuracies over seeds (mean_diff = reference minus other, as a fraction); mcnemar = exact test on paired test predictions of the same seed (only_a: only the reference right, only_b: only the other right)",
    models, comparisons,
    // One code version per study: the commits that trained the runs (more than one means the study mixes versions).
    code_versions: [...new Set(runs.flatMap((r) => r.commits))].sort(),
    provenance: startProvenance({ backend: "none", seeds: [...new Set(runs.map((r) => r.seed))].sort((x, y) => x - y) }).finish(),
  };
  writeResult("seeds-summary", summary, resultsDir);
  return summary;
}

export async function runSeeds(opts: { seeds: number[]; models: SeedModel[]; jobs: number }) {
  const runs = opts.seeds.flatMap((seed) => opts.models.map((experiment) => ({ experiment, seed })))
    .filter((j) => !isComplete(profileResultsDir(), j.experiment, j.seed))
    .map(({ experiment, seed }) => ({ id: `${experiment}-s${seed}`, label: `${experiment} seed ${seed}`, script: "parallel.ts", args: [experiment, "--seed", String(seed)] }));
  const failed = await runStudy("seeds", runs, { jobs: opts.jobs, afterRun: summarizeSeeds });
  const summary = await summarizeSeeds();
  if (failed) throw new Error(`${failed} seed run(s) failed: see logs/seeds/`);
  return summary;
}

const DEFAULT_SEEDS = `1-${SEEDS_WANTED}`;

/** --seeds: a range "A-B" or a list "A,B,..." of seeds (integers >= 0). */
export const seedsFlag: Flag<number[]> = {
  help: "seeds to run: a range A-B or a list A,B,...",
  value: "SEEDS",
  fallback: DEFAULT_SEEDS,
  read(text = DEFAULT_SEEDS, flag) {
    const range = /^(\d+)-(\d+)$/.exec(text);
    if (!range) return text.split(",").map((seed) => parseInteger(seed, flag, { min: 0 }));
    const [first, last] = [Number(range[1]), Number(range[2])];
    if (first > last) throw new UsageError(`${flag} range ${text} is empty`);
    return Array.from({ length: last - first + 1 }, (_, i) => first + i);
  },
};

/** --models: a list of SEED_MODELS. */
export const modelsFlag: Flag<SeedModel[]> = {
  help: `models to run, a list of ${SEED_MODELS.join(", ")}`,
  value: "A,B,...",
  fallback: "all",
  read(text, flag) {
    const models = text === undefined ? [...SEED_MODELS] : text.split(",");
    const unknown = models.find((m) => !(SEED_MODELS as readonly string[]).includes(m));
    if (unknown !== undefined) throw new UsageError(`${flag}: unknown model ${JSON.stringify(unknown)} (expected any of ${SEED_MODELS.join(", ")})`);
    return models as SeedModel[];
  },
};

const PROGRAM = {
  name: "experiments/seeds.ts",
  run: "node --import tsx experiments/seeds.ts",
  summary: "several seeds of HQNN-Parallel, its CNN and three ablations on MNIST, then Welch's t-test and McNemar's test",
  notes: [
    "output: {models, comparisons} of results/seeds-summary.json (results/quick/ unless PROFILE=full); runs log to logs/seeds/",
    "exit codes: 0 ok, 1 a run or the summary failed, 2 bad arguments",
  ],
};

const COMMAND = {
  summary: "runs the missing seed runs (each experiments/parallel.ts MODEL --seed S), then rewrites the summary",
  flags: {
    seeds: seedsFlag,
    models: modelsFlag,
    jobs: integerFlag("runs at a time, each on cores / jobs threads", { min: 1, fallback: os.availableParallelism?.() ?? os.cpus().length }),
    summary: switchFlag("only rebuild the summary from the finished runs"),
  },
  examples: ["node --import tsx experiments/seeds.ts --seeds 1-3 --models hqnn-parallel-mnist,cnn-mnist --jobs 2", "node --import tsx experiments/seeds.ts --summary"],
};

async function main(argv: string[]): Promise<void> {
  const { flags } = parseCommand(PROGRAM, COMMAND, argv);
  const s = flags.summary ? await summarizeSeeds() : await runSeeds(flags);
  process.stdout.write(JSON.stringify({ models: Object.keys(s.models), comparisons: s.comparisons }) + "\n");
}

if (require.main === module) runCli(PROGRAM.name, () => main(process.argv.slice(2)), () => 1);
