/** A tiny learnable image set for the HQNN-Quanv tests: two classes of 8x8 images, a bright bar in the top or the bottom half, plus noise. */
import { ImageSet, mulberry32 } from "../../lib/nn/train";

export function bars(n: number, seed: number): ImageSet {
  const rand = mulberry32(seed);
  const x = new Float32Array(n * 64), labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % 2;
    const row = labels[i] ? 5 + Math.floor(rand() * 2) : 1 + Math.floor(rand() * 2);
    for (let p = 0; p < 64; p++) x[i * 64 + p] = 0.2 * rand();
    for (let c = 1; c < 7; c++) x[i * 64 + row * 8 + c] = 1;
  }
  return { x, labels, n, shape: [8, 8, 1] };
}
