/** Pixel-identical images: grouping (hash, then byte comparison) and the counts shown in a dataset's info. */
import { createHash } from "node:crypto";
import { DuplicateInfo } from "./types";

/**
 * groups[i] = the smallest index j <= i whose image is byte-for-byte identical to image i
 * (so groups[i] === i marks the first copy). Images are `imageSize` consecutive bytes of `images`.
 */
export function duplicateGroups(images: Uint8Array, imageSize: number): Int32Array {
  const n = images.length / imageSize;
  const groups = new Int32Array(n);
  const firstByHash = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const img = images.subarray(i * imageSize, (i + 1) * imageSize);
    const key = createHash("sha1").update(img).digest("base64");
    const candidates = firstByHash.get(key) ?? [];
    const same = candidates.find((j) => Buffer.compare(img, images.subarray(j * imageSize, (j + 1) * imageSize)) === 0);
    if (same === undefined) {
      candidates.push(i);
      firstByHash.set(key, candidates);
      groups[i] = i;
    } else {
      groups[i] = same;
    }
  }
  return groups;
}

/**
 * Duplicate counts for a dataset whose images are indexed 0..n-1 (`groups` and `labels` over all of them),
 * split into `train` and `test` index lists.
 */
export function duplicateInfo(
  groups: Int32Array,
  labels: Uint8Array,
  classes: string[],
  train: ArrayLike<number>,
  test: ArrayLike<number>,
): DuplicateInfo {
  const byClass: Record<string, number> = Object.fromEntries(classes.map((c) => [c, 0]));
  let extraCopies = 0;
  let crossClass = 0;
  for (let i = 0; i < groups.length; i++) {
    const first = groups[i];
    if (first === i) continue;
    extraCopies++;
    if (labels[first] === labels[i]) byClass[classes[labels[i]]]++;
    else crossClass++;
  }
  const trainGroups = new Set<number>();
  for (let k = 0; k < train.length; k++) trainGroups.add(groups[train[k]]);
  let testWithCopyInTrain = 0;
  for (let k = 0; k < test.length; k++) if (trainGroups.has(groups[test[k]])) testWithCopyInTrain++;
  return { extraCopies, distinct: groups.length - extraCopies, byClass, crossClass, testWithCopyInTrain };
}
