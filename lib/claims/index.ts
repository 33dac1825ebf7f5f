/**
 * The claims audit: a registry of the paper's checkable claims (./registry.ts, data), verdicts computed from
 * results/ (./verdict.ts) and the CLAIMS.md rendering (./render.ts). Imports nothing from lib but lib/results and lib/stats.
 */
export * from "./types";
export { CLAIMS, TOL, TOLERANCE_POLICY } from "./registry";
export { paperNumber, paperTable1Value } from "./paper";
export { RESULT_IDS, RESULT_KINDS, isResultId, isLossy, partialReason } from "./results";
export { evaluate, formatNumber, formatValue, formula, meets, refsOf, FieldProblem } from "./expr";
export { claimKind, evaluateClaim, evaluateClaims, paperValue, resultLookup } from "./verdict";
export { claimProblems, registryProblems, CHECK_KINDS } from "./validate";
export { renderClaimsMarkdown, renderDetails, renderHeadline, renderSummary, renderTable, renderTolerances, renderVerdictMeanings, shownVerdict, verdictCounts } from "./render";
export { cifarFinding, FINDINGS, renderFindings, seedMeanText } from "./findings";
