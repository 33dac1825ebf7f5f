/**
 * Small fixture datasets written by the tests themselves into a temp dir: a tiny MNIST-style idx.gz set,
 * a tiny CIFAR-10 binary tar.gz in the official record format, a Medical-MNIST-style tar.gz of JPEGs and a
 * CIFAR-style JPEG folder archive (made with sharp), each with a manifest pinned to the files written.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as http from "node:http";
import { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import * as zlib from "node:zlib";
import sharp from "sharp";
import type { Manifest } from "../../lib/data";

export const sha256 = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");
export const md5 = (b: Uint8Array): string => createHash("md5").update(b).digest("hex");

const createdDirs: string[] = [];
process.on("exit", () => createdDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A fresh temp folder, removed when the test process exits. */
export function tempDir(tag: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `hqnn-data-${tag}-`));
  createdDirs.push(dir);
  return dir;
}

/** Deterministic bytes (a linear congruential sequence), so fixtures are the same on every run. */
export function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

/** A ustar archive (regular files only, long paths split into prefix/name), two zero blocks at the end. */
export function makeTar(entries: { path: string; data: Uint8Array }[]): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const h = Buffer.alloc(512);
    let name = e.path;
    let prefix = "";
    if (name.length > 100) {
      const cut = name.lastIndexOf("/", 155);
      prefix = name.slice(0, cut);
      name = name.slice(cut + 1);
    }
    h.write(name, 0, "utf8");
    h.write("0000644\0", 100);
    h.write("0000000\0", 108);
    h.write("0000000\0", 116);
    h.write(e.data.length.toString(8).padStart(11, "0") + "\0", 124);
    h.write("00000000000\0", 136);
    h.write("        ", 148);
    h.write("0", 156);
    h.write("ustar\0", 257);
    h.write("00", 263);
    h.write(prefix, 345, "utf8");
    let sum = 0;
    for (const b of h) sum += b;
    h.write(sum.toString(8).padStart(6, "0") + "\0 ", 148);
    blocks.push(h, Buffer.from(e.data), Buffer.alloc((512 - (e.data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

export function idxBuffer(magic: number, dims: number[], data: Uint8Array): Buffer {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head.writeUInt32BE(magic, 0);
  dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([head, Buffer.from(data)]);
}

function pin(dir: string, name: string, urls: string[] = []) {
  const b = fs.readFileSync(path.join(dir, name));
  return { name, bytes: b.length, sha256: sha256(b), md5: md5(b), urls };
}

export interface MnistFixture {
  mirror: string;
  manifest: Manifest;
  trainImages: Uint8Array;
  trainLabels: Uint8Array;
  testImages: Uint8Array;
  testLabels: Uint8Array;
}

/** mirror/<mirrorDir>/ with 4 idx.gz files: 20 train + 10 test images of 4x4, labels 0..9. */
export function writeMnistFixture(root: string, mirrorDir = "mnist"): MnistFixture {
  const dir = path.join(root, mirrorDir);
  fs.mkdirSync(dir, { recursive: true });
  const trainImages = bytes(20 * 16, 1);
  const trainLabels = Uint8Array.from({ length: 20 }, (_, i) => (i * 3) % 10);
  const testImages = bytes(10 * 16, 2);
  const testLabels = Uint8Array.from({ length: 10 }, (_, i) => 9 - i);
  const files: [string, Buffer][] = [
    ["train-images-idx3-ubyte.gz", idxBuffer(2051, [20, 4, 4], trainImages)],
    ["train-labels-idx1-ubyte.gz", idxBuffer(2049, [20], trainLabels)],
    ["t10k-images-idx3-ubyte.gz", idxBuffer(2051, [10, 4, 4], testImages)],
    ["t10k-labels-idx1-ubyte.gz", idxBuffer(2049, [10], testLabels)],
  ];
  for (const [name, raw] of files) fs.writeFileSync(path.join(dir, name), zlib.gzipSync(raw));
  const manifest: Manifest = {
    name: "mnist",
    title: "MNIST fixture",
    classes: ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
    shape: [4, 4, 1],
    counts: { train: 20, test: 10 },
    sources: [
      {
        id: "original",
        variant: "original",
        format: "idx-gz",
        lossy: false,
        mirrorDir,
        files: files.map(([name]) => pin(dir, name)),
        idx: {
          trainImages: "train-images-idx3-ubyte.gz",
          trainLabels: "train-labels-idx1-ubyte.gz",
          testImages: "t10k-images-idx3-ubyte.gz",
          testLabels: "t10k-labels-idx1-ubyte.gz",
        },
      },
    ],
  };
  return { mirror: root, manifest, trainImages, trainLabels, testImages, testLabels };
}

/** One CIFAR record: label byte, then the red, green and blue planes (row-major). */
export function cifarRecord(label: number, planes: Uint8Array[]): Uint8Array {
  return Uint8Array.from([label, ...planes[0], ...planes[1], ...planes[2]]);
}

export interface CifarFixture {
  mirror: string;
  manifest: Manifest;
  /** The planes of every record, per split, in record order. */
  records: { train: { label: number; planes: Uint8Array[] }[]; test: { label: number; planes: Uint8Array[] }[] };
}

/**
 * mirror/cifar10/cifar-10-binary.tar.gz in the official layout (cifar-10-batches-bin/data_batch_1.bin, ...):
 * 2x2 RGB images; train = two batches of 3 records, test = one batch of 2.
 */
export function writeCifarBinaryFixture(root: string): CifarFixture {
  const dir = path.join(root, "cifar10");
  fs.mkdirSync(dir, { recursive: true });
  const record = (k: number) => ({ label: k % 10, planes: [0, 1, 2].map((c) => bytes(4, 100 + 3 * k + c)) });
  const train = [0, 1, 2, 3, 4, 5].map(record);
  const test = [6, 7].map(record);
  const batch = (rs: typeof train) => Buffer.concat(rs.map((r) => Buffer.from(cifarRecord(r.label, r.planes))));
  const tar = makeTar([
    { path: "cifar-10-batches-bin/batches.meta.txt", data: Buffer.from("airplane\nautomobile\n") },
    { path: "cifar-10-batches-bin/data_batch_1.bin", data: batch(train.slice(0, 3)) },
    { path: "cifar-10-batches-bin/data_batch_2.bin", data: batch(train.slice(3)) },
    { path: "cifar-10-batches-bin/test_batch.bin", data: batch(test) },
  ]);
  fs.writeFileSync(path.join(dir, "cifar-10-binary.tar.gz"), zlib.gzipSync(tar));
  const manifest: Manifest = {
    name: "cifar10",
    title: "CIFAR-10 fixture",
    classes: ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"],
    shape: [2, 2, 3],
    counts: { train: 6, test: 2 },
    sources: [
      {
        id: "binary",
        variant: "binary",
        format: "cifar-binary-tar",
        lossy: false,
        mirrorDir: "cifar10",
        files: [pin(dir, "cifar-10-binary.tar.gz")],
        cifar: { train: ["cifar-10-batches-bin/data_batch_1.bin", "cifar-10-batches-bin/data_batch_2.bin"], test: ["cifar-10-batches-bin/test_batch.bin"] },
      },
    ],
  };
  return { mirror: root, manifest, records: { train, test } };
}

/** A smooth gray 8x8 image (JPEG keeps it within a few levels). */
export function grayImage(level: number): Uint8Array {
  return Uint8Array.from({ length: 64 }, (_, i) => Math.min(255, level + (i % 8) * 2 + Math.floor(i / 8)));
}

export async function grayJpeg(pixels: Uint8Array, width = 8, height = 8): Promise<Buffer> {
  return sharp(Buffer.from(pixels), { raw: { width, height, channels: 1 } }).toColourspace("b-w").jpeg({ quality: 95 }).toBuffer();
}

export interface MedFixture {
  mirror: string;
  manifest: Manifest;
  /** The source pixels of each image in the loader's order (class, then file name). */
  expected: { label: number; pixels: Uint8Array }[];
  /** The archive's files relative to resized/, for an independent content digest. */
  files: { path: string; data: Buffer }[];
  archiveName: string;
}

/**
 * mirror/medical-mnist/<archive> with resized/<Class>/<NNNNNN>.jpeg: 3 classes of 8x8 1-channel JPEGs
 * (AbdomenCT 3, CXR 2, BreastMRI 3: 8 images, one a byte copy of another in AbdomenCT), written to the tar
 * in a scrambled order. `top` wraps everything in one extra folder, like GitHub's tarballs.
 */
export async function writeMedFixture(root: string, opts: { top?: string; archiveName?: string } = {}): Promise<MedFixture> {
  const classes = ["AbdomenCT", "BreastMRI", "CXR"];
  const plan: { cls: number; file: string; level: number }[] = [
    { cls: 0, file: "000000.jpeg", level: 20 },
    { cls: 0, file: "000001.jpeg", level: 60 },
    { cls: 0, file: "000002.jpeg", level: 20 }, // same pixels and bytes as 000000
    { cls: 1, file: "000000.jpeg", level: 100 },
    { cls: 1, file: "000001.jpeg", level: 140 },
    { cls: 1, file: "000002.jpeg", level: 180 },
    { cls: 2, file: "000000.jpeg", level: 200 },
    { cls: 2, file: "000001.jpeg", level: 220 },
  ];
  const files = await Promise.all(plan.map(async (p) => ({ path: `${classes[p.cls]}/${p.file}`, data: await grayJpeg(grayImage(p.level)) })));
  const scrambled = [5, 0, 7, 2, 4, 1, 6, 3].map((i) => files[i]);
  const prefix = opts.top ? `${opts.top}/resized/` : "resized/";
  const tar = makeTar([
    ...(opts.top ? [{ path: `${opts.top}/README.md`, data: Buffer.from("# readme\n") }] : []),
    ...scrambled.map((f) => ({ path: prefix + f.path, data: f.data })),
  ]);
  const archiveName = opts.archiveName ?? "medical-mnist-resized.tar.gz";
  const dir = path.join(root, "medical-mnist");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, archiveName), zlib.gzipSync(tar));
  const digest = contentDigestIndependent(files);
  const manifest: Manifest = {
    name: "medmnist",
    title: "Medical MNIST fixture",
    classes,
    shape: [8, 8, 1],
    counts: { all: 8 },
    split: { testFraction: 0.25 },
    sources: [
      {
        id: "archive",
        variant: "original",
        format: "jpeg-tar",
        lossy: false,
        mirrorDir: "medical-mnist",
        files: [pin(dir, archiveName)],
        jpeg: { root: "resized", layout: "class", contentSha256: digest },
      },
    ],
  };
  const expected = plan.map((p) => ({ label: p.cls, pixels: grayImage(p.level) }));
  return { mirror: root, manifest, expected, files, archiveName };
}

/** The content digest, computed here the way `sha256sum` + `sort` would (independently of lib/data/hash.ts). */
export function contentDigestIndependent(files: { path: string; data: Uint8Array }[]): string {
  const lines = files.map((f) => `${sha256(f.data)}  ${f.path}\n`);
  const sorted = [...files.keys()].sort((a, b) => Buffer.compare(Buffer.from(files[a].path), Buffer.from(files[b].path)));
  return sha256(Buffer.from(sorted.map((i) => lines[i]).join("")));
}

/** mirror/cifar10-jpeg/cifar-jpeg.tar.gz with train/<class>/NNNN.jpg (2 per class) and test/<class>/ (1 per class), 4x4 RGB. */
/** The CIFAR-10 JPEG copy in miniature; `edit` may change the archive's members before it is written. */
export async function writeCifarJpegFixture(root: string, edit: (entries: { path: string; data: Buffer }[]) => void = () => {}):
  Promise<{ manifestSource: Manifest["sources"][number]; archive: string }> {
  const dir = path.join(root, "cifar10-jpeg");
  fs.mkdirSync(dir, { recursive: true });
  const entries: { path: string; data: Buffer }[] = [];
  for (const [split, perClass] of [["train", 2], ["test", 1]] as const) {
    for (const cls of ["airplane", "automobile"]) {
      for (let i = 0; i < perClass; i++) {
        const rgb = Buffer.from(Uint8Array.from({ length: 48 }, (_, p) => (p % 3) * 80 + i * 10));
        entries.push({ path: `${split}/${cls}/${String(i).padStart(4, "0")}.jpg`, data: await sharp(rgb, { raw: { width: 4, height: 4, channels: 3 } }).jpeg().toBuffer() });
      }
    }
  }
  edit(entries);
  fs.writeFileSync(path.join(dir, "cifar-jpeg.tar.gz"), zlib.gzipSync(makeTar(entries)));
  return {
    archive: path.join(dir, "cifar-jpeg.tar.gz"),
    manifestSource: {
      id: "jpeg-lossy",
      label: "jpeg-q75",
      variant: "jpeg-lossy",
      format: "jpeg-tar",
      lossy: true,
      mirrorDir: "cifar10-jpeg",
      files: [pin(dir, "cifar-jpeg.tar.gz")],
      jpeg: { root: "", layout: "split/class" },
    },
  };
}

/** A manifest for 2-class CIFAR-style data of 4x4x3: binary source (given) first, then the JPEG copy. */
export function cifarJpegManifest(binary: Manifest["sources"][number], jpeg: Manifest["sources"][number]): Manifest {
  return {
    name: "cifar10",
    title: "CIFAR-10 JPEG fixture",
    classes: ["airplane", "automobile"],
    shape: [4, 4, 3],
    counts: { train: 4, test: 2 },
    sources: [binary, jpeg],
  };
}

export interface FileServer {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

/**
 * A local HTTP server: /files/<name> serves <dir>/<name>, /redirect/<name> answers 302 to /files/<name>,
 * /garbage/<name> serves wrong bytes, anything else is 404.
 */
export async function serveFiles(dir: string): Promise<FileServer> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = req.url ?? "";
    requests.push(url);
    const [, kind, name] = url.split("/");
    const file = path.join(dir, decodeURIComponent(name ?? ""));
    if (kind === "redirect") {
      res.writeHead(302, { Location: `/files/${name}` }).end();
    } else if (kind === "files" && fs.existsSync(file)) {
      const body = fs.readFileSync(file);
      res.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": body.length }).end(body);
    } else if (kind === "garbage") {
      res.writeHead(200).end(Buffer.from("not the file you are looking for"));
    } else {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A URL on a port where nothing listens (a closed server's port): stands for "no network". */
export async function deadUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/nothing-here`;
}

/** Files in `dir` (recursively) whose name ends with .tmp: must be none after any load. */
export function tmpFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith(".tmp"));
}
