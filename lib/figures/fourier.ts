/**
 * Appendix A.2 figures from results/fourier.json (or, when that file is missing, from the same deterministic
 * computation with the fixed seeds of PAPER_STUDY; it takes about a second).
 *
 *   fig10-fourier-violins                 Re and Im of c(ωx, ωy) over the weight samples (Figure 10)
 *   fig10b-fourier-spectrum-sel-vs-basic  per frequency order |ω|₁: mean |c(ω)|, power and reachable frequencies,
 *                                         StronglyEntanglingLayers vs BasicEntanglerLayers
 */
import { FourierStudy, OrderStats, PAPER_STUDY, freqLabel, runFourierStudy } from "../fourier";
import type { Figure } from "../plot";
import { readResult } from "../results";
import type { NamedFigure } from "../plot";

const COLORS = { re: "#1f77b4", im: "#d62728", sel: "#6a3d9a", basic: "#33a02c" };

export function loadFourierStudy(log: (s: string) => void): FourierStudy {
  const stored = readResult("fourier");
  if (stored) return stored;
  log("results/fourier.json not found: recomputing the Fourier study (seeded, deterministic)");
  return runFourierStudy(PAPER_STUDY);
}

/** Figure 10: violins of Re c and Im c for each of the 9 frequencies (two stacked panels). */
export function violinFigure(study: FourierStudy): Figure {
  const { violins, config } = study;
  const labels = violins.freqs.map(freqLabel);
  const trace = (values: number[][], name: string, color: string, axis: string) => ({
    type: "violin", name, xaxis: `x${axis}`, yaxis: `y${axis}`, line: { color, width: 1 }, fillcolor: color, opacity: 0.55,
    x: values.flatMap((v, i) => v.map(() => labels[i])), y: values.flat(),
    points: false, spanmode: "hard", scalemode: "width", width: 0.8, box: { visible: true }, meanline: { visible: true }, showlegend: false,
  });
  const fixed = config.fixed_inputs.map((v) => String(v)).join(", ");
  return {
    data: [trace(violins.re, "Re c", COLORS.re, ""), trace(violins.im, "Im c", COLORS.im, "2")],
    layout: {
      title: {
        text: `Fourier coefficients c(ωx, ωy) of ⟨Y⟩ on wire ${violins.wire}, inputs x0, x1 (x2..x4 = ${fixed}),<br>` +
          `${config.n_samples} weight samples uniform in [0, 2π), seed ${config.weight_seed};  f(x, y) = Σ c(ωx, ωy) exp(-i(ωx·x + ωy·y))`,
        x: 0.5, font: { size: 14 },
      },
      xaxis: { anchor: "y", showticklabels: false, domain: [0, 1] },
      yaxis: { domain: [0.54, 1], title: { text: "Re c(ωx, ωy)" }, zeroline: true },
      xaxis2: { anchor: "y2", domain: [0, 1], title: { text: "(ωx, ωy)" } },
      yaxis2: { domain: [0, 0.46], title: { text: "Im c(ωx, ωy)" }, zeroline: true },
      margin: { t: 80 },
      annotations: [{
        text: "c(-ω) = conj(c(ω)): mirrored Re violins are identical, Im violins are reflections; Im c(0,0) ≡ 0",
        xref: "paper", yref: "paper", x: 0.5, y: 0.5, yanchor: "middle", showarrow: false, font: { size: 12, color: "#555" },
      }],
    },
    width: 950, height: 620,
  };
}

/**
 * Per frequency order |ω|₁, both templates: mean |c(ω)| (left), power Σ over ω of E|c(ω)|² (middle; summed over the orders
 * it is the mean of f^2 over inputs and weights) and the number of frequencies reached (right).
 */
export function spectrumFigure(study: FourierStudy, wire = study.config.violin_wire): Figure {
  const sel = study.spectrum.sel.per_wire[wire].orders, basic = study.spectrum.basic.per_wire[wire].orders;
  const orders = sel.map((o) => String(o.order));
  const selName = `StronglyEntanglingLayers (${study.spectrum.sel.n_weights} weights)`;
  const basicName = `BasicEntanglerLayers, RX (${study.spectrum.basic.n_weights} weights)`;
  const panels: { axis: string; pick: (o: OrderStats) => number; title: string }[] = [
    { axis: "", pick: (o) => o.mean_abs, title: "mean |c(ω)| over frequencies and samples" },
    { axis: "2", pick: (o) => o.power, title: "power: sum over ω of mean |c(ω)|²" },
    { axis: "3", pick: (o) => o.n_reachable, title: "frequencies with c(ω) ≠ 0 in some sample" },
  ];
  const data: object[] = panels.flatMap(({ axis, pick }) => [
    { type: "bar", x: orders, y: sel.map(pick), name: selName, marker: { color: COLORS.sel }, xaxis: `x${axis}`, yaxis: `y${axis}`, legendgroup: "sel", showlegend: axis === "" },
    { type: "bar", x: orders, y: basic.map(pick), name: basicName, marker: { color: COLORS.basic }, xaxis: `x${axis}`, yaxis: `y${axis}`, legendgroup: "basic", showlegend: axis === "" },
  ]);
  data.push({
    type: "scatter", mode: "markers", x: orders, y: sel.map((o) => o.n_freqs), name: "all frequencies of that order",
    marker: { symbol: "line-ew-open", size: 22, color: "black" }, xaxis: "x3", yaxis: "y3",
  });
  const layout: Record<string, unknown> = {
    title: {
      text: `Full spectrum of one branch: ⟨Y⟩ on wire ${wire} in all 5 inputs (243 coefficients), ${study.config.n_samples} weight samples per template`,
      x: 0.5, font: { size: 14 },
    },
    barmode: "group", legend: { orientation: "h", y: -0.25 },
  };
  panels.forEach(({ axis, title }, k) => {
    layout[`xaxis${axis}`] = { domain: [k * 0.355, k * 0.355 + 0.29], type: "category", title: { text: "order |ω|₁" }, anchor: `y${axis}` };
    layout[`yaxis${axis}`] = { title: { text: title, font: { size: 12 } }, anchor: `x${axis}` };
  });
  return { data, layout, width: 1200, height: 460 };
}

export async function fourierFigures(log: (s: string) => void): Promise<NamedFigure[]> {
  const study = loadFourierStudy(log);
  return [
    { name: "fig10-fourier-violins", figure: violinFigure(study) },
    { name: "fig10b-fourier-spectrum-sel-vs-basic", figure: spectrumFigure(study) },
  ];
}
