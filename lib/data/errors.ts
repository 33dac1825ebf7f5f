/** The one error type of lib/data: says which file, what was expected, what was found, and how to fix it. */

export type DatasetErrorCode =
  | "UNKNOWN_DATASET" // no manifest of that name
  | "BAD_MANIFEST" // a manifest that does not follow the schema
  | "NOT_FOUND" // not in the cache, not in the mirror, and no download succeeded
  | "DOWNLOAD_FAILED" // a download was attempted and every URL failed for a reason other than "not found"
  | "SIZE_MISMATCH" // a file of the wrong length (typically truncated)
  | "CHECKSUM_MISMATCH" // a file whose SHA-256 / MD5 / content digest differs from the manifest
  | "BAD_FORMAT" // a file that passed its checksum (or has none) but cannot be parsed as expected
  | "CACHE_CORRUPT"; // a decoded-cache file that fails its own checks

export interface DatasetErrorDetails {
  code: DatasetErrorCode;
  /** What went wrong, in a few words. */
  problem: string;
  /** The file (or URL) concerned. */
  file?: string;
  expected?: string;
  found?: string;
  /** What the user should do about it. */
  fix: string;
}

export class DatasetError extends Error {
  readonly code: DatasetErrorCode;
  readonly file?: string;
  readonly expected?: string;
  readonly found?: string;
  readonly fix: string;

  constructor(d: DatasetErrorDetails) {
    const lines = [d.problem];
    if (d.file !== undefined) lines.push(`  file: ${d.file}`);
    if (d.expected !== undefined) lines.push(`  expected: ${d.expected}`);
    if (d.found !== undefined) lines.push(`  found: ${d.found}`);
    lines.push(`  fix: ${d.fix}`);
    super(lines.join("\n"));
    this.name = "DatasetError";
    this.code = d.code;
    this.file = d.file;
    this.expected = d.expected;
    this.found = d.found;
    this.fix = d.fix;
  }
}
