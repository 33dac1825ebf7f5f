import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { loadDataset } from "../../lib/data";
import { cifarJpegManifest, deadUrl, serveFiles, tempDir, tmpFiles, writeCifarBinaryFixture, writeCifarJpegFixture, writeMedFixture, writeMnistFixture } from "./fixtures";

describe("MNIST (idx.gz) loader", () => {
  it("loads the fixture from the mirror, then from the decoded cache, with identical data", async () => {
    const root = tempDir("mnist");
    const fx = writeMnistFixture(path.join(root, "mirror"));
    const cacheDir = path.join(root, "cache");
    const first = await loadDataset("mnist", { manifest: fx.manifest, mirror: fx.mirror, cacheDir });
    assert.equal(first.source.kind, "mirror");
    assert.equal(first.source.from, "mirror");
    assert.equal(first.source.path, path.join(fx.mirror, "mnist"));
    assert.equal(first.checksumsOk, true);
    assert.deepEqual(first.shape, [4, 4, 1]);
    assert.equal(first.train.n, 20);
    assert.equal(first.test.n, 10);
    assert.deepEqual([...first.train.images], [...fx.trainImages]);
    assert.deepEqual([...first.train.labels], [...fx.trainLabels]);
    assert.deepEqual([...first.test.images], [...fx.testImages]);
    assert.deepEqual([...first.test.labels], [...fx.testLabels]);
    assert.ok(first.train.labels.every((l) => l < 10));
    assert.deepEqual(first.info.classCounts.test, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    assert.deepEqual(first.info.classCounts.train, [2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);

    const second = await loadDataset("mnist", { manifest: fx.manifest, mirror: null, cacheDir });
    assert.equal(second.source.kind, "cache");
    assert.equal(second.source.path, path.join(cacheDir, "mnist-original.hqnnds"));
    assert.equal(second.source.built_from, path.join(fx.mirror, "mnist"));
    assert.deepEqual([...second.train.images], [...fx.trainImages]);
    assert.deepEqual([...second.test.labels], [...fx.testLabels]);
    assert.deepEqual(second.info, first.info);
    assert.deepEqual(tmpFiles(cacheDir), []);
  });

  it("rebuilds the decoded cache when the manifest it was built for changes", async () => {
    const root = tempDir("mnist-stale");
    const fx = writeMnistFixture(path.join(root, "mirror"));
    const cacheDir = path.join(root, "cache");
    await loadDataset("mnist", { manifest: fx.manifest, mirror: fx.mirror, cacheDir });
    const edited = structuredClone(fx.manifest);
    edited.classes = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
    const messages: string[] = [];
    const rebuilt = await loadDataset("mnist", { manifest: edited, mirror: fx.mirror, cacheDir, log: (m) => messages.push(m) });
    assert.equal(rebuilt.source.kind, "mirror");
    assert.deepEqual(rebuilt.classes, edited.classes);
    assert.ok(messages.some((m) => m.includes("rebuilding")));
    const reused = await loadDataset("mnist", { manifest: edited, mirror: null, cacheDir });
    assert.equal(reused.source.kind, "cache");
  });
});

describe("CIFAR-10 binary (tar.gz of 3073-byte-style records) loader", () => {
  it("reads the official record layout: label byte, then R, G, B planes → HWC", async () => {
    const root = tempDir("cifar");
    const fx = writeCifarBinaryFixture(path.join(root, "mirror"));
    const ds = await loadDataset("cifar10", { manifest: fx.manifest, mirror: fx.mirror, cacheDir: path.join(root, "cache") });
    assert.equal(ds.source.kind, "mirror");
    assert.equal(ds.source.lossy, false);
    assert.equal(ds.train.n, 6);
    assert.equal(ds.test.n, 2);
    for (const split of ["train", "test"] as const) {
      fx.records[split].forEach((r, i) => {
        assert.equal(ds[split].labels[i], r.label);
        for (let p = 0; p < 4; p++) {
          for (let c = 0; c < 3; c++) assert.equal(ds[split].images[i * 12 + p * 3 + c], r.planes[c][p], `${split} ${i} pixel ${p} channel ${c}`);
        }
      });
    }
    const again = await loadDataset("cifar10", { manifest: fx.manifest, mirror: null, cacheDir: path.join(root, "cache") });
    assert.equal(again.source.kind, "cache");
    assert.deepEqual([...again.train.images], [...ds.train.images]);
  });
});

describe("Medical MNIST (tar.gz of class folders of JPEGs) loader", () => {
  it("decodes 1-channel JPEGs in (class, file) order, counts duplicates, splits with a seed", async () => {
    const root = tempDir("med");
    const fx = await writeMedFixture(path.join(root, "mirror"));
    const cacheDir = path.join(root, "cache");
    const ds = await loadDataset("medmnist", { manifest: fx.manifest, mirror: fx.mirror, cacheDir });
    assert.deepEqual(ds.shape, [8, 8, 1]);
    assert.equal(ds.info.channels, 1);
    assert.equal(ds.train.n + ds.test.n, 8);
    assert.equal(ds.test.n, 2); // ceil(0.25 * 8)
    assert.deepEqual(ds.info.split, { seed: 0, testFraction: 0.25, train: 6, test: 2, stratified: false, method: ds.info.split!.method });
    assert.match(ds.info.decoder!, /sharp .* libvips/);
    assert.deepEqual(ds.info.duplicates.byClass, { AbdomenCT: 1, BreastMRI: 0, CXR: 0 });
    assert.equal(ds.info.duplicates.extraCopies, 1);
    assert.equal(ds.info.duplicates.distinct, 7);

    // every image decodes close to its source pixels (JPEG q95 of a smooth image), with its class label
    const all = await loadDataset("medmnist", { manifest: fx.manifest, mirror: null, cacheDir, splitSeed: 0 });
    const images = [...all.train.images, ...all.test.images];
    const labels = [...all.train.labels, ...all.test.labels];
    const found = new Map<string, number>();
    for (let i = 0; i < 8; i++) found.set(images.slice(i * 64, i * 64 + 64).join(","), labels[i]);
    for (const e of fx.expected) {
      const match = [...found.entries()].find(([px]) => px.split(",").every((v, p) => Math.abs(Number(v) - e.pixels[p]) <= 3));
      assert.ok(match, `an image close to level ${e.pixels[0]}`);
      assert.equal(match[1], e.label);
    }
    assert.equal(all.source.kind, "cache");

    const other = await loadDataset("medmnist", { manifest: fx.manifest, mirror: null, cacheDir, splitSeed: 7 });
    assert.equal(other.test.n, 2);
    assert.equal(other.info.split!.seed, 7);
  });

  it("stores the images of the unsplit dataset in (class, file name) order", async () => {
    const root = tempDir("med-order");
    const fx = await writeMedFixture(path.join(root, "mirror"));
    const manifest = structuredClone(fx.manifest);
    manifest.split = { testFraction: 0.125 };
    // with a 1-image test set, train holds 7 images in ascending index order: labels must be sorted
    const ds = await loadDataset("medmnist", { manifest, mirror: fx.mirror, cacheDir: path.join(root, "cache") });
    const labels = [...ds.train.labels];
    assert.deepEqual(labels, [...labels].sort((a, b) => a - b));
    assert.deepEqual(ds.info.classCounts.train.reduce((a, b) => a + b) + ds.info.classCounts.test.reduce((a, b) => a + b), 8);
  });

  it("downloads a GitHub-style tarball (extra top folder, unpinned bytes) and verifies its content digest", async () => {
    const root = tempDir("med-dl");
    const served = path.join(root, "served");
    const fx = await writeMedFixture(served, { top: "Medical-MNIST-Classification-abc", archiveName: "codeload.tar.gz" });
    const server = await serveFiles(path.join(served, "medical-mnist"));
    try {
      const manifest = structuredClone(fx.manifest);
      const source = manifest.sources[0];
      source.id = "github";
      source.files = [{ name: "github.tar.gz", urls: [`${server.url}/redirect/codeload.tar.gz`] }];
      const cacheDir = path.join(root, "cache");
      const messages: string[] = [];
      const ds = await loadDataset("medmnist", { manifest, mirror: null, cacheDir, log: (m) => messages.push(m) });
      assert.equal(ds.source.kind, "download");
      assert.ok(messages.some((m) => /github\.tar\.gz: 100% of \d+ bytes/.test(m)), messages.join("\n"));
      assert.equal(ds.source.url, `${server.url}/redirect/codeload.tar.gz`);
      assert.ok(fs.existsSync(path.join(cacheDir, "downloads", "github.tar.gz")));
      assert.equal(ds.info.duplicates.extraCopies, 1);
      assert.deepEqual(tmpFiles(cacheDir), []);
    } finally {
      await server.close();
    }
  });
});

describe("CIFAR-10 lossy JPEG fallback", () => {
  it("uses the JPEG copy when the binary batches are not local, without trying the network, and marks it lossy", async () => {
    const root = tempDir("cifar-jpeg");
    const mirror = path.join(root, "mirror");
    const { manifestSource } = await writeCifarJpegFixture(mirror);
    const server = await serveFiles(root);
    try {
      const binary = writeCifarBinaryFixture(path.join(root, "elsewhere")).manifest.sources[0];
      binary.files[0].urls = [`${server.url}/files/none`];
      const manifest = cifarJpegManifest(binary, manifestSource);
      const cacheDir = path.join(root, "cache");
      const ds = await loadDataset("cifar10", { manifest, mirror, cacheDir });
      assert.equal(server.requests.length, 0);
      assert.equal(ds.source.kind, "jpeg-lossy");
      assert.equal(ds.source.from, "mirror");
      assert.equal(ds.source.lossy, true);
      assert.deepEqual(ds.shape, [4, 4, 3]);
      assert.deepEqual([ds.train.n, ds.test.n], [4, 2]);
      assert.deepEqual([...ds.train.labels], [0, 0, 1, 1]);
      assert.deepEqual([...ds.test.labels], [0, 1]);
      const cached = await loadDataset("cifar10", { manifest, mirror, cacheDir });
      assert.equal(cached.source.kind, "jpeg-lossy");
      assert.equal(cached.source.from, "cache");
      assert.equal(cached.source.lossy, true);
    } finally {
      await server.close();
    }
  });

  it("source option forces one source: the binary one then fails cleanly with no network", async () => {
    const root = tempDir("cifar-force");
    const mirror = path.join(root, "mirror");
    const { manifestSource } = await writeCifarJpegFixture(mirror);
    const binary = writeCifarBinaryFixture(path.join(root, "elsewhere")).manifest.sources[0];
    binary.files[0].urls = [await deadUrl()];
    const manifest = cifarJpegManifest(binary, manifestSource);
    await assert.rejects(loadDataset("cifar10", { manifest, mirror, cacheDir: path.join(root, "cache"), source: "binary" }), { code: "NOT_FOUND" });
  });
});
