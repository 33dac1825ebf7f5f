/**
 * The training runs of section 2.2 (`results/{hqnn-parallel,cnn}-<dataset>.json`, the seed study's
 * `results/seeds/<model>-s<seed>.json`), the seed-study summary, and the CIFAR-10 recipe study's runs and summary.
 * Written by lib/nn/train.ts through experiments/parallel.ts, experiments/seeds.ts and experiments/cifar-recipe.ts.
 */
import { arr, bool, extend, Infer, nullable, num, obj, opt, rec, str, tuple } from "../schema";
import { dataSource, provenance, runProvenance, stat } from "./common";

export const epochRecord = obj({
  epoch: num, train_loss: num, train_acc: num, test_loss: num, test_acc: num,
  val_loss: opt(num), val_acc: opt(num),
  /** The epoch's learning rate, when a schedule sets it. */
  lr: opt(num),
  seconds: num, images_per_s: num,
});

export const trainingRun = obj({
  experiment: str,
  dataset: obj({ name: str, source: dataSource, train: num, test: num, input_shape: arr(num), preprocessing: str }),
  model: obj({ head: str, ablation: opt(str), conv_channels: arr(num), classes: num, n: num, description: str }),
  params: num,
  paper_params: opt(num),
  config: obj({ epochs: num, patience: opt(num), batch_size: num, learning_rate: num, seed: num, classes: num, schedule: opt(str), weight_decay: opt(num), adam_epsilon: opt(num) }),
  status: str,
  stopped_early: opt(str),
  epochs: arr(epochRecord),
  /** The final epoch's test-set predictions, for McNemar's test between runs. */
  test_predictions: opt(obj({ epoch: num, encoding: str, data: str })),
  /** The last epoch's figures (a result is first written when an epoch ends). */
  final: obj({ train_loss: num, test_loss: num, test_acc: num, epochs: num, best_test_acc: num }),
  provenance: runProvenance,
});
export type TrainingRun = Infer<typeof trainingRun>;

const band = obj({ mean: arr(num), std: arr(num) });
/** Welch's t-test of two samples (lib/stats welchTTest): the difference of the means, first minus second, and its 95 % interval. */
export const welch = obj({ t: num, df: num, p: num, mean_diff: num, ci95: opt(tuple(num, num)) });

/** lib/stats welchTTest's result as a result records it. */
export function welchRecord(w: { t: number; df: number; p: number; meanDiff: number; ci95: [number, number] }): Infer<typeof welch> {
  return { t: w.t, df: w.df, p: w.p, mean_diff: w.meanDiff, ci95: w.ci95 };
}

export const seedsSummary = obj({
  experiment: str, dataset: str, reference: str, seeds_wanted: num, note: str,
  models: rec(obj({
    seeds: arr(num), params: num,
    final_test_acc: stat, final_test_loss: stat, final_train_loss: stat, best_test_acc: stat,
    per_seed: rec(num),
    curves: obj({ test_acc: band, train_loss: band, test_loss: band }),
  })),
  comparisons: rec(obj({
    welch: nullable(welch),
    mcnemar_per_seed: arr(obj({ seed: num, only_a: num, only_b: num, p: num })),
    mcnemar_significant_seeds: num,
  })),
  code_versions: arr(str),
  provenance,
});
export type SeedsSummary = Infer<typeof seedsSummary>;

export const recipeRun = extend(trainingRun, {
  study: str,
  recipe: obj({
    id: str, summary: str, epochs: num, patience: opt(num), schedule: opt(str), weight_decay: opt(num),
    normalise: bool, augment: bool, normalisation: nullable(obj({ mean: arr(num), std: arr(num) })),
  }),
  dataset: obj({
    name: str, variant: str, source: dataSource, psnr_to_copy: nullable(obj({ train: num, test: num })),
    train: num, validation: num, test: num,
    validation_split: obj({ count: num, seed: num, stratified: bool, from: str }),
    input_shape: arr(num),
  }),
  model: obj({ name: str, head: str, conv_channels: arr(num), classes: num, n: num, description: str }),
  /** The epoch chosen on validation accuracy and its test figures (the test set chose nothing). */
  selection: obj({ on: str, validation_n: num, chosen_epoch: num, val_acc: num, val_loss: num, test_acc: num, test_loss: num }),
});
export type RecipeRun = Infer<typeof recipeRun>;

export const recipeSummary = obj({
  experiment: str,
  chosen_recipe: nullable(obj({ recipe: str, val_acc: num, rule: str, candidates: arr(obj({ recipe: str, val_acc: num })) })),
  note: str,
  rows: arr(obj({
    recipe: str, model: str, data: str, seed: num, psnr_to_copy: nullable(num), epochs_trained: num,
    chosen_epoch: num, val_acc: num, test_acc: num, test_loss: num, wall_s: num,
  })),
  groups: rec(obj({ seeds: arr(num), val_acc: stat, test_acc: stat })),
  comparisons: rec(welch),
  /**
   * The chosen recipe on the copy, what the CIFAR-10 claims read (from 2026-12-06 on): per model its seeds and test
   * accuracy and loss over them, HQNN-Parallel − CNN (Welch) once both have two seeds, and the seeds the study wants.
   */
  chosen: opt(nullable(obj({
    recipe: str, seeds_wanted: num,
    /** Whether these runs trained on a lossy copy of the data (every run's dataset.source.lossy; the claims label it). */
    lossy: bool,
    /** Test accuracy and loss over seeds at the epoch chosen on validation (each with its standard error and 95 % prediction interval). */
    models: rec(obj({ seeds: arr(num), test_acc: stat, test_loss: stat })),
    comparison: nullable(welch),
  }))),
  code_versions: arr(str),
  provenance,
});
export type RecipeSummary = Infer<typeof recipeSummary>;
