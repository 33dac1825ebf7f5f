/** Every kind of bad input ends in one DatasetError naming the file, what was expected, and the fix. */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { describe, it } from "node:test";
import { checkManifest, DatasetError, loadDataset, Manifest } from "../../lib/data";
import { writeAtomically } from "../../lib/io/files";
import {
  bytes,
  cifarRecord,
  deadUrl,
  grayImage,
  grayJpeg,
  idxBuffer,
  makeTar,
  md5,
  serveFiles,
  sha256,
  tempDir,
  tmpFiles,
  cifarJpegManifest,
  writeCifarBinaryFixture,
  writeCifarJpegFixture,
  writeMedFixture,
  writeMnistFixture,
} from "./fixtures";

/** Expect exactly a DatasetError with this code, whose message names `file` and contains each of `mentions`. */
async function expectError(p: Promise<unknown>, code: string, file: string, mentions: (string | RegExp)[]): Promise<DatasetError> {
  let caught: unknown = null;
  try {
    await p;
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof DatasetError, `expected a DatasetError, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  assert.ok(caught.message.includes(file), `message names ${file}:\n${caught.message}`);
  assert.ok(caught.message.includes("fix: "), caught.message);
  for (const m of mentions) assert.match(caught.message, typeof m === "string" ? new RegExp(m.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) : m);
  return caught;
}

/** Re-pin one file of a manifest source to the bytes now on disk (so only the content is wrong). */
function repin(manifest: Manifest, name: string, file: string): void {
  const b = fs.readFileSync(file);
  const entry = manifest.sources[0].files.find((f) => f.name === name)!;
  Object.assign(entry, { bytes: b.length, sha256: sha256(b), md5: md5(b) });
}

describe("bad raw files", () => {
  it("truncated file in the mirror: SIZE_MISMATCH, suggests replacing it or HQNN_DATA_MIRROR", async () => {
    const root = tempDir("err-trunc");
    const fx = writeMnistFixture(path.join(root, "mirror"));
    const file = path.join(fx.mirror, "mnist", "train-images-idx3-ubyte.gz");
    fs.truncateSync(file, 50);
    const cacheDir = path.join(root, "cache");
    await expectError(loadDataset("mnist", { manifest: fx.manifest, mirror: fx.mirror, cacheDir }), "SIZE_MISMATCH", file, ["truncated", "HQNN_DATA_MIRROR", "50 bytes"]);
    assert.equal(fs.existsSync(path.join(cacheDir, "mnist-original.hqnnds")), false);
    assert.deepEqual(tmpFiles(cacheDir), []);
  });

  it("corrupt file in the cache (same size, one byte changed): CHECKSUM_MISMATCH, says delete it and re-run", async () => {
    const root = tempDir("err-corrupt");
    const fx = writeMnistFixture(path.join(root, "src"));
    const downloads = path.join(root, "cache", "downloads");
    fs.mkdirSync(downloads, { recursive: true });
    for (const f of fs.readdirSync(path.join(fx.mirror, "mnist"))) fs.copyFileSync(path.join(fx.mirror, "mnist", f), path.join(downloads, f));
    const file = path.join(downloads, "t10k-labels-idx1-ubyte.gz");
    const b = fs.readFileSync(file);
    b[b.length - 5] ^= 0xff;
    fs.writeFileSync(file, b);
    await expectError(loadDataset("mnist", { manifest: fx.manifest, mirror: null, cacheDir: path.join(root, "cache") }), "CHECKSUM_MISMATCH", file, [
      `delete ${file} and re-run`,
      fx.manifest.sources[0].files[3].sha256!,
    ]);
  });

  it("wrong magic number (a labels file where images belong): BAD_FORMAT with expected 2051, found 2049", async () => {
    const root = tempDir("err-magic");
    const fx = writeMnistFixture(path.join(root, "mirror"));
    const file = path.join(fx.mirror, "mnist", "t10k-images-idx3-ubyte.gz");
    fs.writeFileSync(file, zlib.gzipSync(idxBuffer(2049, [10], bytes(10, 3))));
    repin(fx.manifest, "t10k-images-idx3-ubyte.gz", file);
    await expectError(loadDataset("mnist", { manifest: fx.manifest, mirror: fx.mirror, cacheDir: path.join(root, "cache") }), "BAD_FORMAT", file, [
      "Wrong magic number",
      "expected: 2051",
      "found: 2049",
    ]);
  });

  it("idx data shorter than its header says: BAD_FORMAT naming both lengths", async () => {
    const root = tempDir("err-idxlen");
    const fx = writeMnistFixture(path.join(root, "mirror"));
    const file = path.join(fx.mirror, "mnist", "train-images-idx3-ubyte.gz");
    fs.writeFileSync(file, zlib.gzipSync(idxBuffer(2051, [20, 4, 4], bytes(100, 4))));
    repin(fx.manifest, "train-images-idx3-ubyte.gz", file);
    await expectError(loadDataset("mnist", { manifest: fx.manifest, mirror: fx.mirror, cacheDir: path.join(root, "cache") }), "BAD_FORMAT", file, [
      "truncated",
      `${16 + 320} bytes after gunzip`,
      `${16 + 100} bytes`,
    ]);
  });

  it("a gzip stream cut short (pinned as is): BAD_FORMAT from zlib", async () => {
    const root = tempDir("err-gz");
    const fx = writeMnistFixture(path.join(root, "mirror"));
    const file = path.join(fx.mirror, "mnist", "train-labels-idx1-ubyte.gz");
    fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 20));
    repin(fx.manifest, "train-labels-idx1-ubyte.gz", file);
    await expectError(loadDataset("mnist", { manifest: fx.manifest, mirror: fx.mirror, cacheDir: path.join(root, "cache") }), "BAD_FORMAT", file, ["gzip", "zlib error"]);
  });

  it("an idx label outside the classes: BAD_FORMAT", async () => {
    const root = tempDir("err-label");
    const fx = writeMnistFixture(path.join(root, "mirror"));
    const file = path.join(fx.mirror, "mnist", "t10k-labels-idx1-ubyte.gz");
    fs.writeFileSync(file, zlib.gzipSync(idxBuffer(2049, [10], Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 12]))));
    repin(fx.manifest, "t10k-labels-idx1-ubyte.gz", file);
    await expectError(loadDataset("mnist", { manifest: fx.manifest, mirror: fx.mirror, cacheDir: path.join(root, "cache") }), "BAD_FORMAT", file, ["labels in 0..9", "label 12 at record 9"]);
  });

  it("CIFAR archive truncated: SIZE_MISMATCH; a batch that is not whole records: BAD_FORMAT", async () => {
    const root = tempDir("err-cifar");
    const fx = writeCifarBinaryFixture(path.join(root, "mirror"));
    const file = path.join(fx.mirror, "cifar10", "cifar-10-binary.tar.gz");
    const original = fs.readFileSync(file);
    fs.writeFileSync(file, original.subarray(0, original.length - 10));
    await expectError(loadDataset("cifar10", { manifest: fx.manifest, mirror: fx.mirror, cacheDir: path.join(root, "cache") }), "SIZE_MISMATCH", file, ["truncated"]);

    const good = cifarRecord(1, [bytes(4, 1), bytes(4, 2), bytes(4, 3)]);
    fs.writeFileSync(
      file,
      zlib.gzipSync(
        makeTar([
          { path: "cifar-10-batches-bin/data_batch_1.bin", data: Buffer.concat([good, good, good]) },
          { path: "cifar-10-batches-bin/data_batch_2.bin", data: Buffer.concat([good, good, good.subarray(0, 7)]) },
          { path: "cifar-10-batches-bin/test_batch.bin", data: Buffer.concat([good, good]) },
        ]),
      ),
    );
    repin(fx.manifest, "cifar-10-binary.tar.gz", file);
    await expectError(loadDataset("cifar10", { manifest: fx.manifest, mirror: fx.mirror, cacheDir: path.join(root, "cache") }), "BAD_FORMAT", `${file}:cifar-10-batches-bin/data_batch_2.bin`, [
      "multiple of 13 bytes",
      "33 bytes",
    ]);
  });

  it("a tar archive without its end marker: BAD_FORMAT (truncated)", async () => {
    const root = tempDir("err-tar");
    const fx = writeCifarBinaryFixture(path.join(root, "mirror"));
    const file = path.join(fx.mirror, "cifar10", "cifar-10-binary.tar.gz");
    const tar = zlib.gunzipSync(fs.readFileSync(file));
    fs.writeFileSync(file, zlib.gzipSync(tar.subarray(0, 1536)));
    repin(fx.manifest, "cifar-10-binary.tar.gz", file);
    await expectError(loadDataset("cifar10", { manifest: fx.manifest, mirror: fx.mirror, cacheDir: path.join(root, "cache") }), "BAD_FORMAT", file, [/truncated/]);
  });

  it("JPEG archive whose images differ from the content digest: CHECKSUM_MISMATCH", async () => {
    const root = tempDir("err-digest");
    const fx = await writeMedFixture(path.join(root, "mirror"));
    fx.manifest.sources[0].jpeg!.contentSha256 = "0".repeat(64);
    const file = path.join(fx.mirror, "medical-mnist", fx.archiveName);
    await expectError(loadDataset("medmnist", { manifest: fx.manifest, mirror: fx.mirror, cacheDir: path.join(root, "cache") }), "CHECKSUM_MISMATCH", file, ["content sha256 " + "0".repeat(64)]);
  });

  it("CIFAR-10 JPEG copy with a wrong archive checksum: CHECKSUM_MISMATCH naming the archive", async () => {
    const root = tempDir("err-cifar-sum");
    const mirror = path.join(root, "mirror");
    const { manifestSource, archive } = await writeCifarJpegFixture(mirror);
    manifestSource.files[0].sha256 = "e".repeat(64);
    const binary = writeCifarBinaryFixture(path.join(root, "elsewhere")).manifest.sources[0];
    binary.files[0].urls = [];
    await expectError(loadDataset("cifar10", { manifest: cifarJpegManifest(binary, manifestSource), mirror, cacheDir: path.join(root, "cache"), source: "jpeg-lossy" }),
      "CHECKSUM_MISMATCH", archive, ["e".repeat(64)]);
  });

  it("CIFAR-10 JPEG copy with a corrupt JPEG member: BAD_FORMAT naming the archive and the member", async () => {
    const root = tempDir("err-cifar-jpeg");
    const mirror = path.join(root, "mirror");
    const { manifestSource, archive } = await writeCifarJpegFixture(mirror, (entries) => {
      const e = entries.find((x) => x.path === "train/automobile/0001.jpg")!;
      e.data = e.data.subarray(0, 40); // cut inside the headers
    });
    const binary = writeCifarBinaryFixture(path.join(root, "elsewhere")).manifest.sources[0];
    binary.files[0].urls = [];
    await expectError(loadDataset("cifar10", { manifest: cifarJpegManifest(binary, manifestSource), mirror, cacheDir: path.join(root, "cache"), source: "jpeg-lossy" }),
      "BAD_FORMAT", `${archive}:train/automobile/0001.jpg`, []);
    assert.deepEqual(tmpFiles(path.join(root, "cache")), []);
  });

  it("a 3-channel JPEG in a 1-channel dataset: BAD_FORMAT naming the member", async () => {
    const root = tempDir("err-channels");
    const fx = await writeMedFixture(path.join(root, "mirror"));
    const file = path.join(fx.mirror, "medical-mnist", fx.archiveName);
    const rgb = await (await import("sharp")).default(Buffer.from(grayImage(10)), { raw: { width: 8, height: 8, channels: 1 } }).jpeg().toBuffer();
    const files = fx.files.map((f) => (f.path === "CXR/000001.jpeg" ? { ...f, data: rgb } : f));
    fs.writeFileSync(file, zlib.gzipSync(makeTar(files.map((f) => ({ path: `resized/${f.path}`, data: f.data })))));
    repin(fx.manifest, fx.archiveName, file);
    delete fx.manifest.sources[0].jpeg!.contentSha256;
    await expectError(loadDataset("medmnist", { manifest: fx.manifest, mirror: fx.mirror, cacheDir: path.join(root, "cache") }), "BAD_FORMAT", `${file}:CXR/000001.jpeg`, [
      "with 1 component(s)",
      "8x8 with 3 component(s)",
    ]);
  });

  it("a file outside the class folders: BAD_FORMAT", async () => {
    const root = tempDir("err-layout");
    const fx = await writeMedFixture(path.join(root, "mirror"));
    const file = path.join(fx.mirror, "medical-mnist", fx.archiveName);
    const extra = { path: "resized/Knee/000000.jpeg", data: await grayJpeg(grayImage(5)) };
    fs.writeFileSync(file, zlib.gzipSync(makeTar([...fx.files.map((f) => ({ path: `resized/${f.path}`, data: f.data })), extra])));
    repin(fx.manifest, fx.archiveName, file);
    await expectError(loadDataset("medmnist", { manifest: fx.manifest, mirror: fx.mirror, cacheDir: path.join(root, "cache") }), "BAD_FORMAT", file, ["resized/Knee/000000.jpeg"]);
  });
});

describe("missing data and downloads", () => {
  it("no cache, no mirror, no network: NOT_FOUND listing where it looked and how to fix it", async () => {
    const root = tempDir("err-missing");
    const fx = writeMnistFixture(path.join(root, "elsewhere"));
    const dead = await deadUrl();
    for (const f of fx.manifest.sources[0].files) f.urls = [dead];
    const cacheDir = path.join(root, "cache");
    const e = await expectError(loadDataset("mnist", { manifest: fx.manifest, mirror: null, cacheDir }), "NOT_FOUND", path.join(cacheDir, "downloads", "train-images-idx3-ubyte.gz"), [
      "set HQNN_DATA_MIRROR=",
      "mirror: none",
      "ECONNREFUSED",
    ]);
    assert.match(e.fix, /connect to the internet/);
    assert.deepEqual(tmpFiles(cacheDir), []);
  });

  it("downloads through a 404 and a redirect, verifies, and leaves only complete files", async () => {
    const root = tempDir("dl");
    const fx = writeMnistFixture(path.join(root, "served"));
    const server = await serveFiles(path.join(fx.mirror, "mnist"));
    try {
      for (const f of fx.manifest.sources[0].files) f.urls = [`${server.url}/missing/${f.name}`, `${server.url}/redirect/${f.name}`];
      const cacheDir = path.join(root, "cache");
      const ds = await loadDataset("mnist", { manifest: fx.manifest, mirror: null, cacheDir });
      assert.equal(ds.source.kind, "download");
      assert.equal(ds.source.path, path.join(cacheDir, "downloads"));
      assert.deepEqual([...ds.test.labels], [...fx.testLabels]);
      assert.deepEqual(fs.readdirSync(path.join(cacheDir, "downloads")).sort(), fx.manifest.sources[0].files.map((f) => f.name).sort());
      assert.deepEqual(tmpFiles(cacheDir), []);
      assert.equal(server.requests.filter((r) => r.startsWith("/missing/")).length, 4);
      const requestsSoFar = server.requests.length;
      // the raw files now come from the cache's downloads folder, even with the decoded cache gone
      fs.rmSync(path.join(cacheDir, "mnist-original.hqnnds"));
      const again = await loadDataset("mnist", { manifest: fx.manifest, mirror: null, cacheDir });
      assert.equal(again.source.kind, "cache");
      assert.equal(server.requests.length, requestsSoFar);
    } finally {
      await server.close();
    }
  });

  it("a download with the wrong bytes: SIZE_ or CHECKSUM_MISMATCH naming the URL, nothing left in the cache", async () => {
    const root = tempDir("dl-bad");
    const fx = writeMnistFixture(path.join(root, "served"));
    const server = await serveFiles(path.join(fx.mirror, "mnist"));
    try {
      for (const f of fx.manifest.sources[0].files) f.urls = [`${server.url}/garbage/${f.name}`];
      const cacheDir = path.join(root, "cache");
      const url = `${server.url}/garbage/train-images-idx3-ubyte.gz`;
      await expectError(loadDataset("mnist", { manifest: fx.manifest, mirror: null, cacheDir }), "SIZE_MISMATCH", url, ["re-run to download it again"]);
      assert.deepEqual(fs.readdirSync(path.join(cacheDir, "downloads")), []);
      for (const f of fx.manifest.sources[0].files) delete f.bytes;
      await expectError(loadDataset("mnist", { manifest: fx.manifest, mirror: null, cacheDir }), "CHECKSUM_MISMATCH", url, ["SHA256", fx.manifest.sources[0].files[0].sha256!]);
      assert.deepEqual(fs.readdirSync(path.join(cacheDir, "downloads")), []);
    } finally {
      await server.close();
    }
  });
});

describe("downloads verified by content digest", () => {
  it("an unpinned archive whose images differ from the digest is rejected before it reaches the cache", async () => {
    const root = tempDir("dl-digest");
    const fx = await writeMedFixture(path.join(root, "served"), { top: "repo-abc", archiveName: "codeload.tar.gz" });
    const server = await serveFiles(path.join(fx.mirror, "medical-mnist"));
    try {
      const source = fx.manifest.sources[0];
      source.files = [{ name: "github.tar.gz", urls: [`${server.url}/files/codeload.tar.gz`] }];
      source.jpeg!.contentSha256 = "f".repeat(64);
      const cacheDir = path.join(root, "cache");
      await expectError(loadDataset("medmnist", { manifest: fx.manifest, mirror: null, cacheDir }), "CHECKSUM_MISMATCH", `${server.url}/files/codeload.tar.gz`, [
        "content sha256 " + "f".repeat(64),
        "re-run to download it again",
      ]);
      assert.deepEqual(fs.readdirSync(path.join(cacheDir, "downloads")), []);
    } finally {
      await server.close();
    }
  });
});

describe("bad cache files and manifests", () => {
  it("a damaged decoded cache: CACHE_CORRUPT, says delete it and re-run", async () => {
    const root = tempDir("err-cache");
    const fx = writeMnistFixture(path.join(root, "mirror"));
    const cacheDir = path.join(root, "cache");
    await loadDataset("mnist", { manifest: fx.manifest, mirror: fx.mirror, cacheDir });
    const file = path.join(cacheDir, "mnist-original.hqnnds");
    const b = fs.readFileSync(file);
    b[b.length - 20] ^= 1;
    fs.writeFileSync(file, b);
    await expectError(loadDataset("mnist", { manifest: fx.manifest, mirror: fx.mirror, cacheDir }), "CACHE_CORRUPT", file, [`delete ${file} and re-run`, "payload sha256"]);
    fs.truncateSync(file, b.length - 100);
    await expectError(loadDataset("mnist", { manifest: fx.manifest, mirror: fx.mirror, cacheDir }), "CACHE_CORRUPT", file, [`${b.length - 100} bytes instead of ${b.length}`]);
    fs.truncateSync(file, 30);
    await expectError(loadDataset("mnist", { manifest: fx.manifest, mirror: fx.mirror, cacheDir }), "CACHE_CORRUPT", file, ["unreadable header"]);
    fs.rmSync(file);
    const ds = await loadDataset("mnist", { manifest: fx.manifest, mirror: fx.mirror, cacheDir });
    assert.equal(ds.source.kind, "mirror");
  });

  it("a write that fails half-way leaves neither the file nor a temporary", () => {
    const dir = tempDir("atomic");
    const file = path.join(dir, "x.bin");
    assert.throws(() =>
      writeAtomically(file, (fd) => {
        fs.writeSync(fd, Buffer.from("half"));
        throw new Error("disk full");
      }),
    /disk full/);
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it("manifest errors: BAD_MANIFEST naming the field; unknown dataset: UNKNOWN_DATASET listing the names", async () => {
    const fx = writeMnistFixture(tempDir("err-manifest"));
    const bad = structuredClone(fx.manifest) as unknown as Record<string, unknown>;
    bad.shape = [4, 4];
    assert.throws(() => checkManifest(bad, "test manifest"), (e: unknown) => e instanceof DatasetError && e.code === "BAD_MANIFEST" && /shape/.test(e.message));
    await expectError(loadDataset("imagenet"), "UNKNOWN_DATASET", "imagenet.json", ["mnist", "medmnist", "cifar10"]);
    const med = await writeMedFixture(tempDir("err-order"));
    med.manifest.classes = ["CXR", "AbdomenCT", "BreastMRI"];
    assert.throws(() => checkManifest(med.manifest, "m"), (e: unknown) => e instanceof DatasetError && /byte-wise sorted order \(AbdomenCT, BreastMRI, CXR\)/.test(e.message));
  });
});
