/**
 * Dataset manifests (`data/manifests/<name>.json`): what a dataset's files are, how to check them and where
 * to get them. A manifest lists one or more sources in order of preference; each source is one way to
 * obtain the same dataset (sources with the same `variant` decode to identical pixels).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DatasetError } from "./errors";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
export const DEFAULT_MANIFESTS_DIR = path.join(REPO_ROOT, "data", "manifests");

export interface ManifestFile {
  /** File name, used in the cache (`<cacheDir>/downloads/<name>`) and the mirror (`<mirror>/<mirrorDir>/<name>`). */
  name: string;
  bytes?: number;
  sha256?: string;
  md5?: string;
  /** Canonical download URLs, tried in order. */
  urls: string[];
}

export type SourceFormat = "idx-gz" | "cifar-binary-tar" | "jpeg-tar";

export interface ManifestSource {
  id: string;
  /** Public name of the data this source yields, printed by `data verify` (e.g. "official-binary", "jpeg-q75"). */
  label?: string;
  /** Sources of the same variant decode to the same pixels and share one decoded cache. */
  variant: string;
  format: SourceFormat;
  /** True when the pixels are not the official ones (e.g. a JPEG re-encoding). */
  lossy: boolean;
  /** Folder of the mirror holding this source's files. */
  mirrorDir: string;
  files: ManifestFile[];
  /** idx-gz: which file holds what. */
  idx?: { trainImages: string; trainLabels: string; testImages: string; testLabels: string };
  /** cifar-binary-tar: archive members (3073-byte records) of each split, in order. */
  cifar?: { train: string[]; test: string[] };
  /**
   * jpeg-tar: `root` is the archive folder holding the images ("" = archive top); `layout` "class" means
   * root/<class>/<file> (one split "all"), "split/class" means root/<train|test>/<class>/<file>.
   * `contentSha256` is the content digest (lib/data/hash.ts) of all files under root, paths relative to root.
   */
  jpeg?: { root: string; layout: "class" | "split/class"; contentSha256?: string };
  note?: string;
}

export interface Manifest {
  name: string;
  title: string;
  /** Class names; label = index in this list. */
  classes: string[];
  /** [height, width, channels] of every image. */
  shape: [number, number, number];
  /** Image counts of the stored splits: {train, test}, or {all} for a dataset without an official split. */
  counts: Record<string, number>;
  /** For datasets stored as "all": the seeded split made at load time. */
  split?: { testFraction: number };
  sources: ManifestSource[];
  notes?: string[];
}

/** Read and check `<dir>/<name>.json`. */
export function readManifest(name: string, dir: string = DEFAULT_MANIFESTS_DIR): Manifest {
  const file = path.join(dir, `${name}.json`);
  if (!/^[a-z0-9_-]+$/i.test(name) || !fs.existsSync(file)) {
    const known = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -5)) : [];
    throw new DatasetError({
      code: "UNKNOWN_DATASET",
      problem: `Unknown dataset "${name}".`,
      file,
      expected: `one of: ${known.join(", ") || "(no manifests found)"}`,
      fix: "use one of the names above",
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw badManifest(file, `invalid JSON: ${(e as Error).message}`);
  }
  return checkManifest(parsed, file);
}

function badManifest(file: string, found: string): DatasetError {
  return new DatasetError({
    code: "BAD_MANIFEST",
    problem: "The dataset manifest does not follow the schema of lib/data/manifest.ts.",
    file,
    found,
    fix: "restore the manifest from git (git checkout -- data/manifests) or correct the field named above",
  });
}

/** Check the fields the loader relies on; `where` names the manifest in errors. */
export function checkManifest(m: unknown, where: string): Manifest {
  const fail = (msg: string): never => {
    throw badManifest(where, msg);
  };
  const o = m as Manifest;
  if (typeof o !== "object" || o === null) fail("not an object");
  if (typeof o.name !== "string") fail("name: not a string");
  if (!Array.isArray(o.classes) || o.classes.length < 1 || o.classes.length > 256) fail("classes: need 1..256 names");
  if (!Array.isArray(o.shape) || o.shape.length !== 3 || !o.shape.every((d) => Number.isInteger(d) && d > 0)) {
    fail("shape: need [height, width, channels] of positive integers");
  }
  const splits = Object.keys(o.counts ?? {}).sort().join(",");
  if (splits !== "test,train" && splits !== "all") fail(`counts: need {train, test} or {all}, got {${splits}}`);
  if (splits === "all" && !(o.split && o.split.testFraction > 0 && o.split.testFraction < 1)) {
    fail("split.testFraction: needed in (0, 1) when counts is {all}");
  }
  if (!Array.isArray(o.sources) || o.sources.length === 0) fail("sources: need at least one");
  for (const s of o.sources) checkSource(s, o, splits, fail);
  return o;
}

function checkSource(s: ManifestSource, o: Manifest, splits: string, fail: (msg: string) => never): void {
  const at = `source "${s.id}"`;
  if (typeof s.id !== "string" || typeof s.variant !== "string" || typeof s.mirrorDir !== "string") {
    fail(`${at}: id, variant and mirrorDir must be strings`);
  }
  if (typeof s.lossy !== "boolean") fail(`${at}: lossy must be true or false`);
  if (!Array.isArray(s.files) || s.files.length === 0) fail(`${at}: files: need at least one`);
  for (const f of s.files) {
    if (typeof f.name !== "string" || f.name.includes("/") || !Array.isArray(f.urls)) fail(`${at}: bad file entry ${JSON.stringify(f)}`);
    if (!f.sha256 && !s.jpeg?.contentSha256) fail(`${at}: file ${f.name} needs sha256 (or the source a content digest)`);
  }
  const names = new Set(s.files.map((f) => f.name));
  if (s.format === "idx-gz") {
    if (!s.idx || ![s.idx.trainImages, s.idx.trainLabels, s.idx.testImages, s.idx.testLabels].every((n) => names.has(n))) {
      fail(`${at}: idx must name four of its files`);
    }
    if (o.shape[2] !== 1) fail(`${at}: idx images have one channel`);
  } else if (s.format === "cifar-binary-tar") {
    if (s.files.length !== 1 || !s.cifar || !Array.isArray(s.cifar.train) || !Array.isArray(s.cifar.test)) {
      fail(`${at}: need one archive file and cifar.train / cifar.test member lists`);
    }
  } else if (s.format === "jpeg-tar") {
    const layoutSplits = s.jpeg?.layout === "class" ? "all" : s.jpeg?.layout === "split/class" ? "test,train" : "";
    if (s.files.length !== 1 || typeof s.jpeg?.root !== "string") fail(`${at}: need one archive file and jpeg.root`);
    if (layoutSplits !== splits) fail(`${at}: jpeg.layout "${s.jpeg?.layout}" does not give the splits {${splits}}`);
    const sorted = [...o.classes].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    if (sorted.join("/") !== o.classes.join("/")) fail(`${at}: classes must be the folder names in byte-wise sorted order (${sorted.join(", ")})`);
  } else {
    fail(`${at}: unknown format "${(s as { format: string }).format}"`);
  }
  if (s.format !== "jpeg-tar" && splits !== "test,train") fail(`${at}: format ${s.format} gives {train, test}`);
}
