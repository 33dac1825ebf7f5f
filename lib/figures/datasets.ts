/**
 * Section 2.1 figures: samples of each dataset (Figures 1-3) and the per-class counts table.
 *
 * "Ambiguous" MNIST images (Figure 1(b)) are picked by a stated, reproducible rule instead of by eye:
 * test images that are nearer (Euclidean, in pixel space) to another digit's mean training image than to
 * their own digit's mean, ranked by how much nearer. They are the images a template matcher gets wrong.
 */
import type { Dataset, Split } from "../data";
import type { Figure } from "../plot";
import { imageGrid, Tile } from "../plot/image-grid";

function tile(split: Split, i: number, caption: string): Tile {
  const [h, w, c] = split.shape, size = h * w * c;
  return { pixels: split.images.subarray(i * size, (i + 1) * size), height: h, width: w, channels: c, caption };
}

/** The first `perClass` images of each class, in class order. */
export function firstOfEachClass(split: Split, classes: number, perClass: number): number[] {
  const picked: number[][] = Array.from({ length: classes }, () => []);
  for (let i = 0; i < split.n && picked.some((p) => p.length < perClass); i++) {
    const p = picked[split.labels[i]];
    if (p.length < perClass) p.push(i);
  }
  return picked.flat();
}

export function samplesFigure(ds: Dataset, perClass: number, title: string, cols?: number): Figure {
  const idx = firstOfEachClass(ds.train, ds.classes.length, perClass);
  const tiles = idx.map((i) => tile(ds.train, i, ds.classes[ds.train.labels[i]]));
  return imageGrid(tiles, { cols: cols ?? ds.classes.length, title, tileSize: ds.shape[0] <= 32 ? 90 : 120 });
}

export interface AmbiguousImage { index: number; label: number; nearest: number; margin: number }

/** Test images closer to another class's mean training image than to their own, most ambiguous first. */
export function ambiguousByCentroid(train: Split, test: Split, classes: number, count: number): AmbiguousImage[] {
  const size = train.shape[0] * train.shape[1] * train.shape[2];
  const means = Array.from({ length: classes }, () => new Float64Array(size));
  const counts = new Float64Array(classes);
  for (let i = 0; i < train.n; i++) {
    const m = means[train.labels[i]];
    counts[train.labels[i]]++;
    for (let p = 0; p < size; p++) m[p] += train.images[i * size + p];
  }
  means.forEach((m, k) => m.forEach((v, p) => (m[p] = v / counts[k])));
  const found: AmbiguousImage[] = [];
  for (let i = 0; i < test.n; i++) {
    const d = means.map((m) => {
      let s = 0;
      for (let p = 0; p < size; p++) { const t = test.images[i * size + p] - m[p]; s += t * t; }
      return Math.sqrt(s);
    });
    const label = test.labels[i];
    let nearest = label;
    d.forEach((v, k) => { if (v < d[nearest]) nearest = k; });
    if (nearest !== label) found.push({ index: i, label, nearest, margin: d[label] - d[nearest] });
  }
  return found.sort((a, b) => b.margin - a.margin).slice(0, count);
}

export function ambiguousFigure(ds: Dataset, picks: AmbiguousImage[], title: string): Figure {
  const tiles = picks.map((a) => tile(ds.test, a.index, `#${a.index}: ${a.label} → ${a.nearest}`));
  return imageGrid(tiles, { cols: Math.min(picks.length, 6), title, tileSize: 120 });
}

/** Images per class and split, one row per class. */
export function countRows(ds: Dataset): { class: string; label: number; train: number; test: number; total: number }[] {
  return ds.classes.map((name, k) => {
    const train = ds.info.classCounts.train[k], test = ds.info.classCounts.test[k];
    return { class: name, label: k, train, test, total: train + test };
  });
}

/** The checkable facts of section 2.1 for one dataset, as recorded in results/datasets.json. */
/** Duplicate counts as results record them (snake_case keys). */
function duplicatesRecord(d: Dataset["info"]["duplicates"]) {
  return { extra_copies: d.extraCopies, distinct: d.distinct, by_class: d.byClass, cross_class: d.crossClass, test_with_copy_in_train: d.testWithCopyInTrain };
}

/** The split's name ("official"), or for a drawn split how it was drawn. */
function splitRecord(s: Dataset["info"]["split"]) {
  return s ? { seed: s.seed, test_fraction: s.testFraction, train: s.train, test: s.test, stratified: s.stratified, method: s.method } : "official";
}

export function datasetFacts(ds: Dataset) {
  return {
    train: ds.train.n, test: ds.test.n, total: ds.train.n + ds.test.n, classes: ds.classes.length, class_names: ds.classes,
    shape: ds.shape, channels: ds.info.channels, lossy: ds.source.lossy, source_kind: ds.source.kind,
    class_counts: ds.info.classCounts, duplicates: duplicatesRecord(ds.info.duplicates), split: splitRecord(ds.info.split), notes: ds.info.notes,
  };
}

/** Figures 1-3 as the notebook shows them and `make figures` writes them. */
export const datasetFigureBuilders = {
  fig1a: (mnist: Dataset) => ({ name: "fig1a-mnist-samples", figure: samplesFigure(mnist, 2, "MNIST: the first two training images of each digit") }),
  fig1b: (mnist: Dataset) => ({
    name: "fig1b-mnist-ambiguous",
    figure: ambiguousFigure(mnist, ambiguousByCentroid(mnist.train, mnist.test, 10, 12),
      "MNIST test images nearer another digit's mean image than their own<br><sub>#index: label → digit whose mean image is nearest</sub>"),
  }),
  fig2: (med: Dataset) => ({ name: "fig2-medmnist-samples", figure: samplesFigure(med, 2, "Medical MNIST: two training images per class (64x64, 1 channel)") }),
  fig3: (cifar: Dataset) => ({
    name: "fig3-cifar10-samples",
    figure: samplesFigure(cifar, 2, `${cifar.source.lossy ? "CIFAR-10 (JPEG q75 copy, not the official pixels)" : "CIFAR-10"}: two training images per class`),
  }),
};
