/**
 * The whole Fourier-expressivity study as one deterministic, JSON-ready object (what results/fourier.json holds
 * besides provenance). Runs in well under a second; the quick and full profiles are identical.
 */

import { branchWeightCount, mulberry32, uniform } from "../quantum";
import {
  PAPER_STUDY, PRIMARY_READING, READINGS, ReadingResult, StudyConfig, ZERO_TOLERANCE, beyondEncodingMax,
  branch, conjugateSymmetryDefect, pairCoefficients, sampleWeights, templateSpectrum,
} from "./expressivity";
import { FourierSeries, frequencyVectors } from "./series";
import type { Fourier } from "../results/formats";

export const EXPLANATION =
  "Each output f(x) = <Y_j> is real, so its coefficients satisfy c(-w) = conj(c(w)): Re c(-w) = Re c(w) and " +
  "Im c(-w) = -Im c(w) for every weight sample, and Im c(0,0) = 0. Of the 18 values Re/Im c only 9 are free, " +
  "so the 18 (or 17, without the constant Im c(0,0)) columns contain 8 exactly (anti-)equal pairs, the " +
  "correlation matrix has rank 9 and its determinant is 0 for any circuit whatsoever. A zero determinant means " +
  "exact linear dependence, the opposite of independence; the non-redundant 9 values have a non-singular " +
  "correlation matrix (determinant > 0), which is the statement the paper's conclusion would need.";

export interface ReadingReport { description: string; variables: string[]; per_wire: (ReadingResult & { wire: number })[] }

/** results/fourier.json without its provenance (the format is lib/results/formats/studies.ts). */
export type FourierStudy = Omit<Fourier, "provenance">;

const bySample = (coefficients: FourierSeries[][], wire: number) => coefficients.map((perWire) => perWire[wire]);

function readingsFor(coefficients: FourierSeries[][], nWires: number): Record<string, ReadingReport> {
  return Object.fromEntries(READINGS.map((r) => [r.key, {
    description: r.description, variables: r.variables,
    per_wire: Array.from({ length: nWires }, (_, wire) => ({ wire, ...r.analyse(bySample(coefficients, wire)) })),
  }]));
}

export function runFourierStudy(config: StudyConfig = PAPER_STUDY): FourierStudy {
  const circuit = branch(config, "StronglyEntanglingLayers");
  const nWeights = branchWeightCount({ nQubits: config.nQubits, nLayers: config.nLayers });
  const weights = sampleWeights(config.nSamples, nWeights, config.weightSeed);
  const nFixed = config.nQubits - 2, nWires = config.nQubits;
  const variants = [
    { name: "zeros", fixed: new Array<number>(nFixed).fill(0) },
    { name: "quarter-turns", fixed: new Array<number>(nFixed).fill(Math.PI / 2) },
    { name: `uniform-seed-${config.fixedInputSeed}`, fixed: Array.from(uniform(mulberry32(config.fixedInputSeed), nFixed, 0, 2 * Math.PI)) },
  ];
  const coefficientsFor = (fixed: number[]) => pairCoefficients(circuit, weights, [0, 0, ...fixed]);
  const main = coefficientsFor(variants[0].fixed);
  const readings = readingsFor(main, nWires);
  const primary = readings[PRIMARY_READING].per_wire;
  const determinants = primary.map((r) => r.determinant as number);

  const primaryReading = READINGS.find((r) => r.key === PRIMARY_READING)!;
  const independent = READINGS.find((r) => r.key === "independent-9-pearson")!;
  const fixedInputVariants = variants.map(({ name, fixed }) => {
    const coefficients = name === "zeros" ? main : coefficientsFor(fixed);
    return {
      name, fixed_inputs: fixed,
      per_wire: Array.from({ length: nWires }, (_, wire) => {
        const p = primaryReading.analyse(bySample(coefficients, wire)), q = independent.analyse(bySample(coefficients, wire));
        return { wire, primary_determinant: p.determinant, primary_rank: p.rank, independent_determinant: q.determinant, independent_rank: q.rank };
      }),
    };
  });

  const freqs = frequencyVectors(2, 1);
  const violinSeries = bySample(main, config.violinWire);
  const basicWeights = sampleWeights(1, branchWeightCount({ nQubits: config.nQubits, nLayers: config.nLayers, template: "BasicEntanglerLayers" }), config.basicSeed)[0];
  return {
    experiment: "fourier",
    convention: "f(x) = sum_w c_w exp(-i w.x), c_w = mean over the grid x_k = 2*pi*k/(2d+1) of f(x_k) exp(+i w.x_k); frequency vectors in lexicographic order from (-d,..,-d) to (d,..,d)",
    config: {
      n_qubits: config.nQubits, n_layers: config.nLayers, n_samples: config.nSamples, weight_seed: config.weightSeed, basic_seed: config.basicSeed,
      fixed_input_seed: config.fixedInputSeed, violin_wire: config.violinWire,
      embedding: "RX", template: "StronglyEntanglingLayers", measure: "Y", n_weights: nWeights,
      inputs: [0, 1], degree: 1, fixed_inputs: variants[0].fixed, weight_range: [0, 2 * Math.PI],
    },
    correlation_determinants: determinants,
    all_zero: determinants.every((d) => Math.abs(d) < ZERO_TOLERANCE),
    primary_reading: PRIMARY_READING,
    zero_tolerance: ZERO_TOLERANCE,
    explanation: EXPLANATION,
    identities: Array.from({ length: nWires }, (_, wire) => {
      const d = conjugateSymmetryDefect(bySample(main, wire));
      return { wire, max_conj_symmetry_defect: d.conj, max_abs_im_c00: d.imag_centre };
    }),
    readings,
    fixed_input_variants: fixedInputVariants,
    violins: {
      wire: config.violinWire, freqs,
      re: freqs.map((_, i) => violinSeries.map((s) => s.re[i])),
      im: freqs.map((_, i) => violinSeries.map((s) => s.im[i])),
    },
    spectrum: {
      inputs: Array.from({ length: config.nQubits }, (_, j) => j), degree: 1, n_coefficients: 3 ** config.nQubits,
      sel: templateSpectrum(config, "StronglyEntanglingLayers", config.weightSeed),
      basic: templateSpectrum(config, "BasicEntanglerLayers", config.basicSeed),
      beyond_encoding_max_abs: { degree: 2, sel: beyondEncodingMax(config, "StronglyEntanglingLayers", weights[0]), basic: beyondEncodingMax(config, "BasicEntanglerLayers", basicWeights) },
    },
    seeds: [config.weightSeed, config.basicSeed, config.fixedInputSeed],
  };
}

/**
 * Paths at which two JSON-like values differ; numbers count as equal within tol (absolute) or tol relative to the
 * larger magnitude, so a result file survives harmless rounding changes in the engine. Empty when they agree.
 */
export function studyDifferences(a: unknown, b: unknown, tol = 1e-9, path = ""): string[] {
  if (typeof a === "number" && typeof b === "number") {
    return Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b)) ? [] : [`${path}: ${a} vs ${b}`];
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return [`${path}: length ${a.length} vs ${b.length}`];
    return a.flatMap((v, i) => studyDifferences(v, b[i], tol, `${path}[${i}]`));
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => studyDifferences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], tol, `${path}.${k}`));
  }
  return a === b ? [] : [`${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`];
}
