/**
 * The machine's single-thread float32 peak as wasm sees it: a wasm module, assembled here byte by byte, whose one
 * function runs `accumulators` independent f32x4 chains acc <- acc * a + b for `iterations` rounds (8 FLOPs per
 * chain and round: 4 multiplies, 4 adds). The chains do not depend on each other, so with enough of them the loop
 * is bound by the SIMD units' throughput, not by their latency. It returns the sum of every lane of every chain, so
 * the work cannot be skipped and the result can be checked against the same loop in JavaScript (simdPeakReference).
 *
 * wasm's 128-bit SIMD has no fused multiply-add; relaxed-SIMD's f32x4.relaxed_madd has one where the CPU does. The
 * `fused` variant runs the same chains with it, so the two peaks say what a kernel could gain from FMA. Its result
 * equals the unfused loop's: a = 0.5 makes every product exact, so fusing the add changes no rounding.
 */
import { performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import {
  BLOCK, BR, BR_IF, END, F32, F32_ADD, F32_CONST, f32Bytes, I32, I32_CONST, I32_EQZ, I32_SUB, LOCAL_GET, LOCAL_SET, LOOP,
  name, section, SIMD, uleb, V128, vec, VOID,
} from "./wasm-encoding";

/** SIMD opcodes (LEB128-encoded after the 0xfd prefix). */
const F32X4_SPLAT = [0x13], F32X4_EXTRACT_LANE = [0x1f], F32X4_ADD = [0xe4, 0x01], F32X4_MUL = [0xe6, 0x01];
/** relaxed-SIMD: acc * a + b in one instruction, fused where the hardware has FMA. */
const F32X4_RELAXED_MADD = [0x85, 0x02];

/** The multiplier and addend of every chain; chain k starts at k + 1 in every lane. */
const PEAK_A = 0.5, PEAK_B = 0.75;

/** Code of `peak(iterations: i32) -> f32`. Locals: 0 the parameter, 1..K the chains, K+1 and K+2 the splats of a and b. */
function peakBody(k: number, fused: boolean): number[] {
  const a = k + 1, b = k + 2;
  const splat = (x: number, local: number) => [F32_CONST, ...f32Bytes(x), SIMD, ...F32X4_SPLAT, LOCAL_SET, local];
  const init = [...Array(k).keys()].flatMap((i) => splat(i + 1, i + 1));
  const round = [...Array(k).keys()].flatMap((i) => fused
    ? [LOCAL_GET, i + 1, LOCAL_GET, a, LOCAL_GET, b, SIMD, ...F32X4_RELAXED_MADD, LOCAL_SET, i + 1]
    : [LOCAL_GET, i + 1, LOCAL_GET, a, SIMD, ...F32X4_MUL, LOCAL_GET, b, SIMD, ...F32X4_ADD, LOCAL_SET, i + 1]);
  const loop = [BLOCK, VOID, LOOP, VOID, LOCAL_GET, 0, I32_EQZ, BR_IF, 1, ...round,
    LOCAL_GET, 0, I32_CONST, 1, I32_SUB, LOCAL_SET, 0, BR, 0, END, END];
  const sum = [F32_CONST, ...f32Bytes(0), ...[...Array(k).keys()].flatMap((i) =>
    [0, 1, 2, 3].flatMap((lane) => [LOCAL_GET, i + 1, SIMD, ...F32X4_EXTRACT_LANE, lane, F32_ADD]))];
  const code = [...vec([[...uleb(k + 2), V128]]), ...splat(PEAK_A, a), ...splat(PEAK_B, b), ...init, ...loop, ...sum, END];
  return [...uleb(code.length), ...code];
}

/** The module's bytes: one exported function `peak` (with relaxed-SIMD's fused multiply-add when `fused`). */
export function simdPeakModule(accumulators: number, fused = false): Uint8Array {
  if (!Number.isInteger(accumulators) || accumulators < 1 || accumulators > 64) {
    throw new RangeError(`simdPeakModule: accumulators must be an integer in 1..64, got ${accumulators}`);
  }
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, ...vec([[I32]]), ...vec([[F32]])]])), // type 0: (i32) -> f32
    ...section(3, vec([[0]])), // function 0 has type 0
    ...section(7, vec([[...name("peak"), 0x00, 0]])), // export "peak" = function 0
    ...section(10, vec([peakBody(accumulators, fused)])),
  ];
  return Uint8Array.from(bytes);
}

export type PeakFunction = (iterations: number) => number;

/** The part of the WebAssembly global this file uses (the compiler's library settings do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}

const wasmApi = () => (globalThis as unknown as { WebAssembly: WasmApi & { validate(bytes: Uint8Array): boolean } }).WebAssembly;

/** The compiled kernel; throws with the engine's reason when wasm SIMD (or, fused, relaxed-SIMD) is unavailable. */
export function simdPeakKernel(accumulators: number, fused = false): PeakFunction {
  const wasm = wasmApi();
  return new wasm.Instance(new wasm.Module(simdPeakModule(accumulators, fused))).exports.peak as PeakFunction;
}

/**
 * Whether this Node runs relaxed-SIMD, switching it on when the engine has it behind a flag (Node 20's V8 does:
 * --experimental-wasm-relaxed-simd; later versions ship it on). Only the benchmarks ask: training never uses it.
 */
export function relaxedSimdAvailable(): boolean {
  const probe = simdPeakModule(1, true);
  if (wasmApi().validate(probe)) return true;
  setFlagsFromString("--experimental-wasm-relaxed-simd");
  return wasmApi().validate(probe);
}

/** The kernel's result computed in JavaScript, every operation rounded to float32 in the kernel's order. */
export function simdPeakReference(accumulators: number, iterations: number): number {
  const f = Math.fround, a = f(PEAK_A), b = f(PEAK_B);
  let sum = 0;
  for (let k = 0; k < accumulators; k++) {
    let acc = f(k + 1);
    for (let t = 0; t < iterations; t++) acc = f(f(acc * a) + b);
    for (let lane = 0; lane < 4; lane++) sum = f(sum + acc);
  }
  return sum;
}

/** FLOPs of one call: 8 per chain and iteration. */
export function simdPeakFlops(accumulators: number, iterations: number): number {
  return 8 * accumulators * iterations;
}

export interface PeakMeasurement {
  gflops: number;
  accumulators: number;
  iterations: number;
  repeats: number;
  /** GFLOP/s of every timed call, in order; the peak is their maximum. */
  runs: number[];
}

/**
 * Single-thread wasm SIMD peak in GFLOP/s: the best of `repeats` timed calls of `iterations` rounds each (the best,
 * because a call can only be slowed down by other work on the machine), after untimed calls that let V8 tier the
 * function up to its optimising compiler.
 */
export function measureSimdPeak(opts: { accumulators?: number; iterations?: number; repeats?: number; fused?: boolean } = {}): PeakMeasurement {
  const accumulators = opts.accumulators ?? 12, iterations = opts.iterations ?? 2_000_000, repeats = opts.repeats ?? 10;
  const peak = simdPeakKernel(accumulators, opts.fused);
  for (let i = 0; i < 3; i++) peak(iterations);
  const runs: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    peak(iterations);
    runs.push(simdPeakFlops(accumulators, iterations) / ((performance.now() - t0) * 1e6));
  }
  return { gflops: Math.max(...runs), accumulators, iterations, repeats, runs };
}
