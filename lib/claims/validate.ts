/**
 * Structural checks of the registry, run by `make claims` before anything is written and by the tests:
 * unique ids, a paper location for every claim, a known check kind, result ids from the known list, and no
 * result reference inside a computation that must use the paper's numbers only.
 */
import { refsOf } from "./expr";
import { isResultId } from "./results";
import { Claim, Expectation, Expr } from "./types";

export const CHECK_KINDS = ["measure", "computation", "not-checkable"] as const;

function boundExprs(expect: Expectation): Expr[] {
  if ("above" in expect) return [expect.above];
  if ("atLeast" in expect) return [expect.atLeast];
  if ("atMost" in expect) return [expect.atMost];
  return [];
}

/** Problems with one claim (empty when it is well formed). */
export function claimProblems(claim: Claim): string[] {
  const problems: string[] = [];
  const say = (p: string) => problems.push(`${claim.id || "(no id)"}: ${p}`);
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(claim.id)) say("id must be lower-case words joined by '-'");
  for (const loc of [claim.where, ...(claim.alsoAt ?? [])]) {
    if (!loc || !loc.section.trim() || !loc.quote.trim()) say("every location needs a section and a quote");
  }
  if (!claim.statement.trim()) say("no statement");
  const check = claim.check;
  if (!(CHECK_KINDS as readonly string[]).includes(check.kind)) say(`unknown check kind ${JSON.stringify(check.kind)}`);
  if (check.kind === "measure") {
    const refs = [check.value, ...boundExprs(check.expect), ...(check.context ?? []).map((c) => c.value)].flatMap(refsOf);
    if (refsOf(check.value).length === 0) say("a measure must read at least one result");
    for (const r of refs) if (!isResultId(r.result)) say(`unknown result ${r.result}`);
  }
  if (check.kind === "computation" && [check.value, ...boundExprs(check.expect)].flatMap(refsOf).length > 0) {
    say("a computation must use the paper's numbers only");
  }
  if (check.kind === "not-checkable" && !check.reason.trim()) say("a not-checkable claim needs a reason");
  for (const c of claim.consistency ?? []) {
    if ([c.value, ...boundExprs(c.expect)].flatMap(refsOf).length > 0) say(`consistency "${c.says}" must use the paper's numbers only`);
  }
  return problems;
}

/** Problems with the whole registry (empty when it is well formed). */
export function registryProblems(claims: Claim[]): string[] {
  const seen = new Set<string>();
  const problems = claims.flatMap(claimProblems);
  for (const c of claims) {
    if (seen.has(c.id)) problems.push(`${c.id}: duplicate id`);
    seen.add(c.id);
  }
  return problems;
}
