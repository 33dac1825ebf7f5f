/**
 * The MNIST seed study (results/seeds-summary.json, experiments/seeds.ts): test-accuracy curves with one-standard-
 * deviation bands per model, final accuracy per seed against parameter count, and the tables of notebook 02.
 */
import type { Figure } from "../plot";
import { readResult, RESULTS_DIR, SeedsSummary } from "../results";
import type { NamedFigure } from "../plot";
import { paperLineShapes } from "./curves";
import { paperTable1Value } from "../claims";


export const SEED_MODEL_NAMES: Record<string, string> = {
  "hqnn-parallel-mnist": "HQNN-Parallel", "cnn-mnist": "CNN (the paper's classical model)",
  "ablation-no-quantum": "ablation: quantum layer removed", "ablation-dense20": "ablation: quantum layer → dense 20→20 + ReLU",
  "ablation-frozen-quantum": "ablation: quantum layer frozen at init",
};
const COLORS: Record<string, string> = {
  "hqnn-parallel-mnist": "#6a3d9a", "cnn-mnist": "#ff7f0e", "ablation-no-quantum": "#7f7f7f", "ablation-dense20": "#2ca02c", "ablation-frozen-quantum": "#17becf",
};
const ORDER = Object.keys(SEED_MODEL_NAMES);

export function readSeedsSummary(dir: string = RESULTS_DIR): SeedsSummary | undefined {
  return readResult("seeds-summary", dir);
}

const modelsOf = (s: SeedsSummary) => ORDER.filter((m) => s.models[m]).concat(Object.keys(s.models).filter((m) => !ORDER.includes(m)));
const rgba = (hex: string, a: number) => `rgba(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(",")},${a})`;

/** Mean test accuracy per epoch of each model with a ±1 standard deviation band over its seeds. */
export function seedBandsFigure(s: SeedsSummary): Figure {
  const data = modelsOf(s).flatMap((m) => {
    const { mean, std } = s.models[m].curves.test_acc, color = COLORS[m] ?? "#333333";
    const x = mean.map((_, i) => i + 1), n = s.models[m].seeds.length;
    return [
      { x: [...x, ...x.slice().reverse()], y: [...mean.map((v, i) => v + std[i]), ...mean.map((v, i) => v - std[i]).reverse()],
        type: "scatter", mode: "lines", fill: "toself", fillcolor: rgba(color, 0.15), line: { width: 0 }, hoverinfo: "skip", showlegend: false },
      { x, y: mean, type: "scatter", mode: "lines+markers", name: `${SEED_MODEL_NAMES[m] ?? m} (${n} seed${n === 1 ? "" : "s"})`, line: { color } },
    ];
  });
  // The paper's single-run values (Table 1, read from the claims registry), as labelled dashed lines.
  const paper = paperLineShapes((["hqnn", "cnn"] as const).map((model) => {
    const value = paperTable1Value("mnist", model, "test-acc");
    const id = model === "hqnn" ? "hqnn-parallel-mnist" : "cnn-mnist";
    return { value: value / 100, label: `paper, ${model === "hqnn" ? "HQNN-Parallel" : "CNN"}:<br>${value.toFixed(2)} % (one run)`, color: COLORS[id] };
  }), "margin");
  return {
    data,
    layout: {
      title: { text: "MNIST test accuracy over seeds: mean ± 1 standard deviation<br><sub>dashed: the paper's final values (Table 1, one run each)</sub>", x: 0.5 },
      xaxis: { title: { text: "epoch" }, dtick: 1 }, yaxis: { title: { text: "test accuracy" }, tickformat: ".2%", range: [0.975, 0.995] },
      shapes: paper.shapes, annotations: paper.annotations,
      legend: { orientation: "h", y: -0.2, yanchor: "top" }, margin: { t: 90, b: 170, r: 150 },
    },
    width: 1000, height: 620,
  };
}

/** Final test accuracy of every seed against the model's trainable parameter count. */
export function seedFinalsFigure(s: SeedsSummary): Figure {
  const data = modelsOf(s).map((m) => {
    const seeds = Object.entries(s.models[m].per_seed);
    return { x: seeds.map(() => s.models[m].params), y: seeds.map(([, a]) => a), text: seeds.map(([seed]) => `seed ${seed}`),
      type: "scatter", mode: "markers", name: SEED_MODEL_NAMES[m] ?? m, marker: { color: COLORS[m] ?? "#333333", size: 9, opacity: 0.8 } };
  });
  return {
    data,
    layout: {
      title: { text: "MNIST final test accuracy per seed vs trainable parameters", x: 0.5 },
      xaxis: { title: { text: "trainable parameters" }, tickformat: "," }, yaxis: { title: { text: "final test accuracy" }, tickformat: ".2%" },
      legend: { orientation: "h", y: -0.25 }, margin: { b: 130 },
    },
    width: 900, height: 500,
  };
}

const pp = (x: number) => Number((100 * x).toFixed(2));

/** One row per model: parameters, seeds, final accuracy mean ± sd and range, best epoch mean. */
export function seedTableRows(s: SeedsSummary): Record<string, string | number>[] {
  return modelsOf(s).map((m) => {
    const r = s.models[m], f = r.final_test_acc;
    return {
      model: SEED_MODEL_NAMES[m] ?? m, experiment: m, params: r.params, seeds: r.seeds.join(","),
      "final acc % mean": pp(f.mean), "sd (pp)": pp(f.std), "min %": pp(f.min), "max %": pp(f.max), "best-epoch acc % mean": pp(r.best_test_acc.mean),
    };
  });
}

/** One row per comparison with the reference (HQNN-Parallel): Welch's t-test and McNemar's test per seed. */
export function seedTestRows(s: SeedsSummary): Record<string, string | number>[] {
  return modelsOf(s).filter((m) => s.comparisons[m]).map((m) => {
    const c = s.comparisons[m];
    return {
      comparison: `HQNN-Parallel vs ${SEED_MODEL_NAMES[m] ?? m}`,
      "mean diff (pp)": c.welch ? Number((100 * c.welch.mean_diff).toFixed(3)) : "",
      "95% CI (pp)": c.welch?.ci95 ? ciText(c.welch.ci95) : "",
      "Welch t": c.welch ? Number(c.welch.t.toFixed(2)) : "", df: c.welch ? Number(c.welch.df.toFixed(1)) : "",
      "Welch p": c.welch ? Number(c.welch.p.toPrecision(2)) : "n/a (fewer than 2 seeds)",
      "McNemar per seed (only HQNN right / only other right, p)": c.mcnemar_per_seed.map((x) => `s${x.seed}: ${x.only_a}/${x.only_b}, p=${x.p.toPrecision(2)}`).join("; "),
      "seeds with McNemar p<0.05": `${c.mcnemar_significant_seeds} of ${c.mcnemar_per_seed.length}`,
    };
  });
}

/** The seed-study figures for `make figures` (skipped with a reason when the study has not been run). */
export async function seedFigures(): Promise<NamedFigure[]> {
  const s = readSeedsSummary();
  if (!s) throw new Error("results/seeds-summary.json missing: run node --import tsx experiments/seeds.ts (PROFILE=full)");
  return [{ name: "seeds-mnist-test-accuracy-bands", figure: seedBandsFigure(s) }, { name: "seeds-mnist-final-vs-params", figure: seedFinalsFigure(s) }];
}

const ciText = (ci: [number, number]) => `[${(100 * ci[0]).toFixed(2)}, ${(100 * ci[1]).toFixed(2)}]`;

/** Plain statements of what the seed study shows, computed from the summary (for the notebook). */
export function seedConclusions(s: SeedsSummary): string[] {
  const short = modelsOf(s).filter((m) => s.models[m].seeds.length < s.seeds_wanted);
  const lines = short.length
    ? [`**Partial study**: ${short.map((m) => `${m} has ${s.models[m].seeds.length} of ${s.seeds_wanted} seeds`).join("; ")}. The statements below hold for the seeds run so far.`]
    : [];
  const ref = SEED_MODEL_NAMES[s.reference] ?? s.reference;
  for (const m of modelsOf(s).filter((x) => s.comparisons[x])) {
    const c = s.comparisons[m], name = SEED_MODEL_NAMES[m] ?? m;
    if (!c.welch) { lines.push(`* ${ref} vs ${name}: too few seeds for a t-test yet.`); continue; }
    const d = 100 * c.welch.mean_diff, p = c.welch.p;
    const verdict = p <= 0.05 ? (d > 0 ? `${ref} is **significantly better**` : `${ref} is **significantly worse**`)
      : `**no significant difference**`;
    const ci = c.welch.ci95 ? ` (95 % CI ${ciText(c.welch.ci95)} pp)` : "";
    lines.push(`* ${ref} vs ${name}: mean difference ${d >= 0 ? "+" : ""}${d.toFixed(3)} pp${ci}, Welch p = ${p.toPrecision(2)}: ${verdict}; ` +
      `McNemar's test on paired predictions is significant for ${c.mcnemar_significant_seeds} of ${c.mcnemar_per_seed.length} seeds.`);
  }
  return lines;
}
