/**
 * The official CIFAR-10 binary batches (cifar-10-binary.tar.gz): members data_batch_1..5.bin and
 * test_batch.bin, each a sequence of 3073-byte records: 1 label byte, then the 1024 red, 1024 green and
 * 1024 blue values of a 32x32 image, each plane row-major. Records are converted to HWC here.
 */
import { checkLabels, concat, DecodeContext, DecodedData } from "./decode";
import { DatasetError } from "./errors";
import { readTarFile } from "./tar";
import { Shape, Split } from "./types";

/** Convert records (label byte + planar CHW pixels) into HWC images and labels. */
export function parseCifarRecords(buf: Uint8Array, shape: Shape, file: string, fix: string): { images: Uint8Array; labels: Uint8Array } {
  const [h, w, c] = shape;
  const plane = h * w;
  const recordBytes = 1 + plane * c;
  if (buf.length === 0 || buf.length % recordBytes !== 0) {
    throw new DatasetError({
      code: "BAD_FORMAT",
      problem: "The CIFAR batch is not a whole number of records (truncated or not a batch file).",
      file,
      expected: `a positive multiple of ${recordBytes} bytes`,
      found: `${buf.length} bytes`,
      fix,
    });
  }
  const n = buf.length / recordBytes;
  const images = new Uint8Array(n * plane * c);
  const labels = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    const rec = r * recordBytes;
    labels[r] = buf[rec];
    const out = r * plane * c;
    for (let ch = 0; ch < c; ch++) {
      const src = rec + 1 + ch * plane;
      for (let p = 0; p < plane; p++) images[out + p * c + ch] = buf[src + p];
    }
  }
  return { images, labels };
}

/** Decode a "cifar-binary-tar" source: the members listed in `source.cifar`, concatenated per split. */
export async function decodeCifarBinary(ctx: DecodeContext): Promise<DecodedData> {
  const { manifest, source } = ctx;
  const archiveName = source.files[0].name;
  const archive = ctx.pathOf(archiveName);
  const fix = ctx.fixFor(archiveName);
  const members = new Map((await readTarFile(archive, fix)).map((e) => [e.path, e.data]));
  const splits: Record<string, Split> = {};
  for (const split of ["train", "test"] as const) {
    const parts = source.cifar![split].map((member) => {
      const data = members.get(member);
      if (!data) {
        throw new DatasetError({
          code: "BAD_FORMAT",
          problem: "A CIFAR batch is missing from the archive.",
          file: archive,
          expected: `member ${member}`,
          found: `members: ${[...members.keys()].join(", ")}`,
          fix,
        });
      }
      const parsed = parseCifarRecords(data, manifest.shape, `${archive}:${member}`, fix);
      checkLabels(parsed.labels, manifest.classes.length, `${archive}:${member}`, fix);
      return parsed;
    });
    const n = parts.reduce((a, p) => a + p.labels.length, 0);
    if (n !== manifest.counts[split]) {
      throw new DatasetError({
        code: "BAD_FORMAT",
        problem: `The ${split} batches hold the wrong number of images.`,
        file: archive,
        expected: `${manifest.counts[split]} records`,
        found: `${n} records`,
        fix,
      });
    }
    splits[split] = { images: concat(parts.map((p) => p.images)), labels: concat(parts.map((p) => p.labels)), n, shape: manifest.shape };
  }
  return { splits, info: {} };
}
