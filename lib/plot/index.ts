/**
 * Figures: one plotly figure description, two destinations.
 *
 * - `exportFigure(fig, name)` writes `figures/<name>.png` and `.svg`, rendered by plotly.js in headless
 *   Chromium (Debian's `/usr/bin/chromium`, driven by playwright-core; no browser is ever downloaded).
 * - `showFigure(fig, name?)` inside a notebook displays a static PNG (so GitHub and nbconvert show it) in one
 *   output with the figure's plotly description (lib/report draws it interactively), and, given a name, also
 *   exports the files.
 * One browser is started lazily and shared by all figures of a process; `closeRenderer()` ends it.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { atomicWriteFile, REPO_ROOT } from "../results";

export interface Figure {
  data: object[];
  layout?: Record<string, unknown>;
  width?: number;
  height?: number;
}

/** A figure with the file name (no extension) it is exported under. */
export interface NamedFigure { name: string; figure: Figure }

export const FIGURES_DIR = process.env.HQNN_FIGURES_DIR ?? path.join(REPO_ROOT, "figures");
const CHROMIUM = process.env.HQNN_CHROMIUM ?? "/usr/bin/chromium";
/** The bundled plotly.js (plotly.js-dist, pinned in package.json): the one copy the renderer, notebooks and report load. */
export const PLOTLY_JS = require.resolve("plotly.js-dist/plotly.js");
/** The MIME type under which Jupyter front ends (and lib/report) find a plotly figure in a notebook output. */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";
const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync",
];

export interface Browser { page: any; userDir: string; close(): Promise<void> }

/** Starts Debian's Chromium headless, offline, with a fresh user-data dir (never a downloaded browser). */
export async function launchBrowser(deviceScaleFactor = 1): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: run 'make setup' (installs Debian's chromium) or set HQNN_CHROMIUM`);
  }
  const { chromium } = require("playwright-core");
  const userDir = fs.mkdtempSync(path.join(os.tmpdir(), "hqnn-chromium-"));
  const context = await chromium.launchPersistentContext(userDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, deviceScaleFactor });
  const page = await context.newPage();
  return {
    page, userDir,
    async close() {
      await context.close();
      fs.rmSync(userDir, { recursive: true, force: true });
    },
  };
}

let renderer: Promise<Browser> | undefined;

async function openRenderer(): Promise<Browser> {
  const browser = await launchBrowser();
  const { page, userDir } = browser;
  const html = path.join(userDir, "plot.html");
  fs.writeFileSync(html, `<!doctype html><html><head><meta charset="utf-8"><script src="file://${PLOTLY_JS}"></script></head><body></body></html>`);
  await page.goto(`file://${html}`);
  await page.waitForFunction(() => typeof (globalThis as any).Plotly !== "undefined");
  return browser;
}

/** Closes the shared headless browser (call at the end of a script so the process can exit). */
export async function closeRenderer(): Promise<void> {
  if (!renderer) return;
  const r = await renderer;
  renderer = undefined;
  await r.close();
}

/** A figure at its fixed export size (900 × 500 unless it sets its own) in the package's font. */
export function sizedFigure(fig: Figure) {
  const width = fig.width ?? 900, height = fig.height ?? 500;
  const layout = { font: { family: "Helvetica, Arial, sans-serif", size: 13 }, ...fig.layout, width, height };
  return { data: fig.data, layout, width, height };
}

/** Renders a figure to PNG bytes or SVG text. */
export async function renderFigure(fig: Figure, format: "png" | "svg", scale = 2): Promise<Uint8Array | string> {
  renderer ??= openRenderer();
  const { page } = await renderer;
  const { data, layout, width, height } = sizedFigure(fig);
  const url: string = await page.evaluate(async (a: any) => {
    const P = (globalThis as any).Plotly;
    const div = (globalThis as any).document.createElement("div");
    try {
      await P.newPlot(div, a.data, a.layout, { staticPlot: true });
      return await P.toImage(div, { format: a.format, width: a.width, height: a.height, scale: a.scale });
    } finally {
      P.purge(div);
    }
  }, { data, layout, width, height, format, scale: format === "png" ? scale : 1 });
  if (format === "png") return new Uint8Array(Buffer.from(url.slice(url.indexOf(",") + 1), "base64"));
  return sortedSvgAttributes(stableSvgIds(decodeURIComponent(url.slice(url.indexOf(",") + 1))));
}

/**
 * Every element's attributes in sorted order: Chromium serialises some (e.g. the root's style and viewBox, a
 * tick label's style and transform) in an order that depends on timing, so the same figure could give two files.
 */
export function sortedSvgAttributes(svg: string): string {
  return svg.replace(/<([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"]*")+)\s*(\/?)>/g, (_m, name: string, attrs: string, close: string) => {
    const list = attrs.match(/[\w:-]+="[^"]*"/g)!.sort();
    return `<${name} ${list.join(" ")}${close}>`;
  });
}

/** Plotly puts random 6-hex-digit ids into SVGs; renumber them so the same figure gives the same file. */
export function stableSvgIds(svg: string): string {
  const ids = new Map<string, string>();
  return svg.replace(/(clip|legend|topdefs-|defs-|trace)([0-9a-f]{6})/g, (_m, prefix: string, id: string) => {
    if (!ids.has(id)) ids.set(id, `u${String(ids.size).padStart(5, "0")}`);
    return prefix + ids.get(id);
  });
}

/** Writes figures/<name>.png and figures/<name>.svg atomically; returns their paths. */
export async function exportFigure(fig: Figure, name: string, dir = FIGURES_DIR): Promise<{ png: string; svg: string }> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`invalid figure name ${JSON.stringify(name)}`);
  const png = path.join(dir, `${name}.png`), svg = path.join(dir, `${name}.svg`);
  atomicWriteFile(png, (await renderFigure(fig, "png")) as Uint8Array);
  atomicWriteFile(svg, (await renderFigure(fig, "svg")) as string);
  return { png, svg };
}

/** True inside a tslab kernel started by this project's kernelspec. */
export function inNotebook(): boolean {
  return process.env.HQNN_NOTEBOOK === "1";
}

let plotlyInjected = false;

function interactiveHtml(fig: Figure): string {
  const { data, layout } = sizedFigure(fig);
  const id = `hqnn-plot-${Math.random().toString(36).slice(2, 10)}`;
  // The bundled plotly.js (~4.6 MB) is inlined once per kernel: interactive charts work offline, with no CDN.
  let loader = "";
  if (!plotlyInjected) {
    plotlyInjected = true;
    loader = `<script>${fs.readFileSync(PLOTLY_JS, "utf8")}</script>`;
  }
  return `${loader}<div id="${id}"></div><script>(function(){var f=${JSON.stringify({ data, layout })};` +
    `function go(){if(window.Plotly){Plotly.newPlot("${id}",f.data,f.layout);}else{setTimeout(go,200);}}go();})();</script>`;
}

/**
 * One notebook output for a figure: the PNG, and the figure itself under PLOTLY_MIME for viewers that draw it
 * (lib/report's notebook pages, JupyterLab with plotly's extension); a grid of pictures (only image traces) keeps
 * the PNG alone, which shows it exactly.
 */
export function notebookBundle(fig: Figure, pngBase64: string): Record<string, unknown> {
  if (fig.data.every((t) => (t as { type?: string }).type === "image")) return { "image/png": pngBase64 };
  const { data, layout } = sizedFigure(fig);
  return { [PLOTLY_MIME]: { data, layout }, "image/png": pngBase64 };
}

/**
 * Sends one display_data output holding several MIME types. tslab's public `display` sends one type per output,
 * so this calls the function behind it (tslab/dist/jupyter of the tslab version pinned in package.json).
 */
function displayBundle(data: Record<string, unknown>): void {
  const { lastWriteDisplayData } = require("tslab/dist/jupyter");
  if (typeof lastWriteDisplayData !== "function") throw new Error("cannot display the figure: tslab's output channel is not open (run the notebook with the hqnn-ts kernel)");
  lastWriteDisplayData({ data, metadata: {}, transient: {} }, false);
}

/**
 * Displays a figure in the notebook (a static PNG with the figure's description for viewers that draw it, plus an
 * inline interactive chart with HQNN_INTERACTIVE=1), and exports it to figures/ when a name is given. Outside a
 * notebook it only exports.
 */
export async function showFigure(fig: Figure, name?: string): Promise<void> {
  if (name) await exportFigure(fig, name);
  if (!inNotebook()) return;
  const { display } = require("tslab");
  if (process.env.HQNN_INTERACTIVE === "1") display.html(interactiveHtml(fig));
  // Scale 1 in the notebook keeps the stored .ipynb small; the files under figures/ are at scale 2.
  const png = Buffer.from((await renderFigure(fig, "png", 1)) as Uint8Array).toString("base64");
  displayBundle(notebookBundle(fig, png));
}
