// %% [markdown]
// # 01 · Datasets (paper section 2.1, Figures 1-3)
//
// The paper trains on MNIST, Medical MNIST and CIFAR-10. This notebook loads each through `lib/data`
// (checksums verified on first use; cache → local mirror → canonical download), redraws Figures 1-3 from the
// files, and checks what section 2.1 says about the data against the data themselves. Each statement links to its
// claim in [CLAIMS.md](../CLAIMS.md), which gives the verdict; the paper's numbers are in the table at the end, read
// from the claims registry.
// %%
import { getProfile } from "./lib/results";
console.log("profile:", getProfile());
// %%
import * as tslab from "tslab";
import { loadDataset, Dataset } from "./lib/data";
import { closeRenderer, NamedFigure, showFigure } from "./lib/plot";
import { ambiguousByCentroid, countRows, datasetFacts, datasetFigureBuilders } from "./lib/figures/datasets";
import { datasetChecks, medmnistNotes } from "./lib/figures/datasets-notes";
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
// The paper: grey-scale images of handwritten digits, split into a training and a test set
// ([mnist-size](../CLAIMS.md#mnist-size)), their resolution ([mnist-resolution](../CLAIMS.md#mnist-resolution)) and
// ten classes ([mnist-classes](../CLAIMS.md#mnist-classes)).
// %%
const mnist = await tryLoad("mnist");
const show = async (f: NamedFigure) => showFigure(f.figure, f.name);
if (mnist) await show(datasetFigureBuilders.fig1a(mnist));
// %% [markdown]
// Figure 1(b) shows "broken or ambiguous" images picked by eye. We pick them by a stated rule instead, so anyone
// gets the same ones: test images nearer (in pixel space) to another digit's mean training image than to their
// own digit's mean, most ambiguous first. The caption gives the index in the test set, the true label and the
// digit the image looks like to this template matcher. The paper also says the HQNN classifies such images almost
// without error ([mnist-ambiguous-over-99](../CLAIMS.md#mnist-ambiguous-over-99)).
// %%
if (mnist) {
  const total = ambiguousByCentroid(mnist.train, mnist.test, 10, mnist.test.n).length;
  console.log(`${total} of ${mnist.test.n} test images are nearer another digit's mean image than their own`);
  await show(datasetFigureBuilders.fig1b(mnist));
}
// %% [markdown]
// ## Medical MNIST (section 2.1.2, Figure 2)
// The paper: its number of images ([medmnist-total](../CLAIMS.md#medmnist-total)), six classes
// ([medmnist-classes](../CLAIMS.md#medmnist-classes)), their resolution
// ([medmnist-resolution](../CLAIMS.md#medmnist-resolution)), "all images within this dataset employ 3 channels"
// ([medmnist-three-channels](../CLAIMS.md#medmnist-three-channels)), a train / test split
// ([medmnist-split](../CLAIMS.md#medmnist-split)); for training it rotates, flips and resizes them
// ([medmnist-preprocessing](../CLAIMS.md#medmnist-preprocessing)).
// %%
const med = await tryLoad("medmnist");
if (med) await show(datasetFigureBuilders.fig2(med));
// %%
if (med) tslab.display.markdown(medmnistNotes(med));
// %% [markdown]
// ## CIFAR-10 (section 2.1.3, Figure 3)
// The paper: colour images split into a training and a test set ([cifar10-size](../CLAIMS.md#cifar10-size)), their
// shape ([cifar10-shape](../CLAIMS.md#cifar10-shape)) and ten classes ([cifar10-classes](../CLAIMS.md#cifar10-classes)).
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
//
// The paper's values as the claims registry holds them (`lib/claims/registry.ts`), against the files.
// %%
const checks = datasetChecks(mnist, med, cifar);
showTable(checks, { title: "Section 2.1 against the files", csv: "table-datasets-checks" });
console.log(JSON.stringify({ mnist: mnist && datasetFacts(mnist).total, medmnist: med && datasetFacts(med).total, cifar10: cifar && datasetFacts(cifar).total }));
await closeRenderer();
