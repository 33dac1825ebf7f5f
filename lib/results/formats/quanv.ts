/**
 * The HQNN-Quanv study of section 2.3 (experiments/quanv.ts): one file per (reading, learning rate, model)
 * variant, `results/quanv-<variant>.json`, with 10 seeded models each; the other-subsets check
 * (`quanv-subsets`) and the gradient-method timing (`quanv-gradient-timing`).
 */
import { arr, bool, Infer, nullable, num, obj, opt, rec, str } from "../schema";
import { machineLoad, provenance } from "./common";

const reading = obj({ id: str, rotation: nullable(str), stride: num, channel_side: num, note: str });
const quanvEpoch = obj({ epoch: num, train_loss: num, train_acc: num, test_loss: num, test_acc: num, seconds: num });
const accuracyOverSeeds = obj({ epoch: num, test_acc_mean: num, test_acc_std: num, test_acc_std_population: num });
const spread = obj({ mean: num, std: num, std_population: num });

/** The protocol every Quanv file records (the variant's own fields are optional). */
const protocol = obj({
  profile: str, train_n: num, test_n: num, seeds: arr(num), epochs: num, batch_size: num, learning_rate: num,
  optimizer: str, loss: str, image_size: num, resize: str, shuffle: str, init: str,
  stride: opt(num), rotation: opt(nullable(str)), diff_method: opt(str), conv_bias: opt(nullable(bool)), conv_activation: opt(nullable(str)),
  subsets: opt(obj({ count: num, seeds_each: arr(num) })), timing_repeats: opt(num),
});

export const quanvRun = obj({
  experiment: str, status: str, reading,
  model: obj({ kind: str, description: str }),
  dataset: obj({
    name: str, source: obj({ kind: str, id: str, variant: str }), selection: str, train: num, test: num,
    input_shape: arr(num), train_label_counts: arr(num), test_label_counts: arr(num),
  }),
  seeds: arr(num),
  per_seed: arr(obj({ seed: num, epochs: arr(quanvEpoch) })),
  aggregate: obj({
    per_epoch: arr(obj({ ...accuracyOverSeeds.shape, train_loss_mean: num, train_loss_std: num, test_loss_mean: num, test_loss_std: num })),
    final: accuracyOverSeeds,
    std: str,
  }),
  kernel_params: num, total_params: num,
  /** The paper's figure this variant is compared with, as the run recorded it (the registry is the source). */
  paper: obj({ mean: num, std: num }),
  config: protocol,
  provenance,
});
export type QuanvRun = Infer<typeof quanvRun>;

const subsetModel = obj({ final: accuracyOverSeeds, final_per_seed: arr(obj({ seed: num, ...quanvEpoch.shape })), test_acc_mean_per_epoch: arr(num) });
const difference = obj({ per_subset: arr(num), mean: num, std: num, std_population: num, positive_in: num });

export const quanvSubsets = obj({
  experiment: str, reading, question: str,
  subsets: arr(obj({
    subset_seed: num, selection: str, train_indices: arr(num), test_indices: arr(num),
    train_label_counts: arr(num), test_label_counts: arr(num),
    models: rec(subsetModel),
  })),
  summary: obj({
    final_test_acc_mean: rec(spread),
    hqnn_minus_cnn4: difference, hqnn_minus_cnn1: difference, cnn4_minus_cnn1: difference, note: str,
  }),
  config: protocol,
  provenance,
});
export type QuanvSubsets = Infer<typeof quanvSubsets>;

const methodTiming = obj({
  seconds: num, seconds_all_rounds: arr(num), engine_vjp_seconds: num, engine_forward_seconds: num,
  epoch_train_loss: num, test_loss: num, test_acc: num, abs_diff_train_loss_vs_backprop: num, max_abs_diff_kernel_vs_backprop: num,
});

export const quanvGradientTiming = obj({
  experiment: str, what: str, reading: str,
  methods: rec(methodTiming),
  by_reading: rec(rec(methodTiming)),
  engine_only: obj({ patches: num, repeats: num, median_seconds: rec(num), max_abs_gradient_diff_vs_backprop: rec(num) }),
  machine_load: machineLoad,
  config: protocol,
  provenance,
});
export type QuanvGradientTiming = Infer<typeof quanvGradientTiming>;
