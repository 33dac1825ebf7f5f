/**
 * figures.html and figures/<name>.html: every figure of figures/ (PNG, with its SVG) grouped by paper section,
 * every CSV table rendered next to its download link, and one page per figure that shows the interactive plotly
 * chart rebuilt from results/ by lib/figures (the committed PNG stays in its place when there is none or
 * scripts do not run; assets/chart.js).
 */
import { Figure, sizedFigure } from "../plot";
import { CHART_SCRIPTS, chartData, chartElement, escapeHtml, NotebookLink, page, table } from "./html";
import { groupOfFigureFile, SECTION_GROUPS, SectionGroup } from "./sections";

export interface FigureEntry {
  /** The file name without extension, as in figures/. */
  name: string;
  hasSvg: boolean;
  /** The plotly figure rebuilt from results/, when lib/figures can build it without datasets. */
  interactive?: Figure;
  /** Which recorded runs it shows (lib/report/figure-sources.ts). */
  sources?: string;
}

export interface CsvTable { name: string; rows: string[][] }

const OTHER: SectionGroup = { id: "other", title: "Not tied to a paper section", notebook: "00-claims" };

const groupOf = (name: string) => groupOfFigureFile(name) ?? OTHER;

/** Records of RFC 4180 CSV text (quoted fields may hold commas, doubled quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [], field = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { record.push(field); field = ""; }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      records.push([...record, field]); record = []; field = "";
    } else field += c;
  }
  if (field !== "" || record.length > 0) records.push([...record, field]);
  return records;
}

/** A plotly figure's title as plain text ("" when it has none). */
export function figureTitle(fig: Figure): string {
  const title = fig.layout?.title as string | { text?: string } | undefined;
  const text = typeof title === "string" ? title : title?.text ?? "";
  return text.replace(/<br\s*\/?>/gi, " ").replace(/<[^>]+>/g, "").replace(/\s+/g, " ").trim();
}

function caption(f: FigureEntry): string {
  const what = f.interactive ? escapeHtml(figureTitle(f.interactive))
    : "Static image: lib/figures does not rebuild it from results/ alone (it draws from the datasets, or is a drawing), so the committed PNG is shown.";
  return f.sources ? `${what}<br>${escapeHtml(f.sources)}` : what;
}

function fileLinks(f: FigureEntry, dir: string): string {
  return `<a href="${dir}${f.name}.png">PNG</a>${f.hasSvg ? ` · <a href="${dir}${f.name}.svg">SVG</a>` : ""}`;
}

function galleryItem(f: FigureEntry): string {
  const badge = f.interactive ? ` <span class="tag">interactive</span>` : "";
  return `<figure class="thumb"><a href="figures/${f.name}.html"><img loading="lazy" src="figures/${f.name}.png" alt="${escapeHtml(f.name)}"></a>
<figcaption><a href="figures/${f.name}.html">${escapeHtml(f.name)}</a>${badge}<br><span class="note">${caption(f)}</span><br>${fileLinks(f, "figures/")}</figcaption></figure>`;
}

function csvBlock(t: CsvTable): string {
  const [header = [], ...rows] = t.rows;
  return `<div class="csv" id="table-${t.name}"><h3>${escapeHtml(t.name)} <a class="raw" href="figures/${t.name}.csv" download>download CSV</a></h3>
<div class="scroll">${table(header.map(escapeHtml), rows.map((r) => r.map(escapeHtml)))}</div></div>`;
}

function sectionBlock(group: SectionGroup, figures: FigureEntry[], tables: CsvTable[]): string {
  const contents = figures.length + tables.length === 0 ? `<p class="note">No figures or tables for this section.</p>`
    : `<div class="gallery">${figures.map(galleryItem).join("\n")}</div>\n${tables.map(csvBlock).join("\n")}`;
  return `<section id="section-${group.id}"><h2>${escapeHtml(group.title)}</h2>
<p>Discussed in <a href="notebooks/${group.notebook}.html">notebook ${group.notebook.slice(0, 2)}</a> · <a href="claims.html?section=${encodeURIComponent(group.id)}">its claims</a></p>
${contents}</section>`;
}

/** The section ids that have at least one figure or table. */
export function sectionsWithFigures(figures: FigureEntry[], tables: CsvTable[]): Set<string> {
  return new Set([...figures, ...tables].map((f) => groupOf(f.name).id));
}

/** figures.html */
export function figuresIndexPage(figures: FigureEntry[], tables: CsvTable[], notebooks: NotebookLink[]): string {
  const groups = [...SECTION_GROUPS, OTHER].filter((g) => g !== OTHER || sectionsWithFigures(figures, tables).has(OTHER.id));
  const interactive = figures.filter((f) => f.interactive).length;
  const body = `<h1>Figures and tables</h1>
<p class="lead">${figures.length} figures (${interactive} interactive, rebuilt from results/ when the report was built; the others as the committed PNG)
and ${tables.length} tables from figures/. Open a figure for its interactive chart; every table links its CSV.</p>
<p class="toc">${groups.map((g) => `<a href="#section-${g.id}">${escapeHtml(g.title)}</a>`).join(" · ")}</p>
${groups.map((g) => sectionBlock(g, figures.filter((f) => groupOf(f.name) === g), tables.filter((t) => groupOf(t.name) === g))).join("\n")}`;
  return page({ title: "Figures", root: "", body, notebooks });
}

function neighbours(figures: FigureEntry[], index: number): string {
  const link = (f: FigureEntry | undefined, text: string) => (f ? `<a href="${f.name}.html">${text} ${escapeHtml(f.name)}</a>` : "");
  return `<p class="pager">${link(figures[index - 1], "←")} <a href="../figures.html#section-${groupOf(figures[index].name).id}">all figures</a> ${link(figures[index + 1], "→")}</p>`;
}

function chartBlock(f: FigureEntry): string {
  const image = `<img src="${f.name}.png" alt="${escapeHtml(f.name)}">`;
  if (!f.interactive) return `<div class="chart static">${image}</div>`;
  const { data, layout } = sizedFigure(f.interactive);
  return `${chartElement(0, image, `id="chart"`)}\n${chartData([{ data, layout }])}`;
}

/** figures/<name>.html for figures[index]. */
export function figurePage(figures: FigureEntry[], index: number, notebooks: NotebookLink[]): string {
  const f = figures[index], group = groupOf(f.name);
  const origin = f.interactive
    ? "The chart is rebuilt by lib/figures from the result files when the report is built (hover for values, drag to zoom, double-click to reset); without scripts the committed PNG shows."
    : "";
  const body = `${neighbours(figures, index)}
<h1>${escapeHtml(f.name)}</h1>
<p class="lead">${caption(f)}</p>
<p>Section: <a href="../figures.html#section-${group.id}">${escapeHtml(group.title)}</a> · files: ${fileLinks(f, "")} · <a href="../claims.html?section=${encodeURIComponent(group.id)}">claims of this section</a></p>
${chartBlock(f)}
<p class="note">${origin}</p>`;
  return page({ title: f.name, root: "../", body, notebooks, scripts: f.interactive ? CHART_SCRIPTS : [] });
}
