/** A grid of small images (dataset samples) as one plotly figure, each tile with its own caption. */
import type { Figure } from "./index";

export interface Tile {
  /** H x W x C bytes, C = 1 (grey) or 3 (RGB). */
  pixels: Uint8Array;
  height: number;
  width: number;
  channels: number;
  caption: string;
}

function toRgbRows(t: Tile): number[][][] {
  const rows: number[][][] = [];
  for (let y = 0; y < t.height; y++) {
    const row: number[][] = [];
    for (let x = 0; x < t.width; x++) {
      const i = (y * t.width + x) * t.channels;
      row.push(t.channels === 1 ? [t.pixels[i], t.pixels[i], t.pixels[i]] : [t.pixels[i], t.pixels[i + 1], t.pixels[i + 2]]);
    }
    rows.push(row);
  }
  return rows;
}

const CAPTION_SIZE = 11;
/** Rough width of a caption character in px at CAPTION_SIZE (sans-serif), generous so estimates err wide. */
const CHAR_WIDTH = 0.62 * CAPTION_SIZE;

/**
 * A caption that fits its tile: one line when it is at most `maxWidth` px wide (estimated), else broken at
 * spaces into lines that are (a word longer than the tile stays whole and gets a smaller font at render time).
 */
export function wrapCaption(caption: string, maxWidth: number): string[] {
  const perLine = Math.max(1, Math.floor(maxWidth / CHAR_WIDTH));
  if ([...caption].length <= perLine) return [caption];
  const lines: string[] = [];
  let line = "";
  for (const word of caption.split(" ")) {
    if (line && [...`${line} ${word}`].length > perLine) { lines.push(line); line = word; }
    else line = line ? `${line} ${word}` : word;
  }
  return line ? [...lines, line] : lines;
}

/**
 * Tiles in a grid, each image centred in its cell with its caption centred above it. Captions are kept narrower
 * than the cell (wrapped, or set smaller when one word is too long), so neighbouring captions never touch.
 */
export function imageGrid(tiles: Tile[], opts: { cols: number; title?: string; tileSize?: number }): Figure {
  const cols = opts.cols, rows = Math.ceil(tiles.length / cols);
  const tile = opts.tileSize ?? 110, gap = 0.02, top = opts.title ? 50 : 10, bottom = 5;
  const room = 0.85 * tile; // caption width allowed: the rest of the cell keeps captions apart
  const wrapped = tiles.map((t) => wrapCaption(t.caption, room));
  const lineCount = Math.max(1, ...wrapped.map((l) => l.length));
  const captionSpace = 8 + 14 * lineCount;
  const width = cols * tile, height = rows * (tile + captionSpace) + top + bottom;
  const plotHeight = height - top - bottom;
  const data: object[] = [];
  const layout: Record<string, unknown> = {
    title: opts.title ? { text: opts.title, x: 0.5 } : undefined,
    margin: { l: 5, r: 5, t: top, b: bottom }, showlegend: false, annotations: [] as object[],
  };
  tiles.forEach((t, k) => {
    const r = Math.floor(k / cols), c = k % cols, ax = k === 0 ? "" : String(k + 1);
    const x0 = c / cols + gap / 2, x1 = (c + 1) / cols - gap / 2;
    const y1 = 1 - r / rows - captionSpace / plotHeight, y0 = 1 - (r + 1) / rows + gap / 2;
    data.push({ type: "image", z: toRgbRows(t), xaxis: `x${ax}`, yaxis: `y${ax}`, hoverinfo: "skip" });
    // constrain "domain": the image keeps its aspect ratio by shrinking its cell, centred under the caption.
    layout[`xaxis${ax}`] = { domain: [x0, x1], visible: false, anchor: `y${ax}`, constrain: "domain", constraintoward: "center" };
    layout[`yaxis${ax}`] = { domain: [y0, Math.max(y0 + 0.01, y1)], visible: false, anchor: `x${ax}`, scaleanchor: `x${ax}`, constrain: "domain", constraintoward: "top" };
    const longest = Math.max(...wrapped[k].map((l) => [...l].length));
    const size = Math.min(CAPTION_SIZE, Math.floor((room / longest / CHAR_WIDTH) * CAPTION_SIZE));
    (layout.annotations as object[]).push({
      text: wrapped[k].join("<br>"), x: (x0 + x1) / 2, y: y1, xref: "paper", yref: "paper", xanchor: "center", yanchor: "bottom",
      showarrow: false, font: { size },
    });
  });
  return { data, layout, width, height };
}
