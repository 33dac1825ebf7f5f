/**
 * The CIFAR-10 recipe study (issue 28, experiments/cifar-recipe.ts): validation and test curves per recipe, the
 * table recipe × data × model and the JPEG-quality slope (the decomposition of the gap to the paper that rests on
 * them is lib/claims/cifar-decomposition.ts). Built from results/cifar-recipe/<run>.json and
 * results/cifar-recipe-summary.json only.
 *
 * Every run of the study is on the lossy JPEG q75 copy of CIFAR-10 ("copy") or on that copy re-encoded once more
 * at JPEG quality Q ("qQ", with its PSNR to the copy); every epoch was chosen on a validation hold-out of the
 * training images, so the test accuracies below chose nothing.
 */
import * as path from "node:path";
import type { Figure, NamedFigure } from "../plot";
import { ordered, pp, RECIPE_MODEL_NAMES, RECIPE_ORDER, seedNoisePp } from "../claims/cifar-decomposition";
import { familyIds, readResult, RECIPE_MODELS, RecipeModel, RecipeRun, RecipeRunId, RecipeSummary, RESULTS_DIR } from "../results";
import { leastSquares, mean, summarize } from "../stats";

type Row = RecipeSummary["rows"][number];
type Cell = string | number;

/** The study's data variants in the order they are shown (others, if any, follow by name); the recipes' order is RECIPE_ORDER. */
const DATA_ORDER = ["copy", "q75", "q50", "q25"];
const MODELS = RECIPE_MODELS;
type Model = RecipeModel;
const COLORS: Record<Model, string> = { "hqnn-parallel": "#6a3d9a", cnn: "#ff7f0e" };

const modelName = (m: string) => RECIPE_MODEL_NAMES[m as Model] ?? m;
/** "copy" → the JPEG q75 copy; "qQ" → the copy re-encoded at JPEG quality Q. */
export const dataLabel = (d: string) => (d === "copy" ? "JPEG q75 copy" : /^q\d+$/.test(d) ? `copy re-encoded at JPEG ${d}` : d);
const pct = (x: number, digits = 2) => Number((100 * x).toFixed(digits));

// ---------------------------------------------------------------------------------------------- reading

/** results/cifar-recipe-summary.json (undefined when the study has not been summarised). */
export function readRecipeSummary(dir: string = RESULTS_DIR): RecipeSummary | undefined {
  return readResult("cifar-recipe-summary", dir);
}

/** Every run file of the study under <dir>/cifar-recipe/, each checked against its format (complete or not). */
export function readRecipeRuns(dir: string = RESULTS_DIR): RecipeRun[] {
  return familyIds(dir, "cifar-recipe").map((id) => readResult(id as RecipeRunId, dir)!);
}

// ---------------------------------------------------------------------------------------------- 1. curves

/**
 * For each recipe (one panel each, on the copy, seed 1 or else the lowest seed run), the validation (dashed) and
 * test (solid) accuracy per epoch of both models, the epoch chosen on validation marked with a star on both curves
 * and a dotted vertical line. Panels share the y-axis.
 */
export function recipeCurvesFigure(runs: RecipeRun[]): Figure {
  const copy = runs.filter((r) => r.dataset.variant === "copy" && r.epochs.length > 0);
  const recipes = ordered(copy.map((r) => r.recipe.id), RECIPE_ORDER);
  if (!recipes.length) throw new Error("no recipe-study run on the copy with a recorded epoch");
  const pick = (recipe: string, model: string) => copy.filter((r) => r.recipe.id === recipe && r.model.name === model)
    .sort((a, b) => (a.config.seed === 1 ? -1 : b.config.seed === 1 ? 1 : a.config.seed - b.config.seed))[0];
  const gap = 0.05, width = (1 - gap * (recipes.length - 1)) / recipes.length;
  const data: object[] = [], shapes: object[] = [], annotations: object[] = [], layout: Record<string, unknown> = {};
  const values: number[] = [], seeds = new Set<number>(), validationN = new Set<number>();
  recipes.forEach((recipe, i) => {
    const ax = i === 0 ? "" : String(i + 1), x0 = i * (width + gap);
    const last = Math.max(1, ...copy.filter((r) => r.recipe.id === recipe).flatMap((r) => r.epochs.map((e) => e.epoch)));
    layout[`xaxis${ax}`] = { domain: [x0, x0 + width], anchor: `y${ax}`, title: { text: "epoch" }, tick0: 0, dtick: Math.max(1, Math.ceil(last / 8)) };
    layout[`yaxis${ax}`] = i === 0 ? { title: { text: "accuracy" }, tickformat: ".0%" } : { anchor: `x${ax}`, matches: "y", showticklabels: false };
    for (const model of MODELS) {
      const run = pick(recipe, model);
      if (!run) continue;
      seeds.add(run.config.seed);
      validationN.add(run.dataset.validation);
      const ep = run.epochs.map((e) => e.epoch), color = COLORS[model], first = i === 0;
      const val = run.epochs.map((e) => e.val_acc ?? null), test = run.epochs.map((e) => e.test_acc);
      values.push(...test, ...val.filter((v): v is number => v !== null));
      const line = (y: (number | null)[], kind: "validation" | "test") => ({
        x: ep, y, type: "scatter", mode: "lines", name: `${modelName(model)}, ${kind}`, legendgroup: `${model}-${kind}`, showlegend: first,
        line: { color, width: kind === "test" ? 2 : 1.5, dash: kind === "test" ? "solid" : "dash" }, xaxis: `x${ax}`, yaxis: `y${ax}`,
      });
      const s = run.selection;
      data.push(line(val, "validation"), line(test, "test"), {
        x: [s.chosen_epoch, s.chosen_epoch], y: [s.val_acc, s.test_acc], type: "scatter", mode: "markers",
        name: "epoch chosen on validation", legendgroup: "chosen", showlegend: first && model === MODELS[0],
        marker: { symbol: "star", size: 13, color, line: { color: "#000000", width: 1 } }, xaxis: `x${ax}`, yaxis: `y${ax}`,
        text: [`${modelName(model)}: validation ${pct(s.val_acc)} % at epoch ${s.chosen_epoch}`, `${modelName(model)}: test ${pct(s.test_acc)} % at epoch ${s.chosen_epoch}`],
        hoverinfo: "text",
      });
      shapes.push({ type: "line", xref: `x${ax}`, yref: `y${ax} domain`, x0: s.chosen_epoch, x1: s.chosen_epoch, y0: 0, y1: 1, line: { color, dash: "dot", width: 1 } });
    }
    annotations.push({ text: `<b>${recipe}</b>`, xref: "paper", yref: "paper", x: x0 + width / 2, y: 1.0, xanchor: "center", yanchor: "bottom", showarrow: false, font: { size: 13 } });
  });
  const pad = 0.05 * (Math.max(...values) - Math.min(...values) || 0.1);
  (layout.yaxis as Record<string, unknown>).range = [Math.max(0, Math.min(...values) - pad), Math.min(1, Math.max(...values) + pad)];
  const seedText = [...seeds].sort((a, b) => a - b).join(", "), nText = [...validationN].map((n) => n.toLocaleString("en-US")).join(" / ");
  return {
    data,
    layout: {
      ...layout,
      title: {
        text: `CIFAR-10 (lossy JPEG q75 copy): validation and test accuracy per recipe, seed ${seedText}` +
          `<br><sub>dashed: validation (${nText} training images held out; it chose the epoch, ★); solid: test (reported only)</sub>`, x: 0.5,
      },
      shapes, annotations, legend: { orientation: "h", y: -0.2, yanchor: "top" }, margin: { t: 110, b: 120 },
    },
    width: Math.max(700, 380 * recipes.length), height: 520,
  };
}

// ---------------------------------------------------------------------------------------------- 2. table

const groupKey = (r: Row, withModel = true) => `${r.recipe}/${r.data}${withModel ? `/${r.model}` : ""}`;
/** Percentage cells over seeds: the mean (the value, for one seed), and for several the mean's standard error and the sd (n − 1). */
const seedCells = (name: string, xs: number[]): Record<string, Cell> => {
  const s = summarize(xs);
  return { [`${name} %`]: pct(s.mean), [`${name} SE (pp)`]: s.se === null ? "" : pct(s.se), [`${name} sd (pp)`]: s.n > 1 ? pct(s.std) : "" };
};
const listCell = (xs: number[]): Cell => (xs.length === 1 ? xs[0] : xs.join(", "));
const duration = (s: number) => (s < 60 ? `${Math.round(s)} s` : s < 3600 ? `${Math.round(s / 60)} min` : `${Math.floor(s / 3600)} h ${String(Math.round((s % 3600) / 60)).padStart(2, "0")} min`);

/** The summary's rows grouped by (recipe, data, model), in display order, each group's rows in seed order. */
function groupedRows(summary: RecipeSummary): Row[][] {
  const keys = ordered(summary.rows.map((r) => r.recipe), RECIPE_ORDER).flatMap((recipe) =>
    ordered(summary.rows.filter((r) => r.recipe === recipe).map((r) => r.data), DATA_ORDER).flatMap((data) =>
      ordered(summary.rows.filter((r) => r.recipe === recipe && r.data === data).map((r) => r.model), [...MODELS]).map((model) => `${recipe}/${data}/${model}`)));
  return keys.map((k) => summary.rows.filter((r) => groupKey(r) === k).sort((a, b) => a.seed - b.seed));
}

/**
 * One row per (recipe, data, model): seeds, validation and test accuracy at the epoch chosen on validation (%; the
 * mean over seeds, with the test mean's standard error and the sd when more than one), the chosen and trained epochs
 * per seed, and wall time per run.
 */
export function recipeTableRows(summary: RecipeSummary): Record<string, Cell>[] {
  const chosen = summary.chosen_recipe?.recipe;
  return groupedRows(summary).map((rs) => {
    const r = rs[0], walls = rs.map((x) => x.wall_s);
    return {
      recipe: r.recipe + (r.recipe === chosen ? " (chosen)" : ""), data: dataLabel(r.data), model: modelName(r.model),
      seeds: rs.map((x) => x.seed).join(","),
      "PSNR to copy (dB)": r.psnr_to_copy === null ? "" : Number(r.psnr_to_copy.toFixed(2)),
      "val acc %": pct(mean(rs.map((x) => x.val_acc))), ...seedCells("test acc", rs.map((x) => x.test_acc)),
      "chosen epoch": listCell(rs.map((x) => x.chosen_epoch)), "epochs trained": listCell(rs.map((x) => x.epochs_trained)),
      "wall time per run": rs.length === 1 ? duration(walls[0]) : `${duration(mean(walls))} (mean)`,
    };
  });
}

/**
 * One row per (recipe, data) with at least two seeds of both models: HQNN-Parallel − CNN test accuracy, Welch's
 * 95 % interval and p, as the summary's `comparisons` record them (percentage points).
 */
export function recipeComparisonRows(summary: RecipeSummary): Record<string, Cell>[] {
  const keys = ordered(Object.keys(summary.comparisons).map((k) => k.split("/")[0]), RECIPE_ORDER).flatMap((recipe) =>
    ordered(Object.keys(summary.comparisons).filter((k) => k.split("/")[0] === recipe).map((k) => k.split("/").slice(1).join("/")), DATA_ORDER).map((d) => `${recipe}/${d}`));
  return keys.map((k) => {
    const c = summary.comparisons[k], [recipe, data] = [k.split("/")[0], k.split("/").slice(1).join("/")];
    const n = (m: Model) => summary.rows.filter((r) => groupKey(r, false) === k && r.model === m).length;
    return {
      recipe, data: dataLabel(data), seeds: `${n("hqnn-parallel")} HQNN-Parallel, ${n("cnn")} CNN`,
      "HQNN − CNN (pp)": Number((100 * c.mean_diff).toFixed(2)),
      "95 % CI (pp)": c.ci95 ? `[${(100 * c.ci95[0]).toFixed(2)}, ${(100 * c.ci95[1]).toFixed(2)}]` : "",
      "Welch t": Number(c.t.toFixed(2)), df: Number(c.df.toFixed(1)), "Welch p": Number(c.p.toPrecision(2)),
    };
  });
}

// ---------------------------------------------------------------------------------------------- 3. quality slope

export interface QualityPoint { data: string; quality: number; psnr_db: number; test_acc: number }
export interface QualitySlope {
  recipe: string; seed: number;
  /** The CNN's test accuracy on the copy itself (PSNR to itself infinite), null when that run is missing. */
  copy_test_acc: number | null;
  /** The re-encodings, highest quality first. */
  points: QualityPoint[];
  /** Least-squares slope of test accuracy (percentage points) against PSNR to the copy (dB) over the re-encodings; null for fewer than two. */
  slope_pp_per_db: number | null;
  intercept_pp: number | null;
  /** Half-width of the 95 % range of a difference of two single runs from seed noise alone (points; seedNoisePp), null below two seeds. */
  noise_pp: number | null;
  missing: string[];
}

/**
 * The CNN on the copy and on its re-encodings (q75, q50, q25), same recipe and seed: test accuracy against PSNR to
 * the copy and the least-squares slope over the re-encodings. The recipe is the chosen one when it has
 * re-encodings, else the one with most; the seed is 1 when it has them, else the lowest with most. Undefined when
 * no CNN run on a re-encoding is recorded.
 */
export function qualitySlope(summary: RecipeSummary): QualitySlope | undefined {
  const cnn = summary.rows.filter((r) => r.model === "cnn");
  const reenc = cnn.filter((r) => r.data !== "copy" && r.psnr_to_copy !== null);
  if (!reenc.length) return undefined;
  const count = (recipe: string, seed?: number) => reenc.filter((r) => r.recipe === recipe && (seed === undefined || r.seed === seed)).length;
  const chosen = summary.chosen_recipe?.recipe;
  const recipe = chosen && count(chosen) ? chosen : ordered(reenc.map((r) => r.recipe), RECIPE_ORDER).sort((a, b) => count(b) - count(a))[0];
  const seeds = [...new Set(reenc.filter((r) => r.recipe === recipe).map((r) => r.seed))].sort((a, b) => a - b);
  const most = Math.max(...seeds.map((s) => count(recipe, s)));
  const seed = count(recipe, 1) === most ? 1 : seeds.find((s) => count(recipe, s) === most)!;
  const points = reenc.filter((r) => r.recipe === recipe && r.seed === seed)
    .map((r) => ({ data: r.data, quality: Number(r.data.slice(1)), psnr_db: r.psnr_to_copy as number, test_acc: r.test_acc }))
    .sort((a, b) => b.quality - a.quality);
  const copy = cnn.find((r) => r.recipe === recipe && r.seed === seed && r.data === "copy");
  const fit = leastSquares(points.map((p) => p.psnr_db), points.map((p) => 100 * p.test_acc));
  const missing = [
    ...(copy ? [] : [`the CNN on the copy (${recipe}, seed ${seed})`]),
    ...DATA_ORDER.slice(1).filter((d) => !points.some((p) => p.data === d)).map((d) => `the CNN on the ${d} re-encoding (${recipe}, seed ${seed})`),
  ];
  return { recipe, seed, copy_test_acc: copy?.test_acc ?? null, points, slope_pp_per_db: fit?.slope ?? null, intercept_pp: fit?.intercept ?? null,
    noise_pp: seedNoisePp(summary), missing };
}

/**
 * Test accuracy against PSNR to the copy: the re-encodings (labelled with their JPEG quality) and the least-squares
 * line on the left, with the band around the copy's accuracy that seed noise alone would fill, and the copy itself
 * (PSNR infinite) in a narrow panel of its own on the right, same y-axis.
 */
export function qualitySlopeFigure(q: QualitySlope): Figure {
  const color = COLORS.cnn, xs = q.points.map((p) => p.psnr_db);
  const fitLine = q.slope_pp_per_db !== null && q.intercept_pp !== null ? [{
    x: [Math.min(...xs), Math.max(...xs)], y: [Math.min(...xs), Math.max(...xs)].map((x) => (q.intercept_pp! + q.slope_pp_per_db! * x) / 100),
    type: "scatter", mode: "lines", name: `least squares: ${pp(q.slope_pp_per_db, 3)} points per dB`, line: { color: "#555555", dash: "dash", width: 1.5 },
  }] : [];
  const band = q.copy_test_acc !== null && q.noise_pp !== null ? [q.copy_test_acc - q.noise_pp / 100, q.copy_test_acc + q.noise_pp / 100] : null;
  const ys = [...q.points.map((p) => p.test_acc), ...(q.copy_test_acc === null ? [] : [q.copy_test_acc]), ...(band ?? [])];
  const pad = 0.15 * (Math.max(...ys) - Math.min(...ys) || 0.02);
  const range = [Math.max(0, Math.min(...ys) - pad), Math.min(1, Math.max(...ys) + pad)];
  const xpad = 0.1 * (Math.max(...xs) - Math.min(...xs) || 4);
  const bandX = [Math.min(...xs) - xpad, Math.max(...xs) + xpad];
  const noiseBand = band ? [
    { x: bandX, y: [band[0], band[0]], type: "scatter", mode: "lines", line: { width: 0 }, showlegend: false, hoverinfo: "skip" },
    { x: bandX, y: [band[1], band[1]], type: "scatter", mode: "lines", line: { width: 0 }, fill: "tonexty", fillcolor: "rgba(120,120,120,0.15)",
      name: `the copy's accuracy ± ${q.noise_pp!.toFixed(2)} points: a difference inside is within seed noise (95 % range of two runs' difference)` },
  ] : [];
  return {
    data: [
      ...noiseBand,
      { x: xs, y: q.points.map((p) => p.test_acc), text: q.points.map((p) => `JPEG q${p.quality}`), textposition: "top center",
        type: "scatter", mode: "markers+text", name: "CNN on the copy re-encoded at JPEG quality Q", marker: { color, size: 10 } },
      ...fitLine,
      ...(q.copy_test_acc === null ? [] : [{ x: ["the copy<br>(PSNR ∞)"], y: [q.copy_test_acc], type: "scatter", mode: "markers",
        name: "CNN on the copy itself", marker: { color, size: 12, symbol: "diamond" }, xaxis: "x2", yaxis: "y2" }]),
    ],
    layout: {
      title: { text: "CIFAR-10: CNN test accuracy against one more JPEG generation of the lossy q75 copy" +
        `<br><sub>recipe ${q.recipe}, seed ${q.seed}; each point one run, its epoch chosen on validation; PSNR of the re-encoded test images to the copy's</sub>`, x: 0.5 },
      xaxis: { domain: [0, 0.8], title: { text: "PSNR to the copy (dB)" }, range: [Math.min(...xs) - xpad, Math.max(...xs) + xpad] },
      yaxis: { title: { text: "test accuracy" }, tickformat: ".1%", range },
      xaxis2: { domain: [0.86, 1], anchor: "y2", type: "category" },
      yaxis2: { anchor: "x2", matches: "y", showticklabels: false },
      legend: { orientation: "h", y: -0.3, yanchor: "top" }, margin: { t: 100, b: 190 },
    },
    width: 850, height: 600,
  };
}

// ---------------------------------------------------------------------------------------------- 5. make figures

/**
 * The recipe-study figures for `make figures`: the curves when the study has runs on the copy, the quality slope
 * when the CNN has re-encoding runs (each skipped with a log line otherwise); an error when there is no summary.
 */
export async function cifarRecipeFigures(log: (s: string) => void = () => {}, dir: string = RESULTS_DIR): Promise<NamedFigure[]> {
  const summary = readRecipeSummary(dir);
  if (!summary) throw new Error(`${path.join(dir, "cifar-recipe-summary.json")} missing: run node --import tsx experiments/cifar-recipe.ts (PROFILE=full)`);
  const out: NamedFigure[] = [];
  const runs = readRecipeRuns(dir);
  if (runs.some((r) => r.dataset.variant === "copy" && r.epochs.length)) out.push({ name: "cifar10-recipe-curves", figure: recipeCurvesFigure(runs) });
  else log("cifar10-recipe-curves skipped: no recipe-study run on the copy yet (results/cifar-recipe/)");
  const q = qualitySlope(summary);
  if (q) out.push({ name: "cifar10-jpeg-quality-slope", figure: qualitySlopeFigure(q) });
  else log("cifar10-jpeg-quality-slope skipped: no CNN run on a re-encoded copy yet (experiments/cifar-recipe.ts --data q75,q50,q25)");
  return out;
}
