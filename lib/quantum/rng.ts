/**
 * mulberry32: a small seeded 32-bit PRNG (Tommy Ettinger's constants). Deterministic across platforms:
 * the same seed gives the same sequence of floats in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` floats drawn uniformly from [low, high). */
export function uniform(rand: () => number, count: number, low: number, high: number): Float64Array {
  return Float64Array.from({ length: count }, () => low + (high - low) * rand());
}
