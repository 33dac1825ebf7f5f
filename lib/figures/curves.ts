/** Training-curve figures built from result files (results/<experiment>.json), never from a live run. */
import type { Figure } from "../plot";

export interface EpochRow { epoch: number; train_loss: number; test_loss: number; test_acc: number; train_acc?: number }
export interface RunResult {
  experiment: string; epochs: EpochRow[]; status?: string; dataset?: { test?: number; source?: { lossy?: boolean } };
  /** Why training ended before config.epochs, as lib/nn/train.ts writes it ("after epoch 9: no test-accuracy improvement for 3 epochs"). */
  stopped_early?: string; config?: { epochs?: number; patience?: number };
}

const COLORS = { train: "#1f77b4", test: "#d62728", hqnn: "#6a3d9a", cnn: "#ff7f0e" };

/** Loss (left) and accuracy (right) per epoch, train and test, for one run. */
export function lossAccuracyFigure(run: RunResult, title: string): Figure {
  const ep = run.epochs.map((e) => e.epoch);
  const line = (y: number[], name: string, color: string, axis: string, dash = "solid") =>
    ({ x: ep, y, name, type: "scatter", mode: "lines+markers", line: { color, dash }, xaxis: `x${axis}`, yaxis: `y${axis}` });
  return {
    data: [
      line(run.epochs.map((e) => e.train_loss), "train loss", COLORS.train, ""),
      line(run.epochs.map((e) => e.test_loss), "test loss", COLORS.test, ""),
      ...(run.epochs[0]?.train_acc !== undefined ? [line(run.epochs.map((e) => e.train_acc as number), "train accuracy", COLORS.train, "2", "dot")] : []),
      line(run.epochs.map((e) => e.test_acc), "test accuracy", COLORS.test, "2", "dot"),
    ],
    layout: {
      title: { text: title, x: 0.5 },
      xaxis: { domain: [0, 0.45], title: { text: "epoch" }, dtick: 1 }, yaxis: { title: { text: "cross-entropy loss" }, rangemode: "tozero" },
      xaxis2: { domain: [0.55, 1], title: { text: "epoch" }, dtick: 1, anchor: "y2" }, yaxis2: { title: { text: "accuracy" }, anchor: "x2", tickformat: ".1%" },
      legend: { orientation: "h", y: -0.28 }, margin: { b: 110 },
    },
    width: 1000, height: 460,
  };
}

/** Mean and standard deviation per epoch over seeds, and how many seeds. */
export interface SeedCurve { mean: number[]; std: number[]; seeds: number }

const rgba = (hex: string, a: number) => `rgba(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(",")},${a})`;

/** A mean line with a ±1 sd band. */
function bandTraces(c: SeedCurve, name: string, color: string) {
  const x = c.mean.map((_, i) => i + 1);
  return [
    { x: [...x, ...x.slice().reverse()], y: [...c.mean.map((v, i) => v + c.std[i]), ...c.mean.map((v, i) => v - c.std[i]).reverse()],
      type: "scatter", mode: "lines", fill: "toself", fillcolor: rgba(color, 0.15), line: { width: 0 }, hoverinfo: "skip", showlegend: false },
    { x, y: c.mean, name: `${name}: mean ± sd, ${c.seeds} seeds`, type: "scatter", mode: "lines+markers", line: { color } },
  ];
}

/** A horizontal reference line (one of the paper's values) with its label. */
export interface PaperLine { value: number; label: string; color: string }

/**
 * Dashed horizontal lines, each labelled at the right end in its own colour: inside the plot, or in the right
 * margin (`margin`, which then needs about 150 px) where a label can never cover data. Lines are ranked by value
 * and labels alternate above and below their line, so two nearly equal values (82.78 and 82.64) still get two
 * readable labels. Each annotation carries its line's value in `y`.
 */
export function paperLineShapes(lines: PaperLine[], place: "inside" | "margin" = "inside"): { shapes: object[]; annotations: object[] } {
  const ranked = [...lines].sort((a, b) => b.value - a.value);
  return {
    shapes: ranked.map((l) => ({ type: "line", xref: "paper", x0: 0, x1: 1, y0: l.value, y1: l.value, layer: "above", line: { color: l.color, dash: "dash", width: 1.5 } })),
    annotations: ranked.map((l, i) => ({
      text: l.label, xref: "paper", x: place === "inside" ? 1 : 1.01, xanchor: place === "inside" ? "right" : "left", align: "left",
      y: l.value, yref: "y", yanchor: i % 2 === 0 ? "bottom" : "top",
      showarrow: false, font: { size: 11, color: l.color }, bgcolor: "rgba(255,255,255,0.85)",
    })),
  };
}

/** The paper's value of each model, and where in the paper it is stated (for the figure's note). */
export interface PaperValues { hqnn: number; cnn: number; source?: string }

const percent = (x: number) => `${(100 * x).toFixed(2)} %`;

/**
 * Test accuracy per epoch of the hybrid and the classical model, side by side (Figure 5(c) style). With `seeds`,
 * each model is its seed study's mean ± 1 sd and the single run is drawn thin as one member (seed 1); without,
 * the figure says it shows one run per model.
 *
 * The paper's values are labelled dashed lines inside the y-range. The y-range spans at least `minSpan` (half a
 * point by default, capped at 100 %), so that near the ceiling (Medical MNIST) a change of a few test images is
 * not drawn as a cliff; the y-axis says how many test images there are and what one image is worth, and a narrow
 * axis (at most one point) gets a second scale in misclassified test images. A run ended by early stopping
 * says so in its legend entry and in a note (from the result's `stopped_early`).
 */
export function accuracyComparisonFigure(hqnn: RunResult, cnn: RunResult, title: string, paper?: PaperValues,
  seeds?: { hqnn: SeedCurve; cnn: SeedCurve }, minSpan = 0.005): Figure {
  const lastEpoch = (run: RunResult) => run.epochs[run.epochs.length - 1]?.epoch;
  const stopped = (run: RunResult) => (run.stopped_early ? `; stopped early after epoch ${lastEpoch(run)}` : "");
  const trace = (run: RunResult, name: string, color: string) => ({
    x: run.epochs.map((e) => e.epoch), y: run.epochs.map((e) => e.test_acc), type: "scatter", mode: seeds ? "lines" : "lines+markers",
    name: (seeds ? `${name}: seed 1 (one run` : `${name} (ours, one run`) + `${stopped(run)})`,
    line: { color, width: seeds ? 1 : 2, dash: seeds ? "dot" : "solid" },
  });
  const lines = paper ? paperLineShapes([
    { value: paper.hqnn, label: `paper, HQNN-Parallel: ${percent(paper.hqnn)}`, color: COLORS.hqnn },
    { value: paper.cnn, label: `paper, CNN: ${percent(paper.cnn)}`, color: COLORS.cnn },
  ]) : { shapes: [], annotations: [] };
  const bands = seeds ? [...bandTraces(seeds.hqnn, "HQNN-Parallel", COLORS.hqnn), ...bandTraces(seeds.cnn, "CNN", COLORS.cnn)] : [];

  // y-range: every value drawn (runs, bands, paper lines) with room for the labels, at least minSpan, at most 100 %.
  const values = [...hqnn.epochs, ...cnn.epochs].map((e) => e.test_acc).concat(paper ? [paper.hqnn, paper.cnn] : [],
    ...(seeds ? [seeds.hqnn, seeds.cnn].map((c) => c.mean.flatMap((m, i) => [m - c.std[i], m + c.std[i]])) : []));
  const pad = 0.1 * (Math.max(...values) - Math.min(...values));
  let lo = Math.min(...values) - pad, hi = Math.max(...values) + pad;
  // Near the ceiling the axis runs to 100 % (and a little above, so the 100 % tick and a label just below it show).
  const ceiling = 1 - hi < 0.15 * Math.max(hi - lo, minSpan);
  if (ceiling) hi = 1;
  if (hi - lo < minSpan) lo = hi - minSpan;
  if (ceiling) hi += 0.06 * (hi - lo);
  const testImages = hqnn.dataset?.test;
  const perImage = testImages ? `<br>(${testImages.toLocaleString("en-US")} test images: 1 image = ${Number((100 / testImages).toPrecision(2))} points)` : "";
  const narrow = testImages !== undefined && hi - lo <= 0.01 + 1e-12;

  const notes: object[] = [];
  const subtitle = paper ? `<br><sub>dashed: the paper's final values${paper.source ? ` (${paper.source})` : ""}, one run each</sub>` : "";
  const early = ([[hqnn, "HQNN-Parallel"], [cnn, "CNN"]] as const).filter(([r]) => r.stopped_early);
  if (early.length) {
    const r0 = early[0][0];
    const rule = r0.config?.patience ? `early stopping (patience ${r0.config.patience} on test accuracy${r0.config.epochs ? `, at most ${r0.config.epochs} epochs` : ""}) ended` : "early stopping ended";
    notes.push({
      text: [`${rule}:`, ...early.map(([r, name]) => `${name} ${r.stopped_early}`)].join("<br>"),
      xref: "paper", yref: "paper", x: 0.99, y: 0.02, xanchor: "right", yanchor: "bottom", align: "left", showarrow: false,
      font: { size: 11 }, bgcolor: "rgba(255,255,255,0.85)", bordercolor: "#999", borderwidth: 1,
    });
  }
  // A second y-axis in misclassified test images on a narrow axis: an invisible trace keeps plotly drawing it.
  const imageAxis = narrow && testImages ? {
    yaxis2: {
      overlaying: "y", side: "right", range: [testImages * (1 - lo), testImages * (1 - hi)], title: { text: "misclassified test images", font: { size: 12 } },
      showgrid: false, zeroline: false, tick0: 0, dtick: 10, tickformat: "d", automargin: true,
    },
  } : {};
  const imageTrace = narrow ? [{ x: [hqnn.epochs[0]?.epoch ?? 1], y: [0], yaxis: "y2", type: "scatter", mode: "markers", marker: { opacity: 0 }, showlegend: false, hoverinfo: "skip" }] : [];
  return {
    data: [...bands, trace(hqnn, "HQNN-Parallel", COLORS.hqnn), trace(cnn, "CNN", COLORS.cnn), ...imageTrace],
    layout: {
      title: { text: title + subtitle, x: 0.5 }, xaxis: { title: { text: "epoch" }, dtick: 1 },
      yaxis: { title: { text: `test accuracy${perImage}`, font: { size: 12 } }, automargin: true, tickformat: narrow ? ".2%" : hi - lo < 0.05 ? ".2%" : ".1%", range: [lo, hi] },
      ...imageAxis,
      shapes: lines.shapes, legend: { orientation: "h", y: -0.28 }, margin: { t: 90, b: 130 },
      annotations: [...lines.annotations, ...notes],
    },
    width: 800, height: 500,
  };
}
