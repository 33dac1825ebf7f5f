import { Dataset } from "../../lib/data";
import { VALIDATION } from "../../lib/nn/cifar-recipes";

/** A CIFAR-shaped stand-in: 8x8x3 images of seeded bytes, 10 classes, enough training images for the hold-out. */
export function tinyCifar(train = VALIDATION.count + 300, testN = 64): Dataset {
  const split = (n: number, salt: number) => ({
    images: Uint8Array.from({ length: n * 192 }, (_, i) => (i * 2654435761 + salt) >>> 24), labels: Uint8Array.from({ length: n }, (_, i) => (i * 7) % 10),
    n, shape: [8, 8, 3] as [number, number, number],
  });
  return {
    name: "cifar10", classes: Array.from({ length: 10 }, (_, k) => `c${k}`), shape: [8, 8, 3], train: split(train, 1), test: split(testN, 2),
    source: { kind: "cache", from: "cache", id: "tiny", variant: "tiny", lossy: false, path: "(memory)", files: [] }, checksumsOk: true,
    info: { title: "tiny", channels: 3, classCounts: { train: [], test: [] }, duplicates: { extraCopies: 0, distinct: 0, byClass: {}, crossClass: 0, testWithCopyInTrain: 0 }, notes: [] },
  };
}
