/** Checksums: SHA-256 / MD5 of files (streamed) and the content digest of a folder of files. */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

export interface FileDigest {
  bytes: number;
  sha256: string;
  md5: string;
}

/** Size, SHA-256 and MD5 of a file, in one streamed pass (lowercase hex). */
export async function hashFile(file: string): Promise<FileDigest> {
  const sha = createHash("sha256");
  const md5 = createHash("md5");
  let bytes = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    sha.update(chunk as Buffer);
    md5.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sha256: sha.digest("hex"), md5: md5.digest("hex") };
}

export function sha256Hex(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * Content digest of a set of files, independent of how they were packed:
 *   SHA-256 of the text made of one line "<sha256 of the file's bytes>  <relative path>\n" per file,
 *   lines sorted by relative path (byte-wise, UTF-8).
 * This is what `find . -type f | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum | sha256sum` prints
 * when run inside the folder.
 */
export function contentDigest(files: { path: string; data: Uint8Array }[]): string {
  const lines = files
    .map((f) => ({ key: Buffer.from(f.path, "utf8"), line: `${sha256Hex(f.data)}  ${f.path}\n` }))
    .sort((a, b) => Buffer.compare(a.key, b.key));
  const h = createHash("sha256");
  for (const l of lines) h.update(l.line);
  return h.digest("hex");
}
