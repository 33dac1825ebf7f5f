/**
 * Folders of JPEG files packed in a tar(.gz): root/<class>/<file> (layout "class", one split "all") or
 * root/<train|test>/<class>/<file> (layout "split/class"). Label = index of the class folder in the
 * manifest's class list, which must be the byte-wise sorted folder names (torchvision ImageFolder order).
 * Images are ordered by (label, file name byte-wise) within each split.
 *
 * Decoding uses sharp (libvips with libjpeg-turbo's decoder; sharp's prebuilt binaries ship mozjpeg, a
 * libjpeg-turbo fork with the same decoder), the decoder Pillow/torchvision use. A 1-component JPEG is
 * kept as 1 channel (libvips colourspace "b-w": the decoded gray values unchanged). Each file's frame
 * header (SOF) is read first so that the stored channel count is the file's own, never a conversion.
 */
import { contentDigest } from "./hash";
import { DecodeContext, DecodedData } from "./decode";
import { DatasetError } from "./errors";
import { Manifest, ManifestSource } from "./manifest";
import { readTarFile, TarEntry } from "./tar";
import { Split } from "./types";

/** Images decoded concurrently per batch (sharp queues them on libuv's thread pool). */
const DECODE_BATCH = 256;

export interface JpegFrame {
  width: number;
  height: number;
  components: number;
}

/** Read the frame header (SOFn marker) of a JPEG; null when the bytes are not a JPEG with a frame header. */
export function jpegFrame(buf: Uint8Array): JpegFrame | null {
  if (buf.length < 4 || buf[0] !== 0xff || buf[1] !== 0xd8) return null;
  let i = 2;
  while (i + 3 < buf.length) {
    if (buf[i] !== 0xff) return null;
    const marker = buf[i + 1];
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2; // markers without a length
      continue;
    }
    const length = (buf[i + 2] << 8) | buf[i + 3];
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof && i + 9 < buf.length) {
      return { height: (buf[i + 5] << 8) | buf[i + 6], width: (buf[i + 7] << 8) | buf[i + 8], components: buf[i + 9] };
    }
    if (marker === 0xda || marker === 0xd9) return null; // scan or end before any frame header
    i += 2 + length;
  }
  return null;
}

export interface JpegFile {
  relPath: string;
  split: string;
  label: number;
  fileName: string;
  data: Uint8Array;
}

/** Decode a "jpeg-tar" source. */
export async function decodeJpegTar(ctx: DecodeContext): Promise<DecodedData> {
  const { manifest, source } = ctx;
  const archiveName = source.files[0].name;
  const archive = ctx.pathOf(archiveName);
  const fix = ctx.fixFor(archiveName);
  ctx.log(`reading ${archive}`);
  const files = await readJpegFiles(archive, manifest, source, fix);
  const splits: Record<string, Split> = {};
  for (const split of Object.keys(manifest.counts)) {
    const inSplit = files.filter((f) => f.split === split).sort(byLabelThenName);
    if (inSplit.length !== manifest.counts[split]) {
      throw new DatasetError({
        code: "BAD_FORMAT",
        problem: `The archive holds the wrong number of ${split} images.`,
        file: archive,
        expected: `${manifest.counts[split]}`,
        found: `${inSplit.length}`,
        fix,
      });
    }
    ctx.log(`decoding ${inSplit.length} ${split} JPEGs`);
    splits[split] = {
      images: await decodeAll(inSplit, manifest.shape, archive, fix),
      labels: Uint8Array.from(inSplit, (f) => f.label),
      n: inSplit.length,
      shape: manifest.shape,
    };
  }
  return { splits, info: { decoder: await decoderName() } };
}

/**
 * The archive's image files with split and label, after checking the folder layout and (when the source
 * pins one) the content digest. `archive` is a local path; `shownAs` (default: that path) and `fix` go into
 * error messages.
 */
export async function readJpegFiles(archive: string, manifest: Manifest, source: ManifestSource, fix: string, shownAs = archive): Promise<JpegFile[]> {
  const files = selectFiles(await readTarFile(archive, fix), manifest, source, (problem, expected, found) => {
    throw new DatasetError({ code: "BAD_FORMAT", problem, file: shownAs, expected, found, fix });
  });
  const want = source.jpeg!.contentSha256;
  if (want) {
    const got = contentDigest(files.map((f) => ({ path: f.relPath, data: f.data })));
    if (got !== want) {
      throw new DatasetError({
        code: "CHECKSUM_MISMATCH",
        problem: "The archive's image files differ from the pinned content digest.",
        file: shownAs,
        expected: `content sha256 ${want}`,
        found: `content sha256 ${got}`,
        fix,
      });
    }
  }
  return files;
}

/** The files under the source's root, with split and label from their folders; anything unexpected fails. */
function selectFiles(entries: TarEntry[], manifest: Manifest, source: ManifestSource, fail: (p: string, e: string, f: string) => never): JpegFile[] {
  const { root, layout } = source.jpeg!;
  const classes = manifest.classes;
  const depth = layout === "class" ? 2 : 3;
  const splitNames = Object.keys(manifest.counts);
  const out: JpegFile[] = [];
  for (const e of entries) {
    const relPath = relativeToRoot(e.path, root);
    if (relPath === null) continue;
    const parts = relPath.split("/");
    const split = layout === "class" ? "all" : parts[0];
    const label = classes.indexOf(parts[depth - 2]);
    if (parts.length !== depth || label < 0 || !splitNames.includes(split)) {
      fail(
        "The archive has a file outside the expected folder layout.",
        `${root ? root + "/" : ""}${layout === "class" ? "" : "<train|test>/"}<one of ${classes.join(", ")}>/<file>`,
        e.path,
      );
    }
    out.push({ relPath, split, label, fileName: parts[depth - 1], data: e.data });
  }
  return out;
}

/** Path relative to root: "root/x" or, when root is not "", "<one top folder>/root/x" (GitHub tarballs). */
function relativeToRoot(p: string, root: string): string | null {
  if (root === "") return p;
  if (p.startsWith(root + "/")) return p.slice(root.length + 1);
  const slash = p.indexOf("/");
  const rest = slash < 0 ? "" : p.slice(slash + 1);
  return rest.startsWith(root + "/") ? rest.slice(root.length + 1) : null;
}

function byLabelThenName(a: JpegFile, b: JpegFile): number {
  return a.label - b.label || Buffer.compare(Buffer.from(a.fileName), Buffer.from(b.fileName));
}

/** Decodes every file with libjpeg-turbo (sharp), checking its frame header against `shape` first, into one NHWC uint8 buffer. */
export async function decodeAll(files: JpegFile[], shape: [number, number, number], archive: string, fix: string): Promise<Uint8Array> {
  const sharp = (await import("sharp")).default;
  const [h, w, c] = shape;
  const size = h * w * c;
  const out = new Uint8Array(files.length * size);
  const badFile = (f: JpegFile, found: string): never => {
    throw new DatasetError({
      code: "BAD_FORMAT",
      problem: "An image in the archive is not a JPEG of the expected size and channel count.",
      file: `${archive}:${f.relPath}`,
      expected: `a ${w}x${h} JPEG with ${c} component(s)`,
      found,
      fix,
    });
  };
  for (const f of files) {
    const frame = jpegFrame(f.data);
    if (!frame) badFile(f, "no JPEG frame header");
    else if (frame.width !== w || frame.height !== h || frame.components !== c) {
      badFile(f, `${frame.width}x${frame.height} with ${frame.components} component(s)`);
    }
  }
  const previousCache = sharp.cache();
  sharp.cache(false); // the operation cache only costs time when every input is different
  try {
    for (let start = 0; start < files.length; start += DECODE_BATCH) {
      const batch = files.slice(start, start + DECODE_BATCH);
      const decoded = await Promise.all(
        batch.map(async (f) => {
          const img = c === 1 ? sharp(f.data).toColourspace("b-w") : sharp(f.data);
          try {
            return await img.raw().toBuffer({ resolveWithObject: true });
          } catch (e) {
            return badFile(f, `decoder error: ${(e as Error).message}`);
          }
        }),
      );
      decoded.forEach(({ data, info }, k) => {
        if (info.width !== w || info.height !== h || info.channels !== c) {
          badFile(batch[k], `decoded to ${info.width}x${info.height}x${info.channels}`);
        }
        out.set(data, (start + k) * size);
      });
    }
  } finally {
    sharp.cache({ memory: previousCache.memory.max, files: previousCache.files.max, items: previousCache.items.max });
  }
  return out;
}

async function decoderName(): Promise<string> {
  const v = (await import("sharp")).default.versions as Record<string, string | undefined>;
  const jpeg = v.mozjpeg ? `mozjpeg ${v.mozjpeg} (libjpeg-turbo fork)` : "libjpeg-turbo";
  return `sharp ${v.sharp} / libvips ${v.vips} / ${jpeg}`;
}
