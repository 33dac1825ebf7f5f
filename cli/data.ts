/**
 * data: resolve, verify and load one dataset.
 *
 *   npm run --silent data -- verify <mnist|medmnist|cifar10> [--source <id>] [--split-seed <n>]
 *
 * Prints one JSON object: {"dataset", "train", "test", "classes", "shape", "checksums_ok": true, "source",
 * "lossy", "source_detail"}: "source" names the data ("official-binary" or "jpeg-q75" for CIFAR-10, the manifest
 * source id otherwise), "source_detail" says where the bytes came from and which checksums were verified. Progress goes to stderr. Exit codes: 2 for a usage error or unknown dataset/source, 1 for a
 * dataset problem (missing, truncated, corrupt, wrong checksum), each with the error on stderr.
 * Env: HQNN_DATA_MIRROR (mirror folder; empty disables), HQNN_DATA_DIR (cache folder),
 * HQNN_DATA_MANIFESTS (manifest folder).
 */
import { DatasetError, loadDataset } from "../lib/data";

const USAGE = "usage: data verify <mnist|medmnist|cifar10> [--source <id>] [--split-seed <n>]";

class UsageError extends Error {}

function parseArgs(argv: string[]): { name: string; source?: string; splitSeed?: number } {
  const [command, name, ...rest] = argv;
  if (command !== "verify" || !name || name.startsWith("-")) throw new UsageError(USAGE);
  const out: { name: string; source?: string; splitSeed?: number } = { name };
  for (let i = 0; i < rest.length; i += 2) {
    const [flag, value] = [rest[i], rest[i + 1]];
    if (value === undefined) throw new UsageError(`${flag}: missing value\n${USAGE}`);
    if (flag === "--source") out.source = value;
    else if (flag === "--split-seed") {
      out.splitSeed = Number(value);
      if (!Number.isInteger(out.splitSeed) || out.splitSeed < 0 || out.splitSeed >= 2 ** 32) {
        throw new UsageError(`--split-seed: need an integer in [0, 2^32), got ${value}`);
      }
    } else throw new UsageError(`unknown option ${flag}\n${USAGE}`);
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const ds = await loadDataset(args.name, {
    source: args.source,
    splitSeed: args.splitSeed,
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

main().catch((e: unknown) => {
  const usage = e instanceof UsageError || (e instanceof DatasetError && e.code === "UNKNOWN_DATASET");
  process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(usage ? 2 : 1);
});
