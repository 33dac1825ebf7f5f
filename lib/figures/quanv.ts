/**
 * Figures 7 and 8 (section 2.3, HQNN-Quanv), built from the recorded results `results/quanv-*.json` only.
 *
 *   fig7-quanv-architecture      the 4-qubit kernel circuit and the model's block diagram (the primary reading)
 *   fig8a-quanv-train-loss       train loss per epoch, mean +- 1 sample std over the seeds, three models
 *   fig8b-quanv-test-loss        test loss, likewise
 *   fig8c-quanv-test-accuracy    test accuracy, likewise, with the paper's final values at epoch 20
 *   fig8d-quanv-readings         final test accuracy of every reading / variant that was run, with the paper's
 *   fig8e-quanv-subsets          final test accuracy on each random 600-image subset
 */
import type { Figure } from "../plot";
import { QUANV_VARIANTS, QuanvModel, QuanvRun, QuanvRunId, QuanvSubsets, QuanvVariant, readResult, variantLearningRate } from "../results";
import { welchTTest } from "../stats";
import type { NamedFigure } from "../plot";

const MODELS = [
  { kind: "hqnn", label: "HQNN-Quanv", color: "#6a3d9a", fill: "rgba(106,61,154,0.18)" },
  { kind: "cnn4", label: "CNN4", color: "#ff7f0e", fill: "rgba(255,127,14,0.18)" },
  { kind: "cnn1", label: "CNN1", color: "#1f77b4", fill: "rgba(31,119,180,0.18)" },
] as const;

const MODEL_ORDER: QuanvModel[] = ["hqnn", "cnn4", "cnn1"];
const modelLabel = (model: QuanvModel) => MODELS.find((m) => m.kind === model)!.label;
const strideLabel = (v: { reading: string }) => (v.reading === "stride4" ? "stride 4" : "stride 2");

/** A variant as people read it: "HQNN-Quanv, stride 2, RX, lr 1e-2". */
export function variantLabel(v: QuanvVariant): string {
  const rate = variantLearningRate(v);
  const lr = rate !== undefined ? `, lr ${rate.toExponential()}` : "";
  return `${modelLabel(v.model)}, ${strideLabel(v)}${v.model === "hqnn" ? `, ${v.rotation}` : ""}${lr}`;
}

/** Every variant, in display order: learning rate, then reading, then HQNN (RY, RX), CNN4, CNN1. */
export const QUANV_DISPLAY_ORDER: QuanvVariant[] = [...QUANV_VARIANTS].sort((a, b) =>
  (variantLearningRate(a) ?? 0) - (variantLearningRate(b) ?? 0) || a.reading.localeCompare(b.reading) * -1 ||
  MODEL_ORDER.indexOf(a.model) - MODEL_ORDER.indexOf(b.model) || a.rotation.localeCompare(b.rotation) * -1);

/** A reading run with all three models (RY kernels): its stride and learning rate. */
export interface QuanvReading { reading: "stride4" | "stride2"; learningRate?: number }
export const PRIMARY_READING: QuanvReading = { reading: "stride4" };

/** The readings that were run with all three models, primary first. */
export const QUANV_READINGS: { reading: QuanvReading; label: string }[] = [
  { reading: PRIMARY_READING, label: "stride 4, RY, lr 1e-3 (primary)" }, { reading: { reading: "stride2" }, label: "stride 2, RY, lr 1e-3" },
  { reading: { reading: "stride4", learningRate: 1e-2 }, label: "stride 4, RY, lr 1e-2" }, { reading: { reading: "stride2", learningRate: 1e-2 }, label: "stride 2, RY, lr 1e-2" },
];

/** The catalogue id of a model in a reading (RY kernels). */
function trioId(r: QuanvReading, model: QuanvModel): QuanvRunId {
  const v = QUANV_VARIANTS.find((x) => x.model === model && x.reading === r.reading && x.rotation === "RY" && variantLearningRate(x) === r.learningRate);
  if (!v) throw new Error(`no Quanv variant for ${model} in ${JSON.stringify(r)}`);
  return v.id;
}

/** Final test accuracy of each seeded model of a result. */
export function finalAccuracies(r: QuanvRun): number[] {
  return r.per_seed.map((s) => s.epochs[s.epochs.length - 1].test_acc);
}

/**
 * HQNN-Quanv against CNN4 and CNN1 in every reading that was run: Welch's test of the final test accuracies over
 * seeds (difference HQNN − CNN in points, its 95% confidence interval, p), the statistics the claims use.
 */
export function quanvComparisonRows(dir?: string): Record<string, string>[] {
  const points = (x: number) => (100 * x).toFixed(1);
  return QUANV_READINGS.flatMap(({ reading, label }) => {
    const trio = MODELS.every((m) => readResult(trioId(reading, m.kind), dir)) ? readQuanvTrio(reading, dir) : undefined;
    if (!trio) return [];
    return (["cnn4", "cnn1"] as const).map((other) => {
      const w = welchTTest(finalAccuracies(trio.hqnn), finalAccuracies(trio[other]));
      return {
        reading: label, comparison: `HQNN-Quanv − ${other.toUpperCase()}`, "difference (points)": points(w.meanDiff),
        "95% CI (points)": `[${points(w.ci95[0])}, ${points(w.ci95[1])}]`, "Welch p": w.p.toPrecision(2),
      };
    });
  });
}

/** The three models of one reading (default: the primary one). */
export function readQuanvTrio(reading = PRIMARY_READING, dir?: string): Record<QuanvModel, QuanvRun> {
  const out = {} as Record<QuanvModel, QuanvRun>;
  for (const m of MODELS) {
    const id = trioId(reading, m.kind);
    const r = readResult(id, dir);
    if (!r) throw new Error(`results/${id}.json is missing: run experiments/quanv.ts`);
    out[m.kind] = r;
  }
  return out;
}

type Metric = "train_loss" | "test_loss" | "test_acc";
const METRIC_LABEL: Record<Metric, string> = { train_loss: "train loss (cross-entropy)", test_loss: "test loss (cross-entropy)", test_acc: "test accuracy" };

/** Horizontal spacing (epochs) of the paper's markers right of the last epoch in Figure 8(c). */
const PAPER_X_OFFSET = 0.7;

/** One metric per epoch for the three models: mean line and a +-1 std band (Figure 8 a/b/c). */
export function quanvCurveFigure(trio: Record<string, QuanvRun>, metric: Metric, title: string): Figure {
  const data: object[] = [];
  for (const [k, m] of MODELS.entries()) {
    const r = trio[m.kind];
    const ep = r.aggregate.per_epoch;
    const x = ep.map((e) => e.epoch);
    const mean = ep.map((e) => (e as unknown as Record<string, number>)[`${metric}_mean`]);
    const std = ep.map((e) => (e as unknown as Record<string, number>)[`${metric}_std`]);
    data.push({ x, y: mean.map((v, i) => v + std[i]), type: "scatter", mode: "lines", line: { width: 0 }, showlegend: false, hoverinfo: "skip" });
    data.push({ x, y: mean.map((v, i) => v - std[i]), type: "scatter", mode: "lines", line: { width: 0 }, fill: "tonexty", fillcolor: m.fill, showlegend: false, hoverinfo: "skip" });
    const fin = r.aggregate.final;
    const name = metric === "test_acc" ? `${m.label}: ${fin.test_acc_mean.toFixed(3)} ± ${fin.test_acc_std.toFixed(3)}` : m.label;
    data.push({ x, y: mean, name, type: "scatter", mode: "lines+markers", marker: { size: 5 }, line: { color: m.color } });
    if (metric === "test_acc") {
      // The paper's values sit right of the last epoch, one column per model (0.66 and 0.67 would hide each other).
      data.push({
        x: [fin.epoch + PAPER_X_OFFSET * (k + 1)], y: [r.paper.mean], error_y: { type: "data", array: [r.paper.std], color: m.color, thickness: 1.5 },
        type: "scatter", mode: "markers+text", marker: { symbol: "diamond-open", size: 10, color: m.color },
        text: [m.label.replace("HQNN-Quanv", "HQNN")], textposition: k % 2 ? "bottom center" : "top center", textfont: { size: 10, color: m.color },
        name: `paper ${m.label}: ${r.paper.mean.toFixed(2)} ± ${r.paper.std.toFixed(2)}`,
      });
    }
  }
  const r0 = trio.hqnn;
  return {
    data,
    layout: {
      title: { text: title, x: 0.5 },
      xaxis: { title: { text: "epoch" }, dtick: 2, ...(metric === "test_acc" ? { range: [0, r0.aggregate.final.epoch + PAPER_X_OFFSET * MODELS.length + 1],
        tickvals: Array.from({ length: Math.floor(r0.aggregate.final.epoch / 2) + 1 }, (_, i) => 2 * i) } : {}) },
      yaxis: { title: { text: METRIC_LABEL[metric] }, ...(metric === "test_acc" ? { tickformat: ".0%" } : {}) },
      legend: { orientation: "h", y: -0.22 },
      annotations: [{
        text: `mean ± 1 sample std over ${r0.seeds.length} initialisations; ${r0.config.train_n} train / ${r0.config.test_n} test images; ` +
          `Adam lr ${r0.config.learning_rate}, batch ${r0.config.batch_size}` + (metric === "test_acc" ? `; diamonds right of epoch ${r0.aggregate.final.epoch}: the paper's final values` : ""),
        xref: "paper", yref: "paper", x: 0.5, y: 1.06, showarrow: false, font: { size: 11 },
      }],
    },
    width: 850, height: 520,
  };
}

/**
 * Final test accuracy (mean +- std) of every variant found in results/, next to the paper's numbers (Figure 8d).
 * One bar trace per model kind, so the legend's colours are the bars' colours. The ± 1 sd whiskers are cut at
 * 0 % and 100 % (an accuracy cannot leave [0, 1]; the axis title says so), and a cut whisker is marked "cut".
 */
export function quanvReadingsFigure(results: { label: string; r: QuanvRun }[]): Figure {
  const labels = results.map((x) => `${x.label} (${x.r.kernel_params} / ${x.r.total_params})`);
  const cut = (x: { r: QuanvRun }) => {
    const { test_acc_mean: m, test_acc_std: sd } = x.r.aggregate.final;
    return { plus: Math.min(sd, 1 - m), minus: Math.min(sd, m), clipped: m + sd > 1 || m - sd < 0 };
  };
  const bars = MODELS.flatMap((model) => {
    const rows = results.map((x, i) => ({ ...x, label: labels[i] })).filter((x) => x.r.model.kind === model.kind);
    return rows.length ? [{
      y: rows.map((x) => x.label), x: rows.map((x) => x.r.aggregate.final.test_acc_mean), type: "bar", orientation: "h",
      name: `${model.label} (ours, mean ± sd)`, marker: { color: model.color },
      error_x: { type: "data", symmetric: false, array: rows.map((x) => cut(x).plus), arrayminus: rows.map((x) => cut(x).minus) },
      text: rows.map((x) => x.r.aggregate.final.test_acc_mean.toFixed(3)), textposition: "inside", insidetextanchor: "start",
    }] : [];
  });
  const clipped = results.map((x, i) => ({ c: cut(x), label: labels[i] })).filter((x) => x.c.clipped);
  return {
    data: [
      ...bars,
      {
        y: labels, x: results.map((x) => x.r.paper.mean), type: "scatter", mode: "markers", name: "paper (its single reading)",
        error_x: { type: "data", array: results.map((x) => x.r.paper.std), color: "#333" }, marker: { symbol: "diamond", size: 9, color: "#333" },
      },
    ],
    layout: {
      title: { text: "Final test accuracy after 20 epochs, every reading and learning rate", x: 0.5 },
      xaxis: { title: { text: "test accuracy: bar = mean, whisker = ± 1 sample std over the seeds, cut at 100 %" }, range: [0, 1.06], tickformat: ".0%", tickvals: [0, 0.2, 0.4, 0.6, 0.8, 1] },
      yaxis: { autorange: "reversed", automargin: true, categoryorder: "array", categoryarray: labels },
      barmode: "overlay", legend: { orientation: "h", y: -0.14 }, margin: { l: 300 },
      shapes: [{ type: "line", x0: 1, x1: 1, yref: "paper", y0: 0, y1: 1, line: { color: "#999", width: 1 } }],
      annotations: [
        { text: "in brackets: trainable parameters in the kernel / in the model", xref: "paper", yref: "paper", x: 1, y: 1.05, showarrow: false, font: { size: 11 } },
        ...clipped.map((x) => ({ text: "cut", x: 1, y: x.label, xanchor: "left", showarrow: false, font: { size: 10, color: "#555" } })),
      ],
    },
    width: 950, height: 780,
  };
}

/** Final test accuracy of the three models on each seeded subset, plus the first-600 run (Figure 8e). */
export function quanvSubsetsFigure(subsets: QuanvSubsets, first: Record<string, QuanvRun>): Figure {
  const names = ["first 600", ...subsets.subsets.map((s) => `subset ${s.subset_seed}`)];
  const data = MODELS.map((m) => {
    const finals = [first[m.kind].aggregate.final, ...subsets.subsets.map((s) => s.models[m.kind].final)];
    return {
      x: names, y: finals.map((f) => f.test_acc_mean), error_y: { type: "data", array: finals.map((f) => f.test_acc_std) },
      type: "bar", name: m.label, marker: { color: m.color },
    };
  });
  return {
    data,
    layout: {
      title: { text: "Final test accuracy on other random 600-image subsets of MNIST", x: 0.5 }, barmode: "group",
      yaxis: { title: { text: "test accuracy after 20 epochs" }, tickformat: ".0%", range: [0, 1] },
      legend: { orientation: "h", y: -0.15 },
      annotations: [{
        text: `mean ± 1 sample std over ${subsets.config.seeds.length} initialisations per subset (first 600: ${first.hqnn.seeds.length})`,
        xref: "paper", yref: "paper", x: 0.5, y: 1.06, showarrow: false, font: { size: 11 },
      }],
    },
    width: 850, height: 480,
  };
}

type Shape = Record<string, unknown>;
const box = (x0: number, y0: number, x1: number, y1: number, fill: string, line = "#333"): Shape =>
  ({ type: "rect", x0, y0, x1, y1, fillcolor: fill, line: { color: line, width: 1.2 } });
const text = (x: number, y: number, t: string, size = 12, extra: object = {}) => ({ x, y, text: t, showarrow: false, font: { size }, ...extra });
const arrow = (x0: number, y0: number, x1: number, y1: number) =>
  ({ x: x1, y: y1, ax: x0, ay: y0, xref: "x", yref: "y", axref: "x", ayref: "y", text: "", showarrow: true, arrowhead: 2, arrowsize: 1, arrowwidth: 1.3 });

/**
 * Figure 7: top, the kernel circuit (RY(pi p_i) embedding, trainable R(w_i), CNOT chain, <Z> per wire); bottom,
 * the model: a 14x14 image with the 2x2 patches the kernel reads at this stride, the kernel, the four maps,
 * flatten, dense to 10 logits.
 */
export function quanvArchitectureFigure(stride = 4, rotation = "RY", imageSide = 14): Figure {
  const side = Math.floor((imageSide - 2) / stride) + 1;
  const shapes: Shape[] = [], notes: object[] = [];
  // Circuit: wire k at y = 10.5 - 1.1 k.
  const wy = (k: number) => 10.5 - 1.1 * k;
  for (let k = 0; k < 4; k++) {
    const y = wy(k);
    shapes.push({ type: "line", x0: 1.2, x1: 12.6, y0: y, y1: y, line: { color: "#333", width: 1.2 } });
    notes.push(text(0.6, y, `|0⟩ q${k}`, 12));
    shapes.push(box(1.8, y - 0.35, 3.8, y + 0.35, "#cfe2f3"));
    notes.push(text(2.8, y, `RY(π·p${k})`, 12));
    shapes.push(box(4.4, y - 0.35, 6.2, y + 0.35, "#f4cccc"));
    notes.push(text(5.3, y, `${rotation}(w${k})`, 12));
    shapes.push(box(11.2, y - 0.35, 12.6, y + 0.35, "#d9ead3"));
    notes.push(text(11.9, y, "⟨Z⟩", 12), text(13.7, y, `→ channel ${k + 1}`, 12));
  }
  [[0, 1, 7.2], [1, 2, 8.4], [2, 3, 9.6]].forEach(([c, t, x]) => {
    shapes.push({ type: "line", x0: x, x1: x, y0: wy(c), y1: wy(t) - 0.22, line: { color: "#333", width: 1.2 } });
    shapes.push({ type: "circle", x0: x - 0.09, x1: x + 0.09, y0: wy(c) - 0.09, y1: wy(c) + 0.09, fillcolor: "#333", line: { color: "#333" } });
    shapes.push({ type: "circle", x0: x - 0.22, x1: x + 0.22, y0: wy(t) - 0.22, y1: wy(t) + 0.22, line: { color: "#333", width: 1.2 } });
    shapes.push({ type: "line", x0: x - 0.22, x1: x + 0.22, y0: wy(t), y1: wy(t), line: { color: "#333", width: 1.2 } });
  });
  notes.push(
    text(2.8, 11.4, "angle embedding", 11), text(5.3, 11.4, "4 trainable rotations", 11), text(8.4, 11.4, "3 CNOTs", 11),
    text(11.9, 11.4, "measure", 11), text(7.5, 12.3, "Quanvolutional kernel: one 2×2 patch (p0 p1 / p2 p3) → 4 qubits → 4 numbers", 14),
  );
  // Model: the input image as a grid; the pixels the kernel reads are shaded.
  const cell = 0.33, gx = 0.4, gy = 0.6;
  for (let r = 0; r < imageSide; r++) {
    for (let c = 0; c < imageSide; c++) {
      const read = r % stride < 2 && c % stride < 2 && Math.floor(r / stride) < side && Math.floor(c / stride) < side;
      shapes.push({
        type: "rect", x0: gx + c * cell, x1: gx + (c + 1) * cell, y0: gy + (imageSide - 1 - r) * cell, y1: gy + (imageSide - r) * cell,
        fillcolor: read ? "#9fc5e8" : "#ffffff", line: { color: "#bbb", width: 0.5 },
      });
    }
  }
  const gridTop = gy + imageSide * cell, gridRight = gx + imageSide * cell;
  notes.push(text(gx + (imageSide * cell) / 2, gridTop + 0.35, `input ${imageSide}×${imageSide} (MNIST resized)`, 11));
  notes.push(text(gx + (imageSide * cell) / 2, gy - 0.3, `shaded: the ${side * side} 2×2 patches at stride ${stride}`, 11));
  shapes.push(box(gridRight + 0.9, 1.9, gridRight + 3.3, 3.9, "#f4cccc"));
  notes.push(text(gridRight + 2.1, 2.9, "quanv kernel<br>4 qubits<br>4 weights", 11), arrow(gridRight + 0.1, 2.9, gridRight + 0.9, 2.9));
  const mapX = gridRight + 4.1, mapCell = 0.28;
  for (let k = 3; k >= 0; k--) {
    const ox = mapX + 0.3 * k, oy = 1.1 + 0.3 * k;
    for (let r = 0; r < side; r++) for (let c = 0; c < side; c++) {
      shapes.push({ type: "rect", x0: ox + c * mapCell, x1: ox + (c + 1) * mapCell, y0: oy + r * mapCell, y1: oy + (r + 1) * mapCell, fillcolor: "#d9ead3", line: { color: "#6aa84f", width: 0.6 } });
    }
  }
  const mapRight = mapX + 0.9 + side * mapCell;
  notes.push(arrow(gridRight + 3.3, 2.9, mapX, 2.9), text(mapX + 0.9, 0.45, `4 maps ${side}×${side}`, 11));
  const flat = 4 * side * side;
  shapes.push(box(mapRight + 0.8, 2.2, mapRight + 2.6, 3.6, "#fff2cc"));
  notes.push(text(mapRight + 1.7, 2.9, `flatten<br>${flat}`, 11), arrow(mapRight + 0.1, 2.9, mapRight + 0.8, 2.9));
  shapes.push(box(mapRight + 3.4, 2.2, mapRight + 5.8, 3.6, "#fce5cd"));
  notes.push(text(mapRight + 4.6, 2.9, `dense ${flat}→10<br>${flat * 10 + 10} weights`, 11), arrow(mapRight + 2.6, 2.9, mapRight + 3.4, 2.9));
  notes.push(text(mapRight + 7.0, 2.9, "10 logits<br>(softmax)", 11), arrow(mapRight + 5.8, 2.9, mapRight + 6.3, 2.9));
  notes.push(text(9.5, 6.25, `HQNN-Quanv (stride ${stride}): CNN1 / CNN4 replace the kernel by 1 / 4 classical 2×2 filters (no bias) + ReLU`, 14));
  return {
    data: [{ x: [0], y: [0], type: "scatter", mode: "markers", marker: { opacity: 0 }, showlegend: false, hoverinfo: "skip" }],
    layout: {
      xaxis: { range: [0, 19], visible: false }, yaxis: { range: [0, 12.8], visible: false, scaleanchor: "x" },
      shapes, annotations: notes, margin: { l: 10, r: 10, t: 10, b: 10 }, plot_bgcolor: "#fff", showlegend: false,
    },
    width: 1000, height: 680,
  };
}

/** Figures 7 and 8 from results/quanv-*.json; throws when the primary results are missing. */
export async function quanvFigures(log: (s: string) => void = () => {}): Promise<NamedFigure[]> {
  const trio = readQuanvTrio();
  const out: NamedFigure[] = [
    { name: "fig7-quanv-architecture", figure: quanvArchitectureFigure(trio.hqnn.reading.stride, trio.hqnn.reading.rotation ?? "RY") },
    { name: "fig8a-quanv-train-loss", figure: quanvCurveFigure(trio, "train_loss", "Train loss per epoch (HQNN-Quanv, CNN4, CNN1)") },
    { name: "fig8b-quanv-test-loss", figure: quanvCurveFigure(trio, "test_loss", "Test loss per epoch") },
    { name: "fig8c-quanv-test-accuracy", figure: quanvCurveFigure(trio, "test_acc", "Test accuracy per epoch") },
  ];
  const variants = QUANV_DISPLAY_ORDER.flatMap((v) => {
    const r = readResult(v.id);
    if (!r) log(`results/${v.id}.json missing: left out of fig8d`);
    return r ? [{ label: variantLabel(v), r }] : [];
  });
  out.push({ name: "fig8d-quanv-readings", figure: quanvReadingsFigure(variants) });
  const subsets = readResult("quanv-subsets");
  if (subsets) out.push({ name: "fig8e-quanv-subsets", figure: quanvSubsetsFigure(subsets, trio) });
  else log("results/quanv-subsets.json missing: fig8e skipped");
  return out;
}
