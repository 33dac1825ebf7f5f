/**
 * CLAIMS.md (and the notebook's table): a summary count per verdict, the verdict definitions, the tolerance
 * policy, one table row per claim (claim, paper, ours, verdict, evidence link) and a details section that shows
 * the quote, the check and every computation behind each verdict. No timestamps: the file changes only when a
 * result or the registry does.
 */
import * as path from "node:path";
import { REPO_ROOT } from "../results";
import { formatValue, formula } from "./expr";
import { TOLERANCE_POLICY } from "./registry";
import { Check, CLAIM_KINDS, ClaimKind, EvaluatedClaim, Expectation, Verdict, VERDICTS } from "./types";
import { claimKind } from "./verdict";

export interface RenderOptions {
  /** The folder the markdown will live in; links are relative to it (default: the repository root). */
  linkBase?: string;
  /** The folder results were read from, as shown in the header (default: results/). */
  resultsDir?: string;
  /** Findings beyond single claims (a heading and a paragraph each), shown after the summary. */
  findings?: { title: string; text: string }[];
  /** Where the per-claim details live, for the table's links (default: this document, "#<id>"). */
  detailsFile?: string;
}

const VERDICT_MEANING: Record<Verdict, string> = {
  reproduced: "our result (or computation) meets the paper's value within the stated tolerance",
  "not reproduced": "our complete result misses the paper's value by more than the tolerance; our value is shown",
  "reproduced on different data": "our result meets the paper's value, but it was measured on a lossy copy of the dataset (CIFAR-10: JPEG q75 re-encoding), not the paper's data",
  "not reproduced on different data": "our result misses the paper's value, measured on a lossy copy of the dataset (CIFAR-10: JPEG q75 re-encoding), not the paper's data; our value is shown",
  "contradicted by the paper itself": "the paper's own numbers disagree with this statement (the computation is shown)",
  "not checkable here": "nothing this package records can decide it; the reason is given",
  pending: "the result it needs does not exist yet, or is partial (a partial value is shown)",
};

export function verdictCounts(evaluated: EvaluatedClaim[]): Record<Verdict, number> {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const e of evaluated) counts[e.verdict]++;
  return counts;
}

const KIND_MEANING: Record<ClaimKind, string> = {
  measured: "our run (or a dataset file) against the paper's number: only these count as reproduced or not",
  "internal consistency": "arithmetic on the paper's own numbers: the paper against itself, not a reproduction",
  "set-up": "what we chose in order to match the paper (sizes, epochs, seeds, architecture); shown so a reader can see it, never counted as reproduced",
};

const KIND_HEADING: Record<ClaimKind, string> = {
  measured: "Measured claims", "internal consistency": "Internal consistency (the paper against itself)", "set-up": "Set-up (our choices, not counted)",
};

/** A set-up claim's verdict says whether our set-up matches the paper, not whether a result reproduced. */
export function shownVerdict(e: EvaluatedClaim): string {
  if (claimKind(e.claim) !== "set-up") return e.verdict;
  if (e.verdict.startsWith("reproduced")) return "set up as stated";
  if (e.verdict.startsWith("not reproduced")) return "set up differently";
  return e.verdict;
}

/** The headline: measured claims only, one verdict per paper statement. */
export function renderHeadline(evaluated: EvaluatedClaim[]): string {
  const measured = evaluated.filter((e) => claimKind(e.claim) === "measured");
  const counts = verdictCounts(measured);
  const parts = VERDICTS.filter((v) => counts[v] > 0).map((v) => `${counts[v]} ${v}`);
  return `**Measured claims: ${measured.length}** (${parts.join(", ")}). Internal-consistency and set-up entries are listed apart and not counted.`;
}

function cell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}

function link(file: string, base: string): string {
  return path.relative(base, file).split(path.sep).join("/");
}

export function renderSummary(evaluated: EvaluatedClaim[]): string {
  const byKind = CLAIM_KINDS.map((k) => verdictCounts(evaluated.filter((e) => claimKind(e.claim) === k)));
  const rows = VERDICTS.map((v) => `| ${v} | ${byKind.map((c) => c[v]).join(" | ")} |`);
  const totals = CLAIM_KINDS.map((k) => `**${evaluated.filter((e) => claimKind(e.claim) === k).length}**`);
  return [`| verdict | ${CLAIM_KINDS.join(" | ")} |`, `| --- | ${CLAIM_KINDS.map(() => "---:").join(" | ")} |`, ...rows, `| **total** | ${totals.join(" | ")} |`].join("\n");
}

export function renderKindMeanings(): string {
  return CLAIM_KINDS.map((k) => `- **${k}**: ${KIND_MEANING[k]}.`).join("\n");
}

export function renderVerdictMeanings(): string {
  return VERDICTS.map((v) => `- **${v}**: ${VERDICT_MEANING[v]}.`).join("\n");
}

export function renderTolerances(): string {
  return ["| applies to | rule | why |", "| --- | --- | --- |",
    ...TOLERANCE_POLICY.map((t) => `| ${cell(t.applies)} | ${cell(t.rule)} | ${cell(t.why)} |`)].join("\n");
}

function oursText(e: EvaluatedClaim): string {
  const labels = e.labels.map((l) => ` *(${l})*`).join("");
  return (e.ours || "—") + labels;
}

function evidenceText(e: EvaluatedClaim, base: string, details: string): string {
  if (e.evidence.length > 0) {
    return e.evidence.map((ev) => (ev.exists ? `[${link(ev.file, base)}](${link(ev.file, base)})` : `\`${link(ev.file, base)}\` (missing)`)).join(", ");
  }
  if (e.claim.check.kind === "computation" || (e.claim.consistency ?? []).length > 0) return `[computation](${details}#${e.claim.id})`;
  return `[reason](${details}#${e.claim.id})`;
}

export function renderTable(evaluated: EvaluatedClaim[], opts: RenderOptions = {}): string {
  const base = opts.linkBase ?? REPO_ROOT;
  const details = opts.detailsFile ? link(opts.detailsFile, base) : "";
  const rows = evaluated.map((e) => {
    const claim = `[${e.claim.id}](${details}#${e.claim.id}): ${e.claim.statement} (${e.claim.where.section})`;
    const shown = shownVerdict(e);
    const verdict = shown === "reproduced" || shown === "set up as stated" ? shown : `**${shown}**`;
    return `| ${cell(claim)} | ${cell(e.paper || "—")} | ${cell(oursText(e))} | ${verdict} | ${cell(evidenceText(e, base, details))} |`;
  });
  return ["| claim | paper | ours | verdict | evidence |", "| --- | --- | --- | --- | --- |", ...rows].join("\n");
}

function expectationText(expect: Expectation): string {
  if ("approx" in expect) return `≈ ${formatValue(expect.approx)} (${expect.tol.label})`;
  if ("equals" in expect) return `= ${formatValue(expect.equals)}`;
  if ("contains" in expect) return `an interval containing ${formatValue(expect.contains)}`;
  if ("above" in expect) return `> ${formula(expect.above)}`;
  if ("atLeast" in expect) return `≥ ${formula(expect.atLeast)}`;
  return `≤ ${formula(expect.atMost)}`;
}

function checkText(check: Check): string {
  switch (check.kind) {
    case "measure": return `measure \`${formula(check.value)}\` ${expectationText(check.expect)}`;
    case "computation": return `computation over the paper's numbers \`${formula(check.value)}\` ${expectationText(check.expect)}`;
    case "not-checkable": return "not checkable here";
  }
}

export function renderDetails(evaluated: EvaluatedClaim[], opts: RenderOptions = {}): string {
  const base = opts.linkBase ?? REPO_ROOT;
  return evaluated.map((e) => {
    const c = e.claim;
    const lines = [
      `### ${c.id}`,
      "",
      `- **Where:** ${c.where.section}: “${c.where.quote}”`,
      ...(c.alsoAt ?? []).map((l) => `- **Also:** ${l.section}: “${l.quote}”`),
      `- **Claim:** ${c.statement}`,
      `- **Paper:** ${e.paper || "—"} · **Ours:** ${oursText(e)} · **Verdict:** ${shownVerdict(e)} · **Kind:** ${claimKind(c)}`,
      `- **Check:** ${checkText(c.check)}`,
      ...(c.tolerance ? [`- **Tolerance:** ${c.tolerance}`] : []),
      ...e.details.map((d) => `- ${d}`),
      ...(e.evidence.length > 0 ? [`- **Evidence:** ${evidenceText(e, base, "")}`] : []),
      ...(c.note ? [`- **Note:** ${c.note}`] : []),
    ];
    return lines.join("\n");
  }).join("\n\n");
}

/** The whole CLAIMS.md. */
export function renderClaimsMarkdown(evaluated: EvaluatedClaim[], opts: RenderOptions = {}): string {
  const base = opts.linkBase ?? REPO_ROOT;
  const resultsShown = opts.resultsDir ? link(opts.resultsDir, base) || "." : "results";
  return [
    "# Claims audit: Senokosov et al. 2024, “Quantum machine learning for image classification”",
    "",
    `Generated by \`make claims\` (\`scripts/claims.ts\`) from the registry in \`lib/claims/registry.ts\` and the result files in \`${resultsShown}/\`; do not edit by hand. ` +
      "Every verdict is computed: from our results, or from computations over the paper's own numbers. The notebook `notebooks/00-claims.ipynb` shows the same table.",
    "",
    "## Summary",
    "",
    renderHeadline(evaluated),
    "",
    renderSummary(evaluated),
    "",
    renderKindMeanings(),
    "",
    renderVerdictMeanings(),
    "",
    ...(opts.findings ?? []).flatMap((f) => [`## ${f.title}`, "", f.text, ""]),
    "## Tolerances",
    "",
    renderTolerances(),
    "",
    "## Claims",
    "",
    "Accuracies are in percent (our result files store fractions). *Ours* is the final epoch of a run; labels in italics flag partial runs and lossy dataset copies.",
    "",
    ...CLAIM_KINDS.flatMap((k) => [`### ${KIND_HEADING[k]}`, "",
      renderTable(evaluated.filter((e) => claimKind(e.claim) === k), { linkBase: base }), ""]),
    "## Details",
    "",
    renderDetails(evaluated, { linkBase: base }),
    "",
  ].join("\n");
}
