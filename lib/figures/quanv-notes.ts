/**
 * The computed prose of notebook 03 (HQNN-Quanv against CNN1 and CNN4, section 2.3): markdown tables and lines
 * built from the result files (results/quanv-*.json) and the claims registry, so the notebook's cells only call
 * them. The paper's numbers come from the registry, never typed; means and standard deviations from lib/stats.
 */
import { CLAIMS, EvaluatedClaim, paperValue } from "../claims";
import { buildQuanvModel, deadReluFilters, quanvParamCounts } from "../nn/quanv";
import { QUANV_VARIANTS, QuanvGradientTiming, QuanvRun, QuanvSubsets, readResult, RESULTS_DIR } from "../results";
import { mean, median, std } from "../stats";
import { finalAccuracies, QUANV_DISPLAY_ORDER, variantLabel } from "./quanv";

const pct = (x: number) => (100 * x).toFixed(1);
const table = (header: string[], rows: string[]) => [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...rows].join("\n");

/** The paper's accuracies of section 2.3 as the claims registry holds them. */
export function quanvPaperValues(): string {
  const ids = [["quanv-hqnn-acc", "HQNN-Quanv"], ["quanv-cnn4-acc", "CNN4"], ["quanv-cnn1-acc", "CNN1"]];
  return "The paper's final test accuracies (claims registry, mean ± sd over 10 models): " + ids.map(([id, label]) => {
    const claim = CLAIMS.find((c) => c.id === id);
    if (!claim) throw new Error(`claim ${id} is not in the registry`);
    return `${label} **${paperValue(claim)}** ([${id}](../CLAIMS.md#${id}))`;
  }).join(", ") + ".";
}

/** The three models under both readings (stride 4 and 2): first-layer output, kernel and total parameters. */
export function quanvModelTable(): string {
  const rows: string[] = [];
  for (const stride of [4, 2]) {
    for (const kind of ["hqnn", "cnn1", "cnn4"] as const) {
      const model = buildQuanvModel({ kind, imageSize: 14, stride, classes: 10, seed: 1 });
      const c = quanvParamCounts(model);
      rows.push(`| stride ${stride} | ${kind} | ${model.getLayer("kernel_layer").outputShape.slice(1).join("×")} | ${c.kernel_params} | ${c.total_params} |`);
      model.dispose();
    }
  }
  return table(["reading", "model", "first-layer output", "kernel params", "total params"], rows);
}

/** Where a committed run comes from: status, commit, seeds × epochs, data size. */
export function runProvenanceLine(file: string, r: QuanvRun): string {
  return `${file}: ${r.status}, commit ${r.provenance.git_commit.slice(0, 7)}, ` +
    `${r.seeds.length} seeds x ${r.config.epochs} epochs, ${r.config.train_n}/${r.config.test_n} images`;
}

/** Final test accuracy of every variant on disk against the paper's (as the run recorded it). */
export function finalAccuracyTable(dir = RESULTS_DIR): string {
  const rows = QUANV_DISPLAY_ORDER.flatMap((v) => {
    const r = readResult(v.id, dir);
    if (!r) return [];
    const f = r.aggregate.final, perSeed = finalAccuracies(r);
    return [`| ${variantLabel(v)} | ${r.kernel_params} | ${r.total_params} | ${pct(f.test_acc_mean)} ± ${pct(f.test_acc_std)} | ` +
      `${pct(Math.min(...perSeed))}–${pct(Math.max(...perSeed))} | ${pct(r.paper.mean)} ± ${pct(r.paper.std)} | ${pct(f.test_acc_mean - r.paper.mean)} |`];
  });
  return table(["model", "kernel params", "total params", "ours: test acc. % (mean ± sample std, 10 seeds)", "ours: min–max over seeds", "paper %", "ours − paper (points)"], rows);
}

/** The seeds whose single CNN1 filter is dead at initialisation (all four weights negative: ReLU outputs 0 forever). */
export function deadAtInitSeeds(seeds: number[]): number[] {
  return seeds.filter((seed) => {
    const m = buildQuanvModel({ kind: "cnn1", imageSize: 14, stride: 4, classes: 10, seed });
    const dead = deadReluFilters(m) > 0;
    m.dispose();
    return dead;
  });
}

/** CNN1's final accuracy in every reading, over all seeds and without the dead-at-initialisation ones. */
export function cnn1WithoutDeadSeeds(deadSeeds: number[], dir = RESULTS_DIR): string {
  const ids = QUANV_VARIANTS.filter((v) => v.model === "cnn1").map((v) => v.id);
  const rows = ids.flatMap((id) => {
    const r = readResult(id, dir);
    if (!r) return [];
    const all = r.per_seed.map((s) => ({ seed: s.seed, acc: s.epochs[s.epochs.length - 1].test_acc }));
    const alive = all.filter((x) => !deadSeeds.includes(x.seed)).map((x) => x.acc);
    const dead = all.filter((x) => deadSeeds.includes(x.seed)).map((x) => `seed ${x.seed}: ${pct(x.acc)}`).join(", ");
    return [`| ${id} | ${pct(r.aggregate.final.test_acc_mean)} ± ${pct(r.aggregate.final.test_acc_std)} | ${pct(mean(alive))} ± ${pct(std(alive))} (${alive.length} seeds) | ${dead} |`];
  });
  return table(["CNN1 run", "all seeds %", "without dead-at-init seeds %", "dead seeds' final accuracy"], rows);
}

/** The section's claims with their verdicts, as rows. */
export function quanvClaimRows(evaluated: EvaluatedClaim[]): Record<string, string>[] {
  const audit = new Map(evaluated.map((e) => [e.claim.id, e]));
  const ids = ["quanv-hqnn-acc", "quanv-cnn4-acc", "quanv-cnn1-acc", "quanv-hqnn-matches-cnn4", "quanv-hqnn-outperforms-cnn1", "abstract-quanv-four-times-fewer-params"];
  return ids.map((id) => {
    const e = audit.get(id);
    if (!e) throw new Error(`claim ${id} is not in the registry`);
    return { claim: id, statement: e.claim.statement, paper: e.paper, ours: e.ours, verdict: e.verdict };
  });
}

const escapeBars = (s: string) => s.replace(/\|/g, "\\|");

/** The gradient-method timing: per reading and method, the engine alone, and the spread over rounds. */
export function gradientTimingNotes(t: QuanvGradientTiming): { perMethod: string; engine: string; lines: string[] } {
  const perMethod = table(["reading", "method", "epoch (s, median)", "of which engine vjp (s)", "epoch train loss", escapeBars("|Δ loss| vs backprop"), escapeBars("max |Δ weight| vs backprop")],
    Object.entries(t.by_reading).flatMap(([reading, methods]) => Object.entries(methods).map(([m, v]) =>
      `| ${reading} | ${m} | ${v.seconds.toFixed(3)} | ${v.engine_vjp_seconds.toFixed(3)} | ${v.epoch_train_loss.toFixed(7)} | ${v.abs_diff_train_loss_vs_backprop.toExponential(1)} | ${v.max_abs_diff_kernel_vs_backprop.toExponential(1)} |`)));
  const e = t.engine_only;
  const engine = table([`engine alone, ${e.patches} patches`, `seconds (median of ${e.repeats})`, escapeBars("max |Δ gradient| vs backprop")],
    Object.entries(e.median_seconds).map(([k, v]) => `| ${k} | ${v.toFixed(4)} | ${e.max_abs_gradient_diff_vs_backprop[k] === undefined ? "" : e.max_abs_gradient_diff_vs_backprop[k].toExponential(1)} |`));
  const lines = Object.entries(t.by_reading).map(([reading, methods]) => {
    const spread = Object.entries(methods).map(([m, v]) => {
      const rounds = v.seconds_all_rounds, mid = median(rounds);
      const off = Math.max(...rounds.map((s) => Math.abs(s - mid) / mid));
      return `${m} ${Math.min(...rounds).toFixed(3)}–${Math.max(...rounds).toFixed(3)} s (within ${(100 * off).toFixed(0)} % of its median)`;
    });
    return `${reading}, epoch time over ${Object.values(methods)[0]?.seconds_all_rounds.length ?? 0} rounds: ${spread.join(", ")}`;
  });
  const load = t.machine_load;
  lines.push(`machine load (1/5/15-min load average) before: ${load.loadavg_1_5_15_before.join(", ")} after: ${load.loadavg_1_5_15_after.join(", ")} on ${load.cpus} cores`);
  return { perMethod, engine, lines };
}

/** Accuracy per subset (mean ± sd over seeds), the first-600 main run first. */
export function subsetsTable(subsets: QuanvSubsets, main: Record<"hqnn" | "cnn1" | "cnn4", QuanvRun>): string {
  const cell = (f: { test_acc_mean: number; test_acc_std: number }) => `${pct(f.test_acc_mean)} ± ${pct(f.test_acc_std)}`;
  return table(["data", "HQNN-Quanv %", "CNN4 %", "CNN1 %"], [
    `| first 600 (main run) | ${cell(main.hqnn.aggregate.final)} | ${cell(main.cnn4.aggregate.final)} | ${cell(main.cnn1.aggregate.final)} |`,
    ...subsets.subsets.map((s) => `| subset ${s.subset_seed} | ${cell(s.models.hqnn.final)} | ${cell(s.models.cnn4.final)} | ${cell(s.models.cnn1.final)} |`),
  ]);
}

/** The differences between the models over the subsets, their ranges, and HQNN − CNN1 without CNN1's dead seeds. */
export function subsetsSummary(subsets: QuanvSubsets, deadSeeds: number[]): string[] {
  const d = subsets.summary, n = subsets.subsets.length;
  const range = (xs: number[]) => `${pct(Math.min(...xs))} to ${pct(Math.max(...xs))}`;
  const diff = (x: QuanvSubsets["summary"]["hqnn_minus_cnn4"]) =>
    `${pct(x.mean)} ± ${pct(x.std)} points (positive in ${x.positive_in} of ${x.per_subset.length}; ${range(x.per_subset)})`;
  const finals = (m: "hqnn" | "cnn4" | "cnn1") => subsets.subsets.map((s) => s.models[m].final.test_acc_mean);
  const aliveGap = subsets.subsets.map((s) =>
    s.models.hqnn.final.test_acc_mean - mean(s.models.cnn1.final_per_seed.filter((x) => !deadSeeds.includes(x.seed)).map((x) => x.test_acc)));
  return [
    `over the ${n} subsets: HQNN − CNN4 = ${diff(d.hqnn_minus_cnn4)}; HQNN − CNN1 = ${diff(d.hqnn_minus_cnn1)}; CNN4 − CNN1 = ${diff(d.cnn4_minus_cnn1)}`,
    `HQNN − CNN1 without CNN1's dead-at-initialisation seeds (${deadSeeds.join(", ") || "none"}): ${range(aliveGap)} points`,
    `accuracy across subsets: HQNN-Quanv ${range(finals("hqnn"))} %, CNN4 ${range(finals("cnn4"))} %, CNN1 ${range(finals("cnn1"))} %`,
  ];
}
