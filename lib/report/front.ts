/**
 * index.html: the paper's reference, the measured-only headline tally, the headline claims with their verdicts,
 * the sections with their notebooks and figures, and the provenance of every result file.
 */
import { escapeHtml, inlineMarkdown, NotebookLink, page, table, verdictBadge } from "./html";
import { ClaimRow, oursHtml } from "./claims";
import { ClaimRef, provenanceTable, ProvenanceRow } from "./results";
import { SECTION_GROUPS } from "./sections";

/** The paper's statements a reviewer asks about first, in the order the abstract makes them. */
export const HEADLINE_CLAIMS = [
  "mnist-hqnn-outperforms-cnn", "abstract-eight-times-fewer-params", "quanv-hqnn-matches-cnn4", "quanv-hqnn-outperforms-cnn1",
  "abstract-cifar10-over-82", "abstract-medmnist-over-99",
];

const REFERENCE = `A. Senokosov, A. Sedykh, A. Sagingalieva, B. Kyriacou, A. Melnikov, “Quantum machine learning for image
classification”, <em>Mach. Learn.: Sci. Technol.</em> <strong>5</strong>, 015040 (2024).`;

export interface FrontPage {
  headline: string;
  rows: ClaimRow[];
  provenance: ProvenanceRow[];
  claimsReading: Map<string, ClaimRef[]>;
  notebooks: NotebookLink[];
  /** The commit the report was built from, and whether tracked code differed from it. */
  built: { commit: string; dirty: boolean; at: string };
}

function headlineTable(rows: ClaimRow[]): string {
  const picked = HEADLINE_CLAIMS.flatMap((id) => rows.filter((r) => r.id === id));
  return table(["claim", "paper", "ours", "verdict"], picked.map((r) => [
    `<a href="claims.html#${r.id}">${escapeHtml(r.id)}</a><div class="statement">${escapeHtml(r.statement)}</div>`,
    escapeHtml(r.paper || "—"), oursHtml(r), verdictBadge(r.verdict),
  ]), `class="headline"`);
}

function sectionsList(notebooks: NotebookLink[]): string {
  const title = (name: string) => notebooks.find((n) => n.name === name)?.title ?? name;
  const items = SECTION_GROUPS.map((g) => `<li><strong>${escapeHtml(g.title)}</strong>: notebook <a href="notebooks/${g.notebook}.html">${escapeHtml(title(g.notebook))}</a>` +
    ` · <a href="figures.html#section-${g.id}">figures</a> · <a href="claims.html?section=${encodeURIComponent(g.id)}">claims</a></li>`);
  return `<ul class="sections">${items.join("\n")}</ul>`;
}

export function frontPage(f: FrontPage): string {
  const dirty = f.built.dirty ? " (with uncommitted code changes)" : "";
  const body = `<h1>Reproduction report</h1>
<p class="reference">${REFERENCE}</p>
<p class="lead">${inlineMarkdown(f.headline)} See <a href="claims.html">all claims</a>.</p>
<h2>Headline claims</h2>
${headlineTable(f.rows)}
<h2 id="notebooks">Sections, notebooks and figures</h2>
${sectionsList(f.notebooks)}
<h2 id="provenance">Result files</h2>
<p>Every file under results/ the report read, with the run that wrote it. <span class="flag">dirty</span> marks a run from code that
differed from its commit; <span class="flag">quick</span> a run at the small profile.</p>
${provenanceTable(f.provenance, f.claimsReading)}
<p class="note">Report built ${escapeHtml(f.built.at)} from commit <code>${escapeHtml(f.built.commit.slice(0, 7))}</code>${dirty}.</p>`;
  return page({ title: "Overview", root: "", body, notebooks: f.notebooks });
}
