/** cli/data.ts end to end on fixtures, through its environment variables. */
import assert from "node:assert/strict";
import { runCliSync } from "../run-cli";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { cifarJpegManifest, tempDir, writeCifarBinaryFixture, writeCifarJpegFixture, writeMnistFixture } from "./fixtures";


const runCli = (args: string[], env: Record<string, string>) => runCliSync("data", args, env);

describe("data verify (CLI)", () => {
  const root = tempDir("cli");
  const fx = writeMnistFixture(path.join(root, "mirror"));
  const manifests = path.join(root, "manifests");
  fs.mkdirSync(manifests);
  fs.writeFileSync(path.join(manifests, "mnist.json"), JSON.stringify(fx.manifest));
  const env = { HQNN_DATA_MANIFESTS: manifests, HQNN_DATA_MIRROR: fx.mirror, HQNN_DATA_DIR: path.join(root, "cache") };

  it("prints one JSON object with counts, shape and checksums_ok, then reads the cache", () => {
    const first = runCli(["verify", "mnist"], env);
    assert.equal(first.code, 0, first.stderr);
    const lines = first.stdout.trim().split("\n");
    assert.equal(lines.length, 1);
    const out = JSON.parse(lines[0]);
    assert.deepEqual(
      { dataset: out.dataset, train: out.train, test: out.test, classes: out.classes, shape: out.shape, checksums_ok: out.checksums_ok, lossy: out.lossy },
      { dataset: "mnist", train: 20, test: 10, classes: 10, shape: [4, 4, 1], checksums_ok: true, lossy: false },
    );
    assert.equal(out.source, fx.manifest.sources[0].id);
    assert.equal(out.source_detail.kind, "mirror");
    const second = JSON.parse(runCli(["verify", "mnist"], env).stdout);
    assert.equal(second.source_detail.kind, "cache");
  });

  it("names the CIFAR-10 source it used: jpeg-q75 for the lossy JPEG copy, from the mirror and then from the cache", async () => {
    const cifarRoot = tempDir("cli-cifar");
    const mirror = path.join(cifarRoot, "mirror");
    const { manifestSource } = await writeCifarJpegFixture(mirror);
    const binary = writeCifarBinaryFixture(path.join(cifarRoot, "elsewhere")).manifest.sources[0];
    binary.files[0].urls = [];
    const dir = path.join(cifarRoot, "manifests");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "cifar10.json"), JSON.stringify(cifarJpegManifest(binary, manifestSource)));
    const cifarEnv = { HQNN_DATA_MANIFESTS: dir, HQNN_DATA_MIRROR: mirror, HQNN_DATA_DIR: path.join(cifarRoot, "cache") };
    for (const from of ["mirror", "cache"]) {
      const r = runCli(["verify", "cifar10"], cifarEnv);
      assert.equal(r.code, 0, r.stderr);
      const out = JSON.parse(r.stdout);
      assert.deepEqual([out.source, out.lossy, out.source_detail.from, out.train, out.test], ["jpeg-q75", true, from, 4, 2]);
    }
  });

  it("exits 1 with the clear error on stderr for a damaged file, 2 for usage errors", () => {
    const badRoot = tempDir("cli-bad");
    const bad = writeMnistFixture(path.join(badRoot, "mirror"));
    const file = path.join(bad.mirror, "mnist", "train-labels-idx1-ubyte.gz");
    fs.truncateSync(file, 10);
    const r = runCli(["verify", "mnist"], { ...env, HQNN_DATA_MIRROR: bad.mirror, HQNN_DATA_DIR: path.join(badRoot, "cache") });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /wrong size/);
    assert.ok(r.stderr.includes(file));
    assert.match(r.stderr, /fix: /);

    const usage = runCli(["check", "mnist"], env);
    assert.equal(usage.code, 2);
    assert.equal(usage.stderr, 'data: expected a subcommand: verify, got "check" (try data --help)\n');
    const badSeed = runCli(["verify", "mnist", "--split-seed", "abc"], env);
    assert.equal(badSeed.code, 2);
    assert.equal(badSeed.stderr, 'data: --split-seed expects an integer in [0, 4294967295], got "abc" (try data verify --help)\n');
    const unknown = runCli(["verify", "svhn"], env);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown dataset "svhn"/);
  });

  it("answers --help, also after verify, with the dataset argument, every flag with its default and an example", () => {
    for (const args of [["--help"], ["verify", "-h"]]) {
      const r = runCli(args, env);
      assert.equal(r.code, 0, r.stderr);
      for (const text of ["data -- verify [flags] DATASET", "mnist, medmnist or cifar10", "--source ID", "--split-seed N", "(default: 0)", "HQNN_DATA_MIRROR", "npm run --silent data -- verify mnist"]) {
        assert.ok(r.stdout.includes(text), `${args.join(" ")}: ${text}`);
      }
    }
  });

  it("reports a dataset that is nowhere with exit 1 and the HQNN_DATA_MIRROR hint", () => {
    const emptyRoot = tempDir("cli-missing");
    const manifest = structuredClone(fx.manifest);
    for (const f of manifest.sources[0].files) f.urls = [];
    fs.mkdirSync(path.join(emptyRoot, "manifests"));
    fs.writeFileSync(path.join(emptyRoot, "manifests", "mnist.json"), JSON.stringify(manifest));
    const r = runCli(["verify", "mnist"], { HQNN_DATA_MANIFESTS: path.join(emptyRoot, "manifests"), HQNN_DATA_MIRROR: "", HQNN_DATA_DIR: path.join(emptyRoot, "cache") });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /not available/);
    assert.match(r.stderr, /set HQNN_DATA_MIRROR=/);
  });
});
