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

export function imageGrid(tiles: Tile[], opts: { cols: number; title?: string; tileSize?: number }): Figure {
  const cols = opts.cols, rows = Math.ceil(tiles.length / cols);
  const tile = opts.tileSize ?? 110, gap = 0.02, captionSpace = 22, top = opts.title ? 50 : 10;
  const width = cols * tile, height = rows * (tile + captionSpace) + top;
  const data: object[] = [];
  const layout: Record<string, unknown> = {
    title: opts.title ? { text: opts.title, x: 0.5 } : undefined,
    margin: { l: 5, r: 5, t: top, b: 5 }, showlegend: false, annotations: [] as object[],
  };
  tiles.forEach((t, k) => {
    const r = Math.floor(k / cols), c = k % cols, ax = k === 0 ? "" : String(k + 1);
    const x0 = c / cols + gap / 2, x1 = (c + 1) / cols - gap / 2;
    const y1 = 1 - r / rows - captionSpace / (height - top) , y0 = 1 - (r + 1) / rows + gap / 2;
    data.push({ type: "image", z: toRgbRows(t), xaxis: `x${ax}`, yaxis: `y${ax}`, hoverinfo: "skip" });
    layout[`xaxis${ax}`] = { domain: [x0, x1], visible: false, anchor: `y${ax}` };
    layout[`yaxis${ax}`] = { domain: [y0, Math.max(y0 + 0.01, y1)], visible: false, anchor: `x${ax}`, scaleanchor: `x${ax}` };
    (layout.annotations as object[]).push({
      text: t.caption, x: (x0 + x1) / 2, y: y1, xref: "paper", yref: "paper", yanchor: "bottom", showarrow: false, font: { size: 11 },
    });
  });
  return { data, layout, width, height };
}
