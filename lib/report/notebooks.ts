/**
 * notebooks/<name>.html: a committed notebook as nbconvert's basic template renders it (cells and outputs, no
 * external asset), wrapped in the site's layout. Embedded images become files next to the page, links to
 * CLAIMS.md and results/*.json (and table cells naming a claim) point at the site's claims page and result pages,
 * and the first link to each claim gets an anchor (`mention-<claim id>`) so the claims page can link to the place the claim is discussed.
 */
import { escapeHtml, NotebookLink, page } from "./html";

export interface ImageFile { file: string; bytes: Buffer }

export interface NotebookPage {
  html: string;
  /** Files to write next to the page (under img/). */
  images: ImageFile[];
  /** Claim id -> the anchor of its first mention in the page. */
  mentions: Map<string, string>;
}

/** The notebook's title: the first "# " heading of its first markdown cell (the file name when it has none). */
export function notebookTitle(ipynb: { cells?: { cell_type: string; source: string | string[] }[] }, name: string): string {
  const cell = ipynb.cells?.find((c) => c.cell_type === "markdown");
  const source = [cell?.source ?? ""].flat().join("");
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

/** The page of one notebook from nbconvert's basic HTML of it. */
export function notebookPage(name: string, title: string, converted: string, claimIds: ReadonlySet<string>, notebooks: NotebookLink[]): NotebookPage {
  const { html: withFiles, images } = extractImages(converted, name);
  const { html, mentions } = markMentions(siteLinks(withFiles), claimIds);
  const body = `<p class="lead">Notebook <code>notebooks/${escapeHtml(name)}.ipynb</code> with the outputs it was committed with ` +
    `(<a href="${name}.ipynb" download>download .ipynb</a>). Claims link to the <a href="../claims.html">claims table</a>, result files to their pages.</p>
<article class="notebook">
${html}
</article>`;
  return { html: page({ title, root: "../", body, notebooks }), images, mentions };
}
