/**
 * The idx format of MNIST: a big-endian uint32 magic (0x00 0x00 <type> <number of dims>; type 0x08 = uint8),
 * one big-endian uint32 per dimension, then the uint8 values in row-major order.
 * Images (`*-idx3-ubyte`) have magic 2051 = 0x00000803 and dims [N, rows, cols]; labels (`*-idx1-ubyte`)
 * have magic 2049 = 0x00000801 and dims [N].
 */
import { promises as fsp } from "node:fs";
import { DatasetError } from "./errors";
import { checkLabels, DecodeContext, DecodedData } from "./decode";
import { gunzipOrThrow } from "./tar";
import { Split } from "./types";

export const IDX_MAGIC_LABELS = 2049;
export const IDX_MAGIC_IMAGES = 2051;

export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

/** Parse one uncompressed idx file; every mismatch is a DatasetError naming `file`. */
export function parseIdx(buf: Uint8Array, expectedMagic: number, file: string, fix: string): IdxArray {
  const fail = (problem: string, expected: string, found: string): never => {
    throw new DatasetError({ code: "BAD_FORMAT", problem, file, expected, found, fix });
  };
  if (buf.length < 4) fail("The idx file is too short to hold its magic number.", "at least 4 bytes", `${buf.length} bytes`);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const magic = view.getUint32(0, false);
  if (magic !== expectedMagic) {
    fail("Wrong magic number at the start of the idx file.", `${expectedMagic} (big-endian uint32)`, `${magic}`);
  }
  const nDims = magic & 0xff;
  const headerBytes = 4 + 4 * nDims;
  if (buf.length < headerBytes) fail("The idx header is truncated.", `at least ${headerBytes} bytes`, `${buf.length} bytes`);
  const dims: number[] = [];
  for (let d = 0; d < nDims; d++) dims.push(view.getUint32(4 + 4 * d, false));
  const expectedLength = headerBytes + dims.reduce((a, b) => a * b, 1);
  if (buf.length !== expectedLength) {
    fail(
      `The idx data length does not match its header dims [${dims.join(", ")}] (${buf.length < expectedLength ? "truncated" : "trailing bytes"}).`,
      `${expectedLength} bytes after gunzip`,
      `${buf.length} bytes`,
    );
  }
  return { dims, data: buf.subarray(headerBytes) };
}

/** Decode an "idx-gz" source: four gzip'd idx files named in `source.idx`. */
export async function decodeIdxGz(ctx: DecodeContext): Promise<DecodedData> {
  const { manifest, source } = ctx;
  const names = source.idx!;
  const [h, w] = manifest.shape;
  const read = async (name: string, magic: number): Promise<IdxArray> => {
    const file = ctx.pathOf(name);
    const raw = await fsp.readFile(file);
    return parseIdx(await gunzipOrThrow(raw, file, ctx.fixFor(name)), magic, file, ctx.fixFor(name));
  };
  const splits: Record<string, Split> = {};
  for (const [split, imagesName, labelsName] of [
    ["train", names.trainImages, names.trainLabels],
    ["test", names.testImages, names.testLabels],
  ] as const) {
    const images = await read(imagesName, IDX_MAGIC_IMAGES);
    const labels = await read(labelsName, IDX_MAGIC_LABELS);
    const n = manifest.counts[split];
    expectDims(images.dims, [n, h, w], ctx.pathOf(imagesName), ctx.fixFor(imagesName));
    expectDims(labels.dims, [n], ctx.pathOf(labelsName), ctx.fixFor(labelsName));
    checkLabels(labels.data, manifest.classes.length, ctx.pathOf(labelsName), ctx.fixFor(labelsName));
    splits[split] = { images: images.data, labels: labels.data, n, shape: manifest.shape };
  }
  return { splits, info: {} };
}

function expectDims(found: number[], expected: number[], file: string, fix: string): void {
  if (found.join("x") !== expected.join("x")) {
    throw new DatasetError({
      code: "BAD_FORMAT",
      problem: "The idx dims differ from the manifest's counts and shape.",
      file,
      expected: `[${expected.join(", ")}]`,
      found: `[${found.join(", ")}]`,
      fix,
    });
  }
}
