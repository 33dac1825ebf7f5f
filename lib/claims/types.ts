/**
 * The shapes of the claims registry: what the paper says (where, quote, statement), how the package checks it
 * (an expression over result fields and/or the paper's own numbers, and an expectation with its tolerance),
 * and the verdict computed from it. Verdicts are never written into the registry.
 */

/** The result files (`results/<id>.json`) claims may read. */
export type ResultId =
  | "hqnn-parallel-mnist" | "cnn-mnist"
  | "hqnn-parallel-medmnist" | "cnn-medmnist"
  | "hqnn-parallel-cifar10" | "cnn-cifar10"
  | "param-counts" | "datasets"
  | "quanv-hqnn" | "quanv-cnn1" | "quanv-cnn4" | "quanv-gradient-timing"
  | "zx-reduction" | "fourier"
  | "seeds-summary" | "cifar-recipe-summary" | "bench-training" | "gradient-scaling";

export type WelchPart = "meanDiff" | "p" | "ciLow" | "ciHigh";

/** A value an expression evaluates to. */
export type Value = number | boolean | string | Value[];

/**
 * An arithmetic expression kept as data, so the registry states *how* a number is obtained and the report can
 * print the computation. `ref` reads a field of a result file (dotted path; a numeric segment indexes an array,
 * `*` maps over an array); `scale` multiplies it (100 turns a fraction into percent).
 */
export type Expr =
  | number
  | { ref: ResultId; field: string; scale?: number }
  /**
   * Welch's t-test of two lists of per-seed values (first minus second): the mean difference, the two-sided p,
   * or an end of the 95% confidence interval of the difference (lib/stats welchTTest).
   */
  | { welch: [Expr, Expr]; part: WelchPart }
  | { sum: Expr[] }
  | { product: Expr[] }
  /** Of two numbers, or element by element of two lists of the same length. */
  | { ratio: [Expr, Expr] }
  | { difference: [Expr, Expr] }
  /** |x| */
  | { abs: Expr }
  /** sqrt(x1² + x2² + ...). */
  | { hypot: Expr[] }
  /** x.length for an array, x itself for a number (a class list or a class count). */
  | { count: Expr }
  /** The arithmetic mean of an array. */
  | { mean: Expr }
  | { list: Expr[] }
  /** Logical and of booleans. */
  | { all: Expr[] };

/** How far a measured number may lie from the paper's and still count as the same. */
export interface Tolerance {
  /**
   * abs: |ours − paper| ≤ value; factor: paper / value ≤ ours ≤ paper · value; errorFactor: the same on the
   * error rates 100 − ours and 100 − paper (accuracies in percent).
   */
  kind: "abs" | "factor" | "errorFactor";
  value: number;
  /** As printed in CLAIMS.md, e.g. "±0.5 pp". */
  label: string;
}

/** What the measured value must satisfy. Lists are compared element by element. */
export type Expectation =
  | { approx: number | number[]; tol: Tolerance }
  /** The value is an interval [low, high] that must contain this number (the paper's). */
  | { contains: number }
  | { equals: Value }
  | { above: Expr }
  | { atLeast: Expr }
  | { atMost: Expr };

/** A computation over the paper's own numbers (no result references) that the paper's statements must pass. */
export interface Consistency {
  /** What is compared, with the places the numbers come from. */
  says: string;
  value: Expr;
  expect: Expectation;
}

/** One place in the paper: section / table / figure caption / abstract, and a short verbatim quote. */
export interface Location {
  section: string;
  quote: string;
}

/** Extra measured context printed with a verdict (e.g. the best epoch, a standard deviation). */
export interface Context {
  label: string;
  value: Expr;
}

export type Check =
  /** A measurement read from result files, compared with the expectation. */
  | { kind: "measure"; value: Expr; expect: Expectation; context?: Context[] }
  /** Arithmetic over the paper's own numbers: holds → reproduced, fails → contradicted by the paper itself. */
  | { kind: "computation"; value: Expr; expect: Expectation }
  /** Nothing in this package can decide it; the reason says why. */
  | { kind: "not-checkable"; reason: string };

export type CheckKind = Check["kind"];

/**
 * What a claim is, for the tally. measured: our run against the paper's number (only these count as reproduced
 * or not); internal consistency: the paper's numbers against each other; set-up: what we chose in order to match
 * the paper (shown, never counted as a reproduction).
 */
export type ClaimKind = "measured" | "internal consistency" | "set-up";

export const CLAIM_KINDS: readonly ClaimKind[] = ["measured", "internal consistency", "set-up"];

export interface Claim {
  id: string;
  /** Default: "internal consistency" for a computation over the paper's numbers, otherwise "measured". */
  kind?: ClaimKind;
  where: Location;
  /** Other places that state the same claim. */
  alsoAt?: Location[];
  /** The claim in plain words. */
  statement: string;
  /** The paper's value as printed; when absent it is derived from the expectation. */
  paper?: string;
  /** Why the expectation's tolerance is what it is (shown with the verdict). */
  tolerance?: string;
  check: Check;
  consistency?: Consistency[];
  note?: string;
}

export type Verdict =
  | "reproduced"
  | "not reproduced"
  | "reproduced on different data"
  | "not reproduced on different data"
  | "contradicted by the paper itself"
  | "not checkable here"
  | "pending";

export const VERDICTS: readonly Verdict[] = [
  "reproduced", "not reproduced", "reproduced on different data", "not reproduced on different data", "contradicted by the paper itself", "not checkable here", "pending",
];

export interface Evidence {
  /** Absolute path of a result file the verdict read (or would read). */
  file: string;
  exists: boolean;
}

export interface EvaluatedClaim {
  claim: Claim;
  verdict: Verdict;
  paper: string;
  /** Our measured or computed value, "" when there is none. */
  ours: string;
  /** Warnings attached to our value (partial run, lossy dataset copy, quick profile). */
  labels: string[];
  /** The computations and reasons behind the verdict, one per line. */
  details: string[];
  evidence: Evidence[];
}
