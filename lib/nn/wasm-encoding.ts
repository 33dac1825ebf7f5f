/**
 * The pieces of the WebAssembly binary format that this package's hand-assembled kernels share
 * (lib/nn/simd-peak.ts, lib/nn/pool-grad-simd.ts): value types, the opcodes they use, and the encodings of
 * numbers, sections, vectors and names. Each kernel file keeps only its own SIMD opcodes and function bodies.
 */
export const I32 = 0x7f, F32 = 0x7d, V128 = 0x7b;
/** The prefix of every SIMD instruction; its opcode follows, LEB128-encoded. */
export const SIMD = 0xfd;
export const LOCAL_GET = 0x20, LOCAL_SET = 0x21, I32_CONST = 0x41, F32_CONST = 0x43;
export const I32_EQZ = 0x45, I32_LT_U = 0x49, I32_ADD = 0x6a, I32_SUB = 0x6b, F32_ADD = 0x92;
export const BLOCK = 0x02, LOOP = 0x03, BR = 0x0c, BR_IF = 0x0d, END = 0x0b, VOID = 0x40;

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** A float32 constant's four little-endian bytes. */
export function f32Bytes(x: number): number[] {
  return [...new Uint8Array(Float32Array.of(x).buffer)];
}

/** A section: id, then its contents prefixed by their length. */
export function section(id: number, contents: number[]): number[] {
  return [id, ...uleb(contents.length), ...contents];
}

/** A vector: element count, then the elements. */
export function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

/** A name: its UTF-8 (here ASCII) bytes prefixed by their count. */
export function name(text: string): number[] {
  return [...uleb(text.length), ...[...text].map((c) => c.charCodeAt(0))];
}
