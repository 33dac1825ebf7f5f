/** HQNN-Quanv's image preparation (section 2.3): MNIST resized to 14x14 as the paper's torchvision pipeline does. */
import { resizeBilinear, Split } from "../data";
import type { ImageSet } from "./train";

/**
 * The paper's preprocessing: images at `indices` of a 28x28x1 uint8 split, resized to size x size by
 * antialiased bilinear interpolation (what torchvision's Resize does on a PIL image: PIL's BILINEAR filter),
 * rounded to uint8 as PIL does, then scaled to [0, 1] (ToTensor).
 */
export function prepareQuanvImages(split: Split, indices: ArrayLike<number>, size: number): ImageSet {
  const [h, w, c] = split.shape;
  if (c !== 1) throw new RangeError(`expected single-channel images, got ${c} channels`);
  const x = new Float32Array(indices.length * size * size);
  const labels = new Uint8Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    const data = Float32Array.from(split.images.subarray(i * h * w, (i + 1) * h * w));
    const resized = resizeBilinear({ data, height: h, width: w, channels: 1 }, size, size, { antialias: true });
    for (let p = 0; p < size * size; p++) x[k * size * size + p] = Math.min(255, Math.max(0, Math.round(resized.data[p]))) / 255;
    labels[k] = split.labels[i];
  }
  return { x, labels, n: indices.length, shape: [size, size, 1] };
}
