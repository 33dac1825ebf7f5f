/**
 * The decoded-dataset cache: one file per dataset variant, `<cacheDir>/<name>-<variant>.hqnnds`.
 *
 * Layout: the 8 ASCII bytes "HQNNDS01", a little-endian uint32 header length L, L bytes of header JSON
 * (CacheHeader), zero padding to a multiple of 8, then each array of `header.arrays` in order, each padded to
 * a multiple of 8 bytes. uint8 arrays are raw bytes; int32 arrays are little-endian. `payloadSha256` is the
 * SHA-256 of the arrays' bytes (without padding) and is checked on every read; `identity` ties the file to
 * the pinned checksums of the raw files it was decoded from.
 *
 * Files are written to a temporary name in the same folder, fsync'd and renamed, so a reader never sees a
 * half-written cache.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { writeAtomically } from "../io/files";
import { DatasetError } from "./errors";

const MAGIC = "HQNNDS01";
export const CACHE_VERSION = 1;

export type CacheArray = Uint8Array | Int32Array;

export interface CacheHeader {
  version: number;
  name: string;
  variant: string;
  /** Digest of the raw source's pinned checksums; a manifest change invalidates the cache. */
  identity: string;
  sourceId: string;
  /** The raw file path or URL the data was decoded from. */
  builtFrom: string;
  /** The verified checksums of those raw files (and the content digest, for JPEG archives). */
  checksums: { files: { name: string; sha256?: string; md5?: string }[]; contentSha256?: string };
  /** Free-form facts computed at decode time (decoder version, notes). */
  info: { decoder?: string; notes?: string[] };
  arrays: { name: string; dtype: "uint8" | "int32"; length: number }[];
  payloadSha256: string;
}

const pad8 = (n: number): number => (n + 7) & ~7;

function arrayBytes(a: CacheArray): Uint8Array {
  if (a instanceof Uint8Array) return a;
  const out = new Uint8Array(a.length * 4);
  const view = new DataView(out.buffer);
  a.forEach((v, i) => view.setInt32(4 * i, v, true));
  return out;
}

/** Write `arrays` with `header` atomically to `file`. */
export function writeCache(file: string, header: Omit<CacheHeader, "arrays" | "payloadSha256" | "version">, arrays: Record<string, CacheArray>): void {
  const entries = Object.entries(arrays).map(([name, a]) => ({ name, dtype: a instanceof Uint8Array ? ("uint8" as const) : ("int32" as const), bytes: arrayBytes(a), length: a.length }));
  const sha = createHash("sha256");
  for (const e of entries) sha.update(e.bytes);
  const full: CacheHeader = {
    version: CACHE_VERSION,
    ...header,
    arrays: entries.map(({ name, dtype, length }) => ({ name, dtype, length })),
    payloadSha256: sha.digest("hex"),
  };
  const json = Buffer.from(JSON.stringify(full), "utf8");
  const head = Buffer.alloc(pad8(12 + json.length));
  head.write(MAGIC, 0, "latin1");
  head.writeUInt32LE(json.length, 8);
  json.copy(head, 12);

  writeAtomically(file, (fd) => {
    writeAll(fd, head);
    for (const e of entries) {
      writeAll(fd, e.bytes);
      writeAll(fd, new Uint8Array(pad8(e.bytes.length) - e.bytes.length));
    }
  });
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) done += fs.writeSync(fd, bytes, done, bytes.length - done);
}

/** Only the header (cheap), or null when the file does not start with a readable cache header. */
export function readCacheHeader(file: string): CacheHeader | null {
  const fd = fs.openSync(file, "r");
  try {
    const head = Buffer.alloc(12);
    if (fs.readSync(fd, head, 0, 12, 0) < 12 || head.toString("latin1", 0, 8) !== MAGIC) return null;
    const json = Buffer.alloc(head.readUInt32LE(8));
    if (fs.readSync(fd, json, 0, json.length, 12) < json.length) return null;
    return JSON.parse(json.toString("utf8")) as CacheHeader;
  } catch {
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

/** Read a whole cache file and check its length and payload checksum. */
export function readCache(file: string): { header: CacheHeader; arrays: Record<string, CacheArray> } {
  const corrupt = (found: string): never => {
    throw new DatasetError({
      code: "CACHE_CORRUPT",
      problem: "The decoded-dataset cache file is damaged.",
      file,
      expected: "a complete cache file whose payload matches its recorded SHA-256",
      found,
      fix: `delete ${file} and re-run (it is rebuilt from the raw files)`,
    });
  };
  const header = readCacheHeader(file);
  if (!header) return corrupt("an unreadable header");
  const buf = fs.readFileSync(file);
  let offset = pad8(12 + buf.readUInt32LE(8));
  const expectedSize = header.arrays.reduce((o, a) => o + pad8(a.length * (a.dtype === "int32" ? 4 : 1)), offset);
  if (buf.length !== expectedSize) corrupt(`${buf.length} bytes instead of ${expectedSize}`);

  const sha = createHash("sha256");
  const arrays: Record<string, CacheArray> = {};
  for (const a of header.arrays) {
    const byteLength = a.length * (a.dtype === "int32" ? 4 : 1);
    const bytes = buf.subarray(offset, offset + byteLength);
    sha.update(bytes);
    arrays[a.name] = a.dtype === "uint8" ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) : readInt32LE(bytes);
    offset += pad8(byteLength);
  }
  const payload = sha.digest("hex");
  if (payload !== header.payloadSha256) corrupt(`payload sha256 ${payload}, header says ${header.payloadSha256}`);
  return { header, arrays };
}

function readInt32LE(bytes: Buffer): Int32Array {
  const out = new Int32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = bytes.readInt32LE(4 * i);
  return out;
}
