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
  | "seeds-summary" | "bench-training";

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
  | { sum: Expr[] }
  | { product: Expr[] }
  | { ratio: [Expr, Expr] }
  | { difference: [Expr, Expr] }
  /** |x| */
  | { abs: Expr }
  /** sqrt(x1² + x2² + ...): the standard deviation of a difference of independent quantities. */
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
  /** abs: |ours − paper| ≤ value; factor: paper / value ≤ ours ≤ paper · value. */
  kind: "abs" | "factor";
  value: number;
  /** As printed in CLAIMS.md, e.g. "±0.5 pp". */
  label: string;
}

/** What the measured value must satisfy. Lists are compared element by element. */
export type Expectation =
  | { approx: number | number[]; tol: Tolerance }
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
  /**
   * A reading of a result's explanation key: keys in `refutedBy` show the paper's interpretation does not
   * follow, keys in `supportedBy` that it does; any other key is not checkable.
   */
  | { kind: "interpretation"; ref: { result: ResultId; field: string }; refutedBy: Record<string, string>; supportedBy: Record<string, string> }
  /** Nothing in this package can decide it; the reason says why. */
  | { kind: "not-checkable"; reason: string };

export type CheckKind = Check["kind"];

export interface Claim {
  id: string;
  where: Location;
  /** Other places that state the same claim. */
  alsoAt?: Location[];
  /** The claim in plain words. */
  statement: string;
  /** The paper's value as printed; when absent it is derived from the expectation. */
  paper?: string;
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
