/**
 * What a reviewer reads off the figures at a glance: the paper's reference lines are labelled and inside the
 * axis, early stopping is stated, legends match what is drawn, whiskers stay within [0, 1], coinciding series
 * are shown apart, and tile captions keep apart. Builders only (no rendering).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { accuracyComparisonFigure, paperLineShapes, RunResult } from "../../lib/figures/curves";
import { seedBandsFigure } from "../../lib/figures/seeds";
import { paperTable1Value } from "../../lib/claims";
import { quanvReadingsFigure } from "../../lib/figures/quanv";
import type { QuanvRun, SeedsSummary } from "../../lib/results";
import { jacobianRankFigure } from "../../lib/figures/zx";
import { imageGrid, wrapCaption } from "../../lib/plot/image-grid";

type Shape = { y0: number; line: { dash: string } };
type Note = { text: string; y: number; yref?: string };

/** Every dashed line has a label annotation at its height that names its value in percent. */
function assertLabelledLines(layout: Record<string, unknown>) {
  const shapes = (layout.shapes as Shape[]).filter((s) => s.line.dash === "dash");
  const notes = layout.annotations as Note[];
  assert.ok(shapes.length >= 2);
  for (const s of shapes) {
    const label = notes.find((n) => n.yref === "y" && n.y === s.y0);
    assert.ok(label, `no label for the line at ${s.y0}`);
    assert.ok(label.text.includes((100 * s.y0).toFixed(2)), `${label.text} does not give ${s.y0}`);
  }
  return shapes.map((s) => s.y0);
}

const run = (experiment: string, accs: number[], extra: Partial<RunResult> = {}): RunResult => ({
  experiment, epochs: accs.map((test_acc, i) => ({ epoch: i + 1, test_acc, train_loss: 0.1, test_loss: 0.1 })), ...extra,
});

test("paperLineShapes: two nearly equal values get one label above and one below their lines", () => {
  const { annotations } = paperLineShapes([{ value: 0.8264, label: "b", color: "#000" }, { value: 0.8278, label: "a", color: "#000" }]) as { annotations: { text: string; yanchor: string }[] };
  assert.deepEqual(annotations.map((a) => [a.text, a.yanchor]), [["a", "bottom"], ["b", "top"]]);
});

test("accuracy comparison near the ceiling: a half-point axis up to 100 %, labelled paper lines inside, the test-set size on the axis", () => {
  const test = { test: 11791 };
  const fig = accuracyComparisonFigure(run("hqnn-parallel-medmnist", [0.99907, 0.99864], { dataset: test }), run("cnn-medmnist", [0.99924, 0.99898], { dataset: test }),
    "Medical MNIST", { hqnn: 0.9997, cnn: 0.9996 });
  const layout = fig.layout!;
  const [lo, hi] = (layout.yaxis as { range: [number, number] }).range;
  const lines = assertLabelledLines(layout);
  assert.ok(lo <= 0.995 + 1e-12 && hi > 1, `range ${lo}..${hi}`);
  for (const y of lines) assert.ok(y > lo && y < hi);
  const yTitle = (layout.yaxis as { title: { text: string } }).title.text;
  assert.match(yTitle, /11,791 test images: 1 image = 0\.0085 points/);
  assert.ok(layout.yaxis2, "a narrow axis gets a scale in misclassified images");
});

test("accuracy comparison: an early-stopped run says so in its legend entry and in a note", () => {
  const stop = (epoch: number) => ({ stopped_early: `after epoch ${epoch}: no test-accuracy improvement for 3 epochs`, config: { epochs: 20, patience: 3 } });
  const fig = accuracyComparisonFigure(run("hqnn-parallel-cifar10", [0.36, 0.63, 0.68], stop(3)), run("cnn-cifar10", [0.51, 0.61, 0.69, 0.7]),
    "CIFAR-10", { hqnn: 0.8278, cnn: 0.8264 });
  const names = (fig.data as { name?: string }[]).map((t) => t.name ?? "");
  assert.ok(names.some((n) => n.startsWith("HQNN-Parallel") && n.includes("stopped early after epoch 3")));
  assert.ok(names.some((n) => n.startsWith("CNN") && !n.includes("stopped")));
  const notes = (fig.layout!.annotations as Note[]).map((n) => n.text).join("\n");
  assert.match(notes, /patience 3 on test accuracy/);
  assert.match(notes, /HQNN-Parallel after epoch 3: no test-accuracy improvement/);
  const [lo, hi] = (fig.layout!.yaxis as { range: [number, number] }).range;
  for (const y of assertLabelledLines(fig.layout!)) assert.ok(y > lo && y < hi, "the paper's lines are inside the axis");
});

test("seed bands: the paper's MNIST values come from the claims registry, labelled; the CNN and the dense ablation read apart", () => {
  const band = { mean: [0.985, 0.99], std: [0.001, 0.001] };
  const model = { seeds: [1, 2], curves: { test_acc: band } };
  const s = { models: { "hqnn-parallel-mnist": model, "cnn-mnist": model, "ablation-dense20": model } } as unknown as SeedsSummary;
  const fig = seedBandsFigure(s);
  const lines = assertLabelledLines(fig.layout!);
  assert.deepEqual(lines.sort(), [paperTable1Value("mnist", "cnn", "test-acc") / 100, paperTable1Value("mnist", "hqnn", "test-acc") / 100].sort());
  const names = (fig.data as { name?: string }[]).flatMap((t) => (t.name ? [t.name] : []));
  assert.ok(names.some((n) => n.startsWith("CNN (the paper's classical model)")));
  assert.ok(names.some((n) => n.startsWith("ablation: quantum layer → dense 20→20")));
});

test("quanv readings: one bar trace per model kind (the legend's colours are the bars'), whiskers cut at 0 and 100 %", () => {
  const result = (kind: "hqnn" | "cnn1" | "cnn4", mean: number, std: number) => ({
    model: { kind }, kernel_params: 4, total_params: 100, aggregate: { final: { epoch: 20, test_acc_mean: mean, test_acc_std: std } }, paper: { mean: 0.5, std: 0.02 },
  }) as unknown as QuanvRun;
  const fig = quanvReadingsFigure([
    { label: "a", r: result("hqnn", 0.5, 0.05) }, { label: "b", r: result("cnn1", 0.79, 0.3) }, { label: "c", r: result("cnn1", 0.1, 0.2) }, { label: "d", r: result("cnn4", 0.6, 0.01) },
  ]);
  type Bar = { type: string; name: string; x: number[]; marker: { color: string }; error_x: { array: number[]; arrayminus: number[] } };
  const bars = (fig.data as Bar[]).filter((t) => t.type === "bar");
  assert.equal(bars.length, 3);
  assert.equal(new Set(bars.map((b) => b.marker.color)).size, 3);
  for (const b of bars) b.x.forEach((m, i) => assert.ok(m + b.error_x.array[i] <= 1 + 1e-12 && m - b.error_x.arrayminus[i] >= -1e-12));
  assert.match((fig.layout!.xaxis as { title: { text: string } }).title.text, /cut at 100 %/);
});

test("Jacobian rank: coinciding draws are shifted apart in x, the note says they coincide, the bound is drawn last", () => {
  const draw = (seed: number) => ({ seed, rows: 100, rank: 45, singular_values: [3, 2, 1], rank_by_points: [5, 10, 15] });
  const fig = jacobianRankFigure({ sensitivity: { rank_rel_tol: 1e-10, weights: 45, draws: [draw(1), draw(2), draw(3)] } });
  const rank = (fig.data as { xaxis?: string; mode: string; x: number[]; name?: string }[]).filter((t) => t.xaxis === "x2");
  const firstX = rank.slice(0, 3).map((t) => t.x[0]);
  assert.equal(new Set(firstX).size, 3, "each draw at its own x");
  assert.ok(rank[rank.length - 1].name!.startsWith("bound"), "the bound is on top");
  assert.match((fig.layout!.annotations as Note[])[0].text, /same rank(<br>| )at every number of points/);
});

test("image grid: captions fit their cell (wrapped when long), centred over centred images", () => {
  assert.deepEqual(wrapCaption("automobile", 76), ["automobile"]);
  assert.deepEqual(wrapCaption("a caption of several words", 70), ["a caption", "of several", "words"]);
  const tile = (caption: string) => ({ pixels: new Uint8Array(12).fill(9), height: 2, width: 2, channels: 3, caption });
  const fig = imageGrid([tile("automobile"), tile("automobile"), tile("a rather long caption for one tile")], { cols: 3, tileSize: 90 });
  const notes = fig.layout!.annotations as { text: string; x: number; xanchor: string; font: { size: number } }[];
  for (const n of notes) {
    assert.equal(n.xanchor, "center");
    const widest = Math.max(...n.text.split("<br>").map((l) => [...l].length));
    assert.ok(widest * 0.62 * n.font.size <= 0.85 * 90 + 1e-9, `caption "${n.text}" is wider than its cell allows`);
  }
  assert.ok(notes[2].text.includes("<br>"));
  assert.equal((fig.layout!.xaxis as { constrain: string }).constrain, "domain");
});
