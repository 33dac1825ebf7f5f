/** Markdown tables of the Fourier study, for the notebook (plain strings, no display code). */

import { READINGS } from "./expressivity";
import { FourierSeries, frequencyVectors } from "./series";
import { FourierStudy } from "./study";

/** A number with 4 significant digits; exponent notation below 1e-4; "undefined (NaN)" for null. */
export function fmt(x: number | null): string {
  if (x === null) return "undefined (NaN)";
  if (x === 0) return "0";
  return Math.abs(x) < 1e-4 ? x.toExponential(1) : x.toPrecision(4);
}

function table(header: string[], rows: string[][]): string {
  return [header, header.map(() => "---"), ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
}

/** Coefficients of several series over the same frequencies, one column per series ("re + im i"). */
export function seriesTable(series: FourierSeries[], names: string[]): string {
  const freqs = frequencyVectors(series[0].nInputs, series[0].degree);
  const cell = (s: FourierSeries, i: number) => `${fmt(s.re[i])} ${s.im[i] < 0 ? "−" : "+"} ${fmt(Math.abs(s.im[i]))} i`;
  return table(["ω", ...names], freqs.map((f, i) => [`(${f.join(",")})`, ...series.map((s) => cell(s, i))]));
}

/** One row per reading: determinant and rank/size for every output wire. */
export function readingsTable(study: FourierStudy): string {
  const wires = study.readings[READINGS[0].key].per_wire.map((w) => w.wire);
  const rows = READINGS.map((r) => {
    const report = study.readings[r.key];
    return [`\`${r.key}\``, ...report.per_wire.map((w) => `${fmt(w.determinant)} (rank ${w.rank ?? "–"}/${w.size})`)];
  });
  return table(["reading", ...wires.map((w) => `wire ${w}: det (rank/size)`)], rows);
}

/** Range of a reading's determinants and eigenvalues over the output wires, as one line. */
export function readingSpread(study: FourierStudy, key: string): string {
  const per = study.readings[key].per_wire;
  const dets = per.map((r) => r.determinant).filter((d): d is number => d !== null), eigs = per.flatMap((r) => r.eigenvalues ?? []);
  return `\`${key}\`: determinant ${fmt(Math.min(...dets))} to ${fmt(Math.max(...dets))}, rank ${per.map((r) => r.rank).join("/")}, ` +
    `eigenvalues between ${fmt(Math.min(...eigs))} and ${fmt(Math.max(...eigs))}`;
}

/** Eigenvalues of the chosen readings' matrices for one wire, largest first. */
export function eigenvaluesTable(study: FourierStudy, wire: number, keys: string[]): string {
  const lists = keys.map((k) => study.readings[k].per_wire[wire].eigenvalues ?? []);
  const n = Math.max(...lists.map((l) => l.length));
  return table(["#", ...keys.map((k) => `\`${k}\``)], Array.from({ length: n }, (_, i) => [String(i + 1), ...lists.map((l) => (i < l.length ? fmt(l[i]) : ""))]));
}

/** The primary and the non-redundant determinants for each choice of the fixed inputs x2..x4. */
export function variantsTable(study: FourierStudy): string {
  const rows = study.fixed_input_variants.flatMap((v) => v.per_wire.map((w) => [
    v.name, v.fixed_inputs.map((x) => x.toFixed(3)).join(", "), String(w.wire),
    `${fmt(w.primary_determinant)} (rank ${w.primary_rank}/17)`, `${fmt(w.independent_determinant)} (rank ${w.independent_rank}/9)`,
  ]));
  return table(["fixed inputs", "x2, x3, x4", "wire", `det \`${study.primary_reading}\``, "det `independent-9-pearson`"], rows);
}

/** Per-order spectrum statistics of both templates for one output wire. */
export function spectrumTable(study: FourierStudy, wire: number): string {
  const sel = study.spectrum.sel.per_wire[wire].orders, basic = study.spectrum.basic.per_wire[wire].orders;
  const rows = sel.map((o, k) => {
    const b = basic[k];
    return [String(o.order), String(o.n_freqs), String(o.n_reachable), String(b.n_reachable), fmt(o.mean_abs), fmt(b.mean_abs),
      fmt(o.mean_variance), fmt(b.mean_variance), fmt(o.power), fmt(b.power)];
  });
  return table(["order", "# ω", "reached SEL", "reached BEL", "mean abs SEL", "mean abs BEL", "mean var SEL", "mean var BEL", "power SEL", "power BEL"], rows);
}

/** Frequencies reached per output wire (all orders), both templates. */
export function reachTable(study: FourierStudy): string {
  const count = (t: typeof study.spectrum.sel, w: number) => t.per_wire[w].orders.map((o) => o.n_reachable);
  const rows = study.spectrum.sel.per_wire.map(({ wire, mean_power }) => {
    const b = study.spectrum.basic.per_wire[wire];
    return [String(wire), count(study.spectrum.sel, wire).join(" / "), count(study.spectrum.basic, wire).join(" / "), fmt(mean_power), fmt(b.mean_power)];
  });
  return table(["wire", "reached SEL (orders 0..5)", "reached BEL (orders 0..5)", "Σ|c|² SEL", "Σ|c|² BEL"], rows);
}
