/**
 * The report site's page layout and HTML helpers, shared by every page kind of lib/report. Every link in the
 * site is relative: a page knows its depth (`root`, "" or "../") and prefixes links to the site's top with it.
 */

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A one-line markdown text (as lib/claims/render.ts writes) with its **bold**, *italic* and `code` spans; the rest escaped. */
export function inlineMarkdown(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, "<code>$1</code>").replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|[\s(])\*([^*\s][^*]*?)\*(?=[\s).,;:]|$)/g, "$1<em>$2</em>");
}

/** A JSON value inside a <script> element: `<` escaped so no string in it can close the element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

/** A name safe in a CSS class or an element id: lower case, runs of other characters as "-". */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

/** A verdict as a coloured badge (the colours are in assets/site.css, by the verdict's slug). */
export function verdictBadge(verdict: string): string {
  return `<span class="verdict v-${slug(verdict)}">${escapeHtml(verdict)}</span>`;
}

export function table(headers: string[], rows: string[][], attrs = ""): string {
  const head = headers.map((h) => `<th>${h}</th>`).join("");
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("\n");
  return `<table${attrs ? ` ${attrs}` : ""}><thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>`;
}

export interface NotebookLink { name: string; title: string }

export interface PageOptions {
  title: string;
  /** "" for a page at the site's top, "../" for one in a sub-folder. */
  root: string;
  body: string;
  notebooks: NotebookLink[];
  /** Script files, relative to the site's top (prefixed with root here). */
  scripts?: string[];
  /** Stylesheets besides the site's own, relative to the site's top. */
  styles?: string[];
}

/** The scripts of a page with plotly charts: the bundled plotly.js (copied by build.ts) and the drawing script. */
export const CHART_SCRIPTS = ["assets/plotly.js", "assets/chart.js"];

/** An element that assets/chart.js draws figure `index` of the page's chartData into; `inner` shows until then. */
export function chartElement(index: number, inner: string, attrs = ""): string {
  return `<div class="chart"${attrs ? ` ${attrs}` : ""} data-chart="${index}">${inner}</div>`;
}

/** The plotly figures ({data, layout}) of a page's chart elements, by index, for assets/chart.js. */
export function chartData(figures: object[]): string {
  return `<script>window.HQNN_FIGURES = ${scriptJson(figures)};</script>`;
}

function nav(root: string, notebooks: NotebookLink[]): string {
  const link = (href: string, text: string, title = text) => `<a href="${root}${href}" title="${escapeHtml(title)}">${escapeHtml(text)}</a>`;
  const books = notebooks.map((n) => link(`notebooks/${n.name}.html`, n.name.slice(0, 2), n.title)).join(" ");
  return `<nav>${link("index.html", "Overview")} ${link("claims.html", "Claims")} ${link("figures.html", "Figures")} ` +
    `<span class="nav-notebooks">Notebooks ${books}</span> ${link("index.html#provenance", "Results")}</nav>`;
}

/** A whole page: head (the site's stylesheet and icon, no external asset), navigation, body, scripts. */
export function page(o: PageOptions): string {
  const scripts = (o.scripts ?? []).map((s) => `<script src="${o.root}${s}"></script>`).join("\n");
  const styles = ["assets/site.css", ...(o.styles ?? [])].map((s) => `<link rel="stylesheet" href="${o.root}${s}">`).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(o.title)} · hqnn-ts report</title>
<link rel="icon" href="${o.root}assets/icon.svg">${styles}
</head><body>
<header class="site"><a class="brand" href="${o.root}index.html">hqnn-ts · reproduction report</a>${nav(o.root, o.notebooks)}</header>
<main>
${o.body}
</main>
<footer>Built by <code>make report</code> (scripts/report.ts) from the repository's notebooks/, results/, figures/ and claims registry; no network needed.</footer>
${scripts}
</body></html>
`;
}
