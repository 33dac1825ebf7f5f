/**
 * Every figure of the paper that the package covers, rebuilt from data and recorded results only
 * (`make figures` never trains). A section whose inputs are missing (a dataset not available, an
 * experiment not yet run) is reported and skipped, never faked.
 */
import { exportFigure, NamedFigure } from "../plot";
import { architectureSectionFigures, datasetFigures, parallelFigures } from "./sections";
import { cifarRecipeFigures } from "./cifar-recipe";
import { fourierFigures } from "./fourier";
import { quanvFigures } from "./quanv";
import { seedFigures } from "./seeds";
import { writeZxFigures, zxPlotlyFigures } from "./zx";

export type { NamedFigure } from "../plot";
type Log = (s: string) => void;

/** A section built from plotly figures: build them, then export each as PNG and SVG. */
function plotly(build: (log: Log) => Promise<NamedFigure[]>) {
  return async (log: Log) => {
    const written: string[] = [];
    for (const { name, figure } of await build(log)) {
      await exportFigure(figure, name);
      written.push(name);
    }
    return written;
  };
}

const SECTIONS: { section: string; write(log: Log): Promise<string[]> }[] = [
  { section: "2.1 datasets (Figures 1-3)", write: plotly(datasetFigures) },
  { section: "2.2 HQNN-Parallel architecture (Figure 4)", write: plotly(architectureSectionFigures) },
  { section: "2.2 HQNN-Parallel training (Figures 5-6)", write: plotly(parallelFigures) },
  { section: "2.2 HQNN-Parallel seed study and ablations (MNIST)", write: plotly(seedFigures) },
  { section: "2.2 CIFAR-10 recipe study and JPEG-quality slope", write: plotly((log) => cifarRecipeFigures(log)) },
  { section: "2.3 HQNN-Quanv (Figures 7-8)", write: plotly(quanvFigures) },
  { section: "A.1 ZX-calculus (Figure 9: diagrams)", write: () => writeZxFigures() },
  { section: "A.1 ZX-calculus (Figure 9c: Jacobian rank)", write: plotly(zxPlotlyFigures) },
  { section: "A.2 Fourier expressivity (Figure 10)", write: plotly(fourierFigures) },
];

/** Writes every section's figures under figures/; returns what was written and what was skipped. */
export async function buildAllFigures(log: Log = (s) => process.stderr.write(s + "\n")) {
  const written: string[] = [], skipped: { section: string; reason: string }[] = [];
  for (const s of SECTIONS) {
    try {
      for (const name of await s.write(log)) {
        written.push(name);
        log(`wrote figures/${name} (.png, .svg)`);
      }
    } catch (e) {
      skipped.push({ section: s.section, reason: (e as Error).message });
      log(`skipped ${s.section}: ${(e as Error).message}`);
    }
  }
  return { written, skipped };
}
