/**
 * The computed prose of notebook 01 (the datasets of section 2.1): what the files say about Medical MNIST, and the
 * paper's statements about the data against the files. The paper's values come from the claims registry
 * (`paperValue`), never typed.
 */
import { CLAIMS, paperValue } from "../claims";
import type { Dataset } from "../data";

const paper = (id: string): string => {
  const claim = CLAIMS.find((c) => c.id === id);
  if (!claim) throw new Error(`claim ${id} is not in the registry`);
  return paperValue(claim);
};
const count = (n: number) => n.toLocaleString("en-US");

/** Medical MNIST as stored: channels, duplicates, class balance, our split against the paper's. */
export function medmnistNotes(med: Dataset): string {
  const d = med.info.duplicates, counts = med.info.classCounts;
  const perClass = med.classes.map((name, i) => ({ name, n: counts.train[i] + counts.test[i] }));
  const sizes = [...new Set(perClass.map((c) => c.n))];
  const commonest = sizes.sort((a, b) => perClass.filter((c) => c.n === b).length - perClass.filter((c) => c.n === a).length)[0];
  const odd = perClass.filter((c) => c.n !== commonest);
  return [
    `* **Channels.** The stored JPEG files have **${med.info.channels} channel(s)**; the paper's "${paper("medmnist-three-channels")} channels" can only come from a loader that converts to RGB (three identical copies of the grey channel), which adds no information.`,
    `* **Duplicates.** ${d.extraCopies} images are pixel-identical copies of an earlier image (${Object.entries(d.byClass).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${v}`).join(", ")}; across classes: ${d.crossClass}), so there are ${d.distinct} distinct images. With our seeded random split, **${d.testWithCopyInTrain} test images have an identical copy in the training set**, which inflates test accuracy slightly.`,
    `* **Class balance.** ${odd.map((c) => `${c.name} has ${c.n} images`).join(", ")}${odd.length ? ", every" : "Every"} other class ${count(commonest)}.`,
    `* **Split.** ${med.info.split ? `${med.info.split.method}: ${med.info.split.train} / ${med.info.split.test}` : "official"} (the paper: ${paper("medmnist-split")}; it does not say how it split).`,
  ].join("\n");
}

/** Section 2.1's statements (the registry's paper values) against the loaded files. */
export function datasetChecks(mnist?: Dataset, med?: Dataset, cifar?: Dataset): { statement: string; claim: string; paper: string; data: string }[] {
  const lossy = (ds: Dataset) => (ds.source.lossy ? " (JPEG q75 copy)" : "");
  const split = (ds: Dataset) => `${count(ds.train.n)} / ${count(ds.test.n)}`;
  const row = (statement: string, claim: string, data: string) => ({ statement, claim, paper: paper(claim), data });
  return [
    ...(mnist ? [
      row("MNIST size (train / test)", "mnist-size", split(mnist)),
      row("MNIST resolution", "mnist-resolution", mnist.shape.slice(0, 2).join(" / ") + (mnist.shape[2] === 1 ? ", grey" : "")),
      row("MNIST classes", "mnist-classes", String(mnist.classes.length)),
    ] : []),
    ...(med ? [
      row("Medical MNIST size", "medmnist-total", count(med.train.n + med.test.n)),
      row("Medical MNIST classes", "medmnist-classes", String(med.classes.length)),
      row("Medical MNIST resolution", "medmnist-resolution", `${med.shape[0]} / ${med.shape[1]}`),
      row("Medical MNIST channels", "medmnist-three-channels", String(med.info.channels)),
      row("Medical MNIST split (train / test)", "medmnist-split", split(med)),
    ] : []),
    ...(cifar ? [
      row("CIFAR-10 size (train / test)", "cifar10-size", split(cifar) + lossy(cifar)),
      row("CIFAR-10 shape", "cifar10-shape", cifar.shape.join(" / ") + lossy(cifar)),
      row("CIFAR-10 classes", "cifar10-classes", String(cifar.classes.length)),
    ] : []),
  ];
}
