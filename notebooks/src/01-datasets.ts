// %% [markdown]
// # 01 · Datasets (paper section 2.1, Figures 1-3)
//
// The paper trains on MNIST, Medical MNIST and CIFAR-10. This notebook loads each through `lib/data`
// (checksums verified on first use; cache → local mirror → canonical download), redraws Figures 1-3 from the
// files, and checks what section 2.1 says about the data against the data themselves. Each statement links to its
// claim in [CLAIMS.md](../CLAIMS.md), which gives the verdict.
// %%
import { getProfile } from "./lib/results";
console.log("profile:", getProfile());
// %%
import * as tslab from "tslab";
import { loadDataset, Dataset } from "./lib/data";
import { showFigure, closeRenderer } from "./lib/plot";
import { ambiguousByCentroid, countRows, datasetFacts, datasetFigureBuilders } from "./lib/figures/datasets";
import { showTable } from "./lib/plot/table";

const log = (s: string) => console.log(s);
/** Loads a dataset, or says plainly why it cannot be loaded here (the rest of the notebook goes on). */
async function tryLoad(name: "mnist" | "medmnist" | "cifar10"): Promise<Dataset | undefined> {
  try {
    const ds = await loadDataset(name, { log });
    console.log(`${name}: ${ds.train.n} train + ${ds.test.n} test, shape ${ds.shape.join("x")}, source ${ds.source.label ?? ds.source.id}, read from ${ds.source.from} (${ds.source.path})`);
    return ds;
  } catch (e) {
    tslab.display.markdown(`**${name} is not available here**: ${(e as Error).message.split("\n").join(" ")}`);
    return undefined;
  }
}
// %% [markdown]
// ## MNIST (section 2.1.1, Figure 1)
// The paper: 70,000 grey-scale 28×28 images, 60,000 for training and 10,000 for testing, in 10 classes
// ([mnist-size](../CLAIMS.md#mnist-size), [mnist-resolution](../CLAIMS.md#mnist-resolution),
// [mnist-classes](../CLAIMS.md#mnist-classes)).
// %%
const mnist = await tryLoad("mnist");
const show = async (f: { name: string; figure: any }) => showFigure(f.figure, f.name);
if (mnist) await show(datasetFigureBuilders.fig1a(mnist));
// %% [markdown]
// Figure 1(b) shows "broken or ambiguous" images picked by eye. We pick them by a stated rule instead, so anyone
// gets the same ones: test images nearer (in pixel space) to another digit's mean training image than to their
// own digit's mean, most ambiguous first. The caption gives the index in the test set, the true label and the
// digit the image looks like to this template matcher. The paper also says the HQNN classifies such images with
// over 99 % accuracy ([mnist-ambiguous-over-99](../CLAIMS.md#mnist-ambiguous-over-99)).
// %%
if (mnist) {
  const total = ambiguousByCentroid(mnist.train, mnist.test, 10, mnist.test.n).length;
  console.log(`${total} of ${mnist.test.n} test images are nearer another digit's mean image than their own`);
  await show(datasetFigureBuilders.fig1b(mnist));
}
// %% [markdown]
// ## Medical MNIST (section 2.1.2, Figure 2)
// The paper: 58,954 images ([medmnist-total](../CLAIMS.md#medmnist-total)), six classes
// ([medmnist-classes](../CLAIMS.md#medmnist-classes)), 64×64 pixels
// ([medmnist-resolution](../CLAIMS.md#medmnist-resolution)), "all images within this dataset employ 3 channels"
// ([medmnist-three-channels](../CLAIMS.md#medmnist-three-channels)), split 47,163 train / 11,791 test
// ([medmnist-split](../CLAIMS.md#medmnist-split)); for training it rotates, flips and resizes them
// ([medmnist-preprocessing](../CLAIMS.md#medmnist-preprocessing)).
// %%
const med = await tryLoad("medmnist");
if (med) await show(datasetFigureBuilders.fig2(med));
// %%
if (med) {
  const d = med.info.duplicates;
  tslab.display.markdown([
    `* **Channels.** The stored JPEG files have **${med.info.channels} channel(s)**; the paper's "3 channels" can only come from a loader that converts to RGB (three identical copies of the grey channel), which adds no information.`,
    `* **Duplicates.** ${d.extraCopies} images are pixel-identical copies of an earlier image (${Object.entries(d.byClass).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${v}`).join(", ")}; across classes: ${d.crossClass}), so there are ${d.distinct} distinct images. With our seeded random split, **${d.testWithCopyInTrain} test images have an identical copy in the training set**, which inflates test accuracy slightly.`,
    `* **Class balance.** BreastMRI has ${med.info.classCounts.train[1] + med.info.classCounts.test[1]} images, every other class 10,000.`,
    `* **Split.** ${med.info.split ? `${med.info.split.method}: ${med.info.split.train} / ${med.info.split.test}` : "official"} (the paper: 47,163 / 11,791; it does not say how it split).`,
  ].join("\n"));
}
// %% [markdown]
// ## CIFAR-10 (section 2.1.3, Figure 3)
// The paper: 60,000 colour 32×32×3 images in ten classes, 50,000 train / 10,000 test
// ([cifar10-size](../CLAIMS.md#cifar10-size), [cifar10-shape](../CLAIMS.md#cifar10-shape),
// [cifar10-classes](../CLAIMS.md#cifar10-classes)).
// %%
const cifar = await tryLoad("cifar10");
if (cifar) {
  if (cifar.source.lossy) {
    tslab.display.markdown("**Lossy copy.** The official CIFAR-10 batches were not reachable here; these are the images of a JPEG (quality 75, 4:2:0 chroma) copy with the official counts. Every CIFAR-10 result of this package that comes from it is labelled as such.");
  }
  await show(datasetFigureBuilders.fig3(cifar));
}
// %% [markdown]
// ## Counts per split and class
// %%
for (const ds of [mnist, med, cifar]) {
  if (!ds) continue;
  const rows = countRows(ds);
  const name = ds.source.lossy && ds.name === "cifar10" ? "CIFAR-10 (JPEG q75 copy)" : ds.info.title;
  showTable(rows, { title: `${name}: images per class`, csv: `table-counts-${ds.name}` });
}
// %% [markdown]
// ## The paper's statements against the data
// %%
const checks: { statement: string; paper: string; data: string }[] = [];
if (mnist) checks.push(
  { statement: "MNIST size", paper: "70,000 = 60,000 + 10,000", data: `${mnist.train.n + mnist.test.n} = ${mnist.train.n} + ${mnist.test.n}` },
  { statement: "MNIST resolution", paper: "28×28, grey", data: mnist.shape.join("×") },
);
if (med) checks.push(
  { statement: "Medical MNIST size", paper: "58,954, 6 classes", data: `${med.train.n + med.test.n}, ${med.classes.length} classes` },
  { statement: "Medical MNIST resolution", paper: "64×64", data: `${med.shape[0]}×${med.shape[1]}` },
  { statement: "Medical MNIST channels", paper: "3", data: String(med.info.channels) },
  { statement: "Medical MNIST split", paper: "47,163 / 11,791", data: `${med.train.n} / ${med.test.n}` },
);
if (cifar) checks.push(
  { statement: "CIFAR-10 size", paper: "60,000 = 50,000 + 10,000", data: `${cifar.train.n + cifar.test.n} = ${cifar.train.n} + ${cifar.test.n}` + (cifar.source.lossy ? " (JPEG q75 copy)" : "") },
  { statement: "CIFAR-10 resolution", paper: "32×32×3", data: cifar.shape.join("×") + (cifar.source.lossy ? " (JPEG q75 copy)" : "") },
);
showTable(checks, { title: "Section 2.1 against the files", csv: "table-datasets-checks" });
console.log(JSON.stringify({ mnist: mnist && datasetFacts(mnist).total, medmnist: med && datasetFacts(med).total, cifar10: cifar && datasetFacts(cifar).total }));
await closeRenderer();
