/**
 * The result files the claims read, and which guards apply to each before a value may decide a verdict.
 *
 * - training: one training run (section 2.2); only `status: "complete"` counts, anything else is partial.
 * - seeded: an average over seeded runs (section 2.3); a quick-profile file is partial.
 * - exact: a deterministic computation (counts, ZX, Fourier, timings, dataset facts); no guard.
 * - seed-study: the MNIST seed study (experiments/seeds.ts); partial in the quick profile or while any model
 *   has fewer seeds than the study asks for.
 * - recipe-study: the CIFAR-10 recipe study (experiments/cifar-recipe.ts); partial in the quick profile, before a
 *   recipe is chosen, or while a model has fewer seeds of the chosen recipe than the study asks for.
 */
import { ResultId } from "./types";

export type ResultKind = "training" | "seeded" | "exact" | "seed-study" | "recipe-study";

export const RESULT_KINDS: Record<ResultId, ResultKind> = {
  "hqnn-parallel-mnist": "training",
  "cnn-mnist": "training",
  "hqnn-parallel-medmnist": "training",
  "cnn-medmnist": "training",
  "hqnn-parallel-cifar10": "training",
  "cnn-cifar10": "training",
  "param-counts": "exact",
  datasets: "exact",
  "quanv-hqnn": "seeded",
  "quanv-cnn1": "seeded",
  "quanv-cnn4": "seeded",
  "quanv-gradient-timing": "exact",
  "zx-reduction": "exact",
  fourier: "exact",
  "seeds-summary": "seed-study",
  "cifar-recipe-summary": "recipe-study",
  "bench-training": "exact",
  "gradient-scaling": "exact",
};

export const RESULT_IDS = Object.keys(RESULT_KINDS) as ResultId[];

export function isResultId(id: string): id is ResultId {
  return Object.prototype.hasOwnProperty.call(RESULT_KINDS, id);
}

/** Why a present result may not decide a verdict yet (undefined when it may). */
export function partialReason(id: ResultId, data: any): string | undefined {
  const kind = RESULT_KINDS[id];
  if (kind === "training" && data?.status !== "complete") return `${id}: ${data?.status ?? "no status"}`;
  if (kind !== "exact" && data?.provenance?.profile === "quick") return `${id}: quick profile`;
  if (kind === "seed-study") {
    const short = Object.entries(data?.models ?? {}).filter(([, m]: [string, any]) => m.seeds.length < data.seeds_wanted)
      .map(([name, m]: [string, any]) => `${name} ${m.seeds.length}/${data.seeds_wanted} seeds`);
    if (short.length > 0) return `${id}: ${short.join(", ")}`;
  }
  if (kind === "recipe-study") {
    const chosen = data?.chosen;
    if (!chosen) return `${id}: no recipe chosen yet`;
    const short = ["hqnn-parallel", "cnn"].filter((m) => (chosen.models[m]?.seeds.length ?? 0) < chosen.seeds_wanted)
      .map((m) => `${m} ${chosen.models[m]?.seeds.length ?? 0}/${chosen.seeds_wanted} seeds`);
    if (short.length > 0) return `${id}: chosen recipe ${chosen.recipe}: ${short.join(", ")}`;
  }
  return undefined;
}

/**
 * Whether the value at `field` comes from a lossy copy of a dataset: the result's own `dataset.source.lossy`,
 * or a `lossy` / `source.lossy` flag on any object along the field's path (e.g. datasets.json `cifar10.lossy`).
 */
export function isLossy(data: any, field: string): boolean {
  if (data?.dataset?.source?.lossy === true) return true;
  let node = data;
  for (const key of field.split(".")) {
    if (node === null || typeof node !== "object") return false;
    if (node.lossy === true || node.source?.lossy === true) return true;
    node = node[key];
  }
  return false;
}
