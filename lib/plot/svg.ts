/**
 * PNG rendering of standalone SVG drawings (figures that are not plotly charts, e.g. ZX diagrams), in the same
 * headless Debian Chromium as lib/plot (playwright-core, a fresh user-data dir, no browser download).
 *
 * One browser (launchBrowser from index.ts, at scale 2) is started lazily and shared by all calls of a process;
 * `closeSvgRenderer()` ends it.
 */
import { Browser, launchBrowser } from "./index";

/** Device pixels per CSS pixel of the PNG (as lib/plot's PNG export, scale 2). */
export const SVG_PNG_SCALE = 2;

let renderer: Promise<Browser> | undefined;

/** Closes the shared browser of svgToPng (call at the end of a script or notebook so the process can exit). */
export async function closeSvgRenderer(): Promise<void> {
  if (!renderer) return;
  const r = await renderer;
  renderer = undefined;
  await r.close();
}

/** The width and height attributes (CSS pixels) of an SVG document's root element. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0];
  const attr = (name: string) => Number(new RegExp(`\\s${name}="([0-9.]+)(px)?"`).exec(root ?? "")?.[1]);
  const width = attr("width"), height = attr("height");
  if (!root || !(width > 0) || !(height > 0)) throw new Error("svgSize: the SVG root has no numeric width and height");
  return { width, height };
}

/**
 * Renders an SVG document to PNG bytes: the top-left width × height CSS pixels of a page showing the SVG at its
 * own size, at SVG_PNG_SCALE device pixels per CSS pixel (so the PNG is 2·width × 2·height).
 */
export async function svgToPng(svg: string, width: number, height: number): Promise<Uint8Array> {
  if (!(width > 0 && height > 0)) throw new Error(`svgToPng: width and height must be positive, got ${width} × ${height}`);
  renderer ??= launchBrowser(SVG_PNG_SCALE);
  const { page } = await renderer;
  const w = Math.ceil(width), h = Math.ceil(height);
  await page.setViewportSize({ width: w, height: h });
  await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;padding:0;background:#fff}svg{display:block}</style></head><body>${svg}</body></html>`);
  const png: Buffer = await page.screenshot({ type: "png", clip: { x: 0, y: 0, width: w, height: h } });
  return new Uint8Array(png);
}
