/**
 * data: resolve, verify and load one dataset.
 *
 *   npm run --silent data -- verify <mnist|medmnist|cifar10> [--source <id>] [--split-seed <n>]
 *
 * Prints one JSON object: {"dataset", "train", "test", "classes", "shape", "checksums_ok": true, "source",
 * "lossy", "source_detail"}: "source" names the data ("official-binary" or "jpeg-q75" for CIFAR-10, the manifest
 * source id otherwise), "source_detail" says where the bytes came from and which checksums were verified. Progress goes to stderr. Exit codes: 2 for a usage error or unknown dataset/source, 1 for a
 * dataset problem (missing, truncated, corrupt, wrong checksum), each with the error on stderr
 * (conventions: lib/cli/args.ts).
 * Env: HQNN_DATA_MIRROR (mirror folder; empty disables), HQNN_DATA_DIR (cache folder),
 * HQNN_DATA_MANIFESTS (manifest folder).
 */
import { integerFlag, parseSubcommand, runCli, stringFlag } from "../lib/cli/args";
import { DatasetError, loadDataset } from "../lib/data";

const PROGRAM = {
  name: "data",
  run: "npm run --silent data --",
  summary: "resolve, verify and load one dataset, then print one JSON line describing it",
  notes: [
    'output: {"dataset", "train", "test", "classes", "shape", "checksums_ok", "source", "lossy", "source_detail"}; progress goes to stderr',
    "environment: HQNN_DATA_MIRROR (mirror folder; empty disables), HQNN_DATA_DIR (cache folder), HQNN_DATA_MANIFESTS (manifest folder)",
    "exit codes: 0 ok, 1 dataset problem (missing, truncated, corrupt, wrong checksum), 2 bad arguments or unknown dataset/source",
  ],
};

const COMMANDS = {
  verify: {
    summary: "loads the dataset (mirror, cache or download), checks its checksums and prints its description",
    args: { DATASET: "mnist, medmnist or cifar10" },
    flags: {
      source: stringFlag("only this source id or variant of the manifest, e.g. binary or jpeg-lossy for cifar10 (default: the first available)", "ID"),
      "split-seed": integerFlag("seed of the train/test split of a dataset without an official one (medmnist)", { min: 0, max: 2 ** 32 - 1, fallback: 0 }),
    },
    examples: ["npm run --silent data -- verify mnist", "npm run --silent data -- verify cifar10 --source binary"],
  },
};

async function main(argv: string[]): Promise<void> {
  const { args: [name], flags } = parseSubcommand(PROGRAM, COMMANDS, argv);
  const started = Date.now();
  const ds = await loadDataset(name, {
    source: flags.source,
    splitSeed: flags["split-seed"],
    log: (msg) => process.stderr.write(`${msg}\n`),
  });
  process.stderr.write(`loaded ${ds.name} in ${((Date.now() - started) / 1000).toFixed(2)} s\n`);
  const result = {
    dataset: ds.name,
    train: ds.train.n,
    test: ds.test.n,
    classes: ds.classes.length,
    shape: ds.shape,
    checksums_ok: ds.checksumsOk,
    source: ds.source.label ?? ds.source.id,
    lossy: ds.source.lossy,
    source_detail: ds.source,
  };
  process.stdout.write(JSON.stringify(result) + "\n");
}

runCli("data", () => main(process.argv.slice(2)), (e) => (e instanceof DatasetError && e.code === "UNKNOWN_DATASET" ? 2 : 1));
