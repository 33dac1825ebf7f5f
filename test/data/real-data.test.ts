/**
 * The real datasets, only when the shared mirror exists (../shared/data next to the repo, or HQNN_DATA_MIRROR).
 * MNIST always (about a second); Medical MNIST and CIFAR-10 (tens of seconds of JPEG decoding) only with
 * HQNN_TEST_FULL_DATA=1. Each test uses a fresh cache folder, so it measures and checks a first load.
 * Expected numbers are the ones in the mirror's README.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { createHash } from "node:crypto";
import { loadDataset, readManifest, resolveDirs } from "../../lib/data";
import { decodeAll, readJpegFiles } from "../../lib/data/jpeg";
import { tempDir } from "./fixtures";

const mirror = resolveDirs({}).mirror;
const hasMirror = mirror !== null && fs.existsSync(path.join(mirror, "mnist"));
const full = process.env.HQNN_TEST_FULL_DATA === "1";
const log = (m: string) => process.stderr.write(`  ${m}\n`);

describe("real datasets from the mirror", { skip: !hasMirror && "no data mirror" }, () => {
  it("MNIST: 60,000 / 10,000 with the published label counts, then a fast cached load", async () => {
    const cacheDir = tempDir("real-mnist");
    let t = Date.now();
    const ds = await loadDataset("mnist", { cacheDir });
    log(`mnist first load ${Date.now() - t} ms`);
    assert.equal(ds.source.kind, "mirror");
    assert.equal(ds.train.n, 60000);
    assert.equal(ds.test.n, 10000);
    assert.equal(ds.train.images.length, 60000 * 784);
    assert.deepEqual(ds.info.classCounts.train, [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
    assert.deepEqual(ds.info.classCounts.test, [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
    t = Date.now();
    const again = await loadDataset("mnist", { cacheDir });
    log(`mnist cached load ${Date.now() - t} ms`);
    assert.equal(again.source.kind, "cache");
    assert.deepEqual(again.info.classCounts, ds.info.classCounts);
    fs.rmSync(cacheDir, { recursive: true, force: true });
  });

  it("Medical MNIST: 58,954 1-channel images, 440 duplicates, split 47,163 / 11,791", { skip: !full && "set HQNN_TEST_FULL_DATA=1" }, async () => {
    const cacheDir = tempDir("real-med");
    let t = Date.now();
    const ds = await loadDataset("medmnist", { cacheDir });
    log(`medmnist first load ${Date.now() - t} ms`);
    assert.deepEqual(ds.classes, ["AbdomenCT", "BreastMRI", "CXR", "ChestCT", "Hand", "HeadCT"]);
    assert.deepEqual(ds.shape, [64, 64, 1]);
    assert.deepEqual([ds.train.n, ds.test.n], [47163, 11791]);
    const total = ds.info.classCounts.train.map((c, k) => c + ds.info.classCounts.test[k]);
    assert.deepEqual(total, [10000, 8954, 10000, 10000, 10000, 10000]);
    assert.equal(ds.info.duplicates.extraCopies, 440);
    assert.equal(ds.info.duplicates.distinct, 58514);
    assert.deepEqual(ds.info.duplicates.byClass, { AbdomenCT: 346, BreastMRI: 0, CXR: 1, ChestCT: 0, Hand: 0, HeadCT: 93 });
    t = Date.now();
    const again = await loadDataset("medmnist", { cacheDir });
    log(`medmnist cached load ${Date.now() - t} ms; test images with a copy in train: ${again.info.duplicates.testWithCopyInTrain}`);
    assert.equal(again.source.kind, "cache");
    assert.deepEqual([...again.test.labels], [...ds.test.labels]);
    fs.rmSync(cacheDir, { recursive: true, force: true });
  });

  it("CIFAR-10 from the lossy JPEG copy: 50,000 / 10,000, 5,000 / 1,000 per class, marked lossy", { skip: !full && "set HQNN_TEST_FULL_DATA=1" }, async () => {
    const cacheDir = tempDir("real-cifar");
    let t = Date.now();
    const ds = await loadDataset("cifar10", { cacheDir });
    log(`cifar10 first load ${Date.now() - t} ms (source ${ds.source.id})`);
    assert.equal(ds.source.kind, "jpeg-lossy");
    assert.equal(ds.source.lossy, true);
    assert.deepEqual(ds.shape, [32, 32, 3]);
    assert.deepEqual(ds.info.classCounts.train, new Array(10).fill(5000));
    assert.deepEqual(ds.info.classCounts.test, new Array(10).fill(1000));
    t = Date.now();
    const again = await loadDataset("cifar10", { cacheDir });
    log(`cifar10 cached load ${Date.now() - t} ms`);
    assert.equal(again.source.kind, "jpeg-lossy");
    assert.equal(again.source.from, "cache");
    fs.rmSync(cacheDir, { recursive: true, force: true });
  });
});

describe("CIFAR-10 JPEG decoding against an independent decoder", { skip: !(mirror && fs.existsSync(path.join(mirror, "cifar10-jpeg"))) && "no CIFAR-10 JPEG copy in the mirror" }, () => {
  it("four images decode to the bytes libjpeg-turbo's djpeg 2.1.5 gives (sha256 of the 32x32x3 pixels)", async () => {
    // Computed outside this package: `djpeg -ppm <file>` (Debian libjpeg-turbo-progs 2.1.5, default ISLOW DCT and
    // fancy upsampling, as Pillow/torchvision use), PPM header stripped, sha256 of the 3,072 pixel bytes.
    const expected: Record<string, string> = {
      "train/airplane/0000.jpg": "59ac9bf701c9568895adee47d61e57d6310e86c6adac8179865da8b54010feee",
      "test/airplane/0000.jpg": "74b7a25666474a50de282dcaa02e75236f4e1c66d80b9a552f20c19ad700d4bc",
      "test/truck/0999.jpg": "7ad266f719c0c18960ce268d6725c00eae8a610d0ffcd4a04836f1c53a9965ba",
      "train/frog/0042.jpg": "f19159d56206f807222ff4f2fe07aca1c51cec94b15d49811e42a871b86f70cf",
    };
    const manifest = readManifest("cifar10");
    const source = manifest.sources.find((s) => s.id === "jpeg-lossy")!;
    const archive = path.join(mirror!, source.mirrorDir!, source.files[0].name);
    const files = (await readJpegFiles(archive, manifest, source, "fix: none")).filter((f) => f.relPath in expected);
    assert.equal(files.length, 4);
    const pixels = await decodeAll(files, [32, 32, 3], archive, "fix: none");
    files.forEach((f, i) => {
      const digest = createHash("sha256").update(pixels.subarray(i * 3072, (i + 1) * 3072)).digest("hex");
      assert.equal(digest, expected[f.relPath], f.relPath);
    });
  });
});
