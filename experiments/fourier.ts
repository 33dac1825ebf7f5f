/**
 * Appendix A.2: Fourier expressivity of one HQNN-Parallel branch (Figure 10, the correlation-determinant claim,
 * the full spectrum versus BasicEntanglerLayers).
 *
 *   node --import tsx experiments/fourier.ts
 *
 * Writes results/fourier.json (atomically, with provenance). Takes about a second; the quick and full profiles
 * run the same computation (the profile is only recorded), so the file is always the paper-scale one.
 */
import { PAPER_STUDY, runFourierStudy } from "../lib/fourier";
import * as path from "node:path";
import { REPO_ROOT, startProvenance, writeResult } from "../lib/results";

export function runFourierExperiment(): string {
  const clock = startProvenance({ backend: "engine", seeds: [PAPER_STUDY.weightSeed, PAPER_STUDY.basicSeed, PAPER_STUDY.fixedInputSeed] });
  const study = runFourierStudy(PAPER_STUDY);
  return writeResult("fourier", { ...study, provenance: clock.finish() });
}

if (require.main === module) {
  const file = path.relative(REPO_ROOT, runFourierExperiment());
  process.stderr.write(`wrote ${file}\n`);
  process.stdout.write(JSON.stringify({ experiment: "fourier", file }) + "\n");
}
