/**
 * The paper's Fourier-expressivity study (appendix A.2, Figure 10) on one HQNN-Parallel branch, and the checks a
 * reviewer needs around it.
 *
 * Branch: 5 wires, AngleEmbedding with RX (input j on wire j, once each), 3 StronglyEntanglingLayers, <Y> on
 * every wire. Weights are drawn uniformly from [0, 2π) with mulberry32(seed), sample after sample, each sample
 * taking the next nWeights numbers in the template's row-major weight order.
 *
 * 1. Figure 10: c_{ωx,ωy} (ω ∈ {-1,0,1}^2) in inputs x = x_0, y = x_1, the other inputs fixed, for every output.
 * 2. The "correlation matrix of all values" under several readings (see READINGS), per output wire.
 * 3. The full spectrum in all five inputs ({-1,0,1}^5, 243 coefficients) for StronglyEntanglingLayers versus
 *    BasicEntanglerLayers (RX rotations, same depth), summarised per frequency order |ω|_1.
 */

import { Circuit, TemplateName, branchWeightCount, hqnnBranchCircuit, mulberry32, uniform } from "../quantum";
import { circuitFourier } from "./circuit";
import {
  Column, ComplexColumn, correlationMatrix, covarianceMatrix, determinant, hermitianCorrelationMatrix,
  hermitianEigenvalues, numericalRank, symmetricEigenvalues,
} from "./linalg";
import { FourierSeries, frequencyVectors } from "./series";

export interface StudyConfig {
  nQubits: number;
  nLayers: number;
  nSamples: number;
  /** Seed of the StronglyEntanglingLayers weight samples (Figure 10 and the correlation analysis). */
  weightSeed: number;
  /** Seed of the BasicEntanglerLayers weight samples (spectrum comparison). */
  basicSeed: number;
  /** Seed of the random values given to the fixed inputs in the robustness check. */
  fixedInputSeed: number;
  /** Output wire of Figure 10 (the paper's "final output measurement"). */
  violinWire: number;
}

export const PAPER_STUDY: StudyConfig = {
  nQubits: 5, nLayers: 3, nSamples: 100, weightSeed: 7, basicSeed: 8, fixedInputSeed: 9, violinWire: 4,
};

/** A determinant or |entry| below this counts as zero. */
export const ZERO_TOLERANCE = 1e-12;

export function branch(config: StudyConfig, template: TemplateName): Circuit {
  return hqnnBranchCircuit({ nQubits: config.nQubits, nLayers: config.nLayers, embedding: "X", template, measure: "Y" });
}

/** `count` weight vectors of length nWeights, uniform in [0, 2π), drawn in order from mulberry32(seed). */
export function sampleWeights(count: number, nWeights: number, seed: number): Float64Array[] {
  const all = uniform(mulberry32(seed), count * nWeights, 0, 2 * Math.PI);
  return Array.from({ length: count }, (_, s) => all.slice(s * nWeights, (s + 1) * nWeights));
}

/** coefficients[sample][wire]: the series in inputs 0 and 1 (degree 1); `baseInputs` holds all input values (0, 1 ignored). */
export function pairCoefficients(circuit: Circuit, weights: Float64Array[], baseInputs: ArrayLike<number>): FourierSeries[][] {
  return weights.map((w) => circuitFourier(circuit, { weights: w, inputs: [0, 1], baseInputs, degree: 1 }));
}

export const freqLabel = (freq: number[]) => `(${freq.join(",")})`;

// ---------------------------------------------------------------------------------------------------------------
// Correlation readings

export interface ReadingResult {
  size: number;
  /** Variables with zero sample variance (their Pearson correlations are undefined). */
  zero_variance: string[];
  /** LU determinant; null where the matrix has undefined (NaN) entries. */
  determinant: number | null;
  /** Numerical rank (eigenvalues above 1e-10 × the largest); null where undefined. */
  rank: number | null;
  eigenvalues: number[] | null;
  /** Pairs of variables whose correlation is ±1 within 1e-12, i.e. exactly linearly dependent. */
  exact_pairs: { a: string; b: string; r: number }[];
}

export interface Reading {
  key: string;
  description: string;
  variables: string[];
  analyse(series: FourierSeries[]): ReadingResult;
}

type Part = "Re" | "Im" | "abs";
const partOf = (s: FourierSeries, i: number, part: Part) =>
  part === "Re" ? s.re[i] : part === "Im" ? s.im[i] : Math.hypot(s.re[i], s.im[i]);

/** One column per (frequency index, part) over the samples. */
function columns(series: FourierSeries[], picks: { index: number; part: Part }[]): Column[] {
  return picks.map(({ index, part }) => Float64Array.from(series, (s) => partOf(s, index, part)));
}

function exactPairs(matrix: number[][], names: string[]) {
  const pairs: { a: string; b: string; r: number }[] = [];
  for (let i = 0; i < matrix.length; i++) {
    for (let j = i + 1; j < matrix.length; j++) {
      if (Math.abs(matrix[i][j]) >= 1 - 1e-12) pairs.push({ a: names[i], b: names[j], r: matrix[i][j] });
    }
  }
  return pairs;
}

function summarise(matrix: number[][], names: string[], zeroVariance: number[]): ReadingResult {
  const base = { size: matrix.length, zero_variance: zeroVariance.map((i) => names[i]), exact_pairs: exactPairs(matrix, names) };
  if (matrix.some((row) => row.some((v) => Number.isNaN(v)))) return { ...base, determinant: null, rank: null, eigenvalues: null };
  const eigenvalues = symmetricEigenvalues(matrix);
  return { ...base, determinant: determinant(matrix), rank: numericalRank(eigenvalues), eigenvalues };
}

function realReading(key: string, description: string, picks: { index: number; part: Part }[], kind: "pearson" | "covariance"): Reading {
  const freqs = frequencyVectors(2, 1);
  const variables = picks.map(({ index, part }) => `${part === "abs" ? "|c" + freqLabel(freqs[index]) + "|" : `${part} c${freqLabel(freqs[index])}`}`);
  return {
    key, description, variables,
    analyse(series) {
      const cols = columns(series, picks);
      if (kind === "covariance") return summarise(covarianceMatrix(cols), variables, []);
      const { matrix, zeroVariance } = correlationMatrix(cols);
      return summarise(matrix, variables, zeroVariance);
    },
  };
}

function hermitianReading(key: string, description: string): Reading {
  const freqs = frequencyVectors(2, 1);
  const variables = freqs.map((f) => `c${freqLabel(f)}`);
  return {
    key, description, variables,
    analyse(series) {
      const cols: ComplexColumn[] = freqs.map((_, i) => ({ re: series.map((s) => s.re[i]), im: series.map((s) => s.im[i]) }));
      const { re, im } = hermitianCorrelationMatrix(cols);
      const eigenvalues = hermitianEigenvalues(re, im);
      return {
        size: freqs.length, zero_variance: [], exact_pairs: [],
        determinant: eigenvalues.reduce((p, e) => p * e, 1), rank: numericalRank(eigenvalues), eigenvalues,
      };
    },
  };
}

const ALL = frequencyVectors(2, 1).map((_, index) => index);
const CENTRE = 4; // index of ω = (0, 0)
/** ω = (0,1), (1,-1), (1,0), (1,1): one of each conjugate pair {ω, -ω} besides (0,0). */
const HALF = [5, 6, 7, 8];

/** The plausible meanings of "the correlation matrix of all values" for the 9 coefficients c_{ωx,ωy}. */
export const READINGS: Reading[] = [
  realReading("re-im-18-pearson",
    "Pearson correlation of all 18 values Re c, Im c (the literal reading). Im c(0,0) is identically 0, so its correlations are undefined (NaN, as numpy.corrcoef gives) and so is the determinant.",
    ALL.flatMap((index) => [{ index, part: "Re" as Part }, { index, part: "Im" as Part }]), "pearson"),
  realReading("re-im-17-pearson",
    "As above with the zero-variance Im c(0,0) dropped (17 variables): the primary reading.",
    ALL.flatMap((index) => (index === CENTRE ? [{ index, part: "Re" as Part }] : [{ index, part: "Re" as Part }, { index, part: "Im" as Part }])), "pearson"),
  realReading("re-im-18-covariance",
    "Covariance (not correlation) matrix of all 18 values: defined despite the zero-variance column.",
    ALL.flatMap((index) => [{ index, part: "Re" as Part }, { index, part: "Im" as Part }]), "covariance"),
  realReading("abs-9-pearson", "Pearson correlation of the 9 magnitudes |c|.", ALL.map((index) => ({ index, part: "abs" as Part })), "pearson"),
  hermitianReading("complex-9-hermitian", "Hermitian correlation matrix of the 9 complex coefficients c (numpy.corrcoef on complex data)."),
  realReading("independent-9-pearson",
    "The non-redundant half: c(0,0) (real) and Re, Im of c(0,1), c(1,-1), c(1,0), c(1,1); the rest follow from c(-ω) = conj(c(ω)).",
    [{ index: CENTRE, part: "Re" as Part }, ...HALF.flatMap((index) => [{ index, part: "Re" as Part }, { index, part: "Im" as Part }])], "pearson"),
];

export const PRIMARY_READING = "re-im-17-pearson";

/** max over samples of |c(-ω) - conj(c(ω))| and of |Im c(0,...,0)|: the exact identities of a real function. */
export function conjugateSymmetryDefect(series: FourierSeries[]): { conj: number; imag_centre: number } {
  let conj = 0, imagCentre = 0;
  for (const s of series) {
    const n = s.re.length;
    for (let i = 0; i < n; i++) conj = Math.max(conj, Math.hypot(s.re[n - 1 - i] - s.re[i], s.im[n - 1 - i] + s.im[i]));
    imagCentre = Math.max(imagCentre, Math.abs(s.im[(n - 1) / 2]));
  }
  return { conj, imag_centre: imagCentre };
}

// ---------------------------------------------------------------------------------------------------------------
// Full spectrum per frequency order

export interface OrderStats {
  order: number;
  /** Number of frequency vectors ω ∈ {-1,0,1}^N with |ω|_1 = order. */
  n_freqs: number;
  /** Those with |c_ω| > ZERO_TOLERANCE in at least one weight sample. */
  n_reachable: number;
  /** Mean of |c_ω| over the frequencies of this order and the samples. */
  mean_abs: number;
  /** Mean over the frequencies of the sample variance of c_ω (E|c - E c|^2). */
  mean_variance: number;
  /** Σ over the frequencies of this order of the sample mean of |c_ω|^2; summed over all orders: E[mean of f^2]. */
  power: number;
  max_abs: number;
}

/** Per-order statistics of the series (one per weight sample) of one output. */
export function orderStatistics(series: FourierSeries[]): OrderStats[] {
  const { nInputs, degree } = series[0];
  const freqs = frequencyVectors(nInputs, degree);
  const order = freqs.map((f) => f.reduce((s, w) => s + Math.abs(w), 0));
  const maxOrder = nInputs * degree;
  return Array.from({ length: maxOrder + 1 }, (_, o) => {
    const idx = freqs.flatMap((_, i) => (order[i] === o ? [i] : []));
    let sumAbs = 0, sumVar = 0, power = 0, maxAbs = 0, reachable = 0;
    for (const i of idx) {
      const abs = series.map((s) => Math.hypot(s.re[i], s.im[i]));
      power += abs.reduce((a, b) => a + b * b, 0) / series.length;
      const meanRe = series.reduce((a, s) => a + s.re[i], 0) / series.length;
      const meanIm = series.reduce((a, s) => a + s.im[i], 0) / series.length;
      sumVar += series.reduce((a, s) => a + (s.re[i] - meanRe) ** 2 + (s.im[i] - meanIm) ** 2, 0) / (series.length - 1);
      sumAbs += abs.reduce((a, b) => a + b, 0) / series.length;
      const m = Math.max(...abs);
      maxAbs = Math.max(maxAbs, m);
      if (m > ZERO_TOLERANCE) reachable++;
    }
    return { order: o, n_freqs: idx.length, n_reachable: reachable, mean_abs: sumAbs / idx.length, mean_variance: sumVar / idx.length, power, max_abs: maxAbs };
  });
}

/** Σ_ω |c_ω|^2 (= the mean of f^2 over the torus, Parseval), averaged over the samples. */
export function meanPower(series: FourierSeries[]): number {
  return series.reduce((a, s) => a + s.re.reduce((b, r, i) => b + r * r + s.im[i] * s.im[i], 0), 0) / series.length;
}

export interface TemplateSpectrum {
  template: TemplateName;
  n_weights: number;
  seed: number;
  /** per_wire[w]: statistics of output wire w. */
  per_wire: { wire: number; orders: OrderStats[]; mean_power: number }[];
}

export function templateSpectrum(config: StudyConfig, template: TemplateName, seed: number): TemplateSpectrum {
  const circuit = branch(config, template);
  const nWeights = branchWeightCount({ nQubits: config.nQubits, nLayers: config.nLayers, template });
  const inputs = Array.from({ length: config.nQubits }, (_, j) => j);
  const perSample = sampleWeights(config.nSamples, nWeights, seed).map((w) => circuitFourier(circuit, { weights: w, inputs, degree: 1 }));
  return {
    template, n_weights: nWeights, seed,
    per_wire: circuit.observables.map((_, wire) => {
      const series = perSample.map((s) => s[wire]);
      return { wire, orders: orderStatistics(series), mean_power: meanPower(series) };
    }),
  };
}

/**
 * Largest |c_ω| with some |ω_i| = 2 when the branch is sampled with degree 2 in all inputs: zero (to rounding)
 * because each input is encoded once, so frequencies beyond 1 cannot occur.
 */
export function beyondEncodingMax(config: StudyConfig, template: TemplateName, weights: Float64Array): number {
  const circuit = branch(config, template);
  const inputs = Array.from({ length: config.nQubits }, (_, j) => j);
  const freqs = frequencyVectors(config.nQubits, 2);
  let max = 0;
  for (const s of circuitFourier(circuit, { weights, inputs, degree: 2 })) {
    freqs.forEach((f, i) => { if (f.some((w) => Math.abs(w) === 2)) max = Math.max(max, Math.hypot(s.re[i], s.im[i])); });
  }
  return max;
}
