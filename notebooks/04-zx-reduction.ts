// %% [markdown]
// # 04 · ZX-calculus reduction of the quantum layer (paper appendix A.1, Figure 9)
//
// The paper writes one quantum branch of HQNN-Parallel as a ZX-diagram, simplifies it with the ZX rewrite rules and
// extracts a circuit again. Its conclusion (appendix A.1): *"the reduced ZX-form still has all the initial parameters
// $w_i$ on separate nodes. This indicates that the model does not reduce away any of the inputs or trainable
// parameters. This verifies that all the weights and input data in the circuit actually make an impact on the final
// result."* ([zx-all-parameters-matter](../CLAIMS.md#zx-all-parameters-matter)). The caption of Figure 9 is more
// careful: separate nodes *"suggest"* the model is free of redundancy
// ([zx-every-parameter-on-own-node](../CLAIMS.md#zx-every-parameter-on-own-node)).
//
// This notebook
// 1. redraws Figure 9(a) (the branch as a ZX-diagram) and 9(b) (after full reduction) with `lib/zx`, a
//    TypeScript ZX-calculus module written after PyZX (`full_reduce`, symbolic phases, circuit extraction);
// 2. checks the claim programmatically: does every input $x_i$ and every weight $w_k$ end on a spider of its own,
//    with no spider carrying two of them? It also reports sizes before and after, and the extracted circuit;
// 3. goes one step further than the paper: a direct redundancy test with the statevector engine (`lib/quantum`), the
//    rank of the Jacobian of the five outputs ⟨Y_j⟩ with respect to the 45 weights;
// 4. says what the reduction does and does not show.
//
// **The branch.** 5 wires; AngleEmbedding $RX(x_i)$ on wire $i$ applied to $|0\rangle^{\otimes 5}$; 3
// StronglyEntanglingLayers, layer $l$ = $\mathrm{Rot}(w_{15l+3i}, w_{15l+3i+1}, w_{15l+3i+2})$ on each wire $i$, then
// CNOT$(i, (i+r_l) \bmod 5)$ for $i = 0..4$ with ranges $r_l = 1, 2, 3$ (PennyLane's defaults); ⟨Y⟩ on every wire. 5
// inputs + 45 weights = 50 parameters. $\mathrm{Rot}(\varphi,\theta,\omega) = RZ(\omega)RY(\theta)RZ(\varphi)$.
//
// Everything here is computed in a second or two; the same numbers are written by
// `node --import tsx experiments/zx.ts` to `results/zx-reduction.json`.
// %%
import { getProfile } from "./lib/results";
console.log("profile:", getProfile());
// %%
import * as tslab from "tslab";
import { runZxAnalysis, ZX_CONFIG } from "./experiments/zx";
import { readResult } from "./lib/results";
import { closeRenderer, showFigure } from "./lib/plot";
import { closeSvgRenderer } from "./lib/plot/svg";
import { exportSvgFigure, jacobianRankFigure, zxFigureFiles } from "./lib/figures/zx";
import {
  fullRankLine, rankTable, sensitivityLines, sizeTables, storedComparison, symbolSpiderTable, symbolSummary, zeroDerivativeTable,
} from "./lib/figures/zx-notes";

const t0 = Date.now();
const r = runZxAnalysis(ZX_CONFIG);
console.log(`analysis computed in ${((Date.now() - t0) / 1000).toFixed(2)} s (the quick and full profiles are identical here)`);
console.log(storedComparison(r, readResult("zx-reduction")));
// %% [markdown]
// ## Figure 9(a): the branch as a ZX-diagram
//
// Conversion (PyZX's conventions, each equal to the gate up to a global phase): $RX(\alpha)$ is a red (X) spider
// with phase α, $RZ(\alpha)$ a green (Z) spider, $RY(\theta) = S\,RX(\theta)\,S^\dagger$ a red spider between two green
// spiders $-\pi/2$, $+\pi/2$; a CNOT is a green spider on the control joined to a red spider on the target. A phase
// written as a symbol stands for the circuit's angle in radians. Inputs on the left, outputs on the right; every
// gate keeps its column. Files: `figures/fig9a-zx-layer.svg` and `.png`.
// %%
const drawings = await zxFigureFiles();
for (const fig of drawings) await exportSvgFigure(fig);
tslab.display.svg(drawings[0].svg);
// %% [markdown]
// ## Figure 9(b): after full reduction
//
// `fullReduce` is PyZX's `full_reduce`: spider fusion, colour change to a graph-like diagram (only green spiders,
// Hadamard edges drawn blue dashed), identity removal, local complementation and pivoting on Clifford spiders, and
// phase-gadget pivots and gadget fusion for the non-Clifford (here: symbolic) phases. A symbolic phase is never
// treated as Clifford, so it can be fused, moved onto a gadget leaf, or summed with another gadget's phase, but never
// removed. Files: `figures/fig9b-zx-reduced.svg` and `.png`.
// %%
tslab.display.svg(drawings[1].svg);
// %% [markdown]
// ## The claim, checked: does every input and weight end on a node of its own?
//
// For every spider of the reduced diagram we read the symbols in its phase. The claim
// ([zx-every-parameter-on-own-node](../CLAIMS.md#zx-every-parameter-on-own-node)) holds when each of the 50 symbols
// appears on exactly one spider and no spider carries two symbols. The table below gives, per wire, the spider each
// symbol ended on (vertex id; "leaf" = the leaf of a phase gadget, drawn on the top line of Figure 9(b)).
// %%
tslab.display.markdown(symbolSpiderTable(r));
tslab.display.markdown(symbolSummary(r));
// %% [markdown]
// So the paper's observation is reproduced: after full reduction every input and every weight sits on a separate
// node. Some phases pick up a Clifford offset ($w_0 - \pi/2$, …) from the $RY = S\,RX\,S^\dagger$ conversion and the
// rewrites; an offset does not merge two parameters.
//
// **Why nothing can merge here.** Spider fusion joins only adjacent spiders of the same colour. On each wire the
// embedding's red $x_i$ is followed by the green $\varphi$ of the first Rot; inside a Rot the two green angles are
// separated by the red $\theta$; between layers each wire carries one CNOT control (a phase-free green spider) and
// one CNOT target (a phase-free red spider), and the red target always sits between $\omega_l$ and $\varphi_{l+1}$.
// After that, only gadget fusion could add two symbolic phases, and no two gadgets here act on the same set of
// spiders. (`test/zx/hqnn.test.ts` checks the fusion part of this argument spider by spider.)
// %% [markdown]
// ## Sizes before and after
// %%
tslab.display.markdown(sizeTables(r));
// %% [markdown]
// Most of the drop in vertices is plain spider fusion; the rest of `fullReduce` removes only a few more vertices but
// adds edges (the counts are printed above): the Clifford rewrites turn the CNOT structure into a denser graph of
// Hadamard edges. Extraction, which does none of PyZX's post-extraction CNOT/CZ optimisation, gives **more**
// two-qubit gates than the CNOTs we started with. The reduction does not make this circuit cheaper; its only use here is the
// parameter bookkeeping above. (The paper does not report sizes or the extracted circuit.)
// %% [markdown]
// ## One step further: do the weights actually change the outputs?
//
// "Every parameter on its own node" is a statement about the rewrite rules: none of them can merge two parameters
// into one. It does **not** follow that every weight affects the measured outputs, nor that the weights are
// independent. The ZX analysis treats the branch as an open unitary (inputs not fixed to $|0\rangle$, no observable);
// with $|0\rangle$ inputs and ⟨Y⟩ measurements, distinct spiders can still act redundantly (for instance two angles
// whose effects on ⟨Y⟩ can be traded against each other).
//
// A direct test with the engine (`hqnnBranchCircuit`, adjoint differentiation): draw the 45 weights $\theta$ uniformly
// in $[0, 2\pi)$, draw $P = 20$ input points $x$ uniformly in $[0, 2\pi)^5$, and at each point compute the Jacobian
// $\partial \langle Y_j\rangle / \partial(x, \theta)$ (5 × 50).
//
// * **(a) No dead parameter**: each of the 50 parameters has a derivative above $10^{-10}$ for some output at some
//   point (rounding noise is ~$10^{-16}$).
// * **(b) Rank**: stack the weight part of the Jacobians of all points, a $5P \times 45$ matrix $J$, and compute its
//   numerical rank: the number of singular values above $10^{-10}\,\sigma_{\max}$ (one-sided Jacobi SVD, written for
//   this check in `experiments/numeric-rank.ts` and tested against matrices of known rank). A weight direction $v$ with
//   $Jv = 0$ changes no output at any of the points to first order. Rank 45 means no combination of weights is
//   locally redundant for the function $x \mapsto \langle Y\rangle(x;\theta)$; rank $45 - k$ would mean a
//   $k$-dimensional redundancy even with every weight on its own spider.
//
// Three independent weight draws (seeds 1, 2, 3). Two cross-checks first: the engine's branch and `lib/zx`'s branch
// are the same circuit (equal ⟨Y_j⟩ from `lib/zx`'s dense unitary), and the adjoint Jacobian agrees with central
// finite differences.
// %%
tslab.display.markdown(sensitivityLines(r, ZX_CONFIG.finiteDifferenceStep));
tslab.display.markdown(rankTable(r));
await showFigure(jacobianRankFigure(r), "fig9c-jacobian-rank");
tslab.display.markdown(fullRankLine(r));
// %% [markdown]
// Each input point adds 5 independent directions (one per output) until all 45 are reached; the smallest singular
// value stays many orders of magnitude above the tolerance, so the rank does not depend on the tolerance chosen
// (NumPy's default gives the same). With too few points the rank is $5P$ and the remaining singular values sit at
// rounding level (~10⁻¹⁶): that is what a real redundancy would look like at any number of points.
//
// **Which outputs see which weights.** Not every output depends on every weight. The parameters whose derivative
// was zero (≤ 1e-10) at every point, per output wire:
// %%
tslab.display.markdown(zeroDerivativeTable(r));
// %% [markdown]
// These zeros are structural, not accidents of the sample. For output 0, push $Y_0$ backwards through the last
// layer's CNOTs (range 3: $(0,3), (1,4), (2,0), (3,1), (4,2)$ in that order): CNOT(2,0) makes it $Z_2Y_0$ and
// CNOT(0,3) makes it $Z_2Y_0X_3$. The last Rots of wires 1 and 4 ($w_{33..35}$, $w_{42..44}$) act outside its support,
// and $RZ(w_{38})$, the last rotation on wire 2, commutes with $Z_2$, so ⟨Y_0⟩ cannot depend on them. The ZX diagram
// cannot see this: it knows neither the $|0\rangle$ inputs nor the observable.
// %% [markdown]
// ## What the reduction shows, and what it does not
//
// * **Shown by the ZX reduction** ([zx-every-parameter-on-own-node](../CLAIMS.md#zx-every-parameter-on-own-node)):
//   after PyZX-style full reduction all 5 inputs and 45 weights sit on 50 distinct spiders, none carrying two; the
//   reduced diagram is still exactly the circuit (checked numerically). So the rewrite rules of the ZX-calculus find
//   no way to merge or eliminate a parameter.
// * **Not shown by it:** that the parameters are non-redundant or that each "makes an impact on the final result"
//   ([zx-all-parameters-matter](../CLAIMS.md#zx-all-parameters-matter)). The rules are a sound but incomplete
//   simplification strategy: not finding a merge is not a proof that none exists (the ZX-calculus is complete, but
//   `full_reduce` is a heuristic, not a decision procedure for redundancy). And the analysis is of the open unitary,
//   without the $|0\rangle$ inputs and the ⟨Y⟩ observables, which is where redundancy would typically arise (the
//   zeros in the table above are exactly such effects, invisible to the diagram). The paper's "this verifies" is
//   therefore stronger than what the reduction supports; the caption's "suggests" is accurate.
// * **Shown by the Jacobian test (not in the paper):** for the branch as it is used (|0⟩ inputs, ⟨Y⟩ on each wire),
//   every input and weight changes some output, and the 45 weights are locally independent: at three random weight
//   points the Jacobian stacked over 20 random inputs has full rank 45, with a wide margin. This is the statement the
//   paper's conclusion needs, and it holds for this branch.
// * **Still not shown:** a local rank is a property at generic weights; at special weights (e.g. all zeros) the rank
//   can drop. It says nothing about trainability (gradient sizes during training), about the classical layers around
//   the branch, or about whether every weight is *useful* for classification, only that none is redundant in the
//   function the branch computes.
// %%
console.log(JSON.stringify({
  every_symbol_on_own_spider: r.every_symbol_on_own_spider, tensor_equal: r.tensor_equal,
  before: r.before, after: r.after, extracted: r.extracted,
  no_dead_parameter: r.sensitivity.no_dead_parameter, full_rank: r.sensitivity.full_rank, ranks: r.sensitivity.draws.map((d) => d.rank),
}));
await closeSvgRenderer();
await closeRenderer();
