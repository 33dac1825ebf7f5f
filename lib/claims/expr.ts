/**
 * Evaluating the registry's expressions and expectations, and printing them: every verdict line in CLAIMS.md
 * shows the computation with the numbers substituted, e.g. "372,234 / 45,194 = 8.24".
 */
import { welchTTest } from "../stats";
import { Expectation, Expr, ResultId, Tolerance, Value, WelchPart } from "./types";

/** A referenced field that is absent from (or not a plain value in) a result file that exists. */
export class FieldProblem extends Error {
  constructor(readonly result: ResultId, readonly field: string, problem: string) {
    super(`results/${result}.json: ${field} ${problem}`);
  }
}

/** Values that are present but cannot give the quantity yet (e.g. a t-test with fewer than two runs a side). */
export class ValueProblem extends Error {}

/** Where `ref` expressions read from: the parsed result file, or undefined when it does not exist. */
export type ResultLookup = (id: ResultId) => any | undefined;

export interface Evaluation {
  value: Value;
  /** The expression with every operand replaced by its value. */
  text: string;
}

/** Prints a number the way the paper does: integers grouped, percent-like values to 2 decimals, small ones to 3 digits. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return x.toLocaleString("en-US");
  if (Math.abs(x) >= 1) return x.toFixed(2);
  return String(Number(x.toPrecision(3)));
}

export function formatValue(v: Value): string {
  if (Array.isArray(v)) return v.map(formatValue).join(" / ");
  if (typeof v === "number") return formatNumber(v);
  return String(v);
}

/** Every result field an expression reads. */
export function refsOf(e: Expr): { result: ResultId; field: string }[] {
  if (typeof e === "number") return [];
  if ("ref" in e) return [{ result: e.ref, field: e.field }];
  return operands(e).flatMap(refsOf);
}

function operands(e: Exclude<Expr, number | { ref: ResultId }>): Expr[] {
  if ("sum" in e) return e.sum;
  if ("product" in e) return e.product;
  if ("ratio" in e) return e.ratio;
  if ("difference" in e) return e.difference;
  if ("abs" in e) return [e.abs];
  if ("hypot" in e) return e.hypot;
  if ("welch" in e) return e.welch;
  if ("count" in e) return [e.count];
  if ("mean" in e) return [e.mean];
  if ("list" in e) return e.list;
  return e.all;
}

/** The expression with field names in place of values, e.g. "100 · hqnn-parallel-mnist:final.test_acc". */
export function formula(e: Expr): string {
  return render(e, (x) => (typeof x === "number" ? formatNumber(x) : `${x.scale ? `${x.scale} · ` : ""}${x.ref}:${x.field}`));
}

/** Reads a dotted path; a numeric segment indexes an array, `*` maps over one. */
export function readPath(data: unknown, path: string[]): unknown {
  if (path.length === 0) return data;
  const [head, ...rest] = path;
  if (head === "*") {
    if (!Array.isArray(data)) return undefined;
    const items = data.map((d) => readPath(d, rest));
    return items.some((x) => x === undefined) ? undefined : items;
  }
  if (data === null || typeof data !== "object") return undefined;
  return readPath((data as Record<string, unknown>)[head], rest);
}

function asValue(x: unknown): Value | undefined {
  if (typeof x === "number" || typeof x === "boolean" || typeof x === "string") return x;
  if (Array.isArray(x)) {
    const items = x.map(asValue);
    return items.every((i) => i !== undefined) ? (items as Value[]) : undefined;
  }
  return undefined;
}

type Ref = { ref: ResultId; field: string; scale?: number };

/** The field as stored (any JSON), or a FieldProblem when the file or the field is absent. */
function readRaw(e: Ref, lookup: ResultLookup): unknown {
  const data = lookup(e.ref);
  if (data === undefined) throw new FieldProblem(e.ref, e.field, "cannot be read: the file does not exist");
  const raw = readPath(data, e.field.split("."));
  if (raw === undefined || raw === null) throw new FieldProblem(e.ref, e.field, "is missing");
  return raw;
}

function readRef(e: Ref, lookup: ResultLookup): Value {
  const raw = readRaw(e, lookup);
  const value = asValue(raw);
  if (value === undefined) throw new FieldProblem(e.ref, e.field, "is not a number, boolean, string or list of them");
  if (e.scale === undefined) return value;
  if (typeof value !== "number") throw new FieldProblem(e.ref, e.field, "is not a number");
  return value * e.scale;
}

function num(v: Value, what: string): number {
  if (typeof v !== "number") throw new Error(`${what} needs numbers, got ${JSON.stringify(v)}`);
  return v;
}

function numbers(v: Value, what: string): number[] {
  if (!Array.isArray(v)) throw new Error(`${what} needs a list, got ${JSON.stringify(v)}`);
  return v.map((x) => num(x, what));
}

/** The value of an expression, reading result fields through `lookup`. */
export function value(e: Expr, lookup: ResultLookup): Value {
  if (typeof e === "number") return e;
  if ("ref" in e) return readRef(e, lookup);
  if ("count" in e && typeof e.count !== "number" && "ref" in e.count) {
    // A list of records (e.g. per-epoch rows) is counted as stored, without turning it into values.
    const raw = readRaw(e.count, lookup);
    if (Array.isArray(raw)) return raw.length;
  }
  const args = operands(e).map((a) => value(a, lookup));
  if ("sum" in e) return args.reduce<number>((s, a) => s + num(a, "sum"), 0);
  if ("product" in e) return args.reduce<number>((s, a) => s * num(a, "product"), 1);
  if ("ratio" in e) return elementwise(args[0], args[1], "ratio", (a, b) => a / b);
  if ("difference" in e) return elementwise(args[0], args[1], "difference", (a, b) => a - b);
  if ("abs" in e) return Math.abs(num(args[0], "abs"));
  if ("hypot" in e) return Math.hypot(...args.map((a) => num(a, "hypot")));
  if ("count" in e) return Array.isArray(args[0]) ? args[0].length : num(args[0], "count");
  if ("mean" in e) {
    const xs = numbers(args[0], "mean");
    return xs.reduce((s, x) => s + x, 0) / xs.length;
  }
  if ("list" in e) return args;
  if ("welch" in e) return welchPart(numbers(args[0], "welch"), numbers(args[1], "welch"), e.part);
  return args.every((a) => {
    if (typeof a !== "boolean") throw new Error(`all needs booleans, got ${JSON.stringify(a)}`);
    return a;
  });
}

/** a op b for two numbers, or element by element for two lists of the same length. */
function elementwise(a: Value, b: Value, what: string, op: (x: number, y: number) => number): Value {
  if (!Array.isArray(a) && !Array.isArray(b)) return op(num(a, what), num(b, what));
  const xs = numbers(a, what), ys = numbers(b, what);
  if (xs.length !== ys.length) throw new Error(`${what} of lists of different lengths (${xs.length}, ${ys.length})`);
  return xs.map((x, i) => op(x, ys[i]));
}

function welchPart(a: number[], b: number[], part: WelchPart): number {
  if (a.length < 2 || b.length < 2) throw new ValueProblem(`Welch's test needs at least two values on each side, got ${a.length} and ${b.length}`);
  const w = welchTTest(a, b);
  return part === "ciLow" ? w.ci95[0] : part === "ciHigh" ? w.ci95[1] : w[part];
}

const WELCH_NAMES: Record<WelchPart, string> = { meanDiff: "mean difference", p: "p", ciLow: "95% CI low", ciHigh: "95% CI high" };

/** The value and the expression with values substituted. */
export function evaluate(e: Expr, lookup: ResultLookup): Evaluation {
  return { value: value(e, lookup), text: render(e, (x) => shown(x, lookup)) };
}

/** A leaf as printed in a computation; a list of records prints as its length. */
function shown(x: Leaf, lookup: ResultLookup): string {
  if (typeof x !== "number") {
    const raw = readRaw(x, lookup);
    if (Array.isArray(raw) && asValue(raw) === undefined) return `[${raw.length} records]`;
  }
  return formatValue(value(x, lookup));
}

type Leaf = number | Ref;

/** Binding strength for printing: sums 1, products 2, everything else atomic. */
function precedence(e: Expr): number {
  if (typeof e === "number" || "ref" in e) return 3;
  if ("sum" in e || "difference" in e) return 1;
  if ("product" in e || "ratio" in e) return 2;
  return 3;
}

function render(e: Expr, leaf: (x: Leaf) => string): string {
  if (typeof e === "number" || "ref" in e) return leaf(e);
  const p = precedence(e);
  // Parenthesise a weaker operand, and an equally strong right operand of − or /.
  const operand = (x: Expr, right = false) => {
    const q = precedence(x);
    return q < p || (right && q === p) ? `(${render(x, leaf)})` : render(x, leaf);
  };
  const plain = (xs: Expr[]) => xs.map((x) => render(x, leaf)).join(", ");
  if ("sum" in e) return e.sum.map((x) => operand(x)).join(" + ");
  if ("product" in e) return e.product.map((x) => operand(x)).join(" · ");
  if ("ratio" in e) return `${operand(e.ratio[0])} / ${operand(e.ratio[1], true)}`;
  if ("difference" in e) return `${operand(e.difference[0])} − ${operand(e.difference[1], true)}`;
  if ("abs" in e) return `|${render(e.abs, leaf)}|`;
  if ("hypot" in e) return `hypot(${plain(e.hypot)})`;
  if ("count" in e) return `count(${render(e.count, leaf)})`;
  if ("mean" in e) return `mean(${render(e.mean, leaf)})`;
  if ("list" in e) return `[${plain(e.list)}]`;
  if ("welch" in e) return `Welch ${WELCH_NAMES[e.part]}(${plain(e.welch)})`;
  return e.all.map((x) => render(x, leaf)).join(" ∧ ");
}

function deepEqual(a: Value, b: Value): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  return a === b;
}

function within(ours: number, paper: number, kind: Tolerance["kind"], tol: number): boolean {
  if (kind === "abs") return Math.abs(ours - paper) <= tol + 1e-12 * Math.max(1, Math.abs(paper));
  if (kind === "errorFactor") return within(100 - ours, 100 - paper, "factor", tol);
  return ours > 0 && paper > 0 && ours >= paper / tol && ours <= paper * tol;
}

function pairwise(v: Value, bound: Value, test: (a: number, b: number) => boolean, what: string): boolean {
  const xs = Array.isArray(v) ? numbers(v, what) : [num(v, what)];
  const bs = Array.isArray(bound) ? numbers(bound, what) : xs.map(() => num(bound, what));
  if (bs.length !== xs.length) return false;
  return xs.every((x, i) => test(x, bs[i]));
}

/** Whether `v` meets the expectation, and the expectation as printed (with its bound evaluated). */
export function meets(v: Value, expect: Expectation, lookup: ResultLookup): { ok: boolean; text: string } {
  if ("approx" in expect) {
    const { approx, tol } = expect;
    return {
      ok: pairwise(v, approx, (x, p) => within(x, p, tol.kind, tol.value), "approx"),
      text: `≈ ${formatValue(approx)} (${tol.label})`,
    };
  }
  if ("equals" in expect) return { ok: deepEqual(v, expect.equals), text: `= ${formatValue(expect.equals)}` };
  if ("contains" in expect) {
    const [low, high] = numbers(v, "contains");
    return { ok: low <= expect.contains && expect.contains <= high, text: `an interval containing ${formatValue(expect.contains)}` };
  }
  const [bound, op, test] = "above" in expect ? [expect.above, ">", (x: number, b: number) => x > b] as const
    : "atLeast" in expect ? [expect.atLeast, "≥", (x: number, b: number) => x >= b] as const
    : [expect.atMost, "≤", (x: number, b: number) => x <= b] as const;
  const b = evaluate(bound, lookup);
  const shown = typeof bound === "number" ? formatValue(b.value) : `${b.text} = ${formatValue(b.value)}`;
  return { ok: pairwise(v, b.value, test, op), text: `${op} ${shown}` };
}

/** The paper's value as implied by an expectation (used when a claim does not print its own). */
export function expectedText(expect: Expectation): string {
  if ("approx" in expect) return formatValue(expect.approx);
  if ("equals" in expect) return formatValue(expect.equals);
  if ("contains" in expect) return formatValue(expect.contains);
  if ("above" in expect) return `> ${formula(expect.above)}`;
  if ("atLeast" in expect) return `≥ ${formula(expect.atLeast)}`;
  return `≤ ${formula(expect.atMost)}`;
}
