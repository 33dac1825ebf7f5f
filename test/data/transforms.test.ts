/** Transforms against values computed by hand (see the comments for each expected number). */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createRng, FloatImage, flipHorizontal, randomHorizontalFlip, randomRotation, resizeBilinear, rotate, toUnitFloat } from "../../lib/data";

const image = (h: number, w: number, c: number, f: (y: number, x: number, k: number) => number): FloatImage => {
  const data = new Float32Array(h * w * c);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let k = 0; k < c; k++) data[(y * w + x) * c + k] = f(y, x, k);
  return { data, height: h, width: w, channels: c };
};

function assertClose(actual: ArrayLike<number>, expected: number[], tol = 1e-6): void {
  assert.equal(actual.length, expected.length);
  expected.forEach((e, i) => assert.ok(Math.abs(actual[i] - e) <= tol, `index ${i}: ${actual[i]} vs ${e}`));
}

const ramp4 = image(4, 4, 1, (y, x) => 4 * y + x); // 0..15 row-major

describe("bilinear resize, PyTorch semantics (align_corners=False, antialias=False)", () => {
  it("4x4 → 2x2: src = 2i + 0.5, so each output is the mean of one 2x2 block", () => {
    // blocks {0,1,4,5}, {2,3,6,7}, {8,9,12,13}, {10,11,14,15}
    assertClose(resizeBilinear(ramp4, 2, 2).data, [2.5, 4.5, 10.5, 12.5]);
    // a single bright pixel at (0,0) contributes 1/4 of itself to output (0,0) only
    const spot = image(4, 4, 1, (y, x) => (y === 0 && x === 0 ? 16 : 0));
    assertClose(resizeBilinear(spot, 2, 2).data, [4, 0, 0, 0]);
  });

  it("2 → 4 (upscale): src = -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to the last pixel)", () => {
    assertClose(resizeBilinear(image(1, 2, 1, (_, x) => 4 * x), 1, 4).data, [0, 1, 3, 4]);
  });

  it("28 → 14 (the HQNN-Quanv resize): every output is its 2x2 block mean, per channel", () => {
    const img = image(28, 28, 2, (y, x, k) => ((y * 31 + x * 17 + k * 7) % 23) / 23);
    const out = resizeBilinear(img, 14, 14);
    for (let y = 0; y < 14; y++) {
      for (let x = 0; x < 14; x++) {
        for (let k = 0; k < 2; k++) {
          const at = (yy: number, xx: number) => img.data[(yy * 28 + xx) * 2 + k];
          const mean = (at(2 * y, 2 * x) + at(2 * y, 2 * x + 1) + at(2 * y + 1, 2 * x) + at(2 * y + 1, 2 * x + 1)) / 4;
          assert.ok(Math.abs(out.data[(y * 14 + x) * 2 + k] - mean) < 1e-6);
        }
      }
    }
  });
});

describe("bilinear resize with antialias (torchvision antialias=True / PIL bilinear)", () => {
  it("4 → 2 per axis: triangle filter of half-width 2, weights 3/7, 3/7, 1/7 and 1/7, 3/7, 3/7", () => {
    // output 0: centre 1, inputs 0..2 at distances 0.5, 0.5, 1.5 → 1 - d/2 = 0.75, 0.75, 0.25 (sum 1.75)
    // output 1: centre 3, inputs 1..3 at distances 1.5, 0.5, 0.5 → 0.25, 0.75, 0.75
    // 1-D ramp [0,1,2,3] → [(0·3 + 1·3 + 2·1)/7, (1·1 + 2·3 + 3·3)/7] = [5/7, 16/7]; 2-D: 4·Y + X
    assertClose(resizeBilinear(ramp4, 2, 2, { antialias: true }).data, [25 / 7, 36 / 7, 69 / 7, 80 / 7]);
    const spot = image(4, 4, 1, (y, x) => (y === 0 && x === 0 ? 16 : 0));
    assertClose(resizeBilinear(spot, 2, 2, { antialias: true }).data, [(16 * 9) / 49, 0, 0, 0]);
  });

  it("28 → 14: interior outputs use inputs 2i-1 .. 2i+2 with weights 1/8, 3/8, 3/8, 1/8", () => {
    const img = image(28, 28, 1, (y, x) => ((y * 13 + x * 29) % 17) / 17);
    const out = resizeBilinear(img, 14, 14, { antialias: true });
    const w = [1 / 8, 3 / 8, 3 / 8, 1 / 8];
    for (const [y, x] of [[5, 7], [1, 12], [12, 1]]) {
      let expected = 0;
      for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) expected += w[a] * w[b] * img.data[(2 * y - 1 + a) * 28 + (2 * x - 1 + b)];
      assert.ok(Math.abs(out.data[y * 14 + x] - expected) < 1e-6, `(${y}, ${x})`);
    }
  });

  it("upscaling with antialias equals plain bilinear", () => {
    const img = image(3, 5, 2, (y, x, k) => Math.sin(y + 2 * x + k));
    assertClose(resizeBilinear(img, 7, 9, { antialias: true }).data, [...resizeBilinear(img, 7, 9).data]);
  });
});

describe("rotation (counter-clockwise about the centre, fill 0)", () => {
  it("90° maps out(y, x) = in(x, w-1-y) (numpy rot90), with nearest and bilinear", () => {
    const expected: number[] = [];
    for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) expected.push(4 * x + (3 - y));
    assertClose(rotate(ramp4, 90).data, expected);
    assertClose(rotate(ramp4, 90, { interpolation: "bilinear" }).data, expected, 1e-5);
    assertClose(rotate(ramp4, 180).data, [...ramp4.data].reverse());
    assertClose(rotate(ramp4, 0).data, [...ramp4.data]);
  });

  it("45° bilinear of a 3x3 white image: corners sample 0.414 px outside → 2 - √2; the rest stays 1", () => {
    // corner (0,0): source (1, 1 - √2) = (1, -0.414): weight 0.586 on row 0 (value 1), 0.414 on row -1 (fill 0)
    const c = 2 - Math.SQRT2;
    assertClose(rotate(image(3, 3, 1, () => 1), 45, { interpolation: "bilinear" }).data, [c, 1, c, 1, 1, 1, c, 1, c], 1e-6);
    assertClose(rotate(image(3, 3, 1, () => 1), 45, { interpolation: "bilinear", fill: 1 }).data, new Array(9).fill(1), 1e-6);
  });

  it("bilinear is exact on a linear ramp: out(x, y) = cx + cos θ (x - cx) - sin θ (y - cy) inside", () => {
    const theta = (10 * Math.PI) / 180;
    const out = rotate(image(8, 8, 1, (_, x) => x), 10, { interpolation: "bilinear" });
    for (let y = 2; y < 6; y++) {
      for (let x = 2; x < 6; x++) {
        const expected = 3.5 + Math.cos(theta) * (x - 3.5) - Math.sin(theta) * (y - 3.5);
        assert.ok(Math.abs(out.data[y * 8 + x] - expected) < 1e-5);
      }
    }
  });

  it("randomRotation draws an angle uniform in [-max, max) from the generator", () => {
    const img = image(6, 6, 1, (y, x) => y * 6 + x);
    const u = createRng(11).next();
    assert.deepEqual([...randomRotation(img, 10, createRng(11)).data], [...rotate(img, (2 * u - 1) * 10).data]);
    const rng = createRng(12);
    for (let i = 0; i < 100; i++) {
      const v = (2 * rng.next() - 1) * 10;
      assert.ok(v >= -10 && v < 10);
    }
  });
});

describe("flip and scaling", () => {
  it("flipHorizontal reverses each row and keeps channel order", () => {
    const img = image(2, 3, 2, (y, x, k) => 100 * k + 3 * y + x);
    assertClose(flipHorizontal(img).data, [2, 102, 1, 101, 0, 100, 5, 105, 4, 104, 3, 103]);
  });

  it("randomHorizontalFlip flips with probability p, from the generator", () => {
    const img = image(1, 2, 1, (_, x) => x);
    assertClose(randomHorizontalFlip(img, createRng(1), 1).data, [1, 0]);
    assertClose(randomHorizontalFlip(img, createRng(1), 0).data, [0, 1]);
    const rng = createRng(2);
    let flipped = 0;
    for (let i = 0; i < 2000; i++) flipped += randomHorizontalFlip(img, rng).data[0];
    assert.ok(Math.abs(flipped - 1000) < 120, `${flipped}`); // Binomial(2000, 0.5): sd ≈ 22
  });

  it("toUnitFloat divides by 255", () => {
    assertClose(toUnitFloat(Uint8Array.from([0, 255, 51]), 1, 3, 1).data, [0, 1, 0.2]);
  });
});
