import { toggleEdgeType, ZXGraph } from "../graph";
import { Phase } from "../phase";
import { edgeRule } from "../rewrite";

/**
 * The boundary neighbours of v if every other neighbour is a Z spider behind a Hadamard edge, else undefined
 * (PyZX's boundary_list_for_vertex).
 */
export function boundaryNeighbors(g: ZXGraph, v: number): number[] | undefined {
  const bs: number[] = [];
  for (const n of g.neighbors(v)) {
    if (g.type(n) === "boundary") bs.push(n);
    else if (g.type(n) !== "Z" || g.edgeType(v, n) !== "hadamard") return undefined;
  }
  return bs;
}

/** Pivoting (Duncan et al. 2020, Lemma 5.3) applies to two adjacent Z spiders with phases 0 or π, joined by a
 * Hadamard edge, whose other neighbours are Z spiders behind Hadamard edges, with at most one boundary among them. */
export function checkPivot(g: ZXGraph, u: number, v: number): boolean {
  if (g.type(u) !== "Z" || g.type(v) !== "Z" || g.edgeType(u, v) !== "hadamard") return false;
  if (!g.phase(u).isPauli() || !g.phase(v).isPauli()) return false;
  const bu = boundaryNeighbors(g, u);
  const bv = boundaryNeighbors(g, v);
  return bu !== undefined && bv !== undefined && bu.length + bv.length <= 1;
}

export function unsafePivot(g: ZXGraph, u: number, v: number): void {
  pivotCore(g, u, v, boundaryNeighbors(g, u)![0], boundaryNeighbors(g, v)![0]);
}

/**
 * The pivot itself. Let U, V be the neighbours of only u, only v, and W the common ones (neither u, v nor the
 * designated ends). Edges between U×V, U×W and V×W are complemented; U gets v's phase, V gets u's phase,
 * W gets both plus π. Without ends u and v are removed. If one of them has an end (a boundary, or a leaf
 * standing in for one), that vertex is removed and the other one takes over the end with the edge type toggled,
 * keeping its phase and its other edges (the end is first unfused into two phase-free Z spiders, which the
 * pivot then absorbs; PyZX's unsafe_pivot does the same).
 */
export function pivotCore(g: ZXGraph, u: number, v: number, uEnd?: number, vEnd?: number): void {
  if (uEnd !== undefined && vEnd !== undefined) throw new Error("pivot: at most one end");
  const nu = new Set(g.neighbors(u).filter((n) => n !== v && n !== uEnd));
  const nv = new Set(g.neighbors(v).filter((n) => n !== u && n !== vEnd));
  const common = [...nu].filter((n) => nv.has(n));
  const onlyU = [...nu].filter((n) => !nv.has(n));
  const onlyV = [...nv].filter((n) => !nu.has(n));
  for (const [xs, ys] of [[onlyU, onlyV], [onlyU, common], [onlyV, common]]) {
    for (const x of xs) for (const y of ys) g.toggleHadamardEdge(x, y);
  }
  const a = g.phase(u);
  const b = g.phase(v);
  for (const n of onlyU) g.addToPhase(n, b);
  for (const n of onlyV) g.addToPhase(n, a);
  for (const n of common) g.addToPhase(n, a.add(b).add(Phase.ofPi(1)));
  if (uEnd !== undefined) moveEnd(g, u, v, uEnd);
  else if (vEnd !== undefined) moveEnd(g, v, u, vEnd);
  else {
    g.removeVertex(u);
    g.removeVertex(v);
  }
}

function moveEnd(g: ZXGraph, from: number, to: number, end: number): void {
  const t = g.edgeType(from, end)!;
  g.removeVertex(from);
  g.addEdge(to, end, toggleEdgeType(t));
}

export const pivotRule = edgeRule("pivot", checkPivot, unsafePivot);
