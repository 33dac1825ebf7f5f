import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createRng, createRngFromState, deriveSeed, permutation, shuffleInPlace } from "../../lib/data";

describe("xoshiro128** generator", () => {
  it("matches the published reference sequences for explicit states", () => {
    // Outputs of Blackman & Vigna's reference C code, as used in public test suites (state {1,2,3,4}:
    // rand_xoshiro; state {0,1,2,3}: several JS/TS ports), and re-checked with a local C build of it.
    const a = createRngFromState([1, 2, 3, 4]);
    assert.deepEqual(Array.from({ length: 6 }, a.nextUint32), [11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
    const b = createRngFromState([0, 1, 2, 3]);
    assert.deepEqual(Array.from({ length: 6 }, b.nextUint32), [5760, 17280, 2966400, 32451840, 2604340873, 3891234569]);
  });

  it("seeds through splitmix32 exactly as the reference C program (uint32 arithmetic) does", () => {
    // Values printed by a C program: splitmix32 (z += 0x9e3779b9; z = (z ^ z>>16) * 0x85ebca6b;
    // z = (z ^ z>>13) * 0xc2b2ae35; z ^ z>>16) for the four state words, then the reference xoshiro128**.
    const expected: Record<number, number[]> = {
      0: [3809008728, 1133695204, 53579671, 2891528803, 139681546, 2203266335],
      1: [2442144158, 3238099751, 3819917871, 2104621829, 2021136066, 4223536128],
      4294967295: [835879718, 1921286648, 2356205009, 1885780724, 980451116, 1053911718],
    };
    for (const [seed, values] of Object.entries(expected)) {
      const rng = createRng(Number(seed));
      assert.deepEqual(Array.from({ length: 6 }, rng.nextUint32), values, `seed ${seed}`);
    }
  });

  it("rejects bad seeds; next() is in [0, 1); int(n) is in [0, n) and roughly uniform", () => {
    assert.throws(() => createRng(-1), RangeError);
    assert.throws(() => createRng(1.5), RangeError);
    assert.throws(() => createRng(2 ** 32), RangeError);
    const rng = createRng(3);
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60000; i++) {
      const x = rng.next();
      assert.ok(x >= 0 && x < 1);
      counts[rng.int(6)]++;
    }
    // each count ~ Binomial(60000, 1/6): mean 10000, sd ~91; 6 sd is a generous bound
    for (const c of counts) assert.ok(Math.abs(c - 10000) < 550, `count ${c}`);
  });
});

describe("Fisher-Yates", () => {
  it("permutation(n) is a permutation, reproducible from the seed, different for another seed", () => {
    const p = permutation(1000, createRng(42));
    assert.deepEqual([...p].sort((a, b) => a - b), Array.from({ length: 1000 }, (_, i) => i));
    assert.deepEqual([...permutation(1000, createRng(42))], [...p]);
    assert.notDeepEqual([...permutation(1000, createRng(43))], [...p]);
  });

  it("is the standard backwards Fisher-Yates driven by int(i + 1)", () => {
    // replay the algorithm by hand with a second generator of the same seed
    const rng = createRng(9);
    const expected = [10, 11, 12, 13, 14];
    for (let i = expected.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [expected[i], expected[j]] = [expected[j], expected[i]];
    }
    assert.deepEqual(shuffleInPlace([10, 11, 12, 13, 14], createRng(9)), expected);
  });

  it("every ordering of 3 items is about equally likely", () => {
    const rng = createRng(5);
    const counts = new Map<string, number>();
    for (let t = 0; t < 6000; t++) {
      const key = shuffleInPlace([0, 1, 2], rng).join("");
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    assert.equal(counts.size, 6);
    for (const c of counts.values()) assert.ok(Math.abs(c - 1000) < 180, `count ${c}`);
  });

  it("deriveSeed gives distinct, reproducible seeds per part", () => {
    const seeds = new Set([0, 1, 2, 3].map((e) => deriveSeed(0, e)));
    assert.equal(seeds.size, 4);
    assert.equal(deriveSeed(7, 3), deriveSeed(7, 3));
    assert.equal(deriveSeed(7), 7);
  });
});
