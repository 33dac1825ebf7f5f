/**
 * Convolution gradient kernels for the tfjs wasm backend.
 *
 * tfjs-backend-wasm 4.22 ships no `Conv2DBackpropFilter`, so a conv net cannot train on it, and its
 * `Conv2DBackpropInput` is a slow generic loop. For stride 1 and dilation 1 (every convolution in this
 * package) both gradients are themselves convolutions, so we compose them from the backend's own fast
 * Transpose / Reverse / Conv2D kernels:
 *
 *   filter gradient  dW[kh,kw,ci,co] = Σ_{n,i,j} x[n, i+kh-pt, j+kw-pl, ci] · dy[n,i,j,co]
 *                    = conv( transpose(x)[ci, H, W, n],  filter = transpose(dy)[i, j, n, co] )
 *   input gradient   dx = conv( pad(dy), filter = reverse_hw(W) with in/out channels swapped )
 *
 * When a filter has few taps (KH·KW·CI ≤ 75: a first convolution on 1- or 3-channel images, 5x5), the composed
 * filter gradient is a convolution with a huge kernel and few channels, which XNNPACK runs at 3-8 GFLOP/s; if the
 * output is as wide as the input (every 'same' convolution) the filter gradient is one matrix product instead
 * (im2col), the taps' matrix P built from block copies on the wasm heap:
 *
 *   dW[(kh,kw,ci), co] = Σ_m P[(kh,kw,ci), m] · dy[m, co],   m = (n,i,j),   P[(kh,kw,ci), m] = x[n, i+kh-pt, j+kw-pl, ci]
 *
 * With 400 or 800 taps (the later convolutions) im2col was no faster than the composed form, measured kernel by
 * kernel on fresh tensors (each product packs its fresh dy), so those stay composed. Other strides or dilations
 * fall back to a direct loop in JavaScript (correct, slow, unused here).
 */
import * as tf from "@tensorflow/tfjs";

type TensorInfo = tf.TensorInfo;
type Backend = tf.KernelBackend & {
  disposeData(id: object): boolean;
  readSync(id: object): tf.backend_util.BackendValues;
  makeOutput(shape: number[], dtype: tf.DataType, memoryOffset?: number, values?: Float32Array): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array;
};
type Conv4 = [number, number, number, number];

function runKernel(name: string, backend: Backend, inputs: Record<string, TensorInfo>, attrs: object): TensorInfo {
  const kernel = tf.getKernel(name, "wasm");
  if (!kernel) throw new Error(`wasm backend has no ${name} kernel`);
  return kernel.kernelFunc({ inputs, backend, attrs: attrs as tf.NamedAttrMap }) as TensorInfo;
}

function transpose(backend: Backend, x: TensorInfo, perm: number[]): TensorInfo {
  return runKernel("Transpose", backend, { x }, { perm });
}

function conv2dValid(backend: Backend, x: TensorInfo, filter: TensorInfo, pad: [number, number, number, number]): TensorInfo {
  const [t, b, l, r] = pad;
  return runKernel("Conv2D", backend, { x, filter }, {
    strides: [1, 1], dilations: [1, 1], dataFormat: "NHWC", dimRoundingMode: undefined,
    pad: [[0, 0], [t, b], [l, r], [0, 0]],
  });
}

function convInfo(xShape: Conv4, filterShape: Conv4, attrs: tf.NamedAttrMap) {
  const { strides, pad, dimRoundingMode, dataFormat } = attrs as unknown as tf.Conv2DAttrs;
  return tf.backend_util.computeConv2DInfo(
    xShape, filterShape, strides, 1, pad, dimRoundingMode, false,
    tf.backend_util.convertConv2DDataFormat(dataFormat),
  );
}

function isUnitStride(info: tf.backend_util.Conv2DInfo): boolean {
  return info.strideHeight === 1 && info.strideWidth === 1 && info.dilationHeight === 1 && info.dilationWidth === 1
    && info.dataFormat === "channelsLast";
}

/** dW by direct summation: the general (any stride) fallback. */
function filterGradLoop(backend: Backend, x: TensorInfo, dy: TensorInfo, info: tf.backend_util.Conv2DInfo): TensorInfo {
  const xv = backend.readSync(x.dataId) as Float32Array;
  const dyv = backend.readSync(dy.dataId) as Float32Array;
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: CI, outHeight: HO, outWidth: WO, outChannels: CO } = info;
  const KH = info.filterHeight, KW = info.filterWidth;
  const out = new Float32Array(KH * KW * CI * CO);
  for (let n = 0; n < N; n++) for (let i = 0; i < HO; i++) for (let j = 0; j < WO; j++) {
    for (let kh = 0; kh < KH; kh++) {
      const y = i * info.strideHeight + kh * info.dilationHeight - info.padInfo.top;
      if (y < 0 || y >= H) continue;
      for (let kw = 0; kw < KW; kw++) {
        const xx = j * info.strideWidth + kw * info.dilationWidth - info.padInfo.left;
        if (xx < 0 || xx >= W) continue;
        for (let ci = 0; ci < CI; ci++) {
          const xval = xv[((n * H + y) * W + xx) * CI + ci];
          const o = ((kh * KW + kw) * CI + ci) * CO, d = ((n * HO + i) * WO + j) * CO;
          for (let co = 0; co < CO; co++) out[o + co] += xval * dyv[d + co];
        }
      }
    }
  }
  return backend.makeOutput([KH, KW, CI, CO], "float32", undefined, out);
}

/** Largest KH·KW·CI for which the filter gradient goes through im2col and one matrix product. */
const IM2COL_MAX_TAPS = 75;

/**
 * Writes P[(kh,kw,ci), (n,i,j)] = x[n, i+kh-top, j+kw-left, ci] (0 outside the image) for a stride-1 convolution
 * whose output is as wide as its input: one row per filter tap, one column per output position. x is read in
 * planar layout [CI, N, H, W] from heap[xOff]; P is written at heap[pOff]. Within one image a tap's row is the
 * image plane shifted by (kh-top)·W + (kw-left), so it is one block copy, after which the columns that wrapped
 * around from the neighbouring image row (and the rows outside the image) are set to 0.
 */
export function im2colRows(heap: Float32Array, xOff: number, pOff: number, info: { batchSize: number; inHeight: number; inWidth: number;
  inChannels: number; outHeight: number; filterHeight: number; filterWidth: number; top: number; left: number }): void {
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: CI, outHeight: HO, filterHeight: KH, filterWidth: KW, top, left } = info;
  const image = HO * W, M = N * image;
  for (let kh = 0; kh < KH; kh++) for (let kw = 0; kw < KW; kw++) for (let ci = 0; ci < CI; ci++) {
    const row = pOff + ((kh * KW + kw) * CI + ci) * M;
    // output rows [i0, i1) and columns [j0, j1) read inside the image
    const i0 = Math.min(HO, Math.max(0, top - kh)), i1 = Math.max(i0, Math.min(HO, H + top - kh));
    const j0 = Math.min(W, Math.max(0, left - kw)), j1 = Math.max(j0, Math.min(W, W + left - kw));
    for (let n = 0; n < N; n++) {
      const out = row + n * image, src = xOff + ((ci * N + n) * H + i0 + kh - top) * W + kw - left;
      heap.fill(0, out, out + i0 * W);
      heap.fill(0, out + i1 * W, out + image);
      if (i1 === i0) continue;
      heap.copyWithin(out + i0 * W + j0, src + j0, src + (i1 - i0 - 1) * W + j1);
      if (j0 === 0 && j1 === W) continue;
      for (let r = out + i0 * W; r < out + i1 * W; r += W) {
        for (let j = 0; j < j0; j++) heap[r + j] = 0;
        for (let j = j1; j < W; j++) heap[r + j] = 0;
      }
    }
  }
}

/**
 * dW as P · dy, P from im2colRows: [KH·KW·CI, M] · [M, CO], through the backend's BatchMatMul (XNNPACK). x goes
 * to planar layout first (a no-op for one channel).
 */
function filterGradIm2col(be: Backend, x: TensorInfo, dy: TensorInfo,
  info: tf.backend_util.Conv2DInfo): TensorInfo {
  const { batchSize: N, outHeight: HO, outWidth: WO, inChannels: CI, outChannels: CO, filterHeight: KH, filterWidth: KW } = info;
  const M = N * HO * WO, taps = KH * KW * CI;
  const planar = CI === 1 ? x : transpose(be, x, [3, 0, 1, 2]);
  const p = be.makeOutput([taps, M], "float32");
  const xs = be.typedArrayFromHeap(planar), ps = be.typedArrayFromHeap(p), heap = new Float32Array(xs.buffer);
  im2colRows(heap, xs.byteOffset / 4, ps.byteOffset / 4, { ...info, top: info.padInfo.top, left: info.padInfo.left });
  const dy2 = runKernel("Reshape", be, { x: dy }, { shape: [M, CO] });
  const g = runKernel("BatchMatMul", be, { a: p, b: dy2 }, { transposeA: false, transposeB: false }); // [taps, CO]
  const dW = runKernel("Reshape", be, { x: g }, { shape: [KH, KW, CI, CO] });
  [p, dy2, g, ...(planar === x ? [] : [planar])].forEach((t) => be.disposeData(t.dataId));
  return dW;
}

function conv2DBackpropFilter({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: object; attrs?: tf.NamedAttrMap }) {
  const be = backend as Backend;
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const filterShape = (attrs as unknown as tf.Conv2DBackpropFilterAttrs).filterShape as Conv4;
  const info = convInfo(x.shape as Conv4, filterShape, attrs!);
  if (!isUnitStride(info)) return filterGradLoop(be, x, dy, info);
  const taps = info.filterHeight * info.filterWidth * info.inChannels;
  if (taps <= IM2COL_MAX_TAPS && info.outWidth === info.inWidth && x.dtype === "float32") return filterGradIm2col(be, x, dy, info);
  const [KH, KW] = filterShape;
  const { top, left } = info.padInfo;
  const xT = transpose(be, x, [3, 1, 2, 0]);      // [CI, H, W, N]
  const dyT = transpose(be, dy, [1, 2, 0, 3]);    // [HO, WO, N, CO]: used as the filter
  const bottom = KH - 1 - info.inHeight - top + info.outHeight;
  const right = KW - 1 - info.inWidth - left + info.outWidth;
  const g = conv2dValid(be, xT, dyT, [top, bottom, left, right]); // [CI, KH, KW, CO]
  const dW = transpose(be, g, [1, 2, 0, 3]);
  [xT, dyT, g].forEach((t) => be.disposeData(t.dataId));
  return dW;
}

function makeInputGradComposed(original: tf.KernelFunc) {
  return function conv2DBackpropInput(args: { inputs: tf.NamedTensorInfoMap; backend: object; attrs?: tf.NamedAttrMap }) {
    const be = args.backend as Backend;
    const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
    const inputShape = (args.attrs as unknown as tf.Conv2DBackpropInputAttrs).inputShape as Conv4;
    const info = convInfo(inputShape, filter.shape as Conv4, args.attrs!);
    const [KH, KW] = filter.shape as Conv4;
    const top = KH - 1 - info.padInfo.top, left = KW - 1 - info.padInfo.left;
    const bottom = info.inHeight - info.outHeight + info.padInfo.top;
    const right = info.inWidth - info.outWidth + info.padInfo.left;
    if (!isUnitStride(info) || Math.min(top, left, bottom, right) < 0) return original(args as Parameters<tf.KernelFunc>[0]);
    const flipped = runKernel("Reverse", be, { x: filter }, { dims: [0, 1] });
    const swapped = transpose(be, flipped, [0, 1, 3, 2]); // [KH, KW, CO, CI]
    const dx = conv2dValid(be, dy, swapped, [top, bottom, left, right]);
    [flipped, swapped].forEach((t) => be.disposeData(t.dataId));
    return dx;
  };
}

let registered = false;

/** Registers the composed kernels on the wasm backend (idempotent). Call after the wasm backend is registered. */
export function registerWasmConvGradients(): void {
  if (registered) return;
  registered = true;
  if (tf.getKernel("Conv2DBackpropFilter", "wasm")) tf.unregisterKernel("Conv2DBackpropFilter", "wasm");
  tf.registerKernel({ kernelName: "Conv2DBackpropFilter", backendName: "wasm", kernelFunc: conv2DBackpropFilter as tf.KernelFunc });
  const original = tf.getKernel("Conv2DBackpropInput", "wasm");
  if (original) {
    tf.unregisterKernel("Conv2DBackpropInput", "wasm");
    tf.registerKernel({ ...original, kernelFunc: makeInputGradComposed(original.kernelFunc) });
  }
}
