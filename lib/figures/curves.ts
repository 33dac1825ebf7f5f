/** Training-curve figures built from result files (results/<experiment>.json), never from a live run. */
import type { Figure } from "../plot";

export interface EpochRow { epoch: number; train_loss: number; test_loss: number; test_acc: number; train_acc?: number }
export interface RunResult { experiment: string; epochs: EpochRow[]; status?: string; dataset?: { source?: { lossy?: boolean } } }

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

/**
 * Test accuracy per epoch of the hybrid and the classical model, side by side (Figure 5(c) style). With `seeds`,
 * each model is its seed study's mean ± 1 sd and the single run is drawn thin as one member (seed 1); without,
 * the figure says it shows one run per model.
 */
export function accuracyComparisonFigure(hqnn: RunResult, cnn: RunResult, title: string, paper?: { hqnn: number; cnn: number },
  seeds?: { hqnn: SeedCurve; cnn: SeedCurve }): Figure {
  const trace = (run: RunResult, name: string, color: string) => ({
    x: run.epochs.map((e) => e.epoch), y: run.epochs.map((e) => e.test_acc), type: "scatter", mode: seeds ? "lines" : "lines+markers",
    name: seeds ? `${name}: seed 1 (one run)` : `${name} (ours, one run)`, line: { color, width: seeds ? 1 : 2, dash: seeds ? "dot" : "solid" },
  });
  const shapes = paper ? [
    { type: "line", xref: "paper", x0: 0, x1: 1, y0: paper.hqnn, y1: paper.hqnn, line: { color: COLORS.hqnn, dash: "dash", width: 1 } },
    { type: "line", xref: "paper", x0: 0, x1: 1, y0: paper.cnn, y1: paper.cnn, line: { color: COLORS.cnn, dash: "dash", width: 1 } },
  ] : [];
  const bands = seeds ? [...bandTraces(seeds.hqnn, "HQNN-Parallel", COLORS.hqnn), ...bandTraces(seeds.cnn, "CNN", COLORS.cnn)] : [];
  return {
    data: [...bands, trace(hqnn, "HQNN-Parallel", COLORS.hqnn), trace(cnn, "CNN", COLORS.cnn)],
    layout: {
      title: { text: title, x: 0.5 }, xaxis: { title: { text: "epoch" }, dtick: 1 }, yaxis: { title: { text: "test accuracy" }, tickformat: ".2%" },
      shapes, legend: { orientation: "h", y: -0.28 }, margin: { b: 130 },
      annotations: paper ? [{ text: "dashed: the paper's final values (one run each)", xref: "paper", yref: "paper", x: 1, y: 1.02, showarrow: false, xanchor: "right", yanchor: "bottom", font: { size: 11 } }] : [],
    },
    width: 800, height: 500,
  };
}
