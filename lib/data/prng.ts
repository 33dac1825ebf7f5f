/**
 * A small seeded pseudo-random generator, reproducible bit for bit on every machine (only 32-bit integer
 * arithmetic: `Math.imul`, shifts, xor).
 *
 * Generator: xoshiro128** (Blackman & Vigna 2018). Its 128-bit state is filled from the seed with
 * splitmix32 (the 32-bit golden-ratio increment 0x9e3779b9 followed by the MurmurHash3 finaliser).
 */

export interface Rng {
  /** Next raw output, an integer in [0, 2^32). */
  nextUint32(): number;
  /** A float in [0, 1) with 32 random bits: nextUint32() / 2^32. */
  next(): number;
  /** An unbiased integer in [0, n) for 1 <= n <= 2^32 (rejection sampling, no modulo bias). */
  int(n: number): number;
}

const TWO_POW_32 = 4294967296;

/** splitmix32 step: returns the next output and the advanced state. */
function splitmix32(state: number): [output: number, state: number] {
  const next = (state + 0x9e3779b9) >>> 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [(z ^ (z >>> 16)) >>> 0, next];
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** A generator for an integer seed in [0, 2^32): the state is four successive splitmix32 outputs. */
export function createRng(seed: number): Rng {
  if (!Number.isInteger(seed) || seed < 0 || seed >= TWO_POW_32) {
    throw new RangeError(`seed must be an integer in [0, 2^32), got ${seed}`);
  }
  const state: number[] = [];
  let sm = seed;
  for (let i = 0; i < 4; i++) {
    const [out, next] = splitmix32(sm);
    state.push(out);
    sm = next;
  }
  return createRngFromState(state);
}

/** A xoshiro128** generator started from an explicit 128-bit state (four uint32, not all zero). */
export function createRngFromState(state: readonly number[]): Rng {
  const s = Uint32Array.from(state);
  if (s.length !== 4 || s.every((x) => x === 0)) throw new RangeError("state must be four uint32, not all zero");

  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  };

  const int = (n: number): number => {
    if (!Number.isInteger(n) || n < 1 || n > TWO_POW_32) throw new RangeError(`int(n) needs 1 <= n <= 2^32, got ${n}`);
    const limit = TWO_POW_32 - (TWO_POW_32 % n); // largest multiple of n that fits
    for (;;) {
      const x = nextUint32();
      if (x < limit) return x % n;
    }
  };

  return { nextUint32, next: () => nextUint32() / TWO_POW_32, int };
}

/** Fisher-Yates shuffle in place: for i = n-1 down to 1, swap a[i] with a[j], j uniform in [0, i]. */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(a: T, rng: Rng): T {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = a[i];
    a[i] = a[j];
    a[j] = tmp;
  }
  return a;
}

/** A uniformly random permutation of 0..n-1 (Fisher-Yates applied to the identity). */
export function permutation(n: number, rng: Rng): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  return shuffleInPlace(p, rng);
}

/**
 * Derive a new seed from a base seed and integers (e.g. an epoch number): h = seed, then for each part
 * h = splitmix32(h xor part). Used so that each epoch of a shuffled iterator gets its own stream.
 */
export function deriveSeed(seed: number, ...parts: number[]): number {
  let h = seed >>> 0;
  for (const p of parts) h = splitmix32((h ^ p) >>> 0)[0];
  return h;
}
