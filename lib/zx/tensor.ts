import { ZXGraph } from "./graph";
import { SymbolValues } from "./phase";

/**
 * A linear map as a dense complex matrix: entry (out, in) at index out·2^nIn + in, where wire 0 is the most
 * significant bit of each (PennyLane's convention).
 */
export interface Tensor {
  nOut: number;
  nIn: number;
  re: Float64Array;
  im: Float64Array;
}

/** Largest number of live variables the contraction will hold (2^24 complex entries ≈ 256 MB). */
const MAX_LIVE = 24;

type State = { re: Float64Array; im: Float64Array };

/**
 * The linear map of a diagram with concrete phases (symbols replaced by `values`), up to the global scalar the
 * rewrites drop. Every Z spider forces its legs to one common value b ∈ {0, 1}, so the diagram is the sum over
 * those values of Π e^{iα·b_v} (phases) × Π (−1)^{b_u·b_v} (Hadamard edges, up to 1/√2 each) × Π δ(b_u, b_v)
 * (plain edges); an X spider is a Z spider with a Hadamard on every leg, a boundary is a variable that is never
 * summed. Variables are added one vertex at a time into a growing tensor and summed out as soon as all their
 * neighbours are in (variable elimination); the next vertex is the one keeping the tensor smallest.
 */
export function diagramTensor(g: ZXGraph, values: SymbolValues = {}): Tensor {
  let live: number[] = [];
  let state: State = { re: new Float64Array([1]), im: new Float64Array([0]) };
  const done = new Set<number>();
  const isHadamard = (u: number, v: number) =>
    (g.edgeType(u, v) === "hadamard") !== (g.type(u) === "X") !== (g.type(v) === "X");
  const finished = (u: number) => g.isSpider(u) && g.neighbors(u).every((n) => done.has(n));

  for (let step = g.vertexCount(); step > 0; step--) {
    const v = nextVertex(g, done, live);
    done.add(v);
    if (live.length + 1 > MAX_LIVE) throw new Error(`diagramTensor: more than ${MAX_LIVE} live variables; the diagram is too large to evaluate`);
    const factors = g.neighbors(v).filter((n) => done.has(n)).map((n) => ({ bit: live.indexOf(n), hadamard: isHadamard(v, n) }));
    const weight = g.isSpider(v) ? g.phase(v).expi(values) : ([1, 0] as const);
    state = addVariable(state, live.length, factors, weight);
    live.push(v);
    for (const u of live.filter(finished)) {
      state = sumOut(state, live.length, live.indexOf(u));
      live = live.filter((x) => x !== u);
    }
  }
  return arrange(g, live, state);
}

/**
 * The unprocessed vertex to add next: one adjacent to what is already in (a fresh start only when there is
 * none), leaving the fewest live variables; ties go to the smaller row (left to right), then the smaller id.
 */
function nextVertex(g: ZXGraph, done: Set<number>, live: number[]): number {
  let best = -1;
  let bestKey = [Infinity, Infinity, Infinity];
  for (const v of g.vertices()) {
    if (done.has(v)) continue;
    const inner = g.neighbors(v).filter((n) => done.has(n));
    const freed = inner.filter((u) => g.isSpider(u) && g.neighbors(u).every((n) => n === v || done.has(n))).length;
    const stays = g.isSpider(v) && inner.length === g.degree(v) ? 0 : 1;
    const key = [inner.length > 0 || live.length === 0 ? 0 : 1, stays - freed, g.vertex(v).row];
    if (key[0] < bestKey[0] || (key[0] === bestKey[0] && (key[1] < bestKey[1] || (key[1] === bestKey[1] && key[2] < bestKey[2])))) {
      best = v;
      bestKey = key;
    }
  }
  return best;
}

/**
 * Appends a variable b (new top bit of a k-bit tensor) with weight e^{iαb}, where [c, s] = e^{iα}, joined to
 * existing variables: a Hadamard factor (−1)^{b·b_u} or a plain-edge factor δ(b, b_u).
 */
function addVariable(state: State, k: number, factors: { bit: number; hadamard: boolean }[], [c, s]: readonly [number, number]): State {
  const size = 1 << k;
  const re = new Float64Array(2 * size);
  const im = new Float64Array(2 * size);
  const hMask = factors.filter((f) => f.hadamard).reduce((m, f) => m | (1 << f.bit), 0);
  const sMask = factors.filter((f) => !f.hadamard).reduce((m, f) => m | (1 << f.bit), 0);
  for (let i = 0; i < size; i++) {
    if ((i & sMask) === 0) {
      re[i] = state.re[i];
      im[i] = state.im[i];
    }
    if ((i & sMask) === sMask) {
      const sign = popcount(i & hMask) % 2 ? -1 : 1;
      re[size + i] = sign * (c * state.re[i] - s * state.im[i]);
      im[size + i] = sign * (s * state.re[i] + c * state.im[i]);
    }
  }
  return { re, im };
}

/** Sums a k-bit tensor over the variable at `bit`. */
function sumOut(state: State, k: number, bit: number): State {
  const re = new Float64Array(1 << (k - 1));
  const im = new Float64Array(1 << (k - 1));
  const low = (1 << bit) - 1;
  for (let r = 0; r < re.length; r++) {
    const i0 = ((r & ~low) << 1) | (r & low);
    re[r] = state.re[i0] + state.re[i0 | (1 << bit)];
    im[r] = state.im[i0] + state.im[i0 | (1 << bit)];
  }
  return { re, im };
}

function popcount(x: number): number {
  let n = 0;
  for (; x; x &= x - 1) n++;
  return n;
}

/** Reorders the remaining variables (all boundaries) into the (out, in) matrix layout. */
function arrange(g: ZXGraph, live: number[], state: State): Tensor {
  const nOut = g.outputs.length;
  const nIn = g.inputs.length;
  const target = live.map((b) => {
    const q = g.outputs.indexOf(b);
    if (q >= 0) return nIn + nOut - 1 - q;
    const p = g.inputs.indexOf(b);
    if (p < 0) throw new Error(`diagramTensor: vertex ${b} is left over`);
    return nIn - 1 - p;
  });
  const re = new Float64Array(1 << (nOut + nIn));
  const im = new Float64Array(1 << (nOut + nIn));
  for (let i = 0; i < state.re.length; i++) {
    let j = 0;
    for (let b = 0; b < target.length; b++) if (i & (1 << b)) j |= 1 << target[b];
    re[j] = state.re[i];
    im[j] = state.im[i];
  }
  return { nOut, nIn, re, im };
}

/**
 * True when b = c·a for some nonzero complex c, entrywise within `tolerance` relative to the largest entry of b.
 * Shapes must agree; a zero tensor equals nothing.
 */
export function compareTensors(a: Tensor, b: Tensor, tolerance = 1e-8): boolean {
  if (a.nOut !== b.nOut || a.nIn !== b.nIn) return false;
  let k = 0;
  for (let i = 0; i < a.re.length; i++) if (abs2(a, i) > abs2(a, k)) k = i;
  const na = abs2(a, k);
  if (na === 0) return false;
  const cr = (b.re[k] * a.re[k] + b.im[k] * a.im[k]) / na;
  const ci = (b.im[k] * a.re[k] - b.re[k] * a.im[k]) / na;
  let maxB = 0;
  let maxDiff = 0;
  for (let i = 0; i < a.re.length; i++) {
    maxB = Math.max(maxB, Math.sqrt(abs2(b, i)));
    const dr = b.re[i] - (cr * a.re[i] - ci * a.im[i]);
    const di = b.im[i] - (cr * a.im[i] + ci * a.re[i]);
    maxDiff = Math.max(maxDiff, Math.hypot(dr, di));
  }
  return maxB > 0 && maxDiff <= tolerance * maxB;
}

function abs2(t: Tensor, i: number): number {
  return t.re[i] * t.re[i] + t.im[i] * t.im[i];
}
