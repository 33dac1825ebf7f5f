/**
 * A small reader for tar archives (POSIX ustar, with the GNU and pax extensions that common writers emit),
 * optionally gzip-compressed. It returns the regular files only, as views into one decompressed buffer.
 *
 * Layout: a sequence of 512-byte header blocks, each followed by the entry's data padded to a multiple of
 * 512 bytes; the archive ends with two zero blocks. Header fields used: name (0..100), size (124..136, octal
 * or GNU base-256), chksum (148..156), typeflag (156), magic (257..263) and prefix (345..500, ustar).
 * Type '0'/NUL/'7' = regular file (kept), '5' = directory, 'x' = pax header for the next entry (its `path`
 * and `size` override), 'g' = pax global header, 'L' = GNU long name for the next entry; other types
 * (links, devices) are skipped.
 */
import { promises as fsp } from "node:fs";
import { promisify } from "node:util";
import * as zlib from "node:zlib";
import { DatasetError } from "./errors";

export interface TarEntry {
  /** Path inside the archive, with '/' separators, no leading "./" and no trailing '/'. */
  path: string;
  /** The file's bytes (a view into the archive buffer). */
  data: Uint8Array;
}

const BLOCK = 512;
const gunzip = promisify(zlib.gunzip);

/** Read `file` (a .tar.gz, .tgz or plain .tar) and return its regular files in archive order. */
export async function readTarFile(file: string, fix: string): Promise<TarEntry[]> {
  const raw = await fsp.readFile(file);
  const isGzip = raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b;
  return parseTar(isGzip ? await gunzipOrThrow(raw, file, fix) : raw, file, fix);
}

/** Gunzip a buffer; a damaged or truncated stream becomes a DatasetError naming `file`. */
export async function gunzipOrThrow(raw: Uint8Array, file: string, fix: string): Promise<Buffer> {
  try {
    return await gunzip(raw);
  } catch (e) {
    throw new DatasetError({
      code: "BAD_FORMAT",
      problem: "The file is not a complete gzip stream (truncated or damaged).",
      file,
      expected: "a valid gzip file",
      found: `zlib error: ${(e as Error).message}`,
      fix,
    });
  }
}

/** Parse an uncompressed tar archive held in `buf`; `file` and `fix` are used in error messages. */
export function parseTar(buf: Uint8Array, file: string, fix: string): TarEntry[] {
  const fail = (problem: string, found: string): never => {
    throw new DatasetError({ code: "BAD_FORMAT", problem, file, expected: "a complete tar archive", found, fix });
  };
  const entries: TarEntry[] = [];
  let pending: { path?: string; size?: number } = {};
  let offset = 0;
  for (;;) {
    if (offset + BLOCK > buf.length) fail("The tar archive ends without its end-of-archive marker (truncated).", `${buf.length} bytes`);
    const header = buf.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) return entries;
    if (!checksumOk(header)) fail("A tar header block has a wrong checksum (damaged archive).", `bad header at byte ${offset}`);

    const type = String.fromCharCode(header[156] || 0x30);
    const size = pending.size ?? readSize(header);
    const start = offset + BLOCK;
    const end = start + size;
    if (end > buf.length) fail("A tar entry runs past the end of the archive (truncated).", `entry at byte ${offset} needs ${size} bytes`);
    const data = buf.subarray(start, end);
    const path = normalisePath(pending.path ?? headerPath(header));
    offset = start + Math.ceil(size / BLOCK) * BLOCK;

    if (type === "x") {
      pending = parsePax(data);
      continue;
    }
    if (type === "L") {
      pending = { ...pending, path: cString(data) };
      continue;
    }
    pending = {};
    if (type === "0" || type === "7") entries.push({ path, data });
  }
}

function checksumOk(header: Uint8Array): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i];
  return sum === parseOctal(header.subarray(148, 156));
}

/** The size field: octal digits, or (GNU) base-256 big-endian when the first byte has its high bit set. */
function readSize(header: Uint8Array): number {
  const field = header.subarray(124, 136);
  if (field[0] & 0x80) {
    let v = field[0] & 0x7f;
    for (let i = 1; i < field.length; i++) v = v * 256 + field[i];
    return v;
  }
  return parseOctal(field);
}

function parseOctal(field: Uint8Array): number {
  const text = cString(field).trim();
  return text === "" ? 0 : parseInt(text, 8);
}

function cString(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  return Buffer.from(bytes.subarray(0, nul < 0 ? bytes.length : nul)).toString("utf8");
}

function headerPath(header: Uint8Array): string {
  const name = cString(header.subarray(0, 100));
  const isUstar = cString(header.subarray(257, 262)) === "ustar";
  const prefix = isUstar ? cString(header.subarray(345, 500)) : "";
  return prefix ? `${prefix}/${name}` : name;
}

function normalisePath(p: string): string {
  return p.replace(/^(\.\/)+/, "").replace(/\/+$/, "");
}

/** pax records: "<length> <key>=<value>\n", length in bytes; only `path` and `size` matter here. */
function parsePax(data: Uint8Array): { path?: string; size?: number } {
  const out: { path?: string; size?: number } = {};
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.length);
  let i = 0;
  while (i < bytes.length) {
    const space = bytes.indexOf(0x20, i);
    const length = parseInt(bytes.toString("latin1", i, space), 10);
    if (space < 0 || !(length > 0)) break;
    const record = bytes.toString("utf8", space + 1, i + length - 1);
    const eq = record.indexOf("=");
    if (record.slice(0, eq) === "path") out.path = record.slice(eq + 1);
    if (record.slice(0, eq) === "size") out.size = Number(record.slice(eq + 1));
    i += length;
  }
  return out;
}
