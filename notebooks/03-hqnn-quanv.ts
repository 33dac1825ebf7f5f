// %% [markdown]
// # 03 · HQNN-Quanv: a quanvolutional layer against CNN1 and CNN4 (paper section 2.3, Figures 7 and 8)
//
// The paper's claim: a hybrid network whose first layer is a 2×2 *quanvolutional* kernel (a 4-qubit circuit with 4
// trainable weights), followed by one dense layer, reaches a test accuracy
// ([quanv-hqnn-acc](../CLAIMS.md#quanv-hqnn-acc)) on 600 MNIST images (500 train / 100 test, 20 epochs, 10 random
// initialisations: [quanv-dataset-600](../CLAIMS.md#quanv-dataset-600), [quanv-epochs](../CLAIMS.md#quanv-epochs),
// [quanv-ten-models](../CLAIMS.md#quanv-ten-models)) as good as that of a classical CNN with four 2×2 filters
// (**CNN4**, 16 kernel weights; [quanv-cnn4-acc](../CLAIMS.md#quanv-cnn4-acc),
// [quanv-hqnn-matches-cnn4](../CLAIMS.md#quanv-hqnn-matches-cnn4)) and better than one with a single filter
// (**CNN1**, 4 weights; [quanv-cnn1-acc](../CLAIMS.md#quanv-cnn1-acc),
// [quanv-hqnn-outperforms-cnn1](../CLAIMS.md#quanv-hqnn-outperforms-cnn1)), with four times fewer kernel weights than
// CNN4 ([quanv-kernel-weights](../CLAIMS.md#quanv-kernel-weights),
// [quanv-four-times-kernel-weights](../CLAIMS.md#quanv-four-times-kernel-weights),
// [abstract-quanv-four-times-fewer-params](../CLAIMS.md#abstract-quanv-four-times-fewer-params)). It also says that
// backpropagation trained this circuit faster than adjoint differentiation
// ([quanv-backprop-quicker-than-adjoint](../CLAIMS.md#quanv-backprop-quicker-than-adjoint)). The paper's accuracies
// are printed below from the claims registry.
//
// Everything below is computed by `lib/nn/quanv.ts` (layer and models), `experiments/quanv.ts` (the protocol) and
// `lib/figures/quanv.ts` (figures). The full protocol (`PROFILE=full node --import tsx experiments/quanv.ts`, a few
// minutes on 2 cores) wrote the committed `results/quanv-*.json`; this notebook **displays those committed full
// results**. In the quick profile it also re-runs a small version of the protocol live (2 seeds × 2 epochs on
// 100/50 images, written to `results/quick/`) to show the code path works.
// %%
import { getProfile } from "./lib/results";
console.log("profile:", getProfile());
// %%
import * as tslab from "tslab";
import { quanvPaperValues } from "./lib/figures/quanv-notes";
tslab.display.markdown(quanvPaperValues());
// %% [markdown]
// ## What the paper leaves open, and what we chose
//
// **Data.** "600 images from the MNIST dataset": we take the **first 500 images of the training file and the first
// 100 of the test file** (idx order). Other random 600-image subsets are tested at the end. "PyTorch's resize
// transform with bilinear interpolation … from 28×28 to 14×14": torchvision's `Resize` applied to the PIL images
// of `torchvision.datasets.MNIST` is PIL's **antialiased** bilinear filter with rounding to uint8; we do the same
// (`resizeBilinear(..., {antialias: true})` in float64, rounded to uint8 — PIL's fixed-point arithmetic can differ
// by one grey level), then divide by 255. A tensor resize in older torchvision would not be antialiased.
//
// **Geometry.** The paper says the input is 14×14, the kernel 2×2, and "each channel is a picture with 4×4 pixels"
// ([quanv-channel-size](../CLAIMS.md#quanv-channel-size)). Without padding, a 2×2 kernel on 14×14 gives
// $\lfloor (14-2)/s\rfloor + 1$ outputs per side: 13, 7, 5, **4**, 3 for strides 1…5; padding only makes it larger.
// So the only plain reading that yields the stated 4×4 is **stride 4** (patches at rows/columns 0, 4, 8, 12): the
// kernel then reads only 64 of the 196 pixels. That is our **primary reading**, because it matches every stated shape
// and count. The usual quanvolution (non-overlapping 2×2 patches, stride 2) covers the whole image and gives 7×7
// channels; it is as plausible (the "4×4" may be a slip), so we ran it in full too (**stride 2**).
//
// **Kernel circuit.** RY(π·pixel) on each wire (the paper), then 4 trainable single-qubit rotations, 3 CNOTs,
// ⟨Z⟩ on every wire (the paper); which rotation and which CNOTs is not said. We use a **CNOT chain**
// (0→1, 1→2, 2→3) and **RY** rotations (primary) or **RX** (run too). RZ is excluded: it commutes with the CNOTs
// and the Z measurements, so its weights would have no effect. In closed form, with $a_i = \pi p_i$:
// RY gives $\langle Z_k\rangle = \prod_{i\le k}\cos(a_i + w_i)$ (the weights shift the embedding angles),
// RX gives $\prod_{i\le k}\cos a_i \cos w_i$ (the weights only rescale). The tests check both against a dense simulator.
//
// **Baselines.** CNN1 / CNN4: a 2×2 convolution with 1 / 4 filters at the same stride, **no bias** (so the kernels
// have exactly the paper's 4 and 16 parameters), followed by **ReLU** (the activation the paper uses elsewhere),
// then flatten and the same dense layer. The quanvolution has no bias and no extra activation.
//
// **Training.** Adam, lr **1e-3** (PyTorch's default betas/epsilon), batch **10**, cross-entropy, 20 epochs,
// identical for the three models; seeds 1–10 fix the initial weights and the shuffling. Initialisation as
// PyTorch/PennyLane would do it: quantum weights U[0, 2π), conv and dense U(±1/√fan_in). The ± values are the
// **sample** standard deviation over the 10 seeds (divisor n−1; the result files also hold the population std).
// The HQNN layer is a tfjs `customGrad` op: one engine `forward()` over all patches of a mini-batch
// (10 images × 16 patches) and one engine `vjp()` for the gradient (adjoint by default).
//
// Because lr and batch size are our guesses, the same runs were repeated with **lr 1e-2** as a sensitivity check.
// %%
import { initBackend } from "./lib/nn/backend";
import { runQuanvExperiments } from "./experiments/quanv";
import { DatasetError } from "./lib/data";
import { readResult, RESULTS_DIR } from "./lib/results";
import { closeRenderer, showFigure } from "./lib/plot";
import { quanvArchitectureFigure, quanvComparisonRows, quanvFigures, readQuanvTrio } from "./lib/figures/quanv";
import {
  cnn1WithoutDeadSeeds, deadAtInitSeeds, finalAccuracyTable, gradientTimingNotes, quanvClaimRows, quanvModelTable, runProvenanceLine,
  subsetsSummary, subsetsTable,
} from "./lib/figures/quanv-notes";
import { evaluateClaims } from "./lib/claims";
import { showTable } from "./lib/plot/table";

const backend = await initBackend();
tslab.display.markdown(quanvModelTable());
console.log("tfjs backend:", backend);
// %% [markdown]
// ## A live run at the current profile
//
// In the quick profile this trains the three models of the primary reading for 2 seeds × 2 epochs on 100/50
// images (seconds); in the full profile it re-runs the committed protocol, which resumes from the result files
// and so finishes at once when they are complete. (Two epochs of lr 1e-3 on 100 images leave every model near
// chance level; the quick run only shows that the code path works.)
// %%
try {
  console.log(JSON.stringify(await runQuanvExperiments(["main"]), null, 1));
} catch (e) {
  if (!(e instanceof DatasetError)) throw e;
  console.log(`not trained here, MNIST is not available: ${e.message.split("\n")[0]}`);
}
// %% [markdown]
// ## Figure 7: the kernel circuit and the model
// %%
await showFigure(quanvArchitectureFigure(4, "RY"), "fig7-quanv-architecture");
// %% [markdown]
// ## Figure 8: training curves of the committed full run (primary reading: stride 4, RY)
// %%
const figs = Object.fromEntries((await quanvFigures(console.log)).map((f) => [f.name, f.figure]));
const trio = readQuanvTrio();
console.log(runProvenanceLine("results/quanv-hqnn.json", trio.hqnn));
await showFigure(figs["fig8a-quanv-train-loss"], "fig8a-quanv-train-loss");
await showFigure(figs["fig8b-quanv-test-loss"], "fig8b-quanv-test-loss");
await showFigure(figs["fig8c-quanv-test-accuracy"], "fig8c-quanv-test-accuracy");
// %% [markdown]
// ## Final test accuracy against the paper
// %%
tslab.display.markdown(finalAccuracyTable());
await showFigure(figs["fig8d-quanv-readings"], "fig8d-quanv-readings");
// %% [markdown]
// ### CNN1's large spread: a filter that is dead from the start
//
// With a single filter and ReLU, CNN1 is stuck when all four initial kernel weights are negative (pixels are ≥ 0,
// so the filter's output is ≤ 0 everywhere, ReLU returns 0 and the gradient is 0 forever; probability 1/16 per
// seed; CNN4 can have such filters too, but then three others still learn). The cell below finds those seeds from
// the initial weights and recomputes CNN1's mean and sample standard deviation without them.
// %%
const deadSeeds = deadAtInitSeeds(trio.cnn1.seeds);
console.log("CNN1 seeds whose only filter is dead at initialisation:", deadSeeds);
tslab.display.markdown(cnn1WithoutDeadSeeds(deadSeeds));
// %% [markdown]
// ### Where we fall short of the paper
//
// The verdicts below are the claims audit's (`lib/claims`, the same as CLAIMS.md): "matches" asks whether the 95%
// confidence interval (Welch, over the 10 seeds of each model) of the difference HQNN-Quanv − CNN4 lies within
// ±5 points; "outperforms" asks whether the interval of HQNN-Quanv − CNN1 lies above 0. The second table gives the
// same statistics for every reading we ran, so the sensitivity to our guesses (stride, learning rate) is visible.
// %%
showTable(quanvClaimRows(evaluateClaims(RESULTS_DIR)), { title: "Section 2.3 claims and their verdicts (CLAIMS.md)" });
showTable(quanvComparisonRows(), { title: "HQNN-Quanv against CNN4 and CNN1, every reading: Welch's test over 10 seeds per model" });
// %% [markdown]
// * All three accuracies are lower than the paper's (first table). The losses are still falling at epoch 20, so
//   with our optimiser settings the models are not converged; the paper does not give its settings.
// * CNN4 is ahead of HQNN-Quanv in every reading, with intervals that exclude 0: the "matches" claim
//   ([quanv-hqnn-matches-cnn4](../CLAIMS.md#quanv-hqnn-matches-cnn4)) fails wherever we looked, not only in our
//   primary reading.
// * HQNN-Quanv − CNN1 ([quanv-hqnn-outperforms-cnn1](../CLAIMS.md#quanv-hqnn-outperforms-cnn1)) is positive in the
//   primary reading but its interval includes 0 (CNN1's spread is large: one seed's only filter is dead at
//   initialisation, see above); no reading gives an interval above 0.
// * Our HQNN-Quanv spread is larger than the paper's with RY rotations: a weight near π/2 turns a channel
//   into −sin(π·pixel), which is 0 on the background and on full-ink pixels alike; the uniform [0, 2π)
//   initialisation decides how much of the image survives.
// * The stride-2 reading (7×7 maps, all pixels used) gives much higher accuracies for every model than the paper
//   reports (figure above); the stride-4 reading is closer to the paper's level, a weak hint that the paper's 4×4
//   maps were meant literally.
// %% [markdown]
// ## Gradient methods: backpropagation vs adjoint vs parameter-shift
//
// One epoch of HQNN-Quanv training (seed 1, first-600 data, batch 10) per engine gradient method, in rounds that
// alternate the methods (after one warm-up round), median over 5 rounds; plus the engine alone: one vjp over all the
// patches of 500 images at stride 2. "parameter-shift-weights-only" shifts only the 4 weights (8 extra
// forward passes), which is what PennyLane does when the images need no gradient; the engine's parameter-shift
// also shifts the 4 input angles. The paper also cites (its reference [77]) that adjoint differentiation scales best
// with the number of layers and wires ([quanv-adjoint-scaling](../CLAIMS.md#quanv-adjoint-scaling)); that is timed
// on the HQNN-Parallel branch over 2-10 wires and 1-16 layers in
// [results/gradient-scaling.json](../results/gradient-scaling.json) (`experiments/gradient-scaling.ts`).
// %%
const timing = readResult("quanv-gradient-timing");
if (!timing) console.log("results/quanv-gradient-timing.json missing: run experiments/quanv.ts timing");
else {
  const notes = gradientTimingNotes(timing);
  tslab.display.markdown(notes.perMethod);
  tslab.display.markdown(notes.engine);
  for (const line of notes.lines) console.log(line);
}
// %% [markdown]
// **Backpropagation is not the fastest method here; adjoint is**
// ([quanv-backprop-quicker-than-adjoint](../CLAIMS.md#quanv-backprop-quicker-than-adjoint)). In the tables above, one
// training epoch is fastest with adjoint, then backprop, then parameter-shift, in both readings, and most of the
// difference is the engine's vjp (the rest is tfjs). On the engine alone adjoint is several times faster than
// backprop and parameter-shift (shifting only the 4 weights halves parameter-shift's time). The three methods give the
// same epoch loss to the last float32 digit (the layer returns float32) and gradients that agree to rounding level in
// float64. So the paper's observation ("on this particular circuit backpropagation proved to be quicker") is about
// PennyLane's implementations, not the circuit: in this engine adjoint makes one backward sweep over a 16-amplitude
// state that starts from a cheap product state, while backprop stores and revisits every intermediate state. The
// timings ran under load from other jobs (the load averages are printed above), in rounds alternating the methods; the
// per-round ranges printed above show how much each method's time moved between rounds.
// %% [markdown]
// ## Does the conclusion survive other 600-image subsets?
//
// Five more subsets (500 training images drawn at random from the 60,000 and 100 test images from the 10,000,
// seeded), each trained with the same 10 seeds per model, primary reading.
// %%
const subsets = readResult("quanv-subsets");
if (!subsets) console.log("results/quanv-subsets.json missing: run experiments/quanv.ts subsets");
else {
  tslab.display.markdown(subsetsTable(subsets, trio));
  for (const line of subsetsSummary(subsets, deadSeeds)) console.log(line);
  await showFigure(figs["fig8e-quanv-subsets"], "fig8e-quanv-subsets");
}
// %% [markdown]
// **On other subsets the ordering is stable, and it is not the paper's.** The lines printed above say on how many of
// the random subsets CNN4 is ahead of HQNN-Quanv and HQNN-Quanv ahead of CNN1 (also when CNN1's dead seeds are left
// out), and by how much. The accuracies themselves move between subsets by more than the seed-to-seed spread of
// CNN4, so a single 600-image subset is a noisy basis for a one-point comparison such as the paper's HQNN-Quanv
// against CNN4.
// %%
await closeRenderer();
