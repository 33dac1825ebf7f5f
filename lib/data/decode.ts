/** What every format decoder receives and returns. */
import { DatasetError } from "./errors";
import { Manifest, ManifestSource } from "./manifest";
import { Split } from "./types";

export interface DecodeContext {
  manifest: Manifest;
  source: ManifestSource;
  /** Local path of one of the source's files (by manifest file name), already checksum-verified. */
  pathOf(name: string): string;
  /** The fix to suggest when that file turns out to be bad (depends on where it came from). */
  fixFor(name: string): string;
  log(msg: string): void;
}

export interface DecodedData {
  /** {train, test} or {all}, as in the manifest's counts. */
  splits: Record<string, Split>;
  info: { decoder?: string; notes?: string[] };
}

/** Every label must be a class index. */
export function checkLabels(labels: Uint8Array, numClasses: number, file: string, fix: string): void {
  const bad = labels.findIndex((l) => l >= numClasses);
  if (bad >= 0) {
    throw new DatasetError({
      code: "BAD_FORMAT",
      problem: "A label is out of range.",
      file,
      expected: `labels in 0..${numClasses - 1}`,
      found: `label ${labels[bad]} at record ${bad}`,
      fix,
    });
  }
}

/** The parts one after another in a new array (the part itself when there is only one). */
export function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
