/**
 * Every figure of the paper that the package covers, rebuilt from data and recorded results only
 * (`make figures` never trains). A section whose inputs are missing (a dataset not available, an
 * experiment not yet run) is reported and skipped, never faked.
 */
import { exportFigure, Figure } from "../plot";
import { datasetFigures, parallelFigures } from "./sections";
import { fourierFigures } from "./fourier";

export interface NamedFigure { name: string; figure: Figure }

const SECTIONS: { section: string; build(log: (s: string) => void): Promise<NamedFigure[]> }[] = [
  { section: "2.1 datasets (Figures 1-3)", build: datasetFigures },
  { section: "2.2 HQNN-Parallel (Figures 5-6)", build: parallelFigures },
  { section: "Appendix A.2 Fourier expressivity (Figure 10)", build: fourierFigures },
];

/** Builds and exports every section's figures; returns what was written and what was skipped. */
export async function buildAllFigures(log: (s: string) => void = (s) => process.stderr.write(s + "\n")) {
  const written: string[] = [], skipped: { section: string; reason: string }[] = [];
  for (const s of SECTIONS) {
    try {
      for (const { name, figure } of await s.build(log)) {
        await exportFigure(figure, name);
        written.push(name);
        log(`wrote figures/${name}.png and .svg`);
      }
    } catch (e) {
      skipped.push({ section: s.section, reason: (e as Error).message });
      log(`skipped ${s.section}: ${(e as Error).message}`);
    }
  }
  return { written, skipped };
}
