/**
 * A generated stand-in for MNIST, for tests that train where the real data is not available (CI has no dataset
 * mirror): exactly the images a quick run uses (lib/nn/parallel-setups.ts: 512 train, 256 test), 28x28, in MNIST's
 * idx.gz files, each class a bright bar at its own place over seeded noise. Its manifest pins the files written, so
 * the usual loader finds them through HQNN_DATA_MANIFESTS and HQNN_DATA_MIRROR and verifies them as it does the
 * real files; the source id, label and note it carries go into every result trained on it (dataset.source).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { loadDataset, Manifest } from "../../lib/data";
import { PARALLEL_SETUPS } from "../../lib/nn/parallel-setups";
import { bytes, idxBuffer, md5, sha256 } from "../data/fixtures";

const SIDE = 28;
export const STAND_IN_LABEL = "generated-stand-in";

/** Image i of a split: noise below 64, and the bar of its class (rows for classes 0-4, columns for 5-9) at 200 and above. */
function images(n: number, labels: Uint8Array, seed: number): Uint8Array {
  const pixels = bytes(n * SIDE * SIDE, seed).map((v) => v >> 2);
  for (let i = 0; i < n; i++) {
    const k = labels[i], at = 3 + 5 * (k % 5);
    for (let a = at; a < at + 2; a++) {
      for (let b = 2; b < SIDE - 2; b++) {
        const [row, col] = k < 5 ? [a, b] : [b, a];
        pixels[i * SIDE * SIDE + row * SIDE + col] |= 200;
      }
    }
  }
  return pixels;
}

const IDX = {
  trainImages: "train-images-idx3-ubyte.gz", trainLabels: "train-labels-idx1-ubyte.gz",
  testImages: "t10k-images-idx3-ubyte.gz", testLabels: "t10k-labels-idx1-ubyte.gz",
};

function writeIdxFiles(dir: string, counts: { train: number; test: number }): void {
  const labels = (n: number, step: number) => Uint8Array.from({ length: n }, (_, i) => (i * step + 3) % 10);
  const [trainLabels, testLabels] = [labels(counts.train, 7), labels(counts.test, 3)];
  const files: [string, Buffer][] = [
    [IDX.trainImages, idxBuffer(2051, [counts.train, SIDE, SIDE], images(counts.train, trainLabels, 11))],
    [IDX.trainLabels, idxBuffer(2049, [counts.train], trainLabels)],
    [IDX.testImages, idxBuffer(2051, [counts.test, SIDE, SIDE], images(counts.test, testLabels, 12))],
    [IDX.testLabels, idxBuffer(2049, [counts.test], testLabels)],
  ];
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, raw] of files) fs.writeFileSync(path.join(dir, name), zlib.gzipSync(raw));
}

function manifest(dir: string, counts: { train: number; test: number }): Manifest {
  const pin = (name: string) => {
    const b = fs.readFileSync(path.join(dir, name));
    return { name, bytes: b.length, sha256: sha256(b), md5: md5(b), urls: [] };
  };
  return {
    name: "mnist",
    title: "generated stand-in for MNIST (tests only; not MNIST)",
    classes: ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
    shape: [SIDE, SIDE, 1],
    counts,
    sources: [{
      id: STAND_IN_LABEL, label: STAND_IN_LABEL, variant: STAND_IN_LABEL, format: "idx-gz", lossy: false, mirrorDir: "mnist",
      files: Object.values(IDX).map(pin), idx: IDX,
      note: "written by test/slurm/mnist-stand-in.ts: bars over noise, not MNIST; results trained on it check machinery only",
    }],
  };
}

/**
 * Writes the stand-in under `root` (mirror/, manifests/, cache/), decodes it once into the cache so that every
 * run reads the same cache file, and returns the environment that makes the loaders use it.
 */
export async function writeMnistStandIn(root: string): Promise<NodeJS.ProcessEnv> {
  const counts = PARALLEL_SETUPS.mnist.quick;
  const dirs = { mirror: path.join(root, "mirror"), manifests: path.join(root, "manifests"), cache: path.join(root, "cache") };
  writeIdxFiles(path.join(dirs.mirror, "mnist"), counts);
  fs.mkdirSync(dirs.manifests);
  fs.writeFileSync(path.join(dirs.manifests, "mnist.json"), JSON.stringify(manifest(path.join(dirs.mirror, "mnist"), counts), null, 1) + "\n");
  await loadDataset("mnist", { manifestsDir: dirs.manifests, mirror: dirs.mirror, cacheDir: dirs.cache });
  return { HQNN_DATA_MANIFESTS: dirs.manifests, HQNN_DATA_MIRROR: dirs.mirror, HQNN_DATA_DIR: dirs.cache };
}
