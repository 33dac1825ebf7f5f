/**
 * claims.html: every claim of the registry (lib/claims) in one table, filterable by verdict, paper section and
 * kind (assets/claims.js), each row linking to its evidence (result pages and raw files, the figures of its
 * section, the notebook place that discusses it) and holding its details (the computation lines of CLAIMS.md).
 */
import * as path from "node:path";
import { claimKind, EvaluatedClaim, renderDetails, shownVerdict } from "../claims";
import { escapeHtml, inlineMarkdown, NotebookLink, page, verdictBadge } from "./html";
import { groupById, groupOfPaperSection, groupOfResult, SECTION_GROUPS, SectionGroup } from "./sections";

/** The notebook that shows the whole claims table. */
const CLAIMS_NOTEBOOK = groupById("front").notebook;

export interface ClaimRow {
  id: string;
  kind: string;
  statement: string;
  section: string;
  /** The group the paper section belongs to (the section filter). */
  group: SectionGroup;
  /** The group whose figures show the claim's evidence (for the front group: the group of its first result). */
  figures?: SectionGroup;
  paper: string;
  ours: string;
  labels: string[];
  verdict: string;
  evidence: { id: string; exists: boolean }[];
  /** notebooks/<name>.html that discuss it, each with the id of the claim's first mention there when it has one. */
  notebooks: { name: string; anchor?: string }[];
  /** The details of CLAIMS.md (quote, check, computations, note), as one-line markdown texts. */
  details: string[];
}

/** Where a notebook page mentions a claim: claim id -> notebook name -> anchor id (lib/report/notebooks.ts). */
export type Mentions = Map<string, Map<string, string>>;

/** The details lines of CLAIMS.md for one claim, without those the table row shows itself. */
function detailLines(e: EvaluatedClaim): string[] {
  const shownInRow = /^- \*\*(Claim|Paper|Evidence):\*\*/;
  return renderDetails([e]).split("\n").filter((l) => l.startsWith("- ") && !shownInRow.test(l)).map((l) => l.slice(2));
}

/**
 * The notebooks that discuss a claim: its section's notebook (at the claim's first mention when it has one), then
 * any other that mentions it, leaving out notebook 00 (its table lists every claim) unless it is the section's.
 */
function notebooksOf(id: string, group: SectionGroup, mentions: Mentions): ClaimRow["notebooks"] {
  const places = mentions.get(id) ?? new Map<string, string>();
  const others = [...places.entries()].filter(([name]) => name !== group.notebook && name !== CLAIMS_NOTEBOOK).sort();
  return [{ name: group.notebook, anchor: places.get(group.notebook) }, ...others.map(([name, anchor]) => ({ name, anchor }))];
}

export function claimRow(e: EvaluatedClaim, mentions: Mentions, resultsDir: string): ClaimRow {
  const group = groupOfPaperSection(e.claim.where.section);
  const evidence = e.evidence.map((ev) => ({ id: path.relative(resultsDir, ev.file).replace(/\.json$/, ""), exists: ev.exists }));
  const figures = group.id !== "front" ? group : evidence.map((ev) => groupOfResult(ev.id)).find((g) => g !== undefined);
  return {
    id: e.claim.id, kind: claimKind(e.claim), statement: e.claim.statement, section: e.claim.where.section, group, figures,
    paper: e.paper, ours: e.ours, labels: e.labels, verdict: shownVerdict(e), evidence,
    notebooks: notebooksOf(e.claim.id, group, mentions), details: detailLines(e),
  };
}

export function oursHtml(r: Pick<ClaimRow, "ours" | "labels">): string {
  return escapeHtml(r.ours || "—") + r.labels.map((l) => `<div class="label">${escapeHtml(l)}</div>`).join("");
}

function evidenceLinks(r: ClaimRow, sectionsWithFigures: Set<string>): string {
  const results = r.evidence.map((ev) => ev.exists
    ? `<a href="results/${ev.id}.html">${escapeHtml(ev.id)}</a> <a class="raw" href="results/${ev.id}.json">json</a>`
    : `<span class="missing" title="the claim reads this file; it has not been recorded">${escapeHtml(ev.id)}.json missing</span>`);
  const figures = r.figures && sectionsWithFigures.has(r.figures.id)
    ? [`<a href="figures.html#section-${r.figures.id}">figures of ${escapeHtml(r.figures.id)}</a>`] : [];
  const notebooks = r.notebooks.map((n) => `<a href="notebooks/${n.name}.html${n.anchor ? `#${n.anchor}` : ""}">notebook ${escapeHtml(n.name.slice(0, 2))}</a>`);
  return [...results, ...figures, ...notebooks].map((l) => `<div>${l}</div>`).join("");
}

function rowHtml(r: ClaimRow, sectionsWithFigures: Set<string>): string {
  const details = `<details><summary>details</summary><ul>${r.details.map((d) => `<li>${inlineMarkdown(d)}</li>`).join("")}</ul></details>`;
  const data = `data-verdict="${escapeHtml(r.verdict)}" data-section="${escapeHtml(r.group.id)}" data-kind="${escapeHtml(r.kind)}"`;
  return `<tr id="${r.id}" ${data}>` + [
    escapeHtml(r.kind),
    `<a class="claim-id" href="#${r.id}">${escapeHtml(r.id)}</a><div class="statement">${escapeHtml(r.statement)}</div>${details}`,
    escapeHtml(r.section), escapeHtml(r.paper || "—"), oursHtml(r), verdictBadge(r.verdict), evidenceLinks(r, sectionsWithFigures),
  ].map((c) => `<td>${c}</td>`).join("") + "</tr>";
}

function filterSelect(name: string, label: string, options: [string, string][]): string {
  const opts = options.map(([value, text]) => `<option value="${escapeHtml(value)}">${escapeHtml(text)}</option>`).join("");
  return `<label>${escapeHtml(label)} <select data-filter="${name}"><option value="">all</option>${opts}</select></label>`;
}

function filters(rows: ClaimRow[]): string {
  const distinct = (xs: string[]) => [...new Set(xs)].map((x): [string, string] => [x, x]);
  const sections = SECTION_GROUPS.filter((g) => rows.some((r) => r.group.id === g.id)).map((g): [string, string] => [g.id, g.title]);
  return `<div class="filters">${filterSelect("verdict", "verdict", distinct(rows.map((r) => r.verdict)))}` +
    `${filterSelect("section", "paper section", sections)}${filterSelect("kind", "kind", distinct(rows.map((r) => r.kind)))}` +
    `<span id="claims-count" aria-live="polite"></span></div>`;
}

/** claims.html */
export function claimsPage(rows: ClaimRow[], headline: string, sectionsWithFigures: Set<string>, notebooks: NotebookLink[]): string {
  const head = ["kind", "claim", "paper section", "paper", "ours", "verdict", "evidence"].map((h) => `<th>${h}</th>`).join("");
  const body = `<h1>Claims</h1>
<p class="lead">${inlineMarkdown(headline)}</p>
<p>Every verdict is computed by <code>lib/claims</code> from the registry and the result files; the same table is CLAIMS.md and notebook 00.
Open a row's <em>details</em> for the quote, the check and every computation behind the verdict.</p>
${filters(rows)}
<table id="claims" class="claims"><thead><tr>${head}</tr></thead>
<tbody>
${rows.map((r) => rowHtml(r, sectionsWithFigures)).join("\n")}
</tbody></table>`;
  return page({ title: "Claims", root: "", body, notebooks, scripts: ["assets/claims.js"] });
}
