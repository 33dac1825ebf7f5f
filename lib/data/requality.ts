/**
 * A dataset re-encoded as JPEG at a lower quality, to measure what lossy compression costs a model: every image
 * of both splits through sharp's JPEG encoder (its bundled mozjpeg library with sharp's default, libjpeg-turbo-
 * compatible settings: baseline, 4:2:0 chroma subsampling, the given quality) and back through its decoder. Cached as `<cacheDir>/<name>-<variant>-q<quality>.hqnnds` (default
 * data/cache/, git-ignored), tied to the source's pixels by their SHA-256 and to the encoder's version; the PSNR
 * to the source is recomputed on every load (a fraction of a second).
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import sharp from "sharp";
import { readCache, readCacheHeader, writeCache } from "./cache";
import { resolveDirs } from "./resolve";
import { Dataset, Split } from "./types";

/** Images encoded concurrently per batch (sharp queues them on libuv's thread pool). */
const ENCODE_BATCH = 256;

export interface Requalified {
  dataset: Dataset;
  /** PSNR in dB of each split to the source, from the mean squared error over all its pixels and channels. */
  psnr: { train: number; test: number };
}

/** `dataset` with every image re-encoded at JPEG `quality` (1..100), cached, and the PSNR to `dataset`. */
export async function requalityJpeg(dataset: Dataset, quality: number, opts: { cacheDir?: string; log?: (msg: string) => void } = {}): Promise<Requalified> {
  if (!(Number.isInteger(quality) && quality >= 1 && quality <= 100)) throw new RangeError(`JPEG quality must be an integer in 1..100, got ${quality}`);
  const file = path.join(resolveDirs({ cacheDir: opts.cacheDir, mirror: null }).cacheDir, `${dataset.name}-${dataset.source.variant}-q${quality}.hqnnds`);
  const identity = identityOf(dataset, quality);
  if (!fs.existsSync(file) || readCacheHeader(file)?.identity !== identity) {
    opts.log?.(`re-encoding ${dataset.name} at JPEG quality ${quality} (4:2:0) into ${file}`);
    const [train, test] = [await reencode(dataset.train, quality), await reencode(dataset.test, quality)];
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeCache(file, {
      name: dataset.name, variant: `${dataset.source.variant}-q${quality}`, identity, sourceId: dataset.source.id, builtFrom: dataset.source.path,
      checksums: { files: dataset.source.files, contentSha256: dataset.source.content_sha256 }, info: { decoder: `sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}` },
    }, { trainImages: train, testImages: test });
  }
  const { arrays } = readCache(file);
  const train = { ...dataset.train, images: arrays.trainImages as Uint8Array };
  const test = { ...dataset.test, images: arrays.testImages as Uint8Array };
  const notes = [...dataset.info.notes, `re-encoded as JPEG quality ${quality}, 4:2:0 chroma subsampling (lib/data/requality.ts)`];
  return {
    dataset: { ...dataset, train, test, source: { ...dataset.source, variant: `${dataset.source.variant}-q${quality}`, lossy: true, path: file }, info: { ...dataset.info, notes } },
    psnr: { train: psnr(dataset.train.images, train.images), test: psnr(dataset.test.images, test.images) },
  };
}

/** The source pixels and labels, the quality and the encoder: what the cached file depends on. */
function identityOf(dataset: Dataset, quality: number): string {
  const h = createHash("sha256");
  for (const s of [dataset.train, dataset.test]) h.update(s.images).update(s.labels);
  return h.update(JSON.stringify({ quality, subsampling: "4:2:0", sharp: sharp.versions })).digest("hex");
}

async function reencode(split: Split, quality: number): Promise<Uint8Array> {
  const [height, width, channels] = split.shape, size = height * width * channels;
  const out = new Uint8Array(split.images.length);
  for (let start = 0; start < split.n; start += ENCODE_BATCH) {
    const end = Math.min(split.n, start + ENCODE_BATCH);
    await Promise.all(Array.from({ length: end - start }, async (_, k) => {
      const i = start + k;
      const raw = { width, height, channels: channels as 1 | 3 };
      const jpeg = await sharp(split.images.subarray(i * size, (i + 1) * size), { raw }).jpeg({ quality, chromaSubsampling: "4:2:0" }).toBuffer();
      const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
      if (info.channels !== channels || data.length !== size) throw new Error(`re-encoded image ${i} decoded to ${info.channels} channels, ${data.length} bytes`);
      out.set(data, i * size);
    }));
  }
  return out;
}

/** 10 log10(255^2 / MSE) over all values of two equally long byte arrays (Infinity when identical). */
export function psnr(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) throw new RangeError(`psnr: ${a.length} and ${b.length} values`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) { const d = a[i] - b[i]; sum += d * d; }
  return 10 * Math.log10((255 * 255) / (sum / a.length));
}
