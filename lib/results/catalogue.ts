/**
 * The experiment catalogue: every result file the package records, one entry per experiment, with its id (a typed
 * value: built by the functions below, never by hand), the paper section it serves, the command that writes it,
 * and its on-disk format (lib/results/formats, snake_case keys). `readResult(id)` returns the format's type and
 * validates the file against it, so a file that drifted from its writer is an error naming the file and the field.
 *
 * Adding an experiment: one entry here (and its format, when it is a new one), plus its runner under experiments/.
 */
import { DATASETS, DatasetName } from "../data/types";
import { Infer, Schema } from "./schema";
import {
  benchRoofline, benchSchedule, benchTraining, benchZx, datasets, fourier, gradientScaling, paramCounts, quanvGradientTiming, quanvRun, quanvSubsets,
  recipeRun, recipeSummary, seedsSummary, trainingRun, zxReduction,
} from "./formats";

/** The two models of section 2.2, as named in result ids. */
export const PARALLEL_MODELS = ["hqnn-parallel", "cnn"] as const;
export type ParallelModel = (typeof PARALLEL_MODELS)[number];
export type TrainingId = `${ParallelModel}-${DatasetName}`;

/** The seed study's models: the two MNIST models and three ablations of the quantum layer. */
export const SEED_MODELS = ["hqnn-parallel-mnist", "cnn-mnist", "ablation-no-quantum", "ablation-dense20", "ablation-frozen-quantum"] as const;
export type SeedModel = (typeof SEED_MODELS)[number];

/** The CIFAR-10 recipe study's models (experiments/cifar-recipe.ts; the same recipe for both). */
export const RECIPE_MODELS = ["hqnn-parallel", "cnn"] as const;
export type RecipeModel = (typeof RECIPE_MODELS)[number];
export type SeedRunId = `seeds/${SeedModel}-s${number}`;

export const QUANV_MODELS = ["hqnn", "cnn1", "cnn4"] as const;
export type QuanvModel = (typeof QUANV_MODELS)[number];

/**
 * The HQNN-Quanv study's variants, one result file each (`results/<id>.json`): the paper's models in the primary
 * reading (stride 4, RY kernel rotations, Adam lr 1e-3), the other readings of its geometry and kernel, and the
 * learning-rate sensitivity check. `part` is the experiments/quanv.ts --part that runs it.
 */
export const QUANV_VARIANTS = [
  { id: "quanv-hqnn", model: "hqnn", reading: "stride4", rotation: "RY", part: "main" },
  { id: "quanv-cnn1", model: "cnn1", reading: "stride4", rotation: "RY", part: "main" },
  { id: "quanv-cnn4", model: "cnn4", reading: "stride4", rotation: "RY", part: "main" },
  { id: "quanv-hqnn-rx", model: "hqnn", reading: "stride4", rotation: "RX", part: "readings" },
  { id: "quanv-stride2-hqnn", model: "hqnn", reading: "stride2", rotation: "RY", part: "readings" },
  { id: "quanv-stride2-hqnn-rx", model: "hqnn", reading: "stride2", rotation: "RX", part: "readings" },
  { id: "quanv-stride2-cnn1", model: "cnn1", reading: "stride2", rotation: "RY", part: "readings" },
  { id: "quanv-stride2-cnn4", model: "cnn4", reading: "stride2", rotation: "RY", part: "readings" },
  { id: "quanv-lr1e-2-hqnn", model: "hqnn", reading: "stride4", rotation: "RY", part: "lr", learningRate: 1e-2 },
  { id: "quanv-lr1e-2-cnn1", model: "cnn1", reading: "stride4", rotation: "RY", part: "lr", learningRate: 1e-2 },
  { id: "quanv-lr1e-2-cnn4", model: "cnn4", reading: "stride4", rotation: "RY", part: "lr", learningRate: 1e-2 },
  { id: "quanv-stride2-lr1e-2-hqnn", model: "hqnn", reading: "stride2", rotation: "RY", part: "lr", learningRate: 1e-2 },
  { id: "quanv-stride2-lr1e-2-cnn1", model: "cnn1", reading: "stride2", rotation: "RY", part: "lr", learningRate: 1e-2 },
  { id: "quanv-stride2-lr1e-2-cnn4", model: "cnn4", reading: "stride2", rotation: "RY", part: "lr", learningRate: 1e-2 },
] as const satisfies readonly { id: string; model: QuanvModel; reading: "stride4" | "stride2"; rotation: "RY" | "RX"; part: string; learningRate?: number }[];
export type QuanvVariant = (typeof QUANV_VARIANTS)[number];

/** A variant's Adam learning rate when it overrides the protocol's (the sensitivity check), else undefined. */
export function variantLearningRate(v: QuanvVariant): number | undefined {
  return "learningRate" in v ? v.learningRate : undefined;
}
export type QuanvRunId = QuanvVariant["id"];

export type RecipeRunId = `cifar-recipe/${string}-s${number}${"" | `-${string}`}`;

export function trainingId(model: ParallelModel, dataset: DatasetName): TrainingId {
  return `${model}-${dataset}`;
}
export function seedRunId(model: SeedModel, seed: number): SeedRunId {
  return `seeds/${model}-s${seed}`;
}

/** Single-file experiments: id -> entry. */
const SINGLE = {
  datasets: { schema: datasets, section: "2.1", writes: "node --import tsx experiments/datasets.ts" },
  "param-counts": { schema: paramCounts, section: "2.2.4", writes: "node --import tsx experiments/param-counts.ts" },
  "seeds-summary": { schema: seedsSummary, section: "2.2.4", writes: "node --import tsx experiments/seeds.ts --summary" },
  "cifar-recipe-summary": { schema: recipeSummary, section: "2.2.4", writes: "node --import tsx experiments/cifar-recipe.ts --summary" },
  "quanv-subsets": { schema: quanvSubsets, section: "2.3.3", writes: "node --import tsx experiments/quanv.ts --part subsets" },
  "quanv-gradient-timing": { schema: quanvGradientTiming, section: "2.3.3", writes: "node --import tsx experiments/quanv.ts --part timing" },
  "gradient-scaling": { schema: gradientScaling, section: "2.3.3", writes: "node --import tsx experiments/gradient-scaling.ts" },
  "zx-reduction": { schema: zxReduction, section: "A.1", writes: "node --import tsx experiments/zx.ts" },
  fourier: { schema: fourier, section: "A.2", writes: "node --import tsx experiments/fourier.ts" },
  "bench-training": { schema: benchTraining, section: "speed", writes: "make bench RECORD=1" },
  "bench-roofline": { schema: benchRoofline, section: "speed", writes: "make bench RECORD=1" },
  "bench-schedule": { schema: benchSchedule, section: "speed", writes: "RECORD=1 npm run --silent bench -- train --schedule" },
  "bench-zx": { schema: benchZx, section: "A.1", writes: "make bench RECORD=1" },
} as const;
export type SingleId = keyof typeof SINGLE;

/** Families of files written by one runner, one file per run, recognised by their id. */
const FAMILIES = [
  {
    family: "training", match: new RegExp(`^(${PARALLEL_MODELS.join("|")})-(${DATASETS.join("|")})$`), schema: trainingRun,
    section: "2.2.4", writes: "node --import tsx experiments/parallel.ts <id> (make reproduce)",
  },
  {
    family: "seed run", match: new RegExp(`^(two-threads/)?seeds/(${SEED_MODELS.join("|")})-s\\d+$`), schema: trainingRun,
    section: "2.2.4", writes: "node --import tsx experiments/seeds.ts",
  },
  {
    family: "cifar-10 recipe run", match: new RegExp(`^cifar-recipe/[a-z-]+-(${RECIPE_MODELS.join("|")})(-q\\d+)?-s\\d+$`), schema: recipeRun,
    section: "2.2.4", writes: "node --import tsx experiments/cifar-recipe.ts",
  },
] as const;

export type ResultId = SingleId | TrainingId | SeedRunId | QuanvRunId | RecipeRunId;
type Single<K> = K extends SingleId ? Infer<(typeof SINGLE)[K]["schema"]> : never;
export type ResultOf<K extends ResultId> =
  K extends SingleId ? Single<K>
  : K extends TrainingId | SeedRunId ? Infer<typeof trainingRun>
  : K extends RecipeRunId ? Infer<typeof recipeRun>
  : K extends QuanvRunId ? Infer<typeof quanvRun>
  : never;

const QUANV_ENTRY = { schema: quanvRun, section: "2.3.3", writes: "node --import tsx experiments/quanv.ts --part <part>" };

export interface CatalogueEntry {
  /** The id, or for a family of run files the family's name. */
  name: string;
  schema: Schema<unknown>;
  section: string;
  writes: string;
}

/** The catalogue entry of a result id (a path under results/ without `.json`), or undefined when none holds it. */
export function catalogueEntry(id: string): CatalogueEntry | undefined {
  if (id in SINGLE) return { name: id, ...SINGLE[id as SingleId] };
  if (QUANV_VARIANTS.some((v) => v.id === id)) return { name: "quanv variant", ...QUANV_ENTRY };
  const f = FAMILIES.find((x) => x.match.test(id));
  return f && { name: f.family, schema: f.schema, section: f.section, writes: f.writes };
}
