/**
 * The TeX of the notebooks' markdown ($…$ inline, $$…$$ displayed), typeset when the report is built by KaTeX
 * (pinned in package.json; its stylesheet and fonts are copied into the site, so pages need no script and no
 * network for it). nbconvert would read `_` and `*` inside TeX as emphasis, so the TeX is first swapped for
 * placeholders in the notebook (`protectMath`), and the placeholders in nbconvert's HTML for KaTeX's (`renderMath`).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import katex from "katex";
import { escapeHtml } from "./html";

export interface MathSpan { tex: string; display: boolean }

/** KaTeX's stylesheet in the site, relative to its top; the fonts folder it names sits beside it. */
export const KATEX_STYLESHEET = "assets/katex/katex.min.css";

/** Copies KaTeX's stylesheet and its fonts (every format the stylesheet names) from node_modules into the site. */
export function copyKatex(out: string): void {
  const from = path.dirname(require.resolve("katex/dist/katex.min.css")), to = path.dirname(path.join(out, KATEX_STYLESHEET));
  fs.mkdirSync(to, { recursive: true });
  fs.copyFileSync(path.join(from, "katex.min.css"), path.join(out, KATEX_STYLESHEET));
  fs.cpSync(path.join(from, "fonts"), path.join(to, "fonts"), { recursive: true });
}

const placeholder = (index: number) => `HQNNMATH${index}X`;
const PLACEHOLDER = /HQNNMATH(\d+)X/g;

/** Fenced code blocks and inline code spans: markdown shows them literally, so a `$` in them is no TeX. */
const CODE = /(```[\s\S]*?```|`[^`\n]+`)/;

/**
 * $$…$$, or $…$ whose first character is no space and whose last is no space and which no digit follows (so
 * "$5 and $6" stays text); `\$` is a literal dollar. An inline span never crosses a blank line.
 */
const TEX = /(?<!\\)\$\$([\s\S]+?)\$\$|(?<!\\)\$(?!\s)((?:\\[\s\S]|[^$\\])+?)(?<!\s)\$(?!\d)/g;

function protectText(text: string, spans: MathSpan[]): string {
  return text.replace(TEX, (whole, display: string | undefined, inline: string | undefined) => {
    const tex = display ?? inline!;
    if (display === undefined && /\n\s*\n/.test(tex)) return whole;
    spans.push({ tex: tex.trim(), display: display !== undefined });
    return placeholder(spans.length - 1);
  });
}

/** Replaces each TeX span of a markdown text by a placeholder, appending the span to `spans` (code stays as it is). */
export function protectMath(markdown: string, spans: MathSpan[]): string {
  return markdown.split(CODE).map((part, i) => (i % 2 === 1 ? part : protectText(part, spans))).join("");
}

function typeset(span: MathSpan, where: string): string {
  try {
    return katex.renderToString(span.tex, { displayMode: span.display, throwOnError: true, strict: "error", output: "htmlAndMathml" });
  } catch (e) {
    throw new Error(`${where}: KaTeX cannot typeset ${JSON.stringify(span.tex)}: ${(e as Error).message}`);
  }
}

/**
 * nbconvert's HTML with every placeholder replaced by KaTeX's HTML of its span (inside a tag, such as a heading's
 * id, by the TeX source); throws, naming `where`, on TeX that KaTeX refuses or on a span nbconvert lost.
 */
export function renderMath(html: string, spans: MathSpan[], where: string): string {
  const seen = new Set<number>();
  const out = html.replace(/<[^>]*>|HQNNMATH(\d+)X/g, (m, index: string | undefined) => {
    if (index === undefined) return m.replace(PLACEHOLDER, (_p, i: string) => escapeHtml(spans[Number(i)].tex));
    seen.add(Number(index));
    return typeset(spans[Number(index)], where);
  });
  if (seen.size !== spans.length) throw new Error(`${where}: ${spans.length - seen.size} of ${spans.length} TeX spans missing from nbconvert's HTML`);
  return out;
}
