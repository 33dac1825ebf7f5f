/**
 * Appendix A.1 and Figure 9: the ZX-calculus reduction of one HQNN-Parallel branch, and a direct redundancy
 * check of its parameters with the statevector engine.
 *
 *   node --import tsx experiments/zx.ts
 *
 * Writes results/zx-reduction.json (atomically, with provenance). Takes about a second; the quick and full
 * profiles run the same computation (the profile is only recorded).
 *
 * Two questions, two methods:
 * 1. ZX (lib/zx): the branch with every angle a symbol (x0..x4, w0..w44), reduced with fullReduce. Does every
 *    symbol end on a spider of its own, with no spider carrying two? This is the paper's argument. It only shows
 *    that the rewrite rules cannot merge two parameters; it says nothing about the |0⟩ inputs or the ⟨Y⟩
 *    observable, under which distinct spiders could still act redundantly.
 * 2. Sensitivity (lib/quantum): the branch as trained (inputs on |0⟩, ⟨Y⟩ on each wire). For random weights θ
 *    and many random input points x, the Jacobian ∂⟨Y_j⟩/∂(x, θ). (a) No parameter is dead: each has a nonzero
 *    derivative for some output at some point. (b) The rank of the weight Jacobian stacked over the points
 *    (5 outputs × P points rows, 45 columns) is the number of independent directions in weight space that change
 *    the function x ↦ ⟨Y⟩(x; θ) near θ. Rank 45 means no combination of weights is locally redundant; a rank
 *    below 45 would expose redundancy even with every weight on its own spider.
 */
import * as path from "node:path";
import { forward, hqnnBranchCircuit, jacobian, mulberry32, uniform } from "../lib/quantum";
import { REPO_ROOT, startProvenance, writeResult } from "../lib/results";
import {
  analyseSymbols, circuitToGraph, circuitUnitary, compareTensors, diagramTensor, extractCircuit, gatesUnitary,
  hqnnParallelBranch, seededRandom, spiderSimp, ZXCircuit, ZXGraph,
} from "../lib/zx";
import { numericRank, singularValues } from "./numeric-rank";

export const ZX_CONFIG = {
  wires: 5,
  layers: 3,
  /** Random symbol assignments at which the diagrams are compared with the circuit's unitary. */
  tensorDraws: 5,
  tensorSeed: 12345,
  /** One random weight vector per seed; inputs and weights uniform in [0, 2π). */
  weightSeeds: [1, 2, 3],
  pointsPerDraw: 20,
  /** Numerical rank: singular values above relTol × the largest (the gap observed is ~1e-16 vs ~1e-2). */
  rankRelTol: 1e-10,
  /** A derivative counts as nonzero above this (rounding noise is ~1e-16). */
  gradientTol: 1e-10,
  /** Central finite differences for the cross-check of one Jacobian. */
  finiteDifferenceStep: 1e-5,
};
export type ZxConfig = typeof ZX_CONFIG;

const TWO_PI = 2 * Math.PI;

/** Where a symbol sits after fullReduce: on a qubit line (a wire of the circuit) or on a phase-gadget leaf. */
export interface SymbolSpider { vertex: number; phase: string; place: "qubit-line" | "gadget-leaf"; qubit: number; row: number }

/** A leaf of a phase gadget: a degree-1 Z spider hanging by a Hadamard edge off a Z spider with phase 0 or π. */
export function isGadgetLeaf(g: ZXGraph, v: number): boolean {
  if (g.type(v) !== "Z" || g.degree(v) !== 1) return false;
  const [axle] = g.neighbors(v);
  return g.type(axle) === "Z" && g.phase(axle).isPauli() && g.edgeType(axle, v) === "hadamard";
}

/** How many spiders carry a symbol, and the most symbols on one spider. */
function symbolLoad(g: ZXGraph): { parametrized_spiders: number; max_params_per_spider: number } {
  const counts = g.vertices().filter((v) => g.isSpider(v)).map((v) => g.phase(v).symbols().length).filter((k) => k > 0);
  return { parametrized_spiders: counts.length, max_params_per_spider: Math.max(0, ...counts) };
}

/** Part 1: the ZX reduction of the branch with symbolic angles (Figure 9 and the paper's claim). */
export function zxReduction(config: ZxConfig = ZX_CONFIG) {
  const circuit = hqnnParallelBranch(config.wires, config.layers);
  const a = analyseSymbols(circuit);
  const fused = circuitToGraph(circuit);
  spiderSimp(fused);
  const reduced = a.after.graph;
  const symbolSpiders: Record<string, SymbolSpider> = {};
  for (const s of a.symbols) {
    const [v] = a.after.symbolSpiders[s];
    if (v === undefined) continue;
    const { qubit, row } = reduced.vertex(v);
    symbolSpiders[s] = { vertex: v, phase: reduced.phase(v).toString(), place: isGadgetLeaf(reduced, v) ? "gadget-leaf" : "qubit-line", qubit, row };
  }
  const extracted = extractCircuit(reduced);
  const rand = seededRandom(config.tensorSeed);
  let tensorEqual = true, extractedEqual = true;
  for (let k = 0; k < config.tensorDraws; k++) {
    const values = Object.fromEntries(a.symbols.map((s) => [s, rand() * TWO_PI]));
    const reference = circuitUnitary(circuit, values);
    tensorEqual &&= compareTensors(reference, diagramTensor(a.before.graph, values)) && compareTensors(reference, diagramTensor(reduced, values));
    extractedEqual &&= compareTensors(reference, gatesUnitary(config.wires, extracted.gates, values));
  }
  return {
    circuit: `one HQNN-Parallel branch: RX(x_i) on wire i, ${config.layers} StronglyEntanglingLayers on ${config.wires} wires (ranges 1, 2, 3), every angle a symbol`,
    before: { vertices: a.before.vertices, edges: a.before.edges, ...symbolLoad(a.before.graph) },
    after_spider_fusion: { vertices: fused.vertexCount(), edges: fused.edgeCount(), ...symbolLoad(fused) },
    after: { vertices: a.after.vertices, edges: a.after.edges, ...symbolLoad(reduced) },
    symbols: a.symbols.length,
    every_symbol_on_own_spider: a.everySymbolOnOwnSpider,
    shared_spiders: a.sharedSpiders,
    split_symbols: a.splitSymbols,
    lost_symbols: a.lostSymbols,
    tensor_equal: tensorEqual,
    tensor_draws: config.tensorDraws,
    extracted: {
      gates: extracted.gates.length,
      two_qubit_gates: extracted.twoQubitGates,
      original_gates: a.original.gates,
      original_cnots: a.original.twoQubitGates,
      equal_to_original: extractedEqual,
    },
    symbol_spiders: symbolSpiders,
    gadget_leaves: a.symbols.filter((s) => symbolSpiders[s]?.place === "gadget-leaf"),
  };
}

/** ⟨Y_j⟩ on |0…0⟩ from lib/zx's dense unitary (wire 0 most significant): ⟨Y⟩ = 2 Im(ψ̄_{b, bit j=0} ψ_{b, bit j=1}) summed. */
function zxExpvalsY(circuit: ZXCircuit, values: Record<string, number>): number[] {
  const u = circuitUnitary(circuit, values);
  const dim = 1 << circuit.wires;
  const re = (b: number) => u.re[b * dim], im = (b: number) => u.im[b * dim];
  return Array.from({ length: circuit.wires }, (_, j) => {
    const mask = 1 << (circuit.wires - 1 - j);
    let s = 0;
    for (let b = 0; b < dim; b++) if (!(b & mask)) s += 2 * (re(b) * im(b | mask) - im(b) * re(b | mask));
    return s;
  });
}

/** Part 2: gradients and the rank of the stacked weight Jacobian with the engine (inputs on |0⟩, ⟨Y⟩ per wire). */
export function sensitivity(config: ZxConfig = ZX_CONFIG) {
  const circuit = hqnnBranchCircuit({ nQubits: config.wires, nLayers: config.layers, embedding: "X", template: "StronglyEntanglingLayers", measure: "Y" });
  const nIn = circuit.nInputs, nW = circuit.nWeights, nObs = circuit.observables.length;
  const names = [...Array.from({ length: nIn }, (_, i) => `x${i}`), ...Array.from({ length: nW }, (_, k) => `w${k}`)];
  /** maxAbs[j][p]: largest |∂⟨Y_j⟩/∂p| over all draws and points. */
  const maxAbs = Array.from({ length: nObs }, () => new Array<number>(names.length).fill(0));
  let inputJacobianMinRank = Infinity;
  const draws = config.weightSeeds.map((seed) => {
    const rand = mulberry32(seed);
    const weights = uniform(rand, nW, 0, TWO_PI);
    const rows: number[][] = [];
    const rankByPoints: number[] = [];
    for (let p = 0; p < config.pointsPerDraw; p++) {
      const x = uniform(rand, nIn, 0, TWO_PI);
      const jac = jacobian(circuit, x, weights);
      for (let j = 0; j < nObs; j++) {
        [...jac.wrtInputs[j], ...jac.wrtWeights[j]].forEach((d, k) => { maxAbs[j][k] = Math.max(maxAbs[j][k], Math.abs(d)); });
      }
      inputJacobianMinRank = Math.min(inputJacobianMinRank, numericRank(singularValues(jac.wrtInputs).values, config.rankRelTol));
      rows.push(...jac.wrtWeights);
      rankByPoints.push(numericRank(singularValues(rows).values, config.rankRelTol));
    }
    const { values, vectors } = singularValues(rows);
    const rank = numericRank(values, config.rankRelTol);
    return {
      seed,
      rows: rows.length,
      columns: nW,
      rank,
      rank_numpy_default_tol: numericRank(values, Math.max(rows.length, nW) * Number.EPSILON),
      rank_by_points: rankByPoints,
      singular_values: values,
      smallest_over_largest: values[values.length - 1] / values[0],
      /** Right singular vectors of the singular values at or below the tolerance: redundant weight directions. */
      null_directions: vectors.slice(rank).map((v) => Object.fromEntries(v.map((c, k) => [`w${k}`, c]).filter(([, c]) => Math.abs(c as number) > 1e-3))),
    };
  });
  const maxOverOutputs = names.map((_, k) => Math.max(...maxAbs.map((row) => row[k])));
  const dead = names.filter((_, k) => maxOverOutputs[k] <= config.gradientTol);
  return {
    circuit: `lib/quantum hqnnBranchCircuit: ${config.wires} qubits, RX embedding of x on |0…0⟩, ${config.layers} StronglyEntanglingLayers, ⟨Y⟩ on every wire`,
    method: "adjoint",
    points_per_draw: config.pointsPerDraw,
    sampling: "weights and inputs uniform in [0, 2π), mulberry32(seed): 45 weights, then 5 inputs per point",
    rank_rel_tol: config.rankRelTol,
    gradient_tol: config.gradientTol,
    engine_matches_zx_circuit: engineMatchesZx(circuit, config),
    finite_difference_max_abs_error: finiteDifferenceError(circuit, config),
    no_dead_parameter: dead.length === 0,
    dead_parameters: dead,
    max_abs_gradient: Object.fromEntries(names.map((n, k) => [n, maxOverOutputs[k]])),
    /** For each output wire, the parameters whose derivative was zero at every point (outside its light cone). */
    zero_for_output: maxAbs.map((row) => names.filter((_, k) => row[k] <= config.gradientTol)),
    input_jacobian_min_rank: inputJacobianMinRank,
    weights: nW,
    full_rank: draws.every((d) => d.rank === nW),
    draws,
  };
}

/** The engine's branch and lib/zx's branch are the same circuit: equal ⟨Y_j⟩ at one random point (max |Δ| ≤ 1e-10). */
function engineMatchesZx(circuit: ReturnType<typeof hqnnBranchCircuit>, config: ZxConfig): boolean {
  const rand = mulberry32(config.tensorSeed);
  const x = uniform(rand, circuit.nInputs, 0, TWO_PI), w = uniform(rand, circuit.nWeights, 0, TWO_PI);
  const values = Object.fromEntries([...Array.from(x, (v, i) => [`x${i}`, v]), ...Array.from(w, (v, k) => [`w${k}`, v])]);
  const viaZx = zxExpvalsY(hqnnParallelBranch(config.wires, config.layers), values);
  const viaEngine = forward(circuit, x, w, 1);
  return viaZx.every((v, j) => Math.abs(v - viaEngine[j]) <= 1e-10);
}

/** Largest |adjoint − central difference| over the full 5 × 50 Jacobian at one random point. */
function finiteDifferenceError(circuit: ReturnType<typeof hqnnBranchCircuit>, config: ZxConfig): number {
  const rand = mulberry32(config.tensorSeed + 1);
  const x = uniform(rand, circuit.nInputs, 0, TWO_PI), w = uniform(rand, circuit.nWeights, 0, TWO_PI);
  const jac = jacobian(circuit, x, w);
  const h = config.finiteDifferenceStep;
  let worst = 0;
  const compare = (vec: Float64Array, k: number, exact: number[][]) => {
    const saved = vec[k];
    vec[k] = saved + h;
    const plus = forward(circuit, x, w, 1);
    vec[k] = saved - h;
    const minus = forward(circuit, x, w, 1);
    vec[k] = saved;
    exact.forEach((row, j) => { worst = Math.max(worst, Math.abs((plus[j] - minus[j]) / (2 * h) - row[k])); });
  };
  for (let i = 0; i < circuit.nInputs; i++) compare(x, i, jac.wrtInputs);
  for (let k = 0; k < circuit.nWeights; k++) compare(w, k, jac.wrtWeights);
  return worst;
}

/** Both parts, as written to results/zx-reduction.json (without provenance). */
export function runZxAnalysis(config: ZxConfig = ZX_CONFIG) {
  return { experiment: "zx-reduction", ...zxReduction(config), sensitivity: sensitivity(config) };
}

export function runZxExperiment(): string {
  const clock = startProvenance({ backend: "zx", seeds: [ZX_CONFIG.tensorSeed, ...ZX_CONFIG.weightSeeds] });
  const result = runZxAnalysis(ZX_CONFIG);
  return writeResult("zx-reduction", { ...result, provenance: clock.finish() });
}

if (require.main === module) {
  const file = path.relative(REPO_ROOT, runZxExperiment());
  process.stderr.write(`wrote ${file}\n`);
  process.stdout.write(JSON.stringify({ experiment: "zx-reduction", file }) + "\n");
}
