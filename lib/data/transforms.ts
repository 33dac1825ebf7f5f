/**
 * Image transforms used in the paper, on one Float32 image in HWC layout (row-major, channels last: the
 * value of pixel (y, x), channel k is data[(y * width + x) * channels + k]). HWC matches Split and tfjs's
 * NHWC, so no transposition is needed anywhere. All functions return a new image; randomness comes only
 * from the Rng passed in (lib/data/prng.ts), so a seed fixes every result.
 *
 * Coordinates: pixel i covers [i, i+1), its centre is i + 0.5 ("half-pixel" convention, align_corners=False).
 */
import { Rng } from "./prng";

export interface FloatImage {
  data: Float32Array;
  height: number;
  width: number;
  channels: number;
}

/** uint8 HWC → Float32 HWC in [0, 1] (x / 255), like torchvision's ToTensor (without its CHW transpose). */
export function toUnitFloat(pixels: Uint8Array, height: number, width: number, channels: number): FloatImage {
  if (pixels.length !== height * width * channels) throw new RangeError("pixel count does not match the shape");
  return { data: Float32Array.from(pixels, (v) => v / 255), height, width, channels };
}

/** One output index's input taps: the first input index and the weights of consecutive inputs. */
interface Taps {
  start: number;
  weights: number[];
}

/**
 * PyTorch F.interpolate(mode="bilinear", align_corners=False, antialias=False), per axis:
 * src = max((i + 0.5) * in/out - 0.5, 0); i0 = floor(src); i1 = min(i0 + 1, in - 1); λ = src - i0;
 * out = (1 - λ) x[i0] + λ x[i1]. When downscaling this only looks at the two nearest inputs.
 */
function plainTaps(inSize: number, outSize: number): Taps[] {
  const scale = inSize / outSize;
  return Array.from({ length: outSize }, (_, i) => {
    const src = Math.max((i + 0.5) * scale - 0.5, 0);
    const i0 = Math.min(Math.floor(src), inSize - 1);
    const lambda = src - i0;
    return i0 + 1 < inSize ? { start: i0, weights: [1 - lambda, lambda] } : { start: i0, weights: [1] };
  });
}

/**
 * Antialiased bilinear (PIL's BILINEAR resample = torchvision's antialias=True), per axis: a triangle
 * filter stretched by s = max(in/out, 1). centre = (i + 0.5) * in/out; inputs j in
 * [trunc(centre - s + 0.5) clamped to 0, trunc(centre + s + 0.5) clamped to in) get weight
 * max(0, 1 - |(j + 0.5 - centre) / s|), normalised to sum 1. When upscaling (s = 1) this equals plainTaps.
 */
function antialiasTaps(inSize: number, outSize: number): Taps[] {
  const scale = inSize / outSize;
  const support = Math.max(scale, 1);
  return Array.from({ length: outSize }, (_, i) => {
    const centre = (i + 0.5) * scale;
    const start = Math.max(Math.trunc(centre - support + 0.5), 0);
    const end = Math.min(Math.trunc(centre + support + 0.5), inSize);
    const raw = Array.from({ length: end - start }, (_, k) => Math.max(0, 1 - Math.abs((start + k + 0.5 - centre) / support)));
    const total = raw.reduce((a, b) => a + b, 0);
    return { start, weights: raw.map((v) => v / total) };
  });
}

/**
 * Bilinear resize to outHeight x outWidth, separable (rows, then columns), computed in float64.
 * antialias false (default): PyTorch F.interpolate(mode="bilinear", align_corners=False, antialias=False).
 * antialias true: torchvision's resize with antialias=True on float tensors, i.e. PIL's bilinear filter
 * without PIL's rounding to uint8 (PIL on uint8 images agrees to within that rounding).
 */
export function resizeBilinear(img: FloatImage, outHeight: number, outWidth: number, opts: { antialias?: boolean } = {}): FloatImage {
  const { height: h, width: w, channels: c, data } = img;
  if (!(Number.isInteger(outHeight) && Number.isInteger(outWidth) && outHeight > 0 && outWidth > 0)) {
    throw new RangeError(`output size must be positive integers, got ${outHeight}x${outWidth}`);
  }
  const taps = opts.antialias ? antialiasTaps : plainTaps;
  const xTaps = taps(w, outWidth);
  const yTaps = taps(h, outHeight);
  const rows = new Float64Array(h * outWidth * c); // horizontal pass
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < outWidth; x++) {
      const { start, weights } = xTaps[x];
      for (let k = 0; k < c; k++) {
        let s = 0;
        for (let t = 0; t < weights.length; t++) s += weights[t] * data[(y * w + start + t) * c + k];
        rows[(y * outWidth + x) * c + k] = s;
      }
    }
  }
  const out = new Float32Array(outHeight * outWidth * c); // vertical pass
  for (let y = 0; y < outHeight; y++) {
    const { start, weights } = yTaps[y];
    for (let x = 0; x < outWidth; x++) {
      for (let k = 0; k < c; k++) {
        let s = 0;
        for (let t = 0; t < weights.length; t++) s += weights[t] * rows[((start + t) * outWidth + x) * c + k];
        out[(y * outWidth + x) * c + k] = s;
      }
    }
  }
  return { data: out, height: outHeight, width: outWidth, channels: c };
}

/**
 * Rotate by `degrees` counter-clockwise (as seen on screen, y pointing down) about the image centre
 * ((width-1)/2, (height-1)/2) in pixel-index coordinates, like torchvision's rotate on tensors. Each output
 * pixel (x, y) samples the input at
 *   xs = cx + cos θ (x - cx) - sin θ (y - cy),   ys = cy + sin θ (x - cx) + cos θ (y - cy).
 * "nearest" rounds half to even (as grid_sample); "bilinear" weights the 4 neighbours. Samples outside the
 * image read `fill` (default 0), like grid_sample's zeros padding.
 */
export function rotate(img: FloatImage, degrees: number, opts: { interpolation?: "nearest" | "bilinear"; fill?: number } = {}): FloatImage {
  const { height: h, width: w, channels: c, data } = img;
  const fill = opts.fill ?? 0;
  const theta = (degrees * Math.PI) / 180;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  const at = (x: number, y: number, k: number): number => (x >= 0 && x < w && y >= 0 && y < h ? data[(y * w + x) * c + k] : fill);
  const out = new Float32Array(h * w * c);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const xs = cx + cos * (x - cx) - sin * (y - cy);
      const ys = cy + sin * (x - cx) + cos * (y - cy);
      for (let k = 0; k < c; k++) {
        let v: number;
        if (opts.interpolation === "bilinear") {
          const x0 = Math.floor(xs);
          const y0 = Math.floor(ys);
          const fx = xs - x0;
          const fy = ys - y0;
          v = (1 - fy) * ((1 - fx) * at(x0, y0, k) + fx * at(x0 + 1, y0, k)) + fy * ((1 - fx) * at(x0, y0 + 1, k) + fx * at(x0 + 1, y0 + 1, k));
        } else {
          v = at(roundHalfEven(xs), roundHalfEven(ys), k);
        }
        out[(y * w + x) * c + k] = v;
      }
    }
  }
  return { data: out, height: h, width: w, channels: c };
}

/** Round to the nearest integer, exact ties to even (C's nearbyint, used by grid_sample's "nearest"). */
function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const d = v - f;
  if (d !== 0.5) return d < 0.5 ? f : f + 1;
  return f % 2 === 0 ? f : f + 1;
}

/** torchvision RandomRotation(maxDegrees): an angle uniform in [-maxDegrees, maxDegrees), then rotate. */
export function randomRotation(img: FloatImage, maxDegrees: number, rng: Rng, opts: { interpolation?: "nearest" | "bilinear"; fill?: number } = {}): FloatImage {
  return rotate(img, (2 * rng.next() - 1) * maxDegrees, opts);
}

/** Mirror left-right: out(y, x) = in(y, width - 1 - x). */
export function flipHorizontal(img: FloatImage): FloatImage {
  const { height: h, width: w, channels: c, data } = img;
  const out = new Float32Array(data.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let k = 0; k < c; k++) out[(y * w + x) * c + k] = data[(y * w + (w - 1 - x)) * c + k];
    }
  }
  return { data: out, height: h, width: w, channels: c };
}

/** torchvision RandomHorizontalFlip(p): flip when rng.next() < p (default 0.5); always draws one number. */
export function randomHorizontalFlip(img: FloatImage, rng: Rng, p = 0.5): FloatImage {
  return rng.next() < p ? flipHorizontal(img) : { ...img, data: Float32Array.from(img.data) };
}

/**
 * The height x width window at (top, left) of the image padded by `pad` pixels on every side, the padding
 * reading `fill[k]` in channel k (default 0): out(y, x) = in(y + top - pad, x + left - pad) where inside.
 * top and left range over 0..2 * pad (pad, pad is the image itself).
 */
export function padCrop(img: FloatImage, pad: number, top: number, left: number, fill?: readonly number[]): FloatImage {
  const { height: h, width: w, channels: c, data } = img;
  if (!(Number.isInteger(top) && Number.isInteger(left) && top >= 0 && left >= 0 && top <= 2 * pad && left <= 2 * pad)) {
    throw new RangeError(`crop offset must be integers in 0..${2 * pad}, got (${top}, ${left})`);
  }
  const out = new Float32Array(data.length);
  for (let y = 0; y < h; y++) {
    const ys = y + top - pad;
    for (let x = 0; x < w; x++) {
      const xs = x + left - pad, inside = ys >= 0 && ys < h && xs >= 0 && xs < w;
      for (let k = 0; k < c; k++) out[(y * w + x) * c + k] = inside ? data[(ys * w + xs) * c + k] : fill?.[k] ?? 0;
    }
  }
  return { data: out, height: h, width: w, channels: c };
}

/**
 * torchvision RandomCrop(size = image size, padding = pad): offsets top, then left, each uniform in 0..2 * pad
 * (two draws), then padCrop.
 */
export function randomPadCrop(img: FloatImage, pad: number, rng: Rng, fill?: readonly number[]): FloatImage {
  const top = Math.floor(rng.next() * (2 * pad + 1));
  const left = Math.floor(rng.next() * (2 * pad + 1));
  return padCrop(img, pad, top, left, fill);
}
