import { ZXGraph } from "./graph";

export interface DrawOptions {
  /** Pixels per layout row (horizontal). */
  columnWidth?: number;
  /** Pixels per qubit line (vertical). */
  rowHeight?: number;
  title?: string;
}

const COLOURS = { Z: "#ccffcc", X: "#ff8888" };
const HADAMARD_EDGE = 'stroke="#1f6fff" stroke-dasharray="5 3"';

/**
 * An SVG drawing in the usual style: green Z and red X spiders with their phases written next to them (symbols
 * included; placed by `placeLabels` so that no label covers a spider or another label, with a white halo over
 * edges), small black boundary dots (inputs on the left, outputs on the right), plain edges in black and
 * Hadamard edges as blue dashed lines. Vertices sit at (row, qubit) of the layout the rewrites keep, like PyZX;
 * phase gadgets live on qubit lines −1 (axle) and −2 (leaf); vertices that share a position are nudged apart.
 * Hovering a vertex shows its id and phase.
 */
export function drawSvg(g: ZXGraph, options: DrawOptions = {}): string {
  const cw = options.columnWidth ?? 46;
  const rh = options.rowHeight ?? 44;
  const pos = layout(g);
  const xs = [...pos.values()].map((p) => p.x);
  const ys = [...pos.values()].map((p) => p.y);
  const [minX, minY] = [Math.min(...xs, 0), Math.min(...ys, 0)];
  const margin = 30;
  const top = margin + (options.title ? 20 : 0);
  const at = (v: number) => ({ x: margin + (pos.get(v)!.x - minX) * cw, y: top + (pos.get(v)!.y - minY) * rh });
  const width = margin * 2 + (Math.max(...xs, 0) - minX) * cw;
  const height = top + margin + (Math.max(...ys, 0) - minY) * rh;

  const parts: string[] = [];
  if (options.title) parts.push(`<text x="${margin}" y="${margin}" font-size="13" font-weight="bold">${escapeXml(options.title)}</text>`);
  for (const e of g.edges()) {
    const a = at(e.source);
    const b = at(e.target);
    const style = e.type === "hadamard" ? HADAMARD_EDGE : 'stroke="#000"';
    const bend = Math.abs(a.y - b.y) < 1 && Math.abs(a.x - b.x) > cw * 1.05 ? -0.35 * rh : 0;
    parts.push(bend === 0
      ? `<line x1="${f(a.x)}" y1="${f(a.y)}" x2="${f(b.x)}" y2="${f(b.y)}" ${style}/>`
      : `<path d="M${f(a.x)},${f(a.y)} Q${f((a.x + b.x) / 2)},${f(a.y + 2 * bend)} ${f(b.x)},${f(b.y)}" fill="none" ${style}/>`);
  }
  const labels = placeLabels(g, at);
  for (const v of g.vertices()) {
    const { x, y } = at(v);
    const d = g.vertex(v);
    const phase = d.phase.isZero() ? "" : d.phase.toString();
    const tip = `<title>${escapeXml(`v${v} ${d.type}${phase ? ` ${phase}` : ""}`)}</title>`;
    if (d.type === "boundary") {
      const label = g.isInput(v) ? `in${g.inputs.indexOf(v)}` : g.isOutput(v) ? `out${g.outputs.indexOf(v)}` : "";
      const dx = g.isInput(v) ? -6 : 6;
      parts.push(`<g>${tip}<circle cx="${f(x)}" cy="${f(y)}" r="3" fill="#000"/>` +
        `<text x="${f(x + dx)}" y="${f(y + 4)}" font-size="10" text-anchor="${g.isInput(v) ? "end" : "start"}">${label}</text></g>`);
    } else {
      const l = labels.get(v);
      // A white halo keeps a label readable where it crosses an edge.
      const text = l ? `<text x="${f(l.x)}" y="${f(l.y)}" font-size="${LABEL_SIZE}" text-anchor="${l.anchor}" ${LABEL_HALO}>${escapeXml(l.text)}</text>` : "";
      parts.push(`<g>${tip}<circle cx="${f(x)}" cy="${f(y)}" r="8" fill="${COLOURS[d.type]}" stroke="#000"/>${text}</g>`);
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${f(width)}" height="${f(height)}" ` +
    `viewBox="0 0 ${f(width)} ${f(height)}" font-family="sans-serif">\n<rect width="100%" height="100%" fill="#fff"/>\n` +
    `${parts.join("\n")}\n</svg>\n`;
}

/** Layout coordinates (x = row, y = qubit); vertices on the same spot are spread along a short diagonal. */
function layout(g: ZXGraph): Map<number, { x: number; y: number }> {
  const taken = new Map<string, number>();
  const pos = new Map<number, { x: number; y: number }>();
  for (const v of g.vertices()) {
    const { row, qubit } = g.vertex(v);
    const key = `${row},${qubit}`;
    const k = taken.get(key) ?? 0;
    taken.set(key, k + 1);
    pos.set(v, { x: row + 0.45 * k, y: qubit + 0.3 * k });
  }
  return pos;
}

const LABEL_SIZE = 9;
const LABEL_HALO = 'stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"';
const SPIDER_RADIUS = 8;

/** A phase as a label: "w30 - π/2" is written "w30−π/2" and "-π/2" "−π/2" (no spaces, a true minus sign), to take less room. */
export function compactPhase(phase: string): string {
  return phase.replace(/ ([+-]) /g, (_m, op: string) => (op === "-" ? "−" : "+")).replace(/^-/, "−");
}

interface Box { x0: number; y0: number; x1: number; y1: number }
export interface PlacedLabel { text: string; x: number; y: number; anchor: "start" | "middle" | "end"; box: Box }

/** Where a label may go around its spider: offset of the text's anchor point (baseline) and its text-anchor. */
const SPOTS: { dx: number; dy: number; anchor: PlacedLabel["anchor"] }[] = [
  { dx: 0, dy: -12, anchor: "middle" }, { dx: 0, dy: 19, anchor: "middle" },
  { dx: 8, dy: -10, anchor: "start" }, { dx: 8, dy: 17, anchor: "start" },
  { dx: -8, dy: -10, anchor: "end" }, { dx: -8, dy: 17, anchor: "end" },
  { dx: 11, dy: 3, anchor: "start" }, { dx: -11, dy: 3, anchor: "end" },
  { dx: 0, dy: -22, anchor: "middle" }, { dx: 0, dy: 29, anchor: "middle" },
];

function labelBox(text: string, x: number, y: number, anchor: PlacedLabel["anchor"]): Box {
  const w = 0.6 * LABEL_SIZE * [...text].length;
  const x0 = anchor === "start" ? x : anchor === "end" ? x - w : x - w / 2;
  return { x0: x0 - 1, x1: x0 + w + 1, y0: y - 0.8 * LABEL_SIZE, y1: y + 0.25 * LABEL_SIZE };
}

const overlap = (a: Box, b: Box) => Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) * Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));

/**
 * Greedy label placement: each phase label (top line first, left to right) takes the first spot around its
 * spider (above, below, then diagonally, beside, further out) that covers no spider, boundary and no label
 * already placed; when every spot collides, the spot with the least overlapping area.
 */
export function placeLabels(g: ZXGraph, at: (v: number) => { x: number; y: number }): Map<number, PlacedLabel> {
  const obstacles: Box[] = g.vertices().flatMap((v) => {
    const { x, y } = at(v), boundary = g.vertex(v).type === "boundary", r = boundary ? 4 : SPIDER_RADIUS + 1;
    const dot = { x0: x - r, x1: x + r, y0: y - r, y1: y + r };
    if (!boundary) return [dot];
    const w = 6 * (g.isInput(v) ? `in${g.inputs.indexOf(v)}` : `out${g.outputs.indexOf(v)}`).length; // the in/out name, 10 px font
    return [dot, g.isInput(v) ? { x0: x - 6 - w, x1: x - 6, y0: y - 5, y1: y + 6 } : { x0: x + 6, x1: x + 6 + w, y0: y - 5, y1: y + 6 }];
  });
  const labelled = g.vertices()
    .filter((v) => g.isSpider(v) && !g.phase(v).isZero())
    .sort((a, b) => at(a).y - at(b).y || at(a).x - at(b).x);
  const placed = new Map<number, PlacedLabel>();
  for (const v of labelled) {
    const { x, y } = at(v), text = compactPhase(g.phase(v).toString());
    let best: PlacedLabel | undefined, bestCost = Infinity;
    for (const s of SPOTS) {
      const box = labelBox(text, x + s.dx, y + s.dy, s.anchor);
      const cost = obstacles.reduce((c, o) => c + overlap(box, o), 0);
      if (cost < bestCost) { best = { text, x: x + s.dx, y: y + s.dy, anchor: s.anchor, box }; bestCost = cost; }
      if (cost === 0) break;
    }
    placed.set(v, best!);
    obstacles.push(best!.box);
  }
  return placed;
}

function f(x: number): string {
  return Number(x.toFixed(1)).toString();
}

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
