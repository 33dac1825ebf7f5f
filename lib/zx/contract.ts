import { ZXGraph } from "./graph";
import { SymbolValues } from "./phase";
import { Tensor } from "./tensor";

/**
 * Evaluation of a diagram by variable elimination with a global elimination order, for diagrams whose inputs are
 * fed single-qubit states (then only the outputs stay open, see verify.ts) or left open.
 *
 * The sum is the one of tensor.ts: every vertex carries a variable b ∈ {0, 1}; a Z spider weighs e^{iα·b}, an X
 * spider is a Z spider with a Hadamard on every leg, an edge is (−1)^{b_u·b_v} (Hadamard, up to 1/√2) or
 * δ(b_u, b_v) (plain), a plugged input weighs its state's amplitude ψ(b). Unlike tensor.ts's left-to-right sweep,
 * the order in which variables are summed out is chosen on the whole graph first (greedy min-fill), so its cost
 * is known before any arithmetic. Scalars are dropped as everywhere in lib/zx (no 1/√2 per Hadamard edge).
 */

/** Most variables one intermediate tensor may hold (2^24 complex entries ≈ 256 MB), as in tensor.ts. */
export const MAX_CONTRACTION_VARS = 24;

/**
 * How to evaluate a diagram: the boundaries left open (bit i of the result's index is `open[i]`), the order in
 * which every other vertex is summed out, and the number of variables of the largest tensor built on the way.
 */
export interface ContractionPlan {
  graph: ZXGraph;
  inputsOpen: boolean;
  open: number[];
  order: number[];
  width: number;
}

/**
 * A dense factor: bit i of an entry's index is the value of the variable of vertex vars[i]. `hadamardEdge` marks
 * the factor (−1)^{b_u·b_v} of a Hadamard edge, which `combine` applies as a sign instead of a table look-up.
 */
interface Factor {
  vars: number[];
  re: Float64Array;
  im: Float64Array;
  hadamardEdge?: boolean;
}

/** Plans the evaluation of `g` with its outputs open and its inputs open or (inputsOpen = false) plugged. */
export function contractionPlan(g: ZXGraph, inputsOpen: boolean): ContractionPlan {
  const open = [...g.outputs, ...(inputsOpen ? g.inputs : [])].reverse();
  const { order, width } = eliminationOrder(g, new Set(open));
  return { graph: g, inputsOpen, open, order, width: Math.max(width, open.length) };
}

/**
 * Greedy min-fill elimination order (ties: fewer neighbours, then vertex creation order). Summing out v leaves a
 * tensor over its current neighbours, which then become pairwise adjacent.
 */
function eliminationOrder(g: ZXGraph, open: Set<number>): { order: number[]; width: number } {
  const adjacency = new Map(g.vertices().map((v) => [v, new Set(g.neighbors(v))]));
  const order: number[] = [];
  let width = 0;
  while (adjacency.size > open.size) {
    const v = cheapestVertex(adjacency, open);
    const around = [...adjacency.get(v)!];
    width = Math.max(width, around.length);
    for (const a of around) {
      const mine = adjacency.get(a)!;
      mine.delete(v);
      for (const b of around) if (b !== a) mine.add(b);
    }
    adjacency.delete(v);
    order.push(v);
  }
  return { order, width };
}

function cheapestVertex(adjacency: Map<number, Set<number>>, open: Set<number>): number {
  let best = -1;
  let bestFill = Infinity;
  let bestDegree = Infinity;
  for (const [v, around] of adjacency) {
    if (open.has(v)) continue;
    const fill = missingEdges(adjacency, [...around], bestFill);
    if (fill < bestFill || (fill === bestFill && around.size < bestDegree)) {
      best = v;
      bestFill = fill;
      bestDegree = around.size;
    }
  }
  return best;
}

/** Pairs of `vertices` not adjacent yet, counted up to `cap` (beyond it the exact number does not matter). */
function missingEdges(adjacency: Map<number, Set<number>>, vertices: number[], cap: number): number {
  let missing = 0;
  for (let i = 0; i < vertices.length && missing <= cap; i++) {
    const mine = adjacency.get(vertices[i])!;
    for (let j = i + 1; j < vertices.length; j++) if (!mine.has(vertices[j])) missing++;
  }
  return missing;
}

/**
 * Evaluates the planned diagram with concrete phases (symbols from `values`). With inputs plugged, `inputStates`
 * holds one single-qubit state (nOut 1, nIn 0) per input, in input order, and the result is the output vector
 * (nIn 0); with inputs open the result is the (out, in) matrix. Layout as `Tensor` (wire 0 most significant).
 */
export function evaluatePlan(plan: ContractionPlan, values: SymbolValues = {}, inputStates: Tensor[] = []): Tensor {
  return evaluateEach(plan, values, [inputStates])[0];
}

/** `evaluatePlan` for several sets of input states in turn, sharing scratch storage. */
export function evaluateEach(plan: ContractionPlan, values: SymbolValues, inputStateSets: Tensor[][]): Tensor[] {
  if (plan.width > MAX_CONTRACTION_VARS) throw new Error(`evaluatePlan: a tensor of ${plan.width} variables exceeds ${MAX_CONTRACTION_VARS}`);
  const pool = new BufferPool();
  return inputStateSets.map((states) => evaluateWith(plan, values, states, pool));
}

function evaluateWith(plan: ContractionPlan, values: SymbolValues, inputStates: Tensor[], pool: BufferPool): Tensor {
  const g = plan.graph;
  if (inputStates.length !== (plan.inputsOpen ? 0 : g.inputs.length)) {
    throw new Error(`evaluatePlan: ${inputStates.length} input states for ${g.inputs.length} inputs (inputs open: ${plan.inputsOpen})`);
  }
  let factors = initialFactors(g, values, inputStates);
  for (const v of plan.order) {
    // The largest factor first: the new one keeps its variable order, so reading it is nearly sequential.
    const bucket = factors.filter((f) => f.vars.includes(v)).sort((f, h) => h.vars.length - f.vars.length);
    const keep = [...new Set(bucket.flatMap((f) => f.vars))].filter((u) => u !== v);
    const combined = combine(bucket, keep, v, pool);
    bucket.forEach((f) => pool.give(f));
    factors = [...factors.filter((f) => !f.vars.includes(v)), combined];
  }
  const result = combine(factors, plan.open, null, pool);
  return { nOut: g.outputs.length, nIn: plan.inputsOpen ? g.inputs.length : 0, re: result.re, im: result.im };
}

/** Phase weights of the spiders, the plugged input states, and one two-variable factor per edge. */
function initialFactors(g: ZXGraph, values: SymbolValues, inputStates: Tensor[]): Factor[] {
  const factors: Factor[] = [];
  for (const v of g.vertices()) {
    if (!g.isSpider(v)) continue;
    const [c, s] = g.phase(v).expi(values);
    factors.push({ vars: [v], re: Float64Array.of(1, c), im: Float64Array.of(0, s) });
  }
  inputStates.forEach((s, p) => {
    if (s.nOut !== 1 || s.nIn !== 0) throw new Error(`evaluatePlan: input state ${p} is not a single-qubit state`);
    factors.push({ vars: [g.inputs[p]], re: Float64Array.from(s.re), im: Float64Array.from(s.im) });
  });
  for (const { source, target, type } of g.edges()) {
    const hadamard = (type === "hadamard") !== (g.type(source) === "X") !== (g.type(target) === "X");
    const re = hadamard ? Float64Array.of(1, 1, 1, -1) : Float64Array.of(1, 0, 0, 1);
    factors.push({ vars: [source, target], re, im: new Float64Array(4), hadamardEdge: hadamard });
  }
  return factors;
}

/** Index bits looked up per table: a tensor over up to 2·12 = 24 variables takes two lookups per factor. */
const LOW_BITS = 12;

/** Where a factor's entry sits for an assignment a of `keep`: low[a mod 2^LOW_BITS] + high[a >> LOW_BITS] (+ summed if b = 1). */
interface Lookup {
  low: Int32Array;
  high: Int32Array;
  summed: number;
}

/**
 * The product of `factors` as a tensor over `keep` (bit i = keep[i]), summed over the variable `summed` if given.
 * The Hadamard edges at `summed` together give the sign (−1)^{b·(number of their other ends set to 1)} and the
 * factors over `summed` alone a weight per value b, both without table look-ups. Works in blocks of 2^LOW_BITS
 * entries (one value of the high index bits), one factor at a time.
 */
function combine(factors: Factor[], keep: number[], summed: number | null, pool: BufferPool): Factor {
  const size = 2 ** keep.length;
  const block = Math.min(size, 1 << LOW_BITS);
  const re = pool.take(size);
  const im = pool.take(size);
  const signed = summed === null ? [] : factors.filter((f) => f.hadamardEdge);
  const own = summed === null ? [] : factors.filter((f) => f.vars.length === 1 && f.vars[0] === summed);
  const tables = factors.filter((f) => !signed.includes(f) && !own.includes(f));
  const lookups = tables.map((f) => lookup(f.vars, keep, summed));
  const flips = lookup(signed.map((f) => f.vars.find((u) => u !== summed)!), keep, null, true);
  const weights = [0, 1].map((b) => own.reduce<[number, number]>(([r, i], f) => [r * f.re[b] - i * f.im[b], r * f.im[b] + i * f.re[b]], [1, 0]));
  const termRe = new Float64Array(block);
  const termIm = new Float64Array(block);
  for (let high = 0; high < size / block; high++) {
    for (let b = 0; b < (summed === null ? 1 : 2); b++) {
      startBlock(termRe, termIm, weights[b], b ? flips.low : null, flips.high[high]);
      tables.forEach((f, k) => multiplyBlock(termRe, termIm, f, lookups[k], lookups[k].high[high] + b * lookups[k].summed));
      addBlock(re, im, high * block, termRe, termIm);
    }
  }
  return { vars: keep, re, im };
}

/** term[low] = weight, times −1 where (parities[low] + parityHigh) is odd (no signs without `parities`). */
function startBlock(termRe: Float64Array, termIm: Float64Array, [wr, wi]: [number, number], parities: Int32Array | null, parityHigh: number): void {
  for (let low = 0; low < termRe.length; low++) {
    const sign = parities && (parities[low] + parityHigh) & 1 ? -1 : 1;
    termRe[low] = sign * wr;
    termIm[low] = sign * wi;
  }
}

function addBlock(re: Float64Array, im: Float64Array, offset: number, termRe: Float64Array, termIm: Float64Array): void {
  for (let low = 0; low < termRe.length; low++) {
    re[offset + low] += termRe[low];
    im[offset + low] += termIm[low];
  }
}

/** term[low] ·= f[base + t.low[low]] for one block. */
function multiplyBlock(termRe: Float64Array, termIm: Float64Array, f: Factor, t: Lookup, base: number): void {
  const { re, im } = f;
  const offsets = t.low;
  for (let low = 0; low < termRe.length; low++) {
    const i = base + offsets[low];
    const xr = termRe[low];
    const xi = termIm[low];
    termRe[low] = xr * re[i] - xi * im[i];
    termIm[low] = xr * im[i] + xi * re[i];
  }
}

/** Index of a factor over `vars` per assignment of `keep`; with `count`, how many of `vars` are set instead. */
function lookup(vars: number[], keep: number[], summed: number | null, count = false): Lookup {
  const bitOf = (v: number | null) => (v === null || !vars.includes(v) ? 0 : count ? 1 : 1 << vars.indexOf(v));
  const weights = keep.map(bitOf);
  return { low: subsetSums(weights.slice(0, LOW_BITS)), high: subsetSums(weights.slice(LOW_BITS)), summed: bitOf(summed) };
}

/** sums[x] = Σ weights[i] over the set bits i of x. */
function subsetSums(weights: number[]): Int32Array {
  const sums = new Int32Array(1 << weights.length);
  for (let x = 1; x < sums.length; x++) {
    const top = 31 - Math.clz32(x);
    sums[x] = sums[x ^ (1 << top)] + weights[top];
  }
  return sums;
}

/**
 * Storage of consumed factors, handed out again (zeroed, as a prefix) to later ones: touching freshly allocated
 * large typed arrays costs far more than refilling old ones. Small arrays are left to the garbage collector.
 */
class BufferPool {
  private readonly free: Float64Array[] = [];

  take(size: number): Float64Array {
    if (size < POOLED_SIZE) return new Float64Array(size);
    let best = -1;
    this.free.forEach((b, i) => {
      if (b.length >= size && (best < 0 || b.length < this.free[best].length)) best = i;
    });
    if (best < 0) return new Float64Array(size);
    return this.free.splice(best, 1)[0].subarray(0, size).fill(0);
  }

  give(f: Factor): void {
    for (const a of [f.re, f.im]) if (a.length >= POOLED_SIZE) this.free.push(new Float64Array(a.buffer));
  }
}

const POOLED_SIZE = 1 << 12;
