// %% [markdown]
// # 05 · Fourier expressivity of the quantum layer (paper appendix A.2, Figure 10)
//
// The paper writes each output of an HQNN-Parallel branch as a truncated Fourier series in its inputs,
//
// $$f_\theta(\mathbf x) = \sum_{\omega \in \{-1,0,1\}^N} c_\omega(\theta)\, e^{-i\omega\cdot\mathbf x},$$
//
// samples the weights θ uniformly from [0, 2π], shows violins of $c_{\omega_x\omega_y}$ for the first two inputs of
// the final output (Figure 10), and adds: *"the determinate of the correlation matrix of all values was equal to zero
// for every output, demonstrating the independent and expressive nature of all the Fourier terms"*
// ([fourier-determinant-zero](../CLAIMS.md#fourier-determinant-zero),
// [fourier-independence-interpretation](../CLAIMS.md#fourier-independence-interpretation)).
//
// This notebook recomputes Figure 10 with the project's statevector engine, computes that determinant under every
// plausible reading, explains why it is zero (and why that shows dependence, not independence), and looks at the
// whole spectrum of a branch against a weaker template. All logic lives in `lib/fourier`; the numbers are also
// written by `node --import tsx experiments/fourier.ts` to `results/fourier.json`.
//
// **Setup.** One branch: 5 wires, AngleEmbedding with RX (input $x_j$ on wire $j$, once), 3 StronglyEntanglingLayers
// (45 weights), $\langle Y\rangle$ on every wire; wire 4 is the "final output measurement". Weights: 100 samples
// uniform in [0, 2π) from `mulberry32(7)`. Coefficients in $x_0, x_1$ with $x_2 = x_3 = x_4 = 0$ (other choices below).
// %%
import { getProfile } from "./lib/results";
console.log("profile:", getProfile());
// %%
import * as tslab from "tslab";
import {
  PAPER_STUDY, circuitFourier, eigenvaluesTable, fmt, readingSpread, readingsTable, reachTable, runFourierStudy, seriesTable,
  spectrumTable, studyDifferences, variantsTable,
} from "./lib/fourier";
import { buildCircuit, input } from "./lib/quantum";
import { readResult } from "./lib/results";
import { showFigure, closeRenderer } from "./lib/plot";
import { spectrumFigure, violinFigure } from "./lib/figures/fourier";

const t0 = Date.now();
const study = runFourierStudy(PAPER_STUDY);
console.log(`study computed in ${((Date.now() - t0) / 1000).toFixed(2)} s (the quick and full profiles are identical here)`);
const stored = readResult("fourier");
if (stored) {
  const { provenance, ...rest } = stored;
  const diff = studyDifferences(rest, JSON.parse(JSON.stringify(study)));
  console.log(`results/fourier.json (commit ${provenance.git_commit.slice(0, 7)}): ${diff.length === 0 ? "matches this computation" : "DIFFERS: " + diff.slice(0, 5).join("; ")}`);
}
// %% [markdown]
// ## The convention, checked by hand
//
// Coefficients come from sampling $f$ on the grid $x_k = 2\pi k/(2d+1)$ in each input and a hand-written
// $N$-dimensional DFT, $c_\omega = (2d+1)^{-N}\sum_k f(x_k)\,e^{+i\omega\cdot x_k}$ (Schuld, Sweke & Meyer 2021). For
// $RX(x)|0\rangle$: $\langle Z\rangle = \cos x$ gives $c_{\pm1} = 1/2$; $\langle Y\rangle = -\sin x = \tfrac i2 e^{ix} - \tfrac i2 e^{-ix}$
// gives $c_{+1} = -i/2$, $c_{-1} = +i/2$ in the $e^{-i\omega x}$ convention.
//
// PennyLane's `qml.fourier.coefficients` states the same formula but returns `numpy.fft.fftn(samples) / size`, whose
// entry at index ω is the coefficient of $e^{+i\omega x}$, i.e. our $c_{-\omega}$ (= $\overline{c_\omega}$ for a real
// output); its array is also in FFT order (0, 1, …, d, −d, …, −1). We follow the formula, in lexicographic order.
// %%
const rx = buildCircuit(1, [{ gate: "RX", wires: [0], params: [input(0)] }], [{ pauli: "Z", wire: 0 }, { pauli: "Y", wire: 0 }]);
tslab.display.markdown(seriesTable(circuitFourier(rx, { weights: [], inputs: [0], degree: 1 }), ["⟨Z⟩ = cos x", "⟨Y⟩ = −sin x"]));
// %% [markdown]
// ## Figure 10
//
// Violins of the real and imaginary parts of the nine coefficients $c_{\omega_x\omega_y}$ of wire 4 (each input
// encoded once gives 3 frequencies per input, so 3 × 3 coefficients:
// [fourier-terms-per-input](../CLAIMS.md#fourier-terms-per-input)) over the 100 weight samples. As in the paper,
// every coefficient except $\operatorname{Im} c_{00}$ spreads widely across the weight samples, Re $c_{00}$ the most.
// The figure already shows the structure that matters below: the violin at $-\omega$ is the violin at $\omega$ (real
// parts) or its mirror image (imaginary parts), and $\operatorname{Im} c_{00}$ is a flat line at 0.
// %%
await showFigure(violinFigure(study), "fig10-fourier-violins");
// %% [markdown]
// ## "The determinant of the correlation matrix of all values was equal to zero for every output"
//
// "All values" is not defined in the paper. With 9 complex coefficients the candidates are the 18 real numbers
// Re/Im $c_\omega$ (the literal reading), their magnitudes, or the complex numbers themselves. The table gives, per
// output wire, the determinant (LU with partial pivoting, as `numpy.linalg.det`) and the numerical rank
// (eigenvalues above $10^{-10}\times$ the largest) of each reading's matrix over the 100 samples:
//
// * `re-im-18-pearson`: Pearson correlation of all 18 values. $\operatorname{Im} c_{00}$ is identically 0, so its
//   variance is 0 and its correlations are 0/0: the matrix has a NaN row and column (`numpy.corrcoef` does the same)
//   and the determinant is undefined, not zero.
// * `re-im-17-pearson` (primary): the same without the constant column.
// * `re-im-18-covariance`: the covariance matrix of the 18 values (defined despite the constant column).
// * `abs-9-pearson`: the 9 magnitudes $|c_\omega|$.
// * `complex-9-hermitian`: the Hermitian correlation matrix of the 9 complex coefficients (`numpy.corrcoef` on complex data).
// * `independent-9-pearson`: the non-redundant half, $c_{00}$ and Re/Im of $c_{01}, c_{1,-1}, c_{10}, c_{11}$.
// %%
tslab.display.markdown(readingsTable(study));
// %% [markdown]
// **Why the determinant is zero** ([fourier-determinant-zero](../CLAIMS.md#fourier-determinant-zero)). Each output
// $f(\mathbf x) = \langle Y_j\rangle$ is real, so its coefficients obey $c_{-\omega} = \overline{c_\omega}$ for every
// θ: $\operatorname{Re} c_{-\omega} = \operatorname{Re} c_\omega$,
// $\operatorname{Im} c_{-\omega} = -\operatorname{Im} c_\omega$, and $\operatorname{Im} c_{00} = 0$. Of the 18 values
// only 9 are free, so the columns come in 8 exactly equal or exactly opposite pairs (correlation exactly ±1) and the
// matrix has rank 9: its determinant is 0 for *any* real-valued circuit, expressive or not (a single-qubit circuit
// would give the same zero). The same holds for the magnitudes ($|c_{-\omega}| = |c_\omega|$, rank 5). The
// eigenvalues make it plain: 9 of order one, 8 at rounding level.
// %%
const w = PAPER_STUDY.violinWire;
const pairs = study.readings["re-im-17-pearson"].per_wire[w].exact_pairs;
tslab.display.markdown(`Wire ${w}: ${pairs.length} exactly dependent pairs in \`re-im-17-pearson\`: ` +
  pairs.map((p) => `${p.a} ~ ${p.b} (r = ${p.r})`).join("; ") + ".\n\n" +
  `Largest conjugate-symmetry defect max|c(−ω) − conj c(ω)| over all samples and wires: ` +
  `${fmt(Math.max(...study.identities.map((d) => d.max_conj_symmetry_defect)))}; max |Im c(0,0)|: ${fmt(Math.max(...study.identities.map((d) => d.max_abs_im_c00)))}.`);
tslab.display.markdown(eigenvaluesTable(study, w, ["re-im-17-pearson", "independent-9-pearson", "complex-9-hermitian"]));
// %% [markdown]
// **What a zero determinant means**
// ([fourier-independence-interpretation](../CLAIMS.md#fourier-independence-interpretation)). $\det R = 0$ says that
// some linear combination of the variables is constant over the samples, i.e. the variables are *linearly dependent*.
// It is the opposite of the independence the paper concludes. The statement that would support "independent Fourier
// terms" is that the correlation matrix of the non-redundant values is non-singular and not close to singular (a
// determinant of 1 and all eigenvalues 1 would mean uncorrelated). Over the five wires:
// %%
tslab.display.markdown(`* ${readingSpread(study, "independent-9-pearson")}\n* ${readingSpread(study, "complex-9-hermitian")}`);
// %% [markdown]
// So the 9 free real parameters of each output are only weakly correlated across random weights: the numbers support
// a weaker, correct version of the paper's claim ("the non-redundant Fourier coefficients vary independently enough
// that none is a linear function of the others"), but not the argument it gives.
//
// We cannot tell how the authors got "zero" rather than NaN. It could be the 17-column or covariance reading above,
// or a pipeline that leaves rounding noise in $\operatorname{Im} c_{00}$ (e.g. an inverse and forward FFT, as
// PennyLane's low-pass option does). Every one of these gives zero for the same reason.
//
// **Does it hinge on $x_2 = x_3 = x_4 = 0$?** No. The same analysis with the fixed inputs at π/2 and at seeded
// random values:
// %%
tslab.display.markdown(variantsTable(study));
// %% [markdown]
// ## The full spectrum of one branch, and a weaker template
//
// With five inputs each encoded once by a Pauli rotation, the reachable frequencies are $\{-1,0,1\}^5$: 243
// coefficients (121 free after conjugate symmetry). Sampling with degree 2 shows nothing beyond: the largest
// $|c_\omega|$ with some $|\omega_i| = 2$ is
// %%
const beyond = study.spectrum.beyond_encoding_max_abs;
tslab.display.markdown(`StronglyEntanglingLayers ${fmt(beyond.sel)}, BasicEntanglerLayers ${fmt(beyond.basic)} (rounding level).`);
// %% [markdown]
// We compare the paper's StronglyEntanglingLayers (SEL, 3 layers, 45 weights, Rot gates) with BasicEntanglerLayers
// (BEL, 3 layers, 15 weights, RX gates and a CNOT ring), both after the same RX embedding and measuring ⟨Y⟩, over
// 100 weight samples each (`mulberry32(7)` and `mulberry32(8)`). Per frequency order $|\omega|_1$ we give how many of
// the frequencies have a non-zero coefficient ($>10^{-12}$) for some sample, the mean $|c_\omega|$, the mean variance
// $E|c_\omega - E c_\omega|^2$ over the samples, and the power $\sum_\omega E|c_\omega|^2$ (summed over all orders it
// is the mean of $f^2$, Parseval). Wire 4:
// %%
tslab.display.markdown(spectrumTable(study, w));
await showFigure(spectrumFigure(study), "fig10b-fourier-spectrum-sel-vs-basic");
// %% [markdown]
// All five outputs:
// %%
tslab.display.markdown(reachTable(study));
// %% [markdown]
// **Reading the spectrum.**
//
// * $c_{00000} = 0$ for both templates and every weight: averaging over all five inputs turns each RX-embedded
//   $|0\rangle$ into the maximally mixed state, and $\operatorname{tr} Y = 0$. So the constant term is never available.
// * SEL reaches every other frequency on every wire (tables above), with coefficients that shrink gently with the
//   order. That is what "expressive" can mean here: every Fourier term the encoding allows is used, with
//   weights-dependent values.
// * BEL reaches only a handful of frequencies per output (one set $S$ of inputs, $\omega_i = \pm1$ on $S$, 0
//   elsewhere). The reason is structural: in the Heisenberg picture RX only swaps Y and Z on its wire and never changes
//   which wires carry a Z component, and a CNOT moves Z components deterministically ($z_c \mathrel{\oplus}= z_t$), so
//   every term of the back-propagated observable has the same Z support $S$ (`test/fourier/expressivity.test.ts`
//   predicts $S$ this way and checks it against the computed spectrum). The total power $E[f^2]$ is similar for both
//   templates (last two columns above); SEL spreads it over the whole spectrum, BEL puts it all on a handful of terms.
//
// Neither the violins nor the spread say anything about *trainability* or about the classical layers around the
// branch; they only show which functions of the inputs the quantum layer can represent.
//
// ## Summary for a reviewer
//
// * Figure 10 is reproduced in kind: all coefficients except Im $c_{00}$ spread widely across random weights.
// * The determinant is 0 on every output (`all_zero` in `results/fourier.json`), but only because
//   $c_{-\omega} = \overline{c_\omega}$ for any real-valued output; under the literal 18-value Pearson reading it is undefined
//   (NaN). A zero determinant shows exact linear dependence and cannot demonstrate independence. The non-redundant
//   coefficients have a well-conditioned correlation matrix (numbers above).
// * The conclusion does not depend on the values of the fixed inputs.
// * The branch reaches every non-constant frequency of its encoding; a BasicEntanglerLayers branch of the same
//   depth reaches only a few per output.
// %%
console.log(JSON.stringify({
  correlation_determinants: study.correlation_determinants, all_zero: study.all_zero, primary_reading: study.primary_reading,
  identities: study.identities.map((d) => d.max_conj_symmetry_defect), seeds: study.seeds,
}));
await closeRenderer();
