/**
 * Faster tfjs wasm kernels for the memory-bound operations that dominate a training step of the section 2.2
 * models once the convolutions are fast (measured on one MNIST training step of 218 ms: Tile 68 ms, from
 * BatchNorm's gradient, and MaxPoolGrad 23 ms; the shipped kernels are generic loops).
 *
 *   Tile         any shape and dtype: build the first replica of each dimension, then block-copy it.
 *   MaxPoolGrad  non-overlapping windows (filter = stride, no padding): the gradient goes to the first
 *                maximum of each window in row-major order, as the reference kernels choose; 2x2 windows over
 *                a multiple of 4 channels run as a wasm SIMD kernel (lib/nn/pool-grad-simd.ts).
 *   BatchMatMul  with transposeA or transposeB (a dense layer's backward pass: dx = dy · Wᵀ, dW = xᵀ · dy): the
 *                shipped kernel sends these to a naive loop, ~10x slower than its XNNPACK path for untransposed
 *                operands (1-2 GFLOP/s on [64, 1568] x [64, 20]); the operand is transposed first (a copy of
 *                a few hundred kB) and the XNNPACK path does the product.
 *   Sum          over every axis but the last (a convolution's bias gradient): blocked per-channel sums, ~2x the
 *                shipped kernel, which transposes first.
 *   Identity     shares the input's data (reference-counted, as Reshape does) instead of copying it; tensors
 *                are immutable and none of these kernels writes into an input.
 * Each kernel hands any other case to the backend's own kernel. They read and write the wasm heap directly.
 */
import * as tf from "@tensorflow/tfjs";
import { maxPool2GradSimd, WasmMemory } from "./pool-grad-simd";

type TensorInfo = tf.TensorInfo;
type TypedArray = Float32Array | Int32Array | Uint8Array;
type Backend = tf.KernelBackend & {
  makeOutput(shape: number[], dtype: tf.DataType): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): TypedArray;
  disposeData(id: object): boolean;
  incRef(id: object): void;
  wasm: { asm?: { memory?: WasmMemory } };
};
type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: object; attrs?: tf.NamedAttrMap };

function strides(shape: number[]): number[] {
  const s = new Array<number>(shape.length).fill(1);
  for (let d = shape.length - 2; d >= 0; d--) s[d] = s[d + 1] * shape[d + 1];
  return s;
}

/** Writes tile(src, reps) into dst: dimension by dimension, the first replica is built and then copied. */
export function tileInto(src: TypedArray, shape: number[], reps: number[], dst: TypedArray): void {
  const rank = shape.length;
  const srcStride = strides(shape), dstStride = strides(shape.map((s, d) => s * reps[d]));
  const build = (d: number, srcOff: number, dstOff: number) => {
    if (d === rank) { dst[dstOff] = src[srcOff]; return; }
    for (let i = 0; i < shape[d]; i++) build(d + 1, srcOff + i * srcStride[d], dstOff + i * dstStride[d]);
    const block = shape[d] * dstStride[d];
    for (let r = 1; r < reps[d]; r++) dst.copyWithin(dstOff + r * block, dstOff, dstOff + block);
  };
  if (dst.length > 0) build(0, 0, 0);
}

function tile(original: tf.KernelFunc) {
  return (args: KernelArgs) => {
    const be = args.backend as Backend;
    const { x } = args.inputs as { x: TensorInfo };
    const reps = (args.attrs as unknown as tf.TileAttrs).reps;
    if (x.dtype === "string" || x.shape.length === 0) return original(args as Parameters<tf.KernelFunc>[0]);
    const out = be.makeOutput(x.shape.map((s, d) => s * reps[d]), x.dtype);
    tileInto(be.typedArrayFromHeap(x), x.shape, reps, be.typedArrayFromHeap(out));
    return out;
  };
}

/**
 * dx of a max pool with non-overlapping k x k windows: each window's dy goes to its first maximum in row-major
 * order (strictly greater replaces, so ties keep the earliest position; a window of NaNs gets nothing).
 */
export function maxPoolGradInto(x: Float32Array, dy: Float32Array, dx: Float32Array,
  n: number, h: number, w: number, c: number, k: number, oh: number, ow: number): void {
  dx.fill(0);
  if (k === 2) return maxPool2GradInto(x, dy, dx, n, h, w, c, oh, ow);
  for (let b = 0; b < n; b++) for (let i = 0; i < oh; i++) for (let j = 0; j < ow; j++) {
    const dyBase = ((b * oh + i) * ow + j) * c;
    for (let ch = 0; ch < c; ch++) {
      let best = -Infinity, at = -1;
      for (let a = 0; a < k; a++) {
        const row = ((b * h + i * k + a) * w + j * k) * c + ch;
        for (let e = 0; e < k; e++) {
          const v = x[row + e * c];
          if (v > best) { best = v; at = row + e * c; }
        }
      }
      if (at >= 0) dx[at] = dy[dyBase + ch];
    }
  }
}

/** The 2 x 2 case unrolled (every pool in the paper's models). */
function maxPool2GradInto(x: Float32Array, dy: Float32Array, dx: Float32Array,
  n: number, h: number, w: number, c: number, oh: number, ow: number): void {
  const down = w * c;
  for (let b = 0; b < n; b++) for (let i = 0; i < oh; i++) for (let j = 0; j < ow; j++) {
    const dyBase = ((b * oh + i) * ow + j) * c, top = ((b * h + 2 * i) * w + 2 * j) * c;
    for (let ch = 0; ch < c; ch++) {
      const p0 = top + ch, p1 = p0 + c, p2 = p0 + down, p3 = p2 + c;
      let best = -Infinity, at = -1;
      if (x[p0] > best) { best = x[p0]; at = p0; }
      if (x[p1] > best) { best = x[p1]; at = p1; }
      if (x[p2] > best) { best = x[p2]; at = p2; }
      if (x[p3] > best) at = p3;
      if (at >= 0) dx[at] = dy[dyBase + ch];
    }
  }
}

function maxPoolGrad(original: tf.KernelFunc) {
  return (args: KernelArgs) => {
    const be = args.backend as Backend;
    const { dy, input } = args.inputs as { dy: TensorInfo; input: TensorInfo };
    const a = args.attrs as unknown as tf.MaxPoolGradAttrs;
    const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number],
      a.filterSize, a.strides, 1, a.pad, a.dimRoundingMode);
    const k = info.filterHeight;
    const simple = info.filterWidth === k && info.strideHeight === k && info.strideWidth === k
      && info.dilationHeight === 1 && info.dilationWidth === 1 && info.padInfo.top === 0 && info.padInfo.left === 0
      && info.outHeight * k <= info.inHeight && info.outWidth * k <= info.inWidth && input.dtype === "float32";
    if (!simple) return original(args as Parameters<tf.KernelFunc>[0]);
    const dx = be.makeOutput(input.shape, "float32");
    const [xs, dys, dxs] = [input, dy, dx].map((t) => be.typedArrayFromHeap(t) as Float32Array);
    const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
    const memory = be.wasm.asm?.memory;
    if (k === 2 && c % 4 === 0 && memory) {
      maxPool2GradSimd(memory, xs.byteOffset, dys.byteOffset, dxs.byteOffset, n, h, w, c, oh, ow);
    } else {
      maxPoolGradInto(xs, dys, dxs, n, h, w, c, k, oh, ow);
    }
    return dx;
  };
}

/** x with its last two dimensions swapped, through the backend's Transpose kernel. */
function lastTwoSwapped(be: Backend, x: TensorInfo): TensorInfo {
  const perm = [...x.shape.keys()], r = perm.length;
  [perm[r - 2], perm[r - 1]] = [perm[r - 1], perm[r - 2]];
  return tf.getKernel("Transpose", "wasm")!.kernelFunc({ inputs: { x }, backend: be, attrs: { perm } }) as TensorInfo;
}

/** A batch matrix product with its transposed operands transposed explicitly, so the original kernel runs untransposed. */
function batchMatMul(original: tf.KernelFunc) {
  return (args: KernelArgs) => {
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    const { transposeA, transposeB } = args.attrs as unknown as tf.BatchMatMulAttrs;
    if (!transposeA && !transposeB) return original(args as Parameters<tf.KernelFunc>[0]);
    const be = args.backend as Backend;
    const aT = transposeA ? lastTwoSwapped(be, a) : a, bT = transposeB ? lastTwoSwapped(be, b) : b;
    const out = original({ inputs: { a: aT, b: bT }, backend: be, attrs: { ...args.attrs, transposeA: false, transposeB: false } });
    for (const t of [aT, bT]) if (t !== a && t !== b) be.disposeData(t.dataId);
    return out;
  };
}

/** Rows per block of sumRowsInto: a block of BLOCK x c floats is walked channel by channel while it sits in L1. */
const BLOCK = 256;

/** out[j] = Σ_r x[r, j] for x viewed as rows x c, accumulated in float64 (rounded once to float32). */
function sumRowsInto(x: Float32Array, c: number, out: Float32Array): void {
  const rows = x.length / c, acc = new Float64Array(c);
  for (let r0 = 0; r0 < rows; r0 += BLOCK) {
    const end = Math.min(rows, r0 + BLOCK) * c;
    for (let j = 0; j < c; j++) {
      let s = 0;
      for (let i = r0 * c + j; i < end; i += c) s += x[i];
      acc[j] += s;
    }
  }
  out.set(acc);
}

function sum(original: tf.KernelFunc) {
  return (args: KernelArgs) => {
    const be = args.backend as Backend;
    const { x } = args.inputs as { x: TensorInfo };
    const { axis, keepDims } = args.attrs as unknown as tf.SumAttrs;
    const rank = x.shape.length, axes = tf.util.parseAxisParam(axis, x.shape).sort((p, q) => p - q);
    const allButLast = rank >= 2 && axes.length === rank - 1 && axes.every((d, i) => d === i);
    if (!allButLast || x.dtype !== "float32") return original(args as Parameters<tf.KernelFunc>[0]);
    const c = x.shape[rank - 1];
    const out = be.makeOutput(keepDims ? [...Array(rank - 1).fill(1), c] : [c], "float32");
    sumRowsInto(be.typedArrayFromHeap(x) as Float32Array, c, be.typedArrayFromHeap(out) as Float32Array);
    return out;
  };
}

function identity(original: tf.KernelFunc) {
  return (args: KernelArgs) => {
    const { x } = args.inputs as { x: TensorInfo };
    if (x.dtype === "string") return original(args as Parameters<tf.KernelFunc>[0]);
    (args.backend as Backend).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
}

const REPLACEMENTS: Record<string, (original: tf.KernelFunc) => (args: KernelArgs) => TensorInfo | TensorInfo[]> = {
  Tile: tile,
  MaxPoolGrad: maxPoolGrad,
  BatchMatMul: batchMatMul,
  Sum: sum,
  Identity: identity,
};

let registered = false;

/** Wraps the wasm backend's Tile, MaxPoolGrad, BatchMatMul, Sum and Identity kernels with the fast paths above (idempotent). */
export function registerWasmMemoryKernels(): void {
  if (registered) return;
  registered = true;
  for (const [name, wrap] of Object.entries(REPLACEMENTS)) {
    const original = tf.getKernel(name, "wasm");
    if (!original) continue;
    tf.unregisterKernel(name, "wasm");
    tf.registerKernel({ ...original, kernelFunc: wrap(original.kernelFunc) as tf.KernelFunc });
  }
}
