import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { contentDigest, DatasetError, parseTar, readTarFile } from "../../lib/data";
import { bytes, contentDigestIndependent, makeTar, tempDir } from "./fixtures";

const hasTar = (() => {
  try {
    execFileSync("tar", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

const longPath = `${"deep/".repeat(25)}file-with-a-long-name.bin`; // 149 characters

describe("tar reader", () => {
  it("reads regular files of a ustar archive, including a path split into prefix/name", () => {
    const entries = [
      { path: "a.txt", data: Buffer.from("hello") },
      { path: "dir/empty", data: Buffer.alloc(0) },
      { path: "dir/block.bin", data: bytes(512, 1) },
      { path: longPath, data: bytes(700, 2) },
    ];
    const read = parseTar(makeTar(entries), "x.tar", "fix");
    assert.deepEqual(read.map((e) => e.path), entries.map((e) => e.path));
    read.forEach((e, i) => assert.deepEqual(Buffer.from(e.data), Buffer.from(entries[i].data)));
  });

  for (const format of ["gnu", "ustar", "pax"]) {
    it(`reads GNU tar's ${format} format (directories skipped, long names kept)`, { skip: !hasTar && "no tar on PATH" }, async () => {
      const dir = tempDir(`tar-${format}`);
      const src = path.join(dir, "src");
      const files: Record<string, Uint8Array> = { "top/x.bin": bytes(1000, 3), "top/sub/y.txt": Buffer.from("y\n"), [`top/${longPath}`]: bytes(10, 4) };
      for (const [p, d] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(src, p)), { recursive: true });
        fs.writeFileSync(path.join(src, p), d);
      }
      const archive = path.join(dir, "a.tar.gz");
      execFileSync("tar", [`--format=${format}`, "-czf", archive, "-C", src, "top"]);
      const read = await readTarFile(archive, "fix");
      assert.deepEqual(read.map((e) => e.path).sort(), Object.keys(files).sort());
      for (const e of read) assert.deepEqual(Buffer.from(e.data), Buffer.from(files[e.path]));
    });
  }

  it("rejects a damaged header and a truncated archive with DatasetError", () => {
    const tar = makeTar([{ path: "a.bin", data: bytes(1000, 5) }]);
    const damaged = Buffer.from(tar);
    damaged[10] ^= 1;
    assert.throws(() => parseTar(damaged, "d.tar", "fix"), (e: unknown) => e instanceof DatasetError && e.code === "BAD_FORMAT" && /checksum/.test(e.message));
    assert.throws(() => parseTar(tar.subarray(0, 1024), "t.tar", "fix"), (e: unknown) => e instanceof DatasetError && /past the end/.test(e.message));
    assert.throws(() => parseTar(tar.subarray(0, 1536), "t.tar", "fix"), (e: unknown) => e instanceof DatasetError && /end-of-archive/.test(e.message));
  });
});

describe("content digest", () => {
  it("equals the sha256sum-style digest computed independently, and ignores file order", () => {
    const files = [
      { path: "b/2.jpeg", data: bytes(30, 1) },
      { path: "B/1.jpeg", data: bytes(20, 2) },
      { path: "a/10.jpeg", data: bytes(10, 3) },
    ];
    assert.equal(contentDigest(files), contentDigestIndependent(files));
    assert.equal(contentDigest([...files].reverse()), contentDigest(files));
  });

  it("matches `sha256sum` over the LC_ALL=C sorted file list", { skip: !hasTar && "no shell tools" }, () => {
    const dir = tempDir("digest");
    const files = [
      { path: "CXR/000001.jpeg", data: bytes(33, 7) },
      { path: "ChestCT/000000.jpeg", data: bytes(44, 8) },
      { path: "AbdomenCT/000000.jpeg", data: bytes(55, 9) },
    ];
    for (const f of files) {
      fs.mkdirSync(path.join(dir, path.dirname(f.path)), { recursive: true });
      fs.writeFileSync(path.join(dir, f.path), f.data);
    }
    const shell = "find . -type f | sed 's|^\\./||' | LC_ALL=C sort | xargs sha256sum | sha256sum";
    const expected = execFileSync("sh", ["-c", shell], { cwd: dir }).toString().split(" ")[0];
    assert.equal(contentDigest(files), expected);
  });
});
