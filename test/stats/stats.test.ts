import { test } from "node:test";
import assert from "node:assert/strict";
import { aggregateRuns, binomialTwoSided, leastSquares, mcnemar, meanStd, median, predictionInterval95, std, studentTCdf, studentTQuantile, welchTTest } from "../../lib/stats";

// Reference values computed independently with scipy.stats 1.17.1 (ttest_ind(equal_var=False), t.cdf, binomtest).
const close = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

test("Student t distribution function matches scipy, integer and fractional degrees of freedom", () => {
  close(studentTCdf(-2.0, 10), 0.03669401738537018);
  close(studentTCdf(1.3, 3.7), 0.8656666379136863);
  close(1 - studentTCdf(4.5, 1.5), 0.03801312841072252);
  close(studentTCdf(0, 7), 0.5);
});

test("Student's t quantiles match scipy's t.ppf", () => {
  close(studentTQuantile(0.975, 7.6594487336069115), 2.323973116959586, 1e-9);
  close(studentTQuantile(0.975, 4), 2.7764451051977934, 1e-9);
  close(studentTQuantile(0.975, 1), 12.706204736174694, 1e-9);
  close(studentTQuantile(0.975, 30.5), 2.04086944518632, 1e-9);
  close(studentTQuantile(0.1, 3), -1.637744353696209, 1e-9);
  assert.throws(() => studentTQuantile(1, 3), /q must lie/);
});

// scipy 1.17.1: ttest_ind(a, b, equal_var=False).confidence_interval(0.95) for the two samples below
const CI1 = [0.000234588979241565, 0.0029654110207583046], CI2 = [-7.033491901264519, 0.23349190126451846];

test("Welch's t-test and its 95 % confidence interval match scipy's ttest_ind(equal_var=False)", () => {
  const r = welchTTest([0.9902, 0.9911, 0.9895, 0.9920, 0.9899], [0.9891, 0.9885, 0.9902, 0.9879, 0.9890]);
  close(r.t, 2.7153769332084603, 1e-9); close(r.df, 7.782813329218563, 1e-9); close(r.p, 0.027116052896680957, 1e-8);
  close(r.ci95[0], CI1[0], 1e-9); close(r.ci95[1], CI1[1], 1e-9);
  const s = welchTTest([1, 2, 3, 4], [2.5, 3.5, 6, 8, 9.5]);
  close(s.t, -2.3178825241623433, 1e-9); close(s.df, 5.712632492660045, 1e-9); close(s.p, 0.06177540844695856, 1e-8);
  close(s.ci95[0], CI2[0], 1e-9); close(s.ci95[1], CI2[1], 1e-9);
  assert.throws(() => welchTTest([1], [2, 3]), /at least two/);
});

test("exact two-sided binomial test and McNemar's test match scipy's binomtest", () => {
  close(binomialTwoSided(3, 15), 0.03515625);
  close(binomialTwoSided(10, 20), 1);
  close(binomialTwoSided(40, 100), 0.05688793364098089);
  close(binomialTwoSided(37, 50), 0.000936222910851825);
  close(binomialTwoSided(0, 7), 0.015625);
  close(binomialTwoSided(0, 0), 1);
  const a = [true, true, false, true, false, true], b = [true, false, false, false, true, true];
  const m = mcnemar(a, b);
  assert.deepEqual([m.onlyA, m.onlyB], [2, 1]);
  close(m.p, 1);
  assert.equal(std([2, 4, 4, 4, 5, 5, 7, 9]), Math.sqrt(32 / 7));
});

test("median: middle value, mean of the two middle values for an even count, NaN for none; input untouched", () => {
  const xs = [5, 1, 3];
  assert.equal(median(xs), 3);
  assert.deepEqual(xs, [5, 1, 3]);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.ok(Number.isNaN(median([])));
});

test("meanStd: the mean with the sample and the population standard deviation", () => {
  const s = meanStd([0.5, 0.7]);
  assert.ok(Math.abs(s.mean - 0.6) < 1e-12 && Math.abs(s.std - Math.SQRT2 * 0.1) < 1e-12 && Math.abs(s.std_population - 0.1) < 1e-12);
  assert.deepEqual(meanStd([3]), { mean: 3, std: 0, std_population: 0 });
});

test("aggregateRuns: per-epoch mean with sample and population standard deviations over seeds", () => {
  const ep = (epoch: number, acc: number) => ({ epoch, train_loss: 1, train_acc: 0, test_loss: 2, test_acc: acc, seconds: 0 });
  const agg = aggregateRuns([{ seed: 1, epochs: [ep(1, 0.1), ep(2, 0.5)] }, { seed: 2, epochs: [ep(1, 0.3), ep(2, 0.7), ep(3, 0.9)] }]);
  assert.equal(agg.per_epoch.length, 2, "only the epochs every seed has");
  assert.ok(Math.abs(agg.final!.test_acc_mean - 0.6) < 1e-12 && Math.abs(agg.final!.test_acc_std_population - 0.1) < 1e-12);
  assert.ok(Math.abs(agg.final!.test_acc_std - Math.sqrt(0.02)) < 1e-12);
  assert.deepEqual(Object.keys(agg.per_epoch[0]), [
    "epoch", "test_acc_mean", "test_acc_std", "test_acc_std_population", "train_loss_mean", "train_loss_std", "test_loss_mean", "test_loss_std",
  ]);
  assert.throws(() => aggregateRuns([{ seed: 1, epochs: [] }]), /at least one seed with at least one epoch/);
  assert.throws(() => aggregateRuns([]), /at least one seed/);
});

test("leastSquares recovers the slope of a line and of noisy points around it", () => {
  assert.equal(leastSquares([1, 2, 3, 4], [5, 7, 9, 11])!.slope, 2);
  assert.ok(Math.abs(leastSquares([0, 1, 2], [0, 1.1, 1.9])!.slope - 0.95) < 1e-12);
});

test("leastSquares: a slope computed by hand", () => {
  // x 40, 35, 30 and y 80, 78, 75: Sxy = 5·(7/3) + 0 + (−5)·(−8/3) = 25, Sxx = 50, slope 0.5, intercept 77.667 − 17.5.
  const fit = leastSquares([40, 35, 30], [80, 78, 75])!;
  assert.ok(Math.abs(fit.slope - 0.5) < 1e-12);
  assert.ok(Math.abs(fit.intercept - (233 / 3 - 17.5)) < 1e-12);
  assert.equal(leastSquares([1], [2]), null);
  assert.equal(leastSquares([3, 3], [1, 2]), null);
});

test("predictionInterval95: mean ± t(0.975, n − 1) · sd · √(1 + 1/n), against the closed form of t with 2 degrees of freedom", () => {
  // With 2 degrees of freedom F(t) = 1/2 + t / (2 √(2 + t²)), so F(t) = 0.975 gives t² = 2 · 0.95² / (1 − 0.95²).
  const t2 = Math.sqrt((2 * 0.95 ** 2) / (1 - 0.95 ** 2));
  const [lo, hi] = predictionInterval95([1, 2, 3])!; // mean 2, sd 1
  close(hi - 2, t2 * Math.sqrt(4 / 3));
  close(2 - lo, t2 * Math.sqrt(4 / 3));
  assert.equal(predictionInterval95([5]), null);
  const [a, b] = predictionInterval95([4, 4, 4, 4])!;
  assert.deepEqual([a, b], [4, 4]);
});
