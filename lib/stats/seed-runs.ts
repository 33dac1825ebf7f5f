/** Per-epoch statistics over the seeds (random initialisations) of one model, as the HQNN-Quanv results report them. */
import { meanStd } from "./index";

/** One seed's training history: at least the losses and the test accuracy of every epoch. */
export interface SeedHistory { seed: number; epochs: { train_loss: number; test_loss: number; test_acc: number }[] }

/**
 * Per-epoch mean and sample std over seeds (plus the population std of the test accuracy), for the epochs every
 * seed has; `final` is the last of them.
 */
export function aggregateRuns(runs: SeedHistory[]) {
  const epochs = Math.min(...runs.map((r) => r.epochs.length));
  if (!runs.length || epochs < 1) throw new RangeError("aggregateRuns needs at least one seed with at least one epoch");
  const per_epoch = Array.from({ length: epochs }, (_, e) => {
    const at = (key: "train_loss" | "test_loss" | "test_acc") => meanStd(runs.map((r) => r.epochs[e][key]));
    const acc = at("test_acc"), train = at("train_loss"), test = at("test_loss");
    return {
      epoch: e + 1, test_acc_mean: acc.mean, test_acc_std: acc.std, test_acc_std_population: acc.std_population,
      train_loss_mean: train.mean, train_loss_std: train.std, test_loss_mean: test.mean, test_loss_std: test.std,
    };
  });
  const last = per_epoch[per_epoch.length - 1];
  return {
    per_epoch,
    final: { epoch: last.epoch, test_acc_mean: last.test_acc_mean, test_acc_std: last.test_acc_std, test_acc_std_population: last.test_acc_std_population },
    std: "sample standard deviation over seeds (divisor n-1); test_acc_std_population uses divisor n",
  };
}
