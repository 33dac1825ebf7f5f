/**
 * notebooks/<name>.html: a committed notebook as nbconvert's basic template renders it (cells and outputs, no
 * external asset), wrapped in the site's layout. Before nbconvert sees the notebook (`prepareNotebook`), its TeX is
 * swapped for placeholders (lib/report/maths.ts) and each output holding a plotly figure (lib/plot's showFigure)
 * for a chart element with its PNG inside; afterwards the placeholders become KaTeX's HTML, the charts are drawn by
 * assets/chart.js, embedded images become files next to the page, links to CLAIMS.md and results/*.json (and table
 * cells naming a claim) point at the site's claims page and result pages, and the first link to each claim gets an
 * anchor (`mention-<claim id>`) so the claims page can link to the place the claim is discussed.
 */
import { PLOTLY_MIME } from "../plot";
import { CHART_SCRIPTS, chartData, chartElement, escapeHtml, NotebookLink, page } from "./html";
import { KATEX_STYLESHEET, MathSpan, protectMath, renderMath } from "./maths";

type Source = string | string[];
interface Output { output_type: string; data?: Record<string, unknown> }
interface Cell { cell_type: string; source: Source; outputs?: Output[] }
/** The parts of an .ipynb file this module reads or rewrites; the rest passes through unchanged. */
export interface Ipynb { cells: Cell[] }

export interface PreparedNotebook {
  /** The notebook to give nbconvert. */
  ipynb: Ipynb;
  /** The plotly figures of its outputs, by chart index. */
  charts: object[];
  /** Its TeX spans, by placeholder index. */
  maths: MathSpan[];
}

const joined = (source: Source) => [source].flat().join("");

function prepareOutput(o: Output, charts: object[], maths: MathSpan[]): Output {
  const figure = o.data?.[PLOTLY_MIME] as object | undefined;
  if (figure) {
    charts.push(figure);
    const png = o.data!["image/png"] as Source | undefined;
    const fallback = png ? `<img src="data:image/png;base64,${joined(png).trim()}">` : "";
    return { ...o, data: { "text/html": chartElement(charts.length - 1, fallback) } };
  }
  const markdown = o.data?.["text/markdown"] as Source | undefined;
  return markdown === undefined ? o : { ...o, data: { ...o.data, "text/markdown": protectMath(joined(markdown), maths) } };
}

/** The notebook with its TeX (markdown cells and markdown outputs) and its plotly outputs replaced for nbconvert. */
export function prepareNotebook(ipynb: Ipynb): PreparedNotebook {
  const charts: object[] = [], maths: MathSpan[] = [];
  const cells = ipynb.cells.map((c) => (c.cell_type === "markdown"
    ? { ...c, source: protectMath(joined(c.source), maths) }
    : { ...c, outputs: c.outputs?.map((o) => prepareOutput(o, charts, maths)) }));
  return { ipynb: { ...ipynb, cells }, charts, maths };
}

export interface ImageFile { file: string; bytes: Buffer }

export interface NotebookPage {
  html: string;
  /** Files to write next to the page (under img/). */
  images: ImageFile[];
  /** Claim id -> the anchor of its first mention in the page. */
  mentions: Map<string, string>;
}

/** The notebook's title: the first "# " heading of its first markdown cell (the file name when it has none). */
export function notebookTitle(ipynb: Partial<Ipynb>, name: string): string {
  const cell = ipynb.cells?.find((c) => c.cell_type === "markdown");
  const source = joined(cell?.source ?? "");
  return /^# (.+)$/m.exec(source)?.[1].trim() ?? name;
}

/** Moves base64 images out of the HTML into img/<name>-<k>.<ext> files. */
export function extractImages(html: string, name: string): { html: string; images: ImageFile[] } {
  const images: ImageFile[] = [];
  const out = html.replace(/<img src="data:image\/(png|jpeg|gif);base64,([A-Za-z0-9+/=\s]+)"/g, (_m, type: string, data: string) => {
    const file = `img/${name}-${images.length + 1}.${type === "jpeg" ? "jpg" : type}`;
    images.push({ file, bytes: Buffer.from(data.replace(/\s+/g, ""), "base64") });
    return `<img loading="lazy" alt="output image ${images.length}" src="${file}"`;
  });
  return { html: out, images };
}

/** Repository links as the notebooks write them (relative to notebooks/) turned into the site's pages. */
export function siteLinks(html: string): string {
  return html
    .replace(/href="\.\.\/CLAIMS\.md(#[^"]*)?"/g, (_m, anchor: string | undefined) => `href="../claims.html${anchor ?? ""}"`)
    .replace(/href="\.\.\/results\/([a-z0-9][a-z0-9._-]*)\.json"/g, 'href="../results/$1.html"');
}

/**
 * Links table cells that hold just a claim id (the notebooks' claim tables) to the claims page, and gives the first
 * link to each claim an id, `mention-<claim id>`; returns the claims it found.
 */
export function markMentions(html: string, claimIds: ReadonlySet<string>): { html: string; mentions: Map<string, string> } {
  const mentions = new Map<string, string>();
  const linked = html.replace(/<td>([a-z0-9-]+)<\/td>/g, (m, id: string) => (claimIds.has(id) ? `<td><a href="../claims.html#${id}">${id}</a></td>` : m));
  const out = linked.replace(/<a href="\.\.\/claims\.html#([a-z0-9-]+)"/g, (m, id: string) => {
    if (mentions.has(id)) return m;
    mentions.set(id, `mention-${id}`);
    return `<a id="mention-${id}" href="../claims.html#${id}"`;
  });
  return { html: out, mentions };
}

/** The page of one notebook from nbconvert's basic HTML of its prepared copy. */
export function notebookPage(n: NotebookLink, converted: string, prepared: PreparedNotebook, claimIds: ReadonlySet<string>, notebooks: NotebookLink[]): NotebookPage {
  const { html: withFiles, images } = extractImages(converted, n.name);
  const typeset = renderMath(withFiles, prepared.maths, `notebooks/${n.name}.ipynb`);
  const { html, mentions } = markMentions(siteLinks(typeset), claimIds);
  const charts = prepared.charts.length > 0;
  const body = `<p class="lead">Notebook <code>notebooks/${escapeHtml(n.name)}.ipynb</code> with the outputs it was committed with ` +
    `(<a href="${n.name}.ipynb" download>download .ipynb</a>). Claims link to the <a href="../claims.html">claims table</a>, result files to their pages` +
    `${charts ? "; charts are interactive (hover for values, drag to zoom, double-click to reset)" : ""}.</p>
<article class="notebook">
${html}
</article>${charts ? `\n${chartData(prepared.charts)}` : ""}`;
  const styles = prepared.maths.length > 0 ? [KATEX_STYLESHEET] : [];
  return { html: page({ title: n.title, root: "../", body, notebooks, scripts: charts ? CHART_SCRIPTS : [], styles }), images, mentions };
}
