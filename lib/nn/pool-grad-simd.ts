/**
 * The gradient of a 2x2, stride-2 max pool (every pool of the section 2.2 models) as a wasm SIMD kernel working in
 * place on the tfjs wasm backend's own memory: four channels at a time, branch-free. The scalar loop in
 * lib/nn/wasm-memory-kernels.ts takes ~25 ns per window and channel (branch-free JavaScript variants were no
 * faster); this kernel ~5x less on [64, 28, 28, 16].
 *
 * Same rule as the scalar loop, lane by lane: scanning the window in row-major order from best = -Infinity, an
 * entry wins when it is strictly greater than the best so far; the last winner (the window's first maximum) gets
 * dy, the other three entries 0; a lane whose entries are all NaN or -Infinity gets nothing.
 *   s0 = x0 > -inf, best = s0 ? x0 : -inf;  s1 = x1 > best, best = s1 ? x1 : best;  s2 likewise;  s3 = x3 > best
 *   dx3 = dy & s3,  dx2 = dy & s2 & ~s3,  dx1 = dy & s1 & ~(s2 | s3),  dx0 = dy & s0 & ~(s1 | s2 | s3)
 * The module is assembled here byte by byte and imports the backend's WebAssembly.Memory.
 */
import {
  BLOCK, BR, BR_IF, END, F32_CONST, I32, I32_ADD, I32_CONST, I32_EQZ, I32_LT_U, I32_SUB, LOCAL_GET, LOCAL_SET, LOOP,
  name, section, SIMD, uleb, V128, vec, VOID,
} from "./wasm-encoding";

/** SIMD opcodes after the 0xfd prefix (LEB128). */
const V128_LOAD = [0x00, 0x00, 0x00], V128_STORE = [0x0b, 0x00, 0x00]; // memarg: align hint 1 byte, offset 0
const F32X4_SPLAT = [0x13], F32X4_GT = [0x44], V128_AND = [0x4e], V128_ANDNOT = [0x4f], V128_OR = [0x50], V128_BITSELECT = [0x52];

/** Parameters (i32): x row pointer, dy pointer, dx - x in bytes, windows in the row, bytes per pixel, bytes per image row. */
const PX = 0, PDY = 1, DELTA = 2, OW = 3, CB = 4, DOWN = 5;
/** Locals: i32 a (the current x vector), kEnd; v128 x0..x3, best, s0..s3, g, u, minusInf. */
const A = 6, KEND = 7, X = [8, 9, 10, 11], BEST = 12, S = [13, 14, 15, 16], G = 17, U = 18, NINF = 19;

const simd = (op: number[]) => [SIMD, ...op];
const get = (l: number) => [LOCAL_GET, l], set = (l: number) => [LOCAL_SET, l];
const add = (...locals: number[]) => [...get(locals[0]), ...locals.slice(1).flatMap((l) => [...get(l), I32_ADD])];

/** One vector of four channels: loads, the running maximum, the four masked stores. */
function windowBody(): number[] {
  const loads = [[A], [A, CB], [A, DOWN], [A, DOWN, CB]].flatMap((at, k) => [...add(...at), ...simd(V128_LOAD), ...set(X[k])]);
  const firstWin = [...get(X[0]), ...get(NINF), ...simd(F32X4_GT), ...set(S[0]), ...get(X[0]), ...get(NINF), ...get(S[0]), ...simd(V128_BITSELECT), ...set(BEST)];
  const nextWin = (k: number) => [...get(X[k]), ...get(BEST), ...simd(F32X4_GT), ...set(S[k]),
    ...(k < 3 ? [...get(X[k]), ...get(BEST), ...get(S[k]), ...simd(V128_BITSELECT), ...set(BEST)] : [])];
  const store = (at: number[], mask: number[]) => [...add(...at, DELTA), ...get(G), ...mask, ...simd(V128_AND), ...simd(V128_STORE)];
  const stores = [
    ...store([A, DOWN, CB], get(S[3])),
    ...get(S[3]), ...set(U),
    ...store([A, DOWN], [...get(S[2]), ...get(U), ...simd(V128_ANDNOT)]),
    ...get(U), ...get(S[2]), ...simd(V128_OR), ...set(U),
    ...store([A, CB], [...get(S[1]), ...get(U), ...simd(V128_ANDNOT)]),
    ...get(U), ...get(S[1]), ...simd(V128_OR), ...set(U),
    ...store([A], [...get(S[0]), ...get(U), ...simd(V128_ANDNOT)]),
  ];
  const advance = [...get(PDY), I32_CONST, 16, I32_ADD, ...set(PDY), ...get(A), I32_CONST, 16, I32_ADD, ...set(A)];
  return [...loads, ...get(PDY), ...simd(V128_LOAD), ...set(G), ...firstWin, ...nextWin(1), ...nextWin(2), ...nextWin(3), ...stores, ...advance];
}

/** Code of `row(px, pdy, delta, ow, cb, down)`: every window of one output row, every channel vector of each. */
function rowBody(): number[] {
  const init = [F32_CONST, 0x00, 0x00, 0x80, 0xff, ...simd(F32X4_SPLAT), ...set(NINF)]; // -Infinity
  const inner = [...get(PX), ...set(A), ...add(PX, CB), ...set(KEND),
    LOOP, VOID, ...windowBody(), ...get(A), ...get(KEND), I32_LT_U, BR_IF, 0, END];
  const outer = [BLOCK, VOID, LOOP, VOID, ...get(OW), I32_EQZ, BR_IF, 1, ...inner,
    ...add(PX, CB, CB), ...set(PX), ...get(OW), I32_CONST, 1, I32_SUB, ...set(OW), BR, 0, END, END];
  const code = [...vec([[2, I32], [12, V128]]), ...init, ...outer, END];
  return [...uleb(code.length), ...code];
}

/** The module's bytes: imports "m"."memory", exports `row`. */
function poolGradModule(): Uint8Array {
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, ...vec([[I32], [I32], [I32], [I32], [I32], [I32]]), ...vec([])]])),
    ...section(2, vec([[...name("m"), ...name("memory"), 0x02, 0x00, 0x00]])), // memory, min 0 pages, no max
    ...section(3, vec([[0]])),
    ...section(7, vec([[...name("row"), 0x00, 0]])),
    ...section(10, vec([rowBody()])),
  ]);
}

/** The part of the WebAssembly global this file uses (the compiler's library settings do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

/** The backend's WebAssembly.Memory (its buffer is replaced when it grows). */
export interface WasmMemory { buffer: ArrayBuffer }

type RowKernel = (px: number, pdy: number, delta: number, ow: number, cb: number, down: number) => void;
const kernels = new WeakMap<WasmMemory, RowKernel>();

function rowKernel(memory: WasmMemory): RowKernel {
  let k = kernels.get(memory);
  if (!k) {
    const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    k = new wasm.Instance(new wasm.Module(poolGradModule()), { m: { memory } }).exports.row as RowKernel;
    kernels.set(memory, k);
  }
  return k;
}

/**
 * dx of a 2x2 stride-2 max pool over NHWC x (n, h, w, c; c a multiple of 4) for dy (n, oh, ow, c), all float32 in
 * `memory` at the given byte offsets. Rows and columns beyond 2·oh, 2·ow get 0.
 */
export function maxPool2GradSimd(memory: WasmMemory, xOff: number, dyOff: number, dxOff: number,
  n: number, h: number, w: number, c: number, oh: number, ow: number): void {
  const row = rowKernel(memory), cb = 4 * c, down = w * cb;
  new Float32Array(memory.buffer, dxOff, n * h * w * c).fill(0);
  for (let b = 0; b < n; b++) for (let i = 0; i < oh; i++) {
    row(xOff + (b * h + 2 * i) * down, dyOff + (b * oh + i) * ow * cb, dxOff - xOff, ow, cb, down);
  }
}
