/**
 * Finding a source's raw files: the cache (`<cacheDir>/downloads/<file>`), then the mirror
 * (`<mirror>/<mirrorDir>/<file>`), then the file's canonical URLs. Downloads stream to a temporary file
 * next to their destination, are verified, fsync'd and only then renamed into place.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { removeStaleTemporaries, temporaryName } from "../io/files";
import { DatasetError } from "./errors";
import { hashFile } from "./hash";
import { Manifest, ManifestFile, ManifestSource, REPO_ROOT } from "./manifest";
import { Origin } from "./types";

export interface Dirs {
  cacheDir: string;
  /** null: no mirror. */
  mirror: string | null;
}

/**
 * cacheDir: option, else env HQNN_DATA_DIR, else <repo>/data/cache.
 * mirror: option (null disables), else env HQNN_DATA_MIRROR (empty string disables), else ../shared/data
 * relative to the repo root when that folder exists.
 */
export function resolveDirs(opts: { mirror?: string | null; cacheDir?: string }): Dirs {
  const cacheDir = path.resolve(opts.cacheDir ?? (process.env.HQNN_DATA_DIR || path.join(REPO_ROOT, "data", "cache")));
  let mirror: string | null;
  if (opts.mirror !== undefined) mirror = opts.mirror;
  else if (process.env.HQNN_DATA_MIRROR !== undefined) mirror = process.env.HQNN_DATA_MIRROR || null;
  else {
    const shared = path.resolve(REPO_ROOT, "..", "shared", "data");
    mirror = fs.existsSync(shared) ? shared : null;
  }
  return { cacheDir, mirror: mirror ? path.resolve(mirror) : null };
}

export interface LocatedFile {
  name: string;
  path: string;
  from: Origin;
  url?: string;
}

export const downloadPath = (dirs: Dirs, file: ManifestFile): string => path.join(dirs.cacheDir, "downloads", file.name);

export function mirrorPath(dirs: Dirs, source: ManifestSource, file: ManifestFile): string | null {
  return dirs.mirror ? path.join(dirs.mirror, source.mirrorDir, file.name) : null;
}

/** The source's files that exist locally (cache first, then mirror), by file name. */
export function locateLocal(source: ManifestSource, dirs: Dirs): Map<string, LocatedFile> {
  const found = new Map<string, LocatedFile>();
  for (const file of source.files) {
    const cached = downloadPath(dirs, file);
    const mirrored = mirrorPath(dirs, source, file);
    if (fs.existsSync(cached)) found.set(file.name, { name: file.name, path: cached, from: "cache" });
    else if (mirrored && fs.existsSync(mirrored)) found.set(file.name, { name: file.name, path: mirrored, from: "mirror" });
  }
  return found;
}

/** What to tell the user when a located file is bad. */
export function fixFor(located: LocatedFile, manifest: Manifest): string {
  if (located.from === "mirror") {
    return (
      `the mirror copy is damaged or not the expected file: replace it with the original (checksums in ` +
      `data/manifests/${manifest.name}.json), or point HQNN_DATA_MIRROR at another mirror folder (an empty value disables the mirror)`
    );
  }
  if (located.from === "download") {
    return `the file from ${located.url} is not the expected one: delete ${located.path} if it exists and re-run to download it again; if that keeps failing, the published file has changed`;
  }
  return `delete ${located.path} and re-run (it is fetched again from the mirror or the canonical URL)`;
}

/** Check size, SHA-256 and MD5 against the manifest (whichever it pins); throws a DatasetError. */
export async function verifyFile(located: LocatedFile, file: ManifestFile, manifest: Manifest): Promise<void> {
  if (!file.sha256 && !file.md5 && file.bytes === undefined) return; // verified by content digest while decoding
  const d = await hashFile(located.path);
  const fix = fixFor(located, manifest);
  const where = located.url ?? located.path;
  if (file.bytes !== undefined && d.bytes !== file.bytes) {
    throw new DatasetError({
      code: "SIZE_MISMATCH",
      problem: `The file has the wrong size (${d.bytes < file.bytes ? "truncated" : "too long"}).`,
      file: where,
      expected: `${file.bytes} bytes`,
      found: `${d.bytes} bytes`,
      fix,
    });
  }
  for (const algo of ["sha256", "md5"] as const) {
    const want = file[algo];
    if (want && want.toLowerCase() !== d[algo]) {
      throw new DatasetError({ code: "CHECKSUM_MISMATCH", problem: `The file's ${algo.toUpperCase()} differs from the manifest.`, file: where, expected: want, found: d[algo], fix });
    }
  }
}

/**
 * Download `file` into the cache from the first URL that works and passes `verify` (called on the
 * temporary file). Throws DOWNLOAD_FAILED when no URL could be fetched, or the verification error of
 * the last URL whose bytes were wrong.
 */
export async function downloadFile(
  dirs: Dirs,
  file: ManifestFile,
  verify: (located: LocatedFile) => Promise<void>,
  log: (msg: string) => void,
): Promise<LocatedFile> {
  const dest = downloadPath(dirs, file);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  removeStaleTemporaries(path.dirname(dest));
  const failures: string[] = [];
  let verifyError: unknown = null;
  for (const url of file.urls) {
    const tmp = temporaryName(dest);
    try {
      log(`downloading ${url}`);
      const res = await fetch(url, { redirect: "follow" });
      if (!res.ok || !res.body) {
        failures.push(`${url}: HTTP ${res.status} ${res.statusText}`);
        continue;
      }
      await pipeline(Readable.fromWeb(res.body as import("node:stream/web").ReadableStream), progress(file.name, Number(res.headers.get("content-length")), log), fs.createWriteStream(tmp, { flags: "wx" }));
      try {
        await verify({ name: file.name, path: tmp, from: "download", url });
      } catch (e) {
        verifyError = e;
        failures.push(`${url}: ${(e as Error).message.split("\n")[0]}`);
        continue;
      }
      const fd = fs.openSync(tmp, "r+");
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      fs.renameSync(tmp, dest);
      log(`saved ${dest}`);
      return { name: file.name, path: dest, from: "download", url };
    } catch (e) {
      const err = e as Error & { cause?: { code?: string; message?: string } };
      failures.push(`${url}: ${err.message}${err.cause ? ` (${err.cause.code ?? err.cause.message})` : ""}`);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }
  if (verifyError) throw verifyError;
  throw new DatasetError({
    code: "DOWNLOAD_FAILED",
    problem: `Could not download ${file.name}.`,
    file: dest,
    expected: `a download from ${file.urls.join(" or ") || "(no URL known)"}`,
    found: failures.join("; ") || "no URL to try",
    fix: "check the network connection, or put the file in the mirror folder (HQNN_DATA_MIRROR)",
  });
}

/** A pass-through stream that logs every further 10% of `total` bytes (when the length is known). */
function progress(name: string, total: number, log: (msg: string) => void): Transform {
  let done = 0;
  let nextReport = 0.1;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      done += chunk.length;
      if (total > 0 && done / total >= nextReport) {
        log(`${name}: ${Math.floor((100 * done) / total)}% of ${total} bytes`);
        nextReport = Math.floor((10 * done) / total) / 10 + 0.1;
      }
      callback(null, chunk);
    },
  });
}
