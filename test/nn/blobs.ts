/** A tiny learnable image set for training-loop tests: two classes of 8x8 images, a bright pair of pixels left or right, plus seeded noise. */
import { ImageSet, mulberry32 } from "../../lib/nn/train";

export function blobs(n: number, seed: number): ImageSet {
  const rand = mulberry32(seed);
  const x = new Float32Array(n * 64), labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % 2;
    const cx = labels[i] ? 5 : 2, cy = 1 + Math.floor(rand() * 6);
    for (let p = 0; p < 64; p++) x[i * 64 + p] = 0.2 * rand();
    x[i * 64 + cy * 8 + cx] = 1; x[i * 64 + cy * 8 + cx + 1] = 1;
  }
  return { x, labels, n, shape: [8, 8, 1] };
}
