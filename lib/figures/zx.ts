/**
 * Appendix A.1 figures: ZX-diagrams drawn by lib/zx as SVG (not plotly charts), written as figures/<name>.svg and
 * a PNG rendered from that SVG in headless Chromium (lib/plot/svg.ts). Deterministic and fast (no results needed).
 *
 *   fig9a-zx-layer    one HQNN-Parallel branch (RX embedding + 3 StronglyEntanglingLayers) as converted
 *   fig9b-zx-reduced  the same diagram after fullReduce
 *
 * And one plotly chart (not in the paper) from results/zx-reduction.json, `zxPlotlyFigures`:
 *
 *   fig9c-jacobian-rank  singular values of the stacked weight Jacobian, and its rank against the number of points
 */
import * as path from "node:path";
import { FIGURES_DIR, type Figure } from "../plot";
import { closeSvgRenderer, svgSize, svgToPng } from "../plot/svg";
import { atomicWriteFile, readResult, ZxReduction } from "../results";
import { circuitToGraph, drawSvg, fullReduce, hqnnParallelBranch } from "../zx";
import type { NamedFigure } from "../plot";

export interface SvgFigure { name: string; svg: string }

/** The two drawings of Figure 9, titled with their sizes. */
export async function zxFigureFiles(): Promise<SvgFigure[]> {
  const graph = circuitToGraph(hqnnParallelBranch());
  const reduced = graph.copy();
  fullReduce(reduced);
  const size = (g: typeof graph) => `${g.vertexCount()} vertices, ${g.edgeCount()} edges`;
  return [
    {
      name: "fig9a-zx-layer",
      svg: withTitle(drawSvg(graph), `Figure 9(a): one HQNN-Parallel branch (RX(x) embedding, 3 StronglyEntanglingLayers) as a ZX-diagram, ${size(graph)}`),
    },
    {
      name: "fig9b-zx-reduced",
      svg: withTitle(
        drawSvg(reduced, { columnWidth: 58, rowHeight: 58 }),
        `Figure 9(b): after fullReduce, ${size(reduced)}; blue dashed = Hadamard edge; phase gadgets (axle, leaf) on the two top lines`,
      ),
    },
  ];
}

const TITLE_HEIGHT = 28;

/** Puts a drawing under a one-line title (drawSvg's own title can collide with phase labels of the top line). */
function withTitle(svg: string, title: string): string {
  const { width, height } = svgSize(svg);
  const text = title.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const inner = svg.replace(/^<svg /, `<svg x="0" y="${TITLE_HEIGHT}" `);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height + TITLE_HEIGHT}" ` +
    `viewBox="0 0 ${width} ${height + TITLE_HEIGHT}" font-family="sans-serif">\n<rect width="100%" height="100%" fill="#fff"/>\n` +
    `<text x="20" y="20" font-size="14" font-weight="bold">${text}</text>\n${inner}</svg>\n`;
}

/** Writes figures/<name>.svg and figures/<name>.png (PNG rendered from the SVG at 2×) atomically; returns the paths. */
export async function exportSvgFigure(fig: SvgFigure, dir = FIGURES_DIR): Promise<{ png: string; svg: string }> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(fig.name)) throw new Error(`invalid figure name ${JSON.stringify(fig.name)}`);
  const svg = path.join(dir, `${fig.name}.svg`), png = path.join(dir, `${fig.name}.png`);
  const { width, height } = svgSize(fig.svg);
  atomicWriteFile(svg, fig.svg);
  atomicWriteFile(png, await svgToPng(fig.svg, width, height));
  return { png, svg };
}

/** Builds and writes both Figure 9 drawings; returns their names. Closes the SVG renderer unless told to keep it. */
export async function writeZxFigures(log: (s: string) => void = () => {}, dir = FIGURES_DIR, keepRenderer = false): Promise<string[]> {
  const names: string[] = [];
  try {
    for (const fig of await zxFigureFiles()) {
      await exportSvgFigure(fig, dir);
      names.push(fig.name);
      log(`wrote figures/${fig.name}.svg and .png`);
    }
  } finally {
    if (!keepRenderer) await closeSvgRenderer();
  }
  return names;
}

/** The part of results/zx-reduction.json the rank chart needs. */
type Sensitivity = ZxReduction["sensitivity"];
export type JacobianRankResult = {
  sensitivity: Pick<Sensitivity, "rank_rel_tol" | "weights"> & { draws: Pick<Sensitivity["draws"][number], "seed" | "rows" | "rank" | "singular_values" | "rank_by_points">[] };
};

const DRAW_COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"];
/** Horizontal spacing (in points) of the weight draws in the rank panel. */
const RANK_JITTER = 0.18;

/**
 * Left: the singular values of the stacked Jacobian ∂⟨Y_j⟩/∂w (5 outputs × P points rows, 45 weight columns) for
 * each random weight draw, on a log scale, with the rank tolerance. Right: its rank after 1..P points, against
 * the bound min(5·points, 45).
 */
export function jacobianRankFigure(result: JacobianRankResult): Figure {
  const { draws, rank_rel_tol: tol, weights } = result.sensitivity;
  const data: object[] = [];
  // Right panel: each draw shifted by a fixed small amount in x, so draws with equal ranks stay visible side by side.
  const shift = (k: number) => RANK_JITTER * (k - (draws.length - 1) / 2);
  const coincide = draws.every((d) => JSON.stringify(d.rank_by_points) === JSON.stringify(draws[0].rank_by_points));
  draws.forEach((d, k) => {
    const color = DRAW_COLORS[k % DRAW_COLORS.length];
    const index = d.singular_values.map((_, i) => i + 1);
    data.push({ type: "scatter", mode: "lines+markers", x: index, y: d.singular_values, name: `weights seed ${d.seed} (rank ${d.rank})`, legendgroup: `${k}`, line: { color }, marker: { size: 5 } });
    data.push({ type: "scatter", mode: "lines", x: [1, d.singular_values.length], y: [tol * d.singular_values[0], tol * d.singular_values[0]], xaxis: "x", yaxis: "y", line: { color, dash: "dot", width: 1 }, showlegend: k === 0, name: `tolerance ${tol} × σ<sub>max</sub>`, legendgroup: "tol" });
    data.push({ type: "scatter", mode: "markers", x: d.rank_by_points.map((_, p) => p + 1 + shift(k)), y: d.rank_by_points, xaxis: "x2", yaxis: "y2", marker: { color, size: 6 }, showlegend: false, legendgroup: `${k}` });
  });
  const points = Math.max(...draws.map((d) => d.rank_by_points.length));
  const bound = Array.from({ length: points }, (_, p) => Math.min(5 * (p + 1), weights));
  // The bound is drawn last (on top of the draws), black and wide enough to be seen through their markers.
  data.push({ type: "scatter", mode: "lines", x: bound.map((_, p) => p + 1), y: bound, xaxis: "x2", yaxis: "y2", line: { color: "#000", dash: "dash", width: 2 }, opacity: 0.7, name: `bound min(5 · points, ${weights})` });
  const note = `${coincide ? `the ${draws.length} weight draws have the same rank<br>at every number of points; ` : ""}` +
    `each draw is shifted<br>by a fixed ${RANK_JITTER} of a point in x so all show`;
  return {
    data,
    layout: {
      title: { text: `Redundancy check with the engine: Jacobian of the 5 outputs ⟨Y<sub>j</sub>⟩ w.r.t. the ${weights} weights, stacked over random inputs`, x: 0.5, font: { size: 14 } },
      annotations: [{ text: note, xref: "x2", yref: "y2", x: points, y: 12, xanchor: "right", yanchor: "bottom", align: "right", showarrow: false, font: { size: 11, color: "#444" } }],
      xaxis: { domain: [0, 0.46], title: { text: "index of singular value" } },
      yaxis: { type: "log", title: { text: "singular value" }, exponentformat: "power" },
      xaxis2: { domain: [0.56, 1], anchor: "y2", title: { text: "input points stacked (5 rows each)" } },
      yaxis2: { anchor: "x2", title: { text: "numerical rank" }, range: [0, weights + 3] },
      legend: { orientation: "h", x: 0.5, xanchor: "center", y: -0.22 },
      margin: { t: 60, b: 110 },
    },
    width: 1100, height: 500,
  };
}

/** The plotly figures of appendix A.1 (fig9c), from results/zx-reduction.json; none when it is missing. */
export async function zxPlotlyFigures(log: (s: string) => void): Promise<NamedFigure[]> {
  const result = readResult("zx-reduction");
  if (!result) {
    log("results/zx-reduction.json not found (run node --import tsx experiments/zx.ts)");
    return [];
  }
  return [{ name: "fig9c-jacobian-rank", figure: jacobianRankFigure(result) }];
}
