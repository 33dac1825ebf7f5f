/**
 * Verdicts, computed from the registry and results/ (never typed):
 *
 * 1. Every consistency computation over the paper's own numbers is run; one failure makes the verdict
 *    "contradicted by the paper itself" (our value, if any, is still shown).
 * 2. Otherwise the check decides:
 *    - measure: a referenced result file is missing → "pending"; present but partial (a training run not
 *      complete, a quick-profile average) → "pending" with the partial value; a referenced field absent →
 *      "not checkable here" (the result does not carry it); else the expectation gives "reproduced" or
 *      "not reproduced" (with our value); "... on different data" when a value it reads comes from a lossy
 *      copy of a dataset (the CIFAR-10 JPEG copy).
 *    - computation (paper numbers only): holds → "reproduced", fails → "contradicted by the paper itself".
 *    - not-checkable: "not checkable here" with the registry's reason.
 */
import { RESULTS_DIR, readResult, resultPath } from "../results";
import { evaluate, FieldProblem, formatValue, formula, meets, refsOf, expectedText, ResultLookup, ValueProblem } from "./expr";
import { CLAIMS } from "./registry";
import { isLossy, partialReason } from "./results";
import { Check, Claim, ClaimKind, EvaluatedClaim, Evidence, Expectation, Expr, ResultId, Verdict } from "./types";

interface Outcome {
  verdict: Verdict;
  ours: string;
  labels: string[];
  details: string[];
  evidence: Evidence[];
}

const noResults: ResultLookup = (id) => {
  throw new Error(`a paper-only computation must not read results (it reads ${id})`);
};

/** Reads each result file at most once per evaluation. */
export function resultLookup(dir: string = RESULTS_DIR): ResultLookup {
  const cache = new Map<ResultId, unknown>();
  return (id) => {
    if (!cache.has(id)) cache.set(id, readResult(id, dir));
    return cache.get(id);
  };
}

function expectationRefs(expect: Expectation): Expr[] {
  if ("above" in expect) return [expect.above];
  if ("atLeast" in expect) return [expect.atLeast];
  if ("atMost" in expect) return [expect.atMost];
  return [];
}

/** "formula = substituted = result", dropping steps that repeat the previous one. */
function chain(...steps: string[]): string {
  return steps.filter((s, i) => i === 0 || s !== steps[i - 1]).join(" = ");
}

function describeMeasure(value: Expr, shown: string, result: string, expected: string): string {
  return `${chain(formula(value), shown, result)}; expected ${expected}`;
}

function measure(check: Extract<Check, { kind: "measure" }>, lookup: ResultLookup, dir: string): Outcome {
  const refs = [check.value, ...expectationRefs(check.expect)].flatMap(refsOf);
  const ids = [...new Set(refs.map((r) => r.result))];
  const evidence = ids.map((id) => ({ file: resultPath(id, dir), exists: lookup(id) !== undefined }));
  const missing = ids.filter((id) => lookup(id) === undefined);
  if (missing.length > 0) {
    return { verdict: "pending", ours: "", labels: [], evidence, details: [`no result yet: ${missing.map((id) => `results/${id}.json`).join(", ")}`] };
  }
  const labels = [...new Set(refs.filter((r) => isLossy(lookup(r.result), r.field)).map((r) => lossyLabel(r.result, r.field)))];
  const partial = ids.map((id) => partialReason(id, lookup(id))).filter((x): x is string => x !== undefined);
  try {
    const ev = evaluate(check.value, lookup);
    const ours = "contains" in check.expect && Array.isArray(ev.value) ? `[${ev.value.map(formatValue).join(", ")}]` : formatValue(ev.value);
    const context = (check.context ?? []).flatMap((c) => {
      try {
        return [`${c.label}: ${formatValue(evaluate(c.value, lookup).value)}`];
      } catch (e) {
        if (e instanceof FieldProblem || e instanceof ValueProblem) return [];
        throw e;
      }
    });
    const m = meets(ev.value, check.expect, lookup);
    const details = [describeMeasure(check.value, ev.text, ours, m.text), ...context];
    if (partial.length > 0) {
      return { verdict: "pending", ours, labels: [...labels, `partial: ${partial.join("; ")}`], evidence, details: [`not final (${partial.join("; ")})`, ...details] };
    }
    const onDifferentData = labels.length > 0;
    const verdict: Verdict = m.ok ? (onDifferentData ? "reproduced on different data" : "reproduced")
      : (onDifferentData ? "not reproduced on different data" : "not reproduced");
    return { verdict, ours, labels, evidence, details };
  } catch (e) {
    if (!(e instanceof FieldProblem || e instanceof ValueProblem)) throw e;
    if (partial.length > 0) { // a partial result may not carry the field yet (e.g. a t-test needs two seeds)
      return { verdict: "pending", ours: "", labels: [...labels, `partial: ${partial.join("; ")}`], evidence, details: [`not final (${partial.join("; ")})`, e.message] };
    }
    return { verdict: "not checkable here", ours: "", labels, evidence, details: [`${e.message}, so this result cannot decide the claim`] };
  }
}

function lossyLabel(id: ResultId, field: string): string {
  return /cifar/.test(id + field) ? "CIFAR-10 (lossy JPEG q75 copy, not the official pixels)" : "lossy dataset copy";
}

function computation(check: Extract<Check, { kind: "computation" }>): Outcome {
  const ev = evaluate(check.value, noResults);
  const m = meets(ev.value, check.expect, noResults);
  const ours = formatValue(ev.value);
  return {
    verdict: m.ok ? "reproduced" : "contradicted by the paper itself",
    ours, labels: [], evidence: [],
    details: [`computation: ${chain(ev.text, ours)}; expected ${m.text}`],
  };
}

function runCheck(check: Check, lookup: ResultLookup, dir: string): Outcome {
  switch (check.kind) {
    case "measure": return measure(check, lookup, dir);
    case "computation": return computation(check);
    case "not-checkable": return { verdict: "not checkable here", ours: "", labels: [], evidence: [], details: [check.reason] };
  }
}

/** What a claim is for the tally: set explicitly, or internal consistency for a computation, else measured. */
export function claimKind(claim: Claim): ClaimKind {
  return claim.kind ?? (claim.check.kind === "computation" ? "internal consistency" : "measured");
}

/** The paper's value as printed for a claim. */
export function paperValue(claim: Claim): string {
  if (claim.paper !== undefined) return claim.paper;
  const c = claim.check;
  return c.kind === "measure" || c.kind === "computation" ? expectedText(c.expect) : "";
}

/** The paper-only consistency computations: a line each, and whether all hold. */
function consistencyLines(claim: Claim): { ok: boolean; lines: string[] } {
  let ok = true;
  const lines = (claim.consistency ?? []).map((c) => {
    const ev = evaluate(c.value, noResults);
    const m = meets(ev.value, c.expect, noResults);
    ok &&= m.ok;
    return `${m.ok ? "consistent" : "INCONSISTENT"}: ${c.says}: ${chain(ev.text, formatValue(ev.value))}, expected ${m.text}`;
  });
  return { ok, lines };
}

export function evaluateClaim(claim: Claim, lookup: ResultLookup, dir: string = RESULTS_DIR): EvaluatedClaim {
  const paperCheck = consistencyLines(claim);
  const outcome = runCheck(claim.check, lookup, dir);
  return {
    claim,
    verdict: paperCheck.ok ? outcome.verdict : "contradicted by the paper itself",
    paper: paperValue(claim),
    ours: outcome.ours,
    labels: outcome.labels,
    details: [...paperCheck.lines, ...outcome.details],
    evidence: outcome.evidence,
  };
}

/** Every claim of the registry with its verdict, reading results from `dir` (default: results/). */
export function evaluateClaims(dir: string = RESULTS_DIR, claims: Claim[] = CLAIMS): EvaluatedClaim[] {
  const lookup = resultLookup(dir);
  return claims.map((c) => evaluateClaim(c, lookup, dir));
}
