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
 * An SVG drawing in the usual style: green Z and red X spiders with their phases written above them (symbols
 * included), small black boundary dots (inputs on the left, outputs on the right), plain edges in black and
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
  const below = staggeredLabels(g, pos);
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
      const ty = below.has(v) ? y + 20 : y - 12;
      const text = phase ? `<text x="${f(x)}" y="${f(ty)}" font-size="10" text-anchor="middle">${escapeXml(phase)}</text>` : "";
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

/** Phase labels go above their spider, except right after a labelled neighbour on the same line (then below). */
function staggeredLabels(g: ZXGraph, pos: Map<number, { x: number; y: number }>): Set<number> {
  const labelled = g.vertices()
    .filter((v) => g.isSpider(v) && !g.phase(v).isZero())
    .sort((a, b) => pos.get(a)!.y - pos.get(b)!.y || pos.get(a)!.x - pos.get(b)!.x);
  const below = new Set<number>();
  labelled.forEach((v, i) => {
    const prev = labelled[i - 1];
    const close = prev !== undefined && pos.get(prev)!.y === pos.get(v)!.y && pos.get(v)!.x - pos.get(prev)!.x < 1.5;
    if (close && !below.has(prev)) below.add(v);
  });
  return below;
}

function f(x: number): string {
  return Number(x.toFixed(1)).toString();
}

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
