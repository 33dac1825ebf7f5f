/**
 * Section 2.2's parameter counts: which architectures in a stated search space reproduce each count the
 * paper reports, and what the architectures we train count. Writes results/param-counts.json.
 *
 *   node --import tsx experiments/param-counts.ts
 */
import { ArchChoice, countParams, describeArch, searchArchitectures, SearchSpace } from "../lib/nn/param-search";
import { ParamCounts, startProvenance, writeResult } from "../lib/results";
import { paperTable1Value } from "../lib/claims";

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
const THIRD_CONV = [[16, 32, 16], [16, 32, 32], [16, 32, 48], [16, 32, 64], [16, 32, 128], [8, 16, 32], [32, 64, 128]];
const CLASSICAL_HEADS: ArchChoice["head"][] = ["dense-same", "none", ...range(1, 400).map((h) => `hidden:${h}` as const)];
const N_CHOICES = [5, 10, 15, 20, 25, 30, 40];

/** The search space for each reported count, and the paper's number (from the claims registry). */
export const PARAM_SEARCHES: Record<string, { paper: number; space: SearchSpace }> = {
  "hqnn-parallel-mnist": { paper: paperTable1Value("mnist", "hqnn", "params"), space: { inChannels: [1], inputSizes: [28], convChannels: [[16, 32]], kernels: [5, 3], classes: 10, heads: ["quantum"], n: N_CHOICES } },
  "cnn-mnist": { paper: paperTable1Value("mnist", "cnn", "params"), space: { inChannels: [1], inputSizes: [28], convChannels: [[16, 32]], kernels: [5, 3], classes: 10, heads: CLASSICAL_HEADS, n: N_CHOICES } },
  "hqnn-parallel-medmnist": { paper: paperTable1Value("medmnist", "hqnn", "params"), space: { inChannels: [1, 3], inputSizes: range(16, 256), convChannels: [[16, 32]], kernels: [5, 3], classes: 6, heads: ["quantum"], n: N_CHOICES } },
  "cnn-medmnist": { paper: paperTable1Value("medmnist", "cnn", "params"), space: { inChannels: [1, 3], inputSizes: range(16, 256), convChannels: [[16, 32]], kernels: [5, 3], classes: 6, heads: ["dense-same", "none"], n: N_CHOICES } },
  "hqnn-parallel-cifar10": { paper: paperTable1Value("cifar10", "hqnn", "params"), space: { inChannels: [3], inputSizes: [32], convChannels: THIRD_CONV, kernels: [5, 3], classes: 10, heads: ["quantum"], n: N_CHOICES } },
  "cnn-cifar10": { paper: paperTable1Value("cifar10", "cnn", "params"), space: { inChannels: [3], inputSizes: [32], convChannels: THIRD_CONV, kernels: [5, 3], classes: 10, heads: CLASSICAL_HEADS, n: N_CHOICES } },
};

/** The architectures this package trains (lib/nn/models.ts), in the search's terms. */
export const OUR_ARCHITECTURES: Record<string, ArchChoice> = (() => {
  const base = { kernel: 5 as const, convBias: true, convBn: true, n: 20, denseBias: true, bnAfterDense1: true, bnAfterOutput: false };
  const q = { ...base, head: "quantum" as const, bnAfterQuantum: true };
  const c = { ...base, head: "dense-same" as const, bnAfterQuantum: false };
  return {
    "hqnn-parallel-mnist": { ...q, inChannels: 1, inputSize: 28, convChannels: [16, 32], classes: 10 },
    "cnn-mnist": { ...c, inChannels: 1, inputSize: 28, convChannels: [16, 32], classes: 10 },
    "hqnn-parallel-medmnist": { ...q, inChannels: 1, inputSize: 64, convChannels: [16, 32], classes: 6 },
    "cnn-medmnist": { ...c, inChannels: 1, inputSize: 64, convChannels: [16, 32], classes: 6 },
    "hqnn-parallel-cifar10": { ...q, inChannels: 3, inputSize: 32, convChannels: [16, 32, 64], classes: 10 },
    "cnn-cifar10": { ...c, inChannels: 3, inputSize: 32, convChannels: [16, 32, 64], classes: 10 },
  };
})();

function spaceSize(s: SearchSpace): number {
  return s.inChannels.length * s.inputSizes.length * s.convChannels.length * s.kernels.length * s.heads.length * s.n.length * 64;
}

export function runParamSearch() {
  const prov = startProvenance({ backend: "none", seeds: [] });
  const models: ParamCounts["models"] = {};
  for (const [id, { paper, space }] of Object.entries(PARAM_SEARCHES)) {
    const matches = searchArchitectures(space, paper);
    const ours = OUR_ARCHITECTURES[id];
    models[id] = {
      paper, ours: countParams(ours), ours_description: describeArch(ours),
      searched: spaceSize(space), reconciling: matches.map(describeArch),
      natural_reconciling: matches.filter((a) => a.n === 20 && a.convBias && a.convBn && a.denseBias).map(describeArch),
    };
  }
  return writeResult("param-counts", {
    experiment: "param-counts",
    search_note: "choices: input channels/size, kernel 3 or 5, conv bias, conv BatchNorm, n (width of the hybrid part; the quantum part has 9 weights per feature), dense biases, BatchNorm after dense1 / after the quantum (or replacement) layer / after the output layer, and the classical replacement (dense n->n, none, or dense n->h for h in 1..400); 'natural' = n = 20 with all biases and conv BatchNorm as the text describes",
    models, provenance: prov.finish(),
  });
}

if (require.main === module) {
  process.stdout.write(JSON.stringify({ written: runParamSearch() }) + "\n");
}
