/**
 * The few statistics the seed comparisons need, written out so each can be checked: summary statistics,
 * Welch's unequal-variance t-test (Student t distribution through the regularised incomplete beta function)
 * and McNemar's exact test on paired predictions (a two-sided binomial test on the discordant pairs).
 */

export function mean(xs: number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

/** The middle value (the mean of the two middle values for an even count); NaN for no values. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Sample standard deviation (n - 1 in the denominator); 0 for fewer than two values. */
export function std(xs: number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
}

/** Mean with the sample (divisor n − 1; 0 for one value) and the population (divisor n) standard deviation. */
/** Ordinary least squares y = a + b x: { slope b, intercept a } (null for fewer than two distinct x). */
export function leastSquares(x: number[], y: number[]): { slope: number; intercept: number } | null {
  if (x.length < 2) return null;
  const mx = mean(x), my = mean(y), sxx = x.reduce((s, v) => s + (v - mx) ** 2, 0);
  if (sxx === 0) return null;
  const slope = x.reduce((s, v, i) => s + (v - mx) * (y[i] - my), 0) / sxx;
  return { slope, intercept: my - slope * mx };
}

export function meanStd(xs: number[]): { mean: number; std: number; std_population: number } {
  const m = mean(xs);
  const ss = xs.reduce((s, x) => s + (x - m) ** 2, 0);
  return { mean: m, std: xs.length > 1 ? Math.sqrt(ss / (xs.length - 1)) : 0, std_population: Math.sqrt(ss / xs.length) };
}

/**
 * A sample over seeds: n, mean, sd (divisor n − 1), the standard error of the mean (sd / √n), min, max and the 95 %
 * prediction interval for one more run (see predictionInterval95); se and prediction95 are null below two values.
 */
export function summarize(xs: number[]) {
  return {
    n: xs.length, mean: mean(xs), std: std(xs), se: xs.length >= 2 ? std(xs) / Math.sqrt(xs.length) : null,
    min: Math.min(...xs), max: Math.max(...xs), prediction95: predictionInterval95(xs),
  };
}

/** ln Γ(x) for x > 0 (Lanczos approximation, g = 7, 9 terms; relative error ~1e-15). */
function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1, d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let h = d;
  for (let m = 1; m <= 500; m++) {
    for (const num of [(m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m)), -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1))]) {
      d = 1 + num * d; d = 1 / (Math.abs(d) < tiny ? tiny : d);
      c = 1 + num / c; c = Math.abs(c) < tiny ? tiny : c;
      h *= d * c;
    }
    if (Math.abs(d * c - 1) < 1e-15) break;
  }
  return h;
}

/** Regularised incomplete beta function I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaContinuedFraction(a, b, x)) / a
    : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** P(T <= t) for Student's t with df (real, > 0) degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t < 0 ? tail : 1 - tail;
}

/** The q-quantile of Student's t distribution with df degrees of freedom (0 < q < 1), by bisection on the CDF. */
export function studentTQuantile(q: number, df: number): number {
  if (!(q > 0 && q < 1)) throw new Error(`studentTQuantile: q must lie in (0, 1), got ${q}`);
  if (q < 0.5) return -studentTQuantile(1 - q, df);
  let lo = 0, hi = 1;
  while (studentTCdf(hi, df) < q) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < q) lo = mid; else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Welch's t-test of mean(a) − mean(b), with the 95 % confidence interval of that difference. */
export function welchTTest(a: number[], b: number[]): { t: number; df: number; p: number; meanDiff: number; ci95: [number, number] } {
  if (a.length < 2 || b.length < 2) throw new Error("welchTTest: each group needs at least two values");
  const va = std(a) ** 2 / a.length, vb = std(b) ** 2 / b.length;
  const meanDiff = mean(a) - mean(b);
  const t = meanDiff / Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  const half = studentTQuantile(0.975, df) * Math.sqrt(va + vb);
  return { t, df, p: Math.min(1, 2 * studentTCdf(-Math.abs(t), df)), meanDiff, ci95: [meanDiff - half, meanDiff + half] };
}

/**
 * The 95 % prediction interval for one more run from the distribution `xs` were drawn from (normal, mean and
 * variance unknown): mean ± t(0.975, n − 1) · sd · √(1 + 1/n). The range a single run elsewhere (the paper's) should
 * fall in if it is one of ours; with few runs it is much wider than mean ± 2 sd. Null with fewer than two values.
 */
export function predictionInterval95(xs: number[]): [number, number] | null {
  if (xs.length < 2) return null;
  const half = studentTQuantile(0.975, xs.length - 1) * std(xs) * Math.sqrt(1 + 1 / xs.length);
  return [mean(xs) - half, mean(xs) + half];
}

/** Two-sided exact binomial test of k successes in n trials with probability 1/2. */
export function binomialTwoSided(k: number, n: number): number {
  if (n === 0) return 1;
  const logChoose = (i: number) => logGamma(n + 1) - logGamma(i + 1) - logGamma(n - i + 1);
  const lo = Math.min(k, n - k);
  let tail = 0;
  for (let i = 0; i <= lo; i++) tail += Math.exp(logChoose(i) - n * Math.LN2);
  return Math.min(1, 2 * tail - (2 * lo === n ? Math.exp(logChoose(lo) - n * Math.LN2) : 0));
}

/**
 * McNemar's exact test on paired predictions of two classifiers over the same examples: onlyA = examples A
 * gets right and B wrong, onlyB the reverse. Under "equally accurate" they are Binomial(onlyA + onlyB, 1/2).
 */
export function mcnemar(correctA: ArrayLike<boolean>, correctB: ArrayLike<boolean>): { onlyA: number; onlyB: number; p: number } {
  if (correctA.length !== correctB.length) throw new Error("mcnemar: the two prediction sets differ in length");
  let onlyA = 0, onlyB = 0;
  for (let i = 0; i < correctA.length; i++) {
    if (correctA[i] && !correctB[i]) onlyA++;
    else if (!correctA[i] && correctB[i]) onlyB++;
  }
  return { onlyA, onlyB, p: binomialTwoSided(onlyA, onlyA + onlyB) };
}

export { aggregateRuns } from "./seed-runs";
export type { SeedHistory } from "./seed-runs";
