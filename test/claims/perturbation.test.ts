import { test } from "node:test";
import assert from "node:assert/strict";
import { claimKind, CLAIMS, evaluateClaim, resultLookup } from "../../lib/claims";
import { readPath, refsOf } from "../../lib/claims/expr";
import { Claim, Expectation, Expr, ResultId } from "../../lib/claims/types";
import { RESULTS_DIR } from "../../lib/results";

/**
 * Ways a measured number could have come out otherwise: relative changes of 0.01 % to 90 % either way, integer
 * factors, sign and zero, and absolute shifts from 0.0001 to 9 either way (booleans are negated).
 */
const TRANSFORMS: ((x: number) => number)[] = (() => {
  const steps = [1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((k) => [1, 2, 3, 4].map((m) => k * 10 ** -m));
  return [
    ...steps.flatMap((d) => [(x: number) => x * (1 + d), (x: number) => x * (1 - d)]),
    ...[2, 3, 4, 5, 6, 7, 8, 9, 10, 100, 0, -1].map((k) => (x: number) => k * x),
    ...[...steps, 1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((d) => [(x: number) => x + d, (x: number) => x - d]),
  ];
})();

/** A copy of `data` with the value(s) at `path` changed by `f` (booleans are negated; "*" maps over arrays). */
function perturbed(data: unknown, path: string[], f: (x: number) => number): unknown {
  if (path.length === 0) {
    if (typeof data === "number") return f(data);
    if (typeof data === "boolean") return !data;
    if (Array.isArray(data)) return data.map((x) => perturbed(x, [], f));
    return data;
  }
  const [head, ...rest] = path;
  if (Array.isArray(data)) {
    return head === "*" ? data.map((x) => perturbed(x, rest, f)) : data.map((x, i) => (String(i) === head ? perturbed(x, rest, f) : x));
  }
  if (data === null || typeof data !== "object") return data;
  return { ...(data as object), [head]: perturbed((data as Record<string, unknown>)[head], rest, f) };
}

function boundsOf(expect: Expectation): Expr[] {
  return "above" in expect ? [expect.above] : "atLeast" in expect ? [expect.atLeast] : "atMost" in expect ? [expect.atMost] : [];
}

type Ref = { result: ResultId; field: string };

/** The claim's verdict with the fields `refs` of the real results changed by `change`. */
function verdictWith(claim: Claim, refs: Ref[], change: (data: unknown, path: string[]) => unknown): string {
  const lookup = resultLookup(RESULTS_DIR);
  const changed = new Map<ResultId, unknown>();
  for (const { result, field } of refs) changed.set(result, change(changed.get(result) ?? lookup(result), field.split(".")));
  return evaluateClaim(claim, (id) => (changed.has(id) ? changed.get(id) : lookup(id))).verdict;
}

/**
 * Whether some perturbation of the claim's measured inputs changes its verdict: each field alone, then all
 * fields of one result together, by every transform; and, for an exact expectation on one field, that field
 * set to the expected value.
 */
function verdictCanChange(claim: Claim & { check: { kind: "measure"; value: Expr; expect: Expectation } }, base: string): boolean {
  const refs = [claim.check.value, ...boundsOf(claim.check.expect)].flatMap(refsOf);
  const groups = [...refs.map((r) => [r]), ...[...new Set(refs.map((r) => r.result))].map((id) => refs.filter((r) => r.result === id))];
  const flips = groups.some((group) => TRANSFORMS.some((f) => verdictWith(claim, group, (d, p) => perturbed(d, p, f)) !== base));
  const { value, expect } = claim.check;
  if (flips || !("equals" in expect) || typeof value === "number" || !("ref" in value)) return flips;
  // Only a measured number may be set to the expected one: a string the code writes is no measurement.
  const current = resultLookup(RESULTS_DIR)(value.ref);
  if (!isNumeric(readPath(current, value.field.split(".")))) return false;
  return verdictWith(claim, [{ result: value.ref, field: value.field }], (d, p) => setAt(d, p, expect.equals)) !== base;
}

function isNumeric(x: unknown): boolean {
  return typeof x === "number" || (Array.isArray(x) && x.every(isNumeric));
}

/** A copy of `data` with the value at `path` replaced. */
function setAt(data: unknown, path: string[], v: unknown): unknown {
  if (path.length === 0) return v;
  const [head, ...rest] = path;
  if (Array.isArray(data)) return data.map((x, i) => (String(i) === head ? setAt(x, rest, v) : x));
  return { ...(data as object), [head]: setAt((data as Record<string, unknown>)[head], rest, v) };
}

test("no verdict from a constant: every measured verdict flips when its measured inputs are perturbed", () => {
  const lookup = resultLookup(RESULTS_DIR);
  const constant: string[] = [];
  let checked = 0;
  for (const claim of CLAIMS) {
    if (claim.check.kind !== "measure" || claimKind(claim) !== "measured") continue;
    const { verdict } = evaluateClaim(claim, lookup);
    // Pending (no result yet) and the paper contradicting itself do not depend on our values.
    if (verdict === "pending" || verdict === "contradicted by the paper itself") continue;
    checked++;
    if (!verdictCanChange(claim as Claim & { check: { kind: "measure"; value: Expr; expect: Expectation } }, verdict)) constant.push(`${claim.id} (${verdict})`);
  }
  assert.ok(checked > 40, `only ${checked} measured verdicts were checked`);
  assert.deepEqual(constant, [], "verdicts that no perturbation of their inputs changes");
});

test("the perturbation check catches a verdict read from a constant", () => {
  // A string the experiment writes unconditionally, like the explanation key an earlier Fourier verdict read.
  const fromConstant = {
    id: "constant", where: { section: "-", quote: "-" }, statement: "-",
    check: { kind: "measure" as const, value: { ref: "fourier" as ResultId, field: "convention" }, expect: { equals: "f(x)" } },
  };
  const { verdict } = evaluateClaim(fromConstant, resultLookup(RESULTS_DIR));
  assert.equal(verdictCanChange(fromConstant, verdict), false);
});
