/**
 * The computed prose of notebook 04 (ZX-calculus reduction of one HQNN-Parallel branch, appendix A.1): markdown
 * tables and lines built from the analysis (experiments/zx.ts `runZxAnalysis`, the same fields as
 * results/zx-reduction.json), so the notebook's cells only call them.
 */
import { ZxReduction } from "../results";

/** The analysis as computed (results/zx-reduction.json without its id and provenance). */
export type ZxAnalysis = Omit<ZxReduction, "experiment" | "provenance">;

/** A markdown table. */
export function mdTable(header: string[], rows: (string | number | boolean)[][]): string {
  return [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...rows.map((row) => `| ${row.join(" | ")} |`)].join("\n");
}
export const fmt = (x: number) => (Math.abs(x) >= 1e-3 && Math.abs(x) < 1e4 ? x.toFixed(4) : x.toExponential(2));

/** Whether the committed results/zx-reduction.json holds what this computation gives (the fields that are exact). */
export function storedComparison(r: ZxAnalysis, stored: ZxReduction | undefined): string {
  if (!stored) return "results/zx-reduction.json not found: run node --import tsx experiments/zx.ts";
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const keys = ["before", "after", "after_spider_fusion", "every_symbol_on_own_spider", "tensor_equal", "extracted", "symbol_spiders", "gadget_leaves"] as const;
  const sens = ["no_dead_parameter", "dead_parameters", "full_rank", "zero_for_output", "input_jacobian_min_rank"] as const;
  const differing = [
    ...keys.filter((k) => !same(stored[k], r[k])),
    ...sens.filter((k) => !same(stored.sensitivity[k], r.sensitivity[k])).map((k) => `sensitivity.${k}`),
  ];
  return `results/zx-reduction.json (commit ${stored.provenance.git_commit.slice(0, 7)}): ` +
    (differing.length === 0 ? "matches this computation" : `DIFFERS in ${differing.join(", ")}`);
}

/** Per wire, the spider each input and weight symbol ended on after full reduction. */
export function symbolSpiderTable(r: ZxAnalysis): string {
  const layers = [0, 1, 2], wires = [0, 1, 2, 3, 4];
  return mdTable(
    ["wire", "input", ...layers.flatMap((l) => [`L${l} φ`, `L${l} θ`, `L${l} ω`])],
    wires.map((i) => [
      i,
      ...[`x${i}`, ...layers.flatMap((l) => [0, 1, 2].map((j) => `w${15 * l + 3 * i + j}`))].map((s) => {
        const at = r.symbol_spiders[s];
        return at ? `${s} → v${at.vertex}${at.place === "gadget-leaf" ? " (leaf)" : ""}` : `${s} → **none**`;
      }),
    ]),
  );
}

/** The claim's check: symbols, the spiders carrying them, shared or lost symbols, the tensor comparison. */
export function symbolSummary(r: ZxAnalysis): string {
  const distinct = new Set(Object.values(r.symbol_spiders).map((a) => a.vertex)).size;
  return [
    `* symbols tracked: **${r.symbols}** (5 inputs, 45 weights); distinct spiders carrying them: **${distinct}**`,
    `* spiders with a symbolic phase: ${r.after.parametrized_spiders}; most symbols on one spider: ${r.after.max_params_per_spider}`,
    `* spiders carrying two or more symbols: ${r.shared_spiders.length}; symbols split over several spiders: ${r.split_symbols.length}; symbols lost: ${r.lost_symbols.length}`,
    `* **every symbol on its own spider: ${r.every_symbol_on_own_spider}**`,
    `* weights that ended on phase-gadget leaves (${r.gadget_leaves.length}): ${r.gadget_leaves.join(", ")}`,
    `* the diagrams before and after equal the circuit's unitary (up to a global scalar) at ${r.tensor_draws} random assignments of all 50 symbols: **${r.tensor_equal}**`,
  ].join("\n");
}

/** Diagram sizes before and after, the extracted circuit against the original, and where the sizes change. */
export function sizeTables(r: ZxAnalysis): string {
  const sizes: [string, ZxAnalysis["before"]][] = [
    ["as converted (Figure 9(a))", r.before],
    ["after spider fusion only", r.after_spider_fusion],
    ["after fullReduce (Figure 9(b))", r.after],
  ];
  const { before, after_spider_fusion: fused, after } = r;
  return mdTable(["diagram", "vertices", "edges", "spiders with a symbol", "max symbols per spider"],
    sizes.map(([name, d]) => [name, d.vertices, d.edges, d.parametrized_spiders, d.max_params_per_spider])) + "\n\n" +
    mdTable(["circuit", "gates", "two-qubit gates"], [
      ["original (RX ×5, Rot ×15, CNOT ×15)", r.extracted.original_gates, `${r.extracted.original_cnots} CNOT`],
      ["extracted from the reduced diagram (H, Z-phase, CNOT, CZ, SWAP)", r.extracted.gates, r.extracted.two_qubit_gates],
    ]) +
    `\n\nThe extracted circuit equals the original one (dense unitaries compared at ${r.tensor_draws} random symbol assignments): **${r.extracted.equal_to_original}**.` +
    `\n\nVertices: ${before.vertices} → ${fused.vertices} by spider fusion alone, → ${after.vertices} after the rest of \`fullReduce\` ` +
    `(${fused.vertices - after.vertices} fewer); edges: ${fused.edges} → ${after.edges}. Two-qubit gates: ${r.extracted.original_cnots} CNOTs in the original, ` +
    `${r.extracted.two_qubit_gates} in the extracted circuit.`;
}

/** The Jacobian test: cross-checks, dead parameters, the input Jacobian's rank, full rank of the weight Jacobian. */
export function sensitivityLines(r: ZxAnalysis, finiteDifferenceStep: number): string {
  const s = r.sensitivity;
  const smallest = Object.entries(s.max_abs_gradient).sort((a, b) => a[1] - b[1])[0];
  return [
    `* engine circuit = lib/zx circuit (⟨Y_j⟩ at a random point, |Δ| ≤ 1e-10): **${s.engine_matches_zx_circuit}**`,
    `* adjoint vs central differences (h = ${finiteDifferenceStep}), max |Δ| over the 5 × 50 Jacobian: ${fmt(s.finite_difference_max_abs_error)}`,
    `* (a) **no dead parameter: ${s.no_dead_parameter}**${s.dead_parameters.length ? ` (dead: ${s.dead_parameters.join(", ")})` : ""}; ` +
      `smallest max |∂⟨Y_j⟩/∂p| over all parameters: ${fmt(smallest[1])} (${smallest[0]})`,
    `* the 5 × 5 input Jacobian has rank ${s.input_jacobian_min_rank} at every point (each input moves the outputs in its own direction)`,
    `* (b) **stacked weight Jacobian of full rank 45 in every draw: ${s.full_rank}**`,
  ].join("\n");
}

/** Per weight draw: the stacked Jacobian's size, rank, singular values and rank after each added point. */
export function rankTable(r: ZxAnalysis): string {
  return mdTable(
    ["weights seed", "rows × columns", "rank (tol 1e-10·σmax)", "rank (NumPy default tol)", "σ_max", "σ_min", "σ_min / σ_max", "rank after 1, 2, … points"],
    r.sensitivity.draws.map((d) => [d.seed, `${d.rows} × ${d.columns}`, d.rank, d.rank_numpy_default_tol, fmt(d.singular_values[0]),
      fmt(d.singular_values[d.singular_values.length - 1]), fmt(d.smallest_over_largest), d.rank_by_points.join(", ")]),
  );
}

/** After how many points the rank is full, and the range of σ_min / σ_max against the tolerance. */
export function fullRankLine(r: ZxAnalysis): string {
  const s = r.sensitivity;
  const ratios = s.draws.map((d) => d.smallest_over_largest);
  const fullAt = s.draws.map((d) => d.rank_by_points.indexOf(s.weights) + 1);
  return `Full rank is reached after ${[...new Set(fullAt)].join(" / ")} points; σ_min / σ_max over the draws: ` +
    `${fmt(Math.min(...ratios))} to ${fmt(Math.max(...ratios))}, against the tolerance ${s.rank_rel_tol}.`;
}

/** Per output wire, the parameters whose derivative was zero at every point. */
export function zeroDerivativeTable(r: ZxAnalysis): string {
  return mdTable(
    ["output", "parameters with zero derivative at every point", "count"],
    r.sensitivity.zero_for_output.map((zeros, j) => [`⟨Y_${j}⟩`, zeros.join(", ") || "—", zeros.length]),
  ) + `\n\nEach of these parameters still has a nonzero derivative for another output (no dead parameter above).`;
}
