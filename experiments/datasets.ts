/**
 * Section 2.1: records the checkable facts of the three datasets (counts, shapes, channels, duplicates,
 * whether CIFAR-10 is the lossy copy) in results/datasets.json. A dataset that cannot be loaded here is
 * recorded with the error, so the claims audit can say "not checkable here" and why.
 *
 *   node --import tsx experiments/datasets.ts
 */
import { DatasetName, loadDataset } from "../lib/data";
import { datasetFacts } from "../lib/figures/datasets";
import { startProvenance, writeResult } from "../lib/results";

export async function recordDatasetFacts(log: (s: string) => void = (s) => process.stderr.write(s + "\n")) {
  const prov = startProvenance({ backend: "none", seeds: [0] });
  const facts = async (name: DatasetName) => {
    try {
      return datasetFacts(await loadDataset(name, { log }));
    } catch (e) {
      return { error: (e as Error).message };
    }
  };
  return writeResult("datasets", { experiment: "datasets", mnist: await facts("mnist"), medmnist: await facts("medmnist"), cifar10: await facts("cifar10"), provenance: prov.finish() });
}

if (require.main === module) {
  recordDatasetFacts().then((f) => process.stdout.write(JSON.stringify({ written: f }) + "\n"))
    .catch((e) => { process.stderr.write(`error: ${e.message}\n`); process.exit(1); });
}
