import { ZXGraph } from "../graph";
import { Phase } from "../phase";
import { edgeRule } from "../rewrite";
import { boundaryNeighbors, pivotCore } from "./pivot";

/** True when some neighbour of v is a leaf (v is the axle of a phase gadget). */
export function hasLeafNeighbor(g: ZXGraph, v: number): boolean {
  return g.neighbors(v).some((n) => g.degree(n) === 1);
}

/**
 * Gadget pivot (Kissinger & van de Wetering 2020, Sec. 3): u is an interior Z spider with phase 0 or π that is
 * not a gadget axle, v an adjacent interior Z spider with any other phase (symbolic included) that is not a leaf.
 */
export function checkPivotGadget(g: ZXGraph, u: number, v: number): boolean {
  if (g.type(u) !== "Z" || g.type(v) !== "Z" || g.edgeType(u, v) !== "hadamard") return false;
  if (!g.phase(u).isPauli() || g.phase(v).isPauli() || g.degree(v) < 2) return false;
  if (boundaryNeighbors(g, u)?.length !== 0 || boundaryNeighbors(g, v)?.length !== 0) return false;
  return !hasLeafNeighbor(g, u);
}

/**
 * Moves v's phase onto a new leaf (a phase gadget), then pivots on u–v with the leaf as v's end: v disappears,
 * u survives as the gadget's axle and the leaf carries v's phase unchanged. Layout as PyZX: axle on qubit −1,
 * leaf on qubit −2, at u's row.
 */
export function unsafePivotGadget(g: ZXGraph, u: number, v: number): void {
  const leaf = g.addVertex("Z", -2, g.vertex(u).row, g.phase(v));
  g.setPhase(v, Phase.ZERO);
  g.addEdge(v, leaf, "simple");
  g.vertex(u).qubit = -1;
  pivotCore(g, u, v, undefined, leaf);
}

export const pivotGadgetRule = edgeRule("pivot_gadget", checkPivotGadget, unsafePivotGadget, true);
