/** The figure builders of each paper section, in paper order. */
import { loadDataset } from "../data";
import { readResult } from "../results";
import type { NamedFigure } from "./index";
import { ambiguousByCentroid, ambiguousFigure, samplesFigure } from "./datasets";
import { accuracyComparisonFigure, lossAccuracyFigure, RunResult } from "./curves";

export async function datasetFigures(log: (s: string) => void): Promise<NamedFigure[]> {
  const out: NamedFigure[] = [];
  const mnist = await loadDataset("mnist", { log });
  out.push({ name: "fig1a-mnist-samples", figure: samplesFigure(mnist, 2, "MNIST: the first two training images of each digit") });
  const picks = ambiguousByCentroid(mnist.train, mnist.test, 10, 12);
  out.push({ name: "fig1b-mnist-ambiguous", figure: ambiguousFigure(mnist, picks, "MNIST test images nearer another digit's mean image than their own") });
  const med = await loadDataset("medmnist", { log });
  out.push({ name: "fig2-medmnist-samples", figure: samplesFigure(med, 2, "Medical MNIST: two training images per class (64x64, 1 channel)") });
  const cifar = await loadDataset("cifar10", { log });
  const lossy = cifar.source.lossy ? " (lossy JPEG copy, not the official pixels)" : "";
  out.push({ name: "fig3-cifar10-samples", figure: samplesFigure(cifar, 2, `CIFAR-10: two training images per class${lossy}`) });
  return out;
}

const PAPER_ACC = { mnist: { hqnn: 0.9921, cnn: 0.9871 }, medmnist: { hqnn: 0.9997, cnn: 0.9996 }, cifar10: { hqnn: 0.8278, cnn: 0.8264 } };
const TITLES = { mnist: "MNIST", medmnist: "Medical MNIST", cifar10: "CIFAR-10" };
const PANELS = { mnist: ["fig5a", "fig5b", "fig5c"], medmnist: ["fig6a", "fig6b", "fig6-medmnist-acc"], cifar10: ["fig6c", "fig6d", "fig6-cifar10-acc"] };

/** Figures 5 and 6 from results/{hqnn-parallel,cnn}-<dataset>.json; datasets without both results are skipped. */
export async function parallelFigures(log: (s: string) => void): Promise<NamedFigure[]> {
  const out: NamedFigure[] = [];
  for (const ds of ["mnist", "medmnist", "cifar10"] as const) {
    const hqnn = readResult<RunResult>(`hqnn-parallel-${ds}`), cnn = readResult<RunResult>(`cnn-${ds}`);
    if (!hqnn || !cnn) { log(`no results for ${ds} yet (results/hqnn-parallel-${ds}.json, results/cnn-${ds}.json)`); continue; }
    const note = (r: RunResult) => (r.status && r.status !== "complete" ? ` [${r.status}]` : "") + (r.dataset?.source?.lossy ? " [lossy JPEG CIFAR-10]" : "");
    const [a, b, c] = PANELS[ds];
    out.push({ name: `${a}-${ds}-hqnn-curves`, figure: lossAccuracyFigure(hqnn, `HQNN-Parallel on ${TITLES[ds]}${note(hqnn)}`) });
    out.push({ name: `${b}-${ds}-cnn-curves`, figure: lossAccuracyFigure(cnn, `CNN on ${TITLES[ds]}${note(cnn)}`) });
    out.push({ name: c.startsWith("fig5") ? `${c}-${ds}-test-accuracy` : c, figure: accuracyComparisonFigure(hqnn, cnn, `Test accuracy on ${TITLES[ds]}`, PAPER_ACC[ds]) });
  }
  return out;
}
