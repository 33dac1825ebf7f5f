/**
 * Table 1 (section 2.2.4) rebuilt from results/ beside the paper's values, the parameter-count search summary,
 * the provenance of the training runs, and the claims of section 2.2 with the verdicts of lib/claims.
 *
 * The paper's numbers are read from the claims registry (the `table1-<dataset>-<model>-<quantity>` entries),
 * so this table and CLAIMS.md cannot disagree about what the paper printed. Our numbers are the final epoch
 * of results/<experiment>.json (the claims' convention: choosing the best epoch would select on the test set).
 */
import { EvaluatedClaim, paperTable1Value } from "../claims";
import { DATASET_LABELS, DATASETS, DatasetName } from "../data";
import { readResult, RESULTS_DIR, TrainingId, trainingId, TrainingRun } from "../results";

export type DatasetId = DatasetName;
export type ModelId = "cnn" | "hqnn";

export const TABLE1_ENTRIES: { dataset: DatasetId; datasetName: string; model: ModelId; modelName: string; experiment: TrainingId }[] =
  DATASETS.flatMap((dataset) => (["cnn", "hqnn"] as const).map((model) => ({
    dataset, model,
    datasetName: DATASET_LABELS[dataset],
    modelName: model === "hqnn" ? "HQNN-Parallel" : "CNN",
    experiment: trainingId(model === "hqnn" ? "hqnn-parallel" : "cnn", dataset),
  })));

/**
 * The dataset's name as a result should be labelled: a result trained on a lossy copy (the CIFAR-10 JPEG
 * re-encoding) is never shown under the plain dataset name.
 */
export function datasetLabel(dataset: DatasetId, r?: { dataset?: { source?: { lossy?: boolean } } }): string {
  const name = DATASET_LABELS[dataset];
  return r?.dataset?.source?.lossy ? `${name} (${dataset === "cifar10" ? "JPEG q75 copy" : "lossy copy"})` : name;
}

/** The claims of section 2.2 (and the abstract's about it) that the notebook lists. */
export const PARALLEL_CLAIM_IDS = [
  "abstract-eight-times-fewer-params", "arch-quantum-weights", "arch-feature-maps",
  ...TABLE1_ENTRIES.flatMap((e) => ["test-acc", "params", "train-loss", "test-loss"].map((q) => `table1-${e.dataset}-${e.model}-${q}`)),
  "mnist-hqnn-outperforms-cnn", "mnist-full-training-set",
  "medmnist-hqnn-acc", "medmnist-cnn-acc", "medmnist-hqnn-outperforms-cnn", "abstract-medmnist-over-99",
  "cifar10-hqnn-acc", "cifar10-cnn-acc", "cifar10-hqnn-outperforms-cnn", "abstract-cifar10-over-82", "arch-conv-blocks-per-dataset",
];


export interface Table1Row {
  [column: string]: string | number | null;
  dataset: string;
  model: string;
  status: string;
  /** One run, or the seed study's mean ± sd (then the ours cells are "mean ± sd" strings). */
  "ours from": string;
  "epochs run": number | null;
  "train loss (paper)": number;
  "train loss (ours)": number | string | null;
  "test loss (paper)": number;
  "test loss (ours)": number | string | null;
  "test acc % (paper)": number;
  "test acc % (ours)": number | string | null;
  "param num (paper)": number;
  "param num (ours)": number | null;
}

const sig = (x: number, digits = 4) => Number(x.toPrecision(digits));
const round = (x: number, decimals: number) => Number(x.toFixed(decimals));

/** "complete", "running (k/n epochs)" (+ "lossy JPEG copy"), or "pending: no results/<id>.json". */
export function runStatus(id: string, r: TrainingRun | undefined): string {
  if (!r) return `pending: no results/${id}.json`;
  return [r.status ?? "no status", r.dataset?.source?.lossy ? "lossy JPEG copy" : ""].filter(Boolean).join(", ");
}

/**
 * Table 1, one row per dataset and model: the paper's cells and ours (final epoch; accuracy in percent). The
 * parameter count of a model not trained yet comes from results/param-counts.json (the same architecture).
 */
type Stat = { mean: number; std: number };

/**
 * Table 1 as we measure it. Where the seed study has the model (MNIST), ours is its mean ± sd over seeds (the
 * single run is seed 1, one member of that distribution); elsewhere it is our one run.
 */
export function table1Rows(dir: string = RESULTS_DIR): Table1Row[] {
  const counts = readResult("param-counts", dir);
  const seedModels = readResult("seeds-summary", dir)?.models ?? {};
  return TABLE1_ENTRIES.map((e) => {
    const r = readResult(e.experiment, dir);
    const f = r?.final;
    const band = seedModels[e.experiment]?.seeds.length >= 2 ? seedModels[e.experiment] : undefined;
    const paper = (q: Parameters<typeof paperTable1Value>[2]) => paperTable1Value(e.dataset, e.model, q);
    const spread = (s: Stat, show: (x: number) => number) => `${show(s.mean)} ± ${show(s.std)}`;
    return {
      dataset: datasetLabel(e.dataset, r), model: e.modelName, status: runStatus(e.experiment, r),
      "ours from": band ? `mean ± sd over ${band.seeds.length} seeds (the single run is seed 1)` : "one run",
      "epochs run": f ? f.epochs : null,
      "train loss (paper)": paper("train-loss"),
      "train loss (ours)": band ? spread(band.final_train_loss, sig) : f ? sig(f.train_loss) : null,
      "test loss (paper)": paper("test-loss"),
      "test loss (ours)": band ? spread(band.final_test_loss, sig) : f ? sig(f.test_loss) : null,
      "test acc % (paper)": paper("test-acc"),
      "test acc % (ours)": band ? spread(band.final_test_acc, (x) => round(100 * x, 2)) : f ? round(100 * f.test_acc, 2) : null,
      "param num (paper)": paper("params"), "param num (ours)": r?.params ?? counts?.models[e.experiment]?.ours ?? null,
    };
  });
}

/** results/param-counts.json as a table: for each model, the paper's count, ours, and what the search found. */
export function paramCountRows(dir: string = RESULTS_DIR): Record<string, string | number>[] {
  const pc = readResult("param-counts", dir);
  if (!pc) throw new Error("results/param-counts.json missing: run node --import tsx experiments/param-counts.ts");
  return TABLE1_ENTRIES.map((e) => {
    const m = pc.models[e.experiment];
    return {
      model: `${e.modelName} ${e.datasetName}`, "paper count": m.paper, "our count": m.ours, "ours − paper": m.ours - m.paper,
      "architectures searched": m.searched, "reconciling (all)": m.reconciling.length, "reconciling (natural)": m.natural_reconciling.length,
      "we train": m.ours_description,
    };
  });
}

const hours = (s: number) => `${Math.floor(s / 3600)}h${String(Math.round((s % 3600) / 60)).padStart(2, "0")}m`;

/** Where each training result came from: its status, size, command, commit, backend, date and wall time. */
export function provenanceRows(dir: string = RESULTS_DIR): Record<string, string | number>[] {
  return TABLE1_ENTRIES.map((e) => {
    const r = readResult(e.experiment, dir), p = r?.provenance;
    return {
      experiment: e.experiment, status: runStatus(e.experiment, r),
      epochs: r?.final ? `${r.final.epochs} / ${r.config?.epochs ?? "?"}` : "",
      "train / test images": r?.dataset ? `${r.dataset.train} / ${r.dataset.test}` : "",
      command: p?.command ?? "", commit: p ? p.git_commit.slice(0, 7) + (p.git_dirty ? " (dirty tree)" : "") : "",
      backend: p?.backend ?? "", profile: p?.profile ?? "", started: p?.started_at ?? "", "wall time": p ? hours(p.wall_s) : "",
    };
  });
}

/** The evaluated claims with the given ids, in that order, as table rows (verdicts as lib/claims computed them). */
export function claimRows(evaluated: EvaluatedClaim[], ids: string[] = PARALLEL_CLAIM_IDS): Record<string, string>[] {
  const byId = new Map(evaluated.map((e) => [e.claim.id, e]));
  return ids.map((id) => {
    const e = byId.get(id);
    if (!e) throw new Error(`claim ${id} is not in the registry`);
    return {
      claim: id, statement: e.claim.statement, paper: e.paper, ours: [e.ours, ...e.labels].filter(Boolean).join("; "),
      verdict: e.verdict, why: e.details.join(" | "),
    };
  });
}
