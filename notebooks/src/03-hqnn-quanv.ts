// %% [markdown]
// # 03 · HQNN-Quanv: a quanvolutional layer against CNN1 and CNN4 (paper section 2.3, Figures 7 and 8)
//
// The paper's claim: a hybrid network whose first layer is a 2×2 *quanvolutional* kernel (a 4-qubit circuit with 4
// trainable weights), followed by one dense layer, reaches **0.67 ± 0.01** test accuracy
// ([quanv-hqnn-acc](../CLAIMS.md#quanv-hqnn-acc)) on 600 MNIST images (500 train / 100 test, 20 epochs, 10 random
// initialisations: [quanv-dataset-600](../CLAIMS.md#quanv-dataset-600), [quanv-epochs](../CLAIMS.md#quanv-epochs),
// [quanv-ten-models](../CLAIMS.md#quanv-ten-models)), as good as a classical CNN with four 2×2 filters (**CNN4**, 16
// kernel weights: **0.66 ± 0.02**; [quanv-cnn4-acc](../CLAIMS.md#quanv-cnn4-acc),
// [quanv-hqnn-matches-cnn4](../CLAIMS.md#quanv-hqnn-matches-cnn4)) and better than one with a single filter
// (**CNN1**, 4 weights: **0.53 ± 0.02**; [quanv-cnn1-acc](../CLAIMS.md#quanv-cnn1-acc),
// [quanv-hqnn-outperforms-cnn1](../CLAIMS.md#quanv-hqnn-outperforms-cnn1)), with four times fewer kernel weights than
// CNN4 ([quanv-kernel-weights](../CLAIMS.md#quanv-kernel-weights),
// [quanv-four-times-kernel-weights](../CLAIMS.md#quanv-four-times-kernel-weights),
// [abstract-quanv-four-times-fewer-params](../CLAIMS.md#abstract-quanv-four-times-fewer-params)). It also says that
// backpropagation trained this circuit faster than adjoint differentiation
// ([quanv-backprop-quicker-than-adjoint](../CLAIMS.md#quanv-backprop-quicker-than-adjoint)).
//
// Everything below is computed by `lib/nn/quanv.ts` (layer and models), `experiments/quanv.ts` (the protocol) and
// `lib/figures/quanv.ts` (figures). The full protocol (`PROFILE=full node --import tsx experiments/quanv.ts`, a few
// minutes on 2 cores) wrote the committed `results/quanv-*.json`; this notebook **displays those committed full
// results**. In the quick profile it also re-runs a small version of the protocol live (2 seeds × 2 epochs on
// 100/50 images, written to `results/quick/`) to show the code path works.
// %%
import { getProfile } from "./lib/results";
console.log("profile:", getProfile());
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
import * as tslab from "tslab";
import { initBackend } from "./lib/nn/backend";
import { buildQuanvModel, deadReluFilters, quanvParamCounts } from "./lib/nn/quanv";
import { QUANV_PARTS, runQuanvExperiments } from "./experiments/quanv";
import { DatasetError } from "./lib/data";
import { readResult, RESULTS_DIR } from "./lib/results";
import { closeRenderer, showFigure } from "./lib/plot";
import { QUANV_VARIANTS, QuanvResult, quanvArchitectureFigure, quanvComparisonRows, quanvFigures, readQuanvTrio } from "./lib/figures/quanv";
import { evaluateClaims } from "./lib/claims";
import { showTable } from "./lib/plot/table";

const backend = await initBackend();
const rows = [];
for (const stride of [4, 2]) {
  for (const kind of ["hqnn", "cnn1", "cnn4"] as const) {
    const model = buildQuanvModel({ kind, imageSize: 14, stride, classes: 10, seed: 1 });
    const c = quanvParamCounts(model);
    rows.push(`| stride ${stride} | ${kind} | ${model.getLayer("kernel_layer").outputShape.slice(1).join("×")} | ${c.kernel_params} | ${c.total_params} |`);
    model.dispose();
  }
}
tslab.display.markdown(["| reading | model | first-layer output | kernel params | total params |", "|---|---|---|---|---|", ...rows].join("\n"));
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
const trio = readQuanvTrio("quanv-");
console.log(`results/quanv-hqnn.json: ${trio.hqnn.status}, commit ${(trio.hqnn as any).provenance.git_commit.slice(0, 7)}, ` +
  `${trio.hqnn.seeds.length} seeds x ${trio.hqnn.config.epochs} epochs, ${trio.hqnn.config.train_n}/${trio.hqnn.config.test_n} images`);
await showFigure(figs["fig8a-quanv-train-loss"], "fig8a-quanv-train-loss");
await showFigure(figs["fig8b-quanv-test-loss"], "fig8b-quanv-test-loss");
await showFigure(figs["fig8c-quanv-test-accuracy"], "fig8c-quanv-test-accuracy");
// %% [markdown]
// ## Final test accuracy against the paper
// %%
const pct = (x: number) => (100 * x).toFixed(1);
const line = (label: string, r: QuanvResult) => {
  const f = r.aggregate.final;
  const perSeed: number[] = (r as any).per_seed.map((s: any) => s.epochs[s.epochs.length - 1].test_acc);
  return `| ${label} | ${r.kernel_params} | ${r.total_params} | ${pct(f.test_acc_mean)} ± ${pct(f.test_acc_std)} | ` +
    `${pct(Math.min(...perSeed))}–${pct(Math.max(...perSeed))} | ${pct(r.paper.mean)} ± ${pct(r.paper.std)} | ${pct(f.test_acc_mean - r.paper.mean)} |`;
};
const header = ["| model | kernel params | total params | ours: test acc. % (mean ± sample std, 10 seeds) | ours: min–max over seeds | paper % | ours − paper (points) |",
  "|---|---|---|---|---|---|---|"];
const variants = QUANV_VARIANTS.flatMap(([id, label]) => { const r = readResult<QuanvResult>(id); return r ? [{ id, label, r }] : []; });
tslab.display.markdown([...header, ...variants.map((v) => line(v.label, v.r))].join("\n"));
await showFigure(figs["fig8d-quanv-readings"], "fig8d-quanv-readings");
// %% [markdown]
// ### CNN1's large spread: a filter that is dead from the start
//
// With a single filter and ReLU, CNN1 is stuck when all four initial kernel weights are negative (pixels are ≥ 0,
// so the filter's output is ≤ 0 everywhere, ReLU returns 0 and the gradient is 0 forever; probability 1/16 per
// seed). Seed 2 is such a seed (CNN4's seed 2 has one such filter out of four). The cell below finds those seeds
// from the initial weights and recomputes CNN1's mean without them.
// %%
const deadSeeds = trio.cnn1.seeds.filter((seed) => {
  const m = buildQuanvModel({ kind: "cnn1", imageSize: 14, stride: 4, classes: 10, seed });
  const dead = deadReluFilters(m) > 0;
  m.dispose();
  return dead;
});
console.log("CNN1 seeds whose only filter is dead at initialisation:", deadSeeds);
const cnn1Rows = ["quanv-cnn1", "quanv-stride2-cnn1", "quanv-lr1e-2-cnn1", "quanv-stride2-lr1e-2-cnn1"].flatMap((id) => {
  const r = readResult(id) as any;
  if (!r) return [];
  const all = r.per_seed.map((s: any) => ({ seed: s.seed, acc: s.epochs[s.epochs.length - 1].test_acc }));
  const alive = all.filter((x: any) => !deadSeeds.includes(x.seed)).map((x: any) => x.acc);
  const mean = alive.reduce((a: number, b: number) => a + b, 0) / alive.length;
  const sd = Math.sqrt(alive.reduce((a: number, b: number) => a + (b - mean) ** 2, 0) / (alive.length - 1));
  const dead = all.filter((x: any) => deadSeeds.includes(x.seed)).map((x: any) => `seed ${x.seed}: ${pct(x.acc)}`).join(", ");
  return [`| ${id} | ${pct(r.aggregate.final.test_acc_mean)} ± ${pct(r.aggregate.final.test_acc_std)} | ${pct(mean)} ± ${pct(sd)} (${alive.length} seeds) | ${dead} |`];
});
tslab.display.markdown(["| CNN1 run | all seeds % | without dead-at-init seeds % | dead seeds' final accuracy |", "|---|---|---|---|", ...cnn1Rows].join("\n"));
// %% [markdown]
// ### Where we fall short of the paper
//
// The verdicts below are the claims audit's (`lib/claims`, the same as CLAIMS.md): "matches" asks whether the 95%
// confidence interval (Welch, over the 10 seeds of each model) of the difference HQNN-Quanv − CNN4 lies within
// ±5 points; "outperforms" asks whether the interval of HQNN-Quanv − CNN1 lies above 0. The second table gives the
// same statistics for every reading we ran, so the sensitivity to our guesses (stride, learning rate) is visible.
// %%
{
  const audit = new Map(evaluateClaims(RESULTS_DIR).map((e) => [e.claim.id, e]));
  const ids = ["quanv-hqnn-acc", "quanv-cnn4-acc", "quanv-cnn1-acc", "quanv-hqnn-matches-cnn4", "quanv-hqnn-outperforms-cnn1", "abstract-quanv-four-times-fewer-params"];
  showTable(ids.map((id) => {
    const e = audit.get(id)!;
    return { claim: id, statement: e.claim.statement, paper: e.paper, ours: e.ours, verdict: e.verdict };
  }), { title: "Section 2.3 claims and their verdicts (CLAIMS.md)" });
  showTable(quanvComparisonRows(), { title: "HQNN-Quanv against CNN4 and CNN1, every reading: Welch's test over 10 seeds per model" });
}
// %% [markdown]
// * All three accuracies are lower than the paper's (first table). The losses are still falling at epoch 20, so
//   with our optimiser settings the models are not converged; the paper does not give its settings.
// * CNN4 is ahead of HQNN-Quanv in every reading, with intervals that exclude 0: the "matches" claim
//   ([quanv-hqnn-matches-cnn4](../CLAIMS.md#quanv-hqnn-matches-cnn4)) fails wherever we looked, not only in our
//   primary reading.
// * HQNN-Quanv − CNN1 ([quanv-hqnn-outperforms-cnn1](../CLAIMS.md#quanv-hqnn-outperforms-cnn1)) is positive in the
//   primary reading but its interval includes 0 (CNN1's spread is large: one seed's only filter is dead at
//   initialisation, see above); no reading gives an interval above 0.
// * Our HQNN-Quanv spread is larger than the paper's ±1 point with RY rotations: a weight near π/2 turns a channel
//   into −sin(π·pixel), which is 0 on the background and on full-ink pixels alike; the uniform [0, 2π)
//   initialisation decides how much of the image survives.
// * The stride-2 reading (7×7 maps, all pixels used) gives much higher accuracies for every model than the paper
//   reports (figure above); the stride-4 reading is closer to the paper's level, a weak hint that the paper's 4×4
//   maps were meant literally.
// %% [markdown]
// ## Gradient methods: backpropagation vs adjoint vs parameter-shift
//
// One epoch of HQNN-Quanv training (seed 1, first-600 data, batch 10) per engine gradient method, in rounds that
// alternate the methods (after one warm-up round), median over 5 rounds; plus the engine alone: one vjp over the
// 24,500 patches of 500 images at stride 2. "parameter-shift-weights-only" shifts only the 4 weights (8 extra
// forward passes), which is what PennyLane does when the images need no gradient; the engine's parameter-shift
// also shifts the 4 input angles. The paper also cites (its reference [77]) that adjoint differentiation scales best
// with the number of layers and wires ([quanv-adjoint-scaling](../CLAIMS.md#quanv-adjoint-scaling)); that is timed
// on the HQNN-Parallel branch over 2-10 wires and 1-16 layers in
// [results/gradient-scaling.json](../results/gradient-scaling.json) (`experiments/gradient-scaling.ts`).
// %%
const timing = readResult("quanv-gradient-timing");
if (!timing) console.log("results/quanv-gradient-timing.json missing: run experiments/quanv.ts timing");
else {
  const t = timing as any;
  const rowsT: string[] = [];
  for (const [reading, methods] of Object.entries<any>(t.by_reading)) {
    for (const [m, v] of Object.entries<any>(methods)) {
      rowsT.push(`| ${reading} | ${m} | ${v.seconds.toFixed(3)} | ${v.engine_vjp_seconds.toFixed(3)} | ${v.epoch_train_loss.toFixed(7)} | ${v.abs_diff_train_loss_vs_backprop.toExponential(1)} | ${v.max_abs_diff_kernel_vs_backprop.toExponential(1)} |`);
    }
  }
  tslab.display.markdown(["| reading | method | epoch (s, median) | of which engine vjp (s) | epoch train loss | \\|Δ loss\\| vs backprop | max \\|Δ weight\\| vs backprop |",
    "|---|---|---|---|---|---|---|", ...rowsT].join("\n"));
  const e = t.engine_only;
  tslab.display.markdown(["| engine alone, " + e.patches + " patches | seconds (median of " + e.repeats + ") | max \\|Δ gradient\\| vs backprop |", "|---|---|---|",
    ...Object.entries<number>(e.median_seconds).map(([k, v]) => `| ${k} | ${v.toFixed(4)} | ${e.max_abs_gradient_diff_vs_backprop[k] === undefined ? "" : e.max_abs_gradient_diff_vs_backprop[k].toExponential(1)} |`)].join("\n"));
  console.log("machine load (1/5/15-min load average) before:", t.machine_load.loadavg_1_5_15_before, "after:", t.machine_load.loadavg_1_5_15_after, "on", t.machine_load.cpus, "cores");
}
// %% [markdown]
// **Backpropagation is not the fastest method here; adjoint is**
// ([quanv-backprop-quicker-than-adjoint](../CLAIMS.md#quanv-backprop-quicker-than-adjoint)). One training epoch
// (stride 4) took 0.073 s with adjoint, 0.109 s with backprop and 0.138 s with parameter-shift (stride 2: 0.092 /
// 0.179 / 0.265 s); of that, the engine's vjp took 0.013 / 0.043 / 0.082 s, the rest is tfjs. On the engine alone
// (24,500 patches), adjoint needs 0.034 s, backprop 0.270 s, parameter-shift 0.270 s (0.145 s when only the 4 weights
// are shifted), a forward pass 0.013 s. The three methods give the same epoch loss to the last float32 digit (|Δ| =
// 0, the layer returns float32) and gradients that agree to 2·10⁻¹³ in float64. So the paper's observation ("on this
// particular circuit backpropagation proved to be quicker") is about PennyLane's implementations, not the circuit: in
// this engine adjoint makes one backward sweep over a 16-amplitude state that starts from a cheap product state,
// while backprop stores and revisits every intermediate state. The timings ran with a load average of about 7 on the
// 2 cores (other jobs), in rounds alternating the methods: at stride 2 the five rounds agree within 10 %; at stride 4
// they spread more (adjoint 0.052–0.079 s, backprop 0.082–0.127 s) but do not overlap.
// %% [markdown]
// ## Does the conclusion survive other 600-image subsets?
//
// Five more subsets (500 training images drawn at random from the 60,000 and 100 test images from the 10,000,
// seeded), each trained with the same 10 seeds per model, primary reading.
// %%
const subsets = readResult("quanv-subsets") as any;
if (!subsets) console.log("results/quanv-subsets.json missing: run experiments/quanv.ts subsets");
else {
  const cell = (f: any) => `${pct(f.test_acc_mean)} ± ${pct(f.test_acc_std)}`;
  const rowsS = [
    `| first 600 (main run) | ${cell(trio.hqnn.aggregate.final)} | ${cell(trio.cnn4.aggregate.final)} | ${cell(trio.cnn1.aggregate.final)} |`,
    ...subsets.subsets.map((s: any) => `| subset ${s.subset_seed} | ${cell(s.models.hqnn.final)} | ${cell(s.models.cnn4.final)} | ${cell(s.models.cnn1.final)} |`),
  ];
  tslab.display.markdown(["| data | HQNN-Quanv % | CNN4 % | CNN1 % |", "|---|---|---|---|", ...rowsS].join("\n"));
  const d = subsets.summary;
  const diff = (x: any) => `${pct(x.mean)} ± ${pct(x.std)} points (positive in ${x.positive_in} of ${x.per_subset.length})`;
  console.log(`over the ${subsets.subsets.length} subsets: HQNN − CNN4 = ${diff(d.hqnn_minus_cnn4)}; HQNN − CNN1 = ${diff(d.hqnn_minus_cnn1)}; CNN4 − CNN1 = ${diff(d.cnn4_minus_cnn1)}`);
  await showFigure(figs["fig8e-quanv-subsets"], "fig8e-quanv-subsets");
}
// %% [markdown]
// **On other subsets the ordering is stable, and it is not the paper's.** On all five random subsets CNN4 is ahead
// of HQNN-Quanv (by 14.5 ± 4.3 points on average, 9.8 to 21.1), and HQNN-Quanv is ahead of CNN1 (by 7.3 ± 1.5
// points; still ahead, by 2.2 to 6.0 points, when CNN1's dead seed 2 is left out). The accuracies themselves move
// by up to 10 points between subsets (HQNN-Quanv 40.6–51.4 %, CNN4 52.4–66.3 %), more than the seed-to-seed
// spread of CNN4, so a single 600-image subset is a noisy basis for a one-point comparison such as 67 vs 66 %.
// %%
await closeRenderer();
