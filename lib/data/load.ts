/**
 * loadDataset: manifest → (decoded cache | raw files from cache or mirror | download) → verified → Dataset.
 *
 * Order: for each source of the manifest, in order of preference, first its decoded cache, then its raw
 * files in the cache or the mirror; only when no source is available locally, downloads, source by source.
 * So with the shared mirror, CIFAR-10 comes from the official binary batches when they are in the cache or
 * mirror, else from the lossy JPEG copy; it is downloaded only when neither is present (or when
 * `source: "binary"` restricts the choice).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { CACHE_VERSION, CacheArray, readCache, readCacheHeader, writeCache } from "./cache";
import { decodeCifarBinary } from "./cifar-binary";
import { concat, DecodeContext, DecodedData } from "./decode";
import { duplicateGroups, duplicateInfo } from "./duplicates";
import { DatasetError } from "./errors";
import { sha256Hex } from "./hash";
import { decodeIdxGz } from "./idx";
import { decodeJpegTar, readJpegFiles } from "./jpeg";
import { checkManifest, DEFAULT_MANIFESTS_DIR, Manifest, ManifestSource, readManifest } from "./manifest";
import { Dirs, downloadFile, downloadPath, fixFor, LocatedFile, locateLocal, mirrorPath, resolveDirs, verifyFile } from "./resolve";
import { seededSplit } from "./split";
import { Dataset, DatasetInfo, DatasetName, Origin, SourceInfo, Split } from "./types";

export interface LoadOptions {
  /** Mirror folder; null disables. Default: env HQNN_DATA_MIRROR, else ../shared/data from the repo root if it exists. */
  mirror?: string | null;
  /** Cache folder. Default: env HQNN_DATA_DIR, else <repo>/data/cache. */
  cacheDir?: string;
  /** Progress messages (default: silent). */
  log?: (msg: string) => void;
  /** Use only the manifest source with this id or variant (e.g. "binary" or "jpeg-lossy" for cifar10). */
  source?: string;
  /** A manifest object to use instead of data/manifests/<name>.json (tests, custom datasets). */
  manifest?: Manifest;
  /** Folder of manifests. Default: env HQNN_DATA_MANIFESTS, else <repo>/data/manifests. */
  manifestsDir?: string;
  /** Seed of the train/test split of datasets without an official one (Medical MNIST). Default 0. */
  splitSeed?: number;
  /** Stratify that split by class (each class split in the same proportion). Default false. */
  stratify?: boolean;
}

/** What is stored in (and read back from) the decoded cache. */
interface Stored {
  splits: Record<string, Split>;
  /** duplicateGroups over the stored splits concatenated in manifest.counts key order. */
  groups: Int32Array;
  info: DecodedData["info"];
  source: SourceInfo;
}

const DECODERS: Record<ManifestSource["format"], (ctx: DecodeContext) => Promise<DecodedData>> = {
  "idx-gz": decodeIdxGz,
  "cifar-binary-tar": decodeCifarBinary,
  "jpeg-tar": decodeJpegTar,
};

export async function loadDataset(name: DatasetName | string, opts: LoadOptions = {}): Promise<Dataset> {
  const manifest = opts.manifest
    ? checkManifest(opts.manifest, "options.manifest")
    : readManifest(name, opts.manifestsDir ?? (process.env.HQNN_DATA_MANIFESTS || DEFAULT_MANIFESTS_DIR));
  const dirs = resolveDirs(opts);
  const log = opts.log ?? (() => undefined);
  const sources = manifest.sources.filter((s) => opts.source === undefined || s.id === opts.source || s.variant === opts.source);
  if (sources.length === 0) {
    throw new DatasetError({
      code: "UNKNOWN_DATASET",
      problem: `Dataset ${manifest.name} has no source "${opts.source}".`,
      expected: `one of: ${manifest.sources.map((s) => s.id).join(", ")}`,
      fix: "pick one of the sources above, or leave the source unset",
    });
  }

  for (const source of sources) {
    const cached = readDecodedCache(manifest, source, dirs, log);
    if (cached) return finish(manifest, cached, opts);
    const local = locateLocal(source, dirs);
    if (local.size === source.files.length) return finish(manifest, await decodeAndCache(manifest, source, local, dirs, log), opts);
  }

  const downloadFailures: string[] = [];
  for (const source of sources) {
    const local = locateLocal(source, dirs);
    const missing = source.files.filter((f) => !local.has(f.name));
    if (missing.some((f) => f.urls.length === 0)) continue;
    try {
      for (const file of missing) {
        const verify = (located: LocatedFile) => verifyDownload(located, manifest, source);
        local.set(file.name, await downloadFile(dirs, file, verify, log));
      }
    } catch (e) {
      if (!(e instanceof DatasetError) || e.code !== "DOWNLOAD_FAILED") throw e;
      downloadFailures.push(`${source.id}: ${e.found}`);
      continue;
    }
    return finish(manifest, await decodeAndCache(manifest, source, local, dirs, log), opts);
  }
  throw notFound(manifest, sources, dirs, downloadFailures);
}

function notFound(manifest: Manifest, sources: ManifestSource[], dirs: Dirs, downloadFailures: string[]): DatasetError {
  const places = sources.flatMap((s) =>
    s.files.map((f) => `${downloadPath(dirs, f)}${dirs.mirror ? ` or ${mirrorPath(dirs, s, f)}` : ""}`),
  );
  return new DatasetError({
    code: "NOT_FOUND",
    problem: `Dataset ${manifest.name} is not available: not in the cache, not in the mirror, and no download succeeded.`,
    file: places.join("; "),
    expected: `the files of data/manifests/${manifest.name}.json`,
    found: `mirror: ${dirs.mirror ? dirs.mirror + (fs.existsSync(dirs.mirror) ? "" : " (does not exist)") : "none (disabled, or ../shared/data absent)"}; downloads: ${downloadFailures.join("; ") || "none possible (no URL)"}`,
    fix: `set HQNN_DATA_MIRROR=<folder holding ${[...new Set(sources.map((s) => s.mirrorDir + "/"))].join(" or ")}>, or put the files in ${path.join(dirs.cacheDir, "downloads")}, or connect to the internet and re-run`,
  });
}

/** Checks a download before it is kept: checksums, and for JPEG archives without a pinned SHA-256 the content digest. */
async function verifyDownload(located: LocatedFile, manifest: Manifest, source: ManifestSource): Promise<void> {
  const file = source.files.find((f) => f.name === located.name)!;
  await verifyFile(located, file, manifest);
  if (source.format === "jpeg-tar" && !file.sha256) await readJpegFiles(located.path, manifest, source, fixFor(located, manifest), located.url);
}

/** Identity of what a source decodes to: its pinned checksums plus the manifest fields that shape decoding. */
function identity(manifest: Manifest, source: ManifestSource): string {
  const content = source.jpeg?.contentSha256 ?? source.files.map((f) => `${f.name}:${f.sha256}`).sort().join(",");
  return sha256Hex(JSON.stringify({ v: CACHE_VERSION, format: source.format, classes: manifest.classes, shape: manifest.shape, counts: manifest.counts, content }));
}

const cacheFile = (manifest: Manifest, source: ManifestSource, dirs: Dirs): string =>
  path.join(dirs.cacheDir, `${manifest.name}-${source.variant}.hqnnds`);

function readDecodedCache(manifest: Manifest, source: ManifestSource, dirs: Dirs, log: (m: string) => void): Stored | null {
  const file = cacheFile(manifest, source, dirs);
  if (!fs.existsSync(file)) return null;
  const header = readCacheHeader(file);
  if (header && (header.version !== CACHE_VERSION || header.identity !== identity(manifest, source))) {
    log(`${file} was built from other files or by another version; rebuilding it`);
    return null;
  }
  const { header: h, arrays } = readCache(file);
  const splits: Record<string, Split> = {};
  for (const split of Object.keys(manifest.counts)) {
    const images = arrays[`${split}.images`] as Uint8Array;
    const labels = arrays[`${split}.labels`] as Uint8Array;
    splits[split] = { images, labels, n: labels.length, shape: manifest.shape };
  }
  log(`${manifest.name}: read the decoded cache ${file}`);
  const sourceInfo = describeSource(manifest, source, "cache", file);
  return { splits, groups: arrays.groups as Int32Array, info: h.info, source: { ...sourceInfo, built_from: h.builtFrom } };
}

async function decodeAndCache(manifest: Manifest, source: ManifestSource, local: Map<string, LocatedFile>, dirs: Dirs, log: (m: string) => void): Promise<Stored> {
  for (const located of local.values()) {
    if (located.from !== "download") {
      log(`verifying ${located.path}`);
      await verifyFile(located, source.files.find((f) => f.name === located.name)!, manifest); // a content digest is checked while decoding
    }
  }
  const ctx: DecodeContext = {
    manifest,
    source,
    pathOf: (n) => local.get(n)!.path,
    fixFor: (n) => fixFor(local.get(n)!, manifest),
    log: (m) => log(`${manifest.name}: ${m}`),
  };
  const decoded = await DECODERS[source.format](ctx);
  const splitNames = Object.keys(manifest.counts);
  const [h, w, c] = manifest.shape;
  const groups = duplicateGroups(concat(splitNames.map((s) => decoded.splits[s].images)), h * w * c);

  const origins = [...local.values()];
  const from: Origin = origins.some((l) => l.from === "download") ? "download" : origins.some((l) => l.from === "mirror") ? "mirror" : "cache";
  const folders = [...new Set(origins.map((l) => path.dirname(l.path)))];
  const rawPath = origins.length === 1 ? origins[0].path : folders.length === 1 ? folders[0] : origins.map((l) => l.path).join(", ");
  const url = origins.find((l) => l.url)?.url;
  const builtFrom = url ?? rawPath;

  const arrays: Record<string, CacheArray> = { groups };
  for (const s of splitNames) {
    arrays[`${s}.images`] = decoded.splits[s].images;
    arrays[`${s}.labels`] = decoded.splits[s].labels;
  }
  const file = cacheFile(manifest, source, dirs);
  const checksums = { files: source.files.map(({ name, sha256, md5 }) => ({ name, sha256, md5 })), contentSha256: source.jpeg?.contentSha256 };
  writeCache(file, { name: manifest.name, variant: source.variant, identity: identity(manifest, source), sourceId: source.id, builtFrom, checksums, info: decoded.info }, arrays);
  log(`${manifest.name}: wrote the decoded cache ${file}`);
  return { splits: decoded.splits, groups, info: decoded.info, source: { ...describeSource(manifest, source, from, rawPath), ...(url ? { url } : {}) } };
}

function describeSource(manifest: Manifest, source: ManifestSource, from: Origin, where: string): SourceInfo {
  return {
    kind: source.lossy ? "jpeg-lossy" : from,
    from,
    id: source.id,
    ...(source.label ? { label: source.label } : {}),
    variant: source.variant,
    lossy: source.lossy,
    path: where,
    files: source.files.map(({ name, sha256, md5, bytes }) => ({ name, sha256, md5, bytes })),
    ...(source.jpeg?.contentSha256 ? { content_sha256: source.jpeg.contentSha256 } : {}),
    ...(source.note ? { note: source.note } : {}),
  };
}

/** Build the Dataset: split a dataset stored as "all", count classes and duplicates. */
function finish(manifest: Manifest, stored: Stored, opts: LoadOptions): Dataset {
  let train: Split;
  let test: Split;
  let trainIdx: ArrayLike<number>;
  let testIdx: ArrayLike<number>;
  let split: DatasetInfo["split"];
  let labelsAll: Uint8Array;
  if (stored.splits.all) {
    const all = stored.splits.all;
    const seed = opts.splitSeed ?? 0;
    const stratified = opts.stratify ?? false;
    const testFraction = manifest.split!.testFraction;
    const s = seededSplit(all, { testFraction, seed, stratify: stratified });
    [train, test, trainIdx, testIdx, labelsAll] = [s.train, s.test, s.trainIndices, s.testIndices, all.labels];
    split = { seed, testFraction, train: train.n, test: test.n, stratified, method: "seededSplit (lib/data/split.ts): xoshiro128** + Fisher-Yates, test = ceil(testFraction * n)" };
  } else {
    [train, test] = [stored.splits.train, stored.splits.test];
    trainIdx = subsetRange(0, train.n);
    testIdx = subsetRange(train.n, train.n + test.n);
    labelsAll = concat([train.labels, test.labels]);
  }
  const info: DatasetInfo = {
    title: manifest.title,
    channels: manifest.shape[2],
    classCounts: { train: classCounts(train, manifest.classes.length), test: classCounts(test, manifest.classes.length) },
    duplicates: duplicateInfo(stored.groups, labelsAll, manifest.classes, trainIdx, testIdx),
    ...(stored.info.decoder ? { decoder: stored.info.decoder } : {}),
    ...(split ? { split } : {}),
    notes: [...(manifest.notes ?? []), ...(stored.info.notes ?? [])],
  };
  return { name: manifest.name, classes: manifest.classes, shape: manifest.shape, train, test, source: stored.source, checksumsOk: true, info };
}

function subsetRange(start: number, end: number): Int32Array {
  return Int32Array.from({ length: end - start }, (_, i) => start + i);
}

function classCounts(split: Split, numClasses: number): number[] {
  const counts = new Array<number>(numClasses).fill(0);
  for (let i = 0; i < split.n; i++) counts[split.labels[i]]++;
  return counts;
}

