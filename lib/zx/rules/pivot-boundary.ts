import { ZXGraph } from "../graph";
import { Phase } from "../phase";
import { edgeRule } from "../rewrite";
import { boundaryNeighbors, pivotCore } from "./pivot";
import { hasLeafNeighbor } from "./pivot-gadget";

/**
 * Boundary pivot (Duncan et al. 2020, Sec. 6): u is an interior Z spider with phase 0 or π that is not a gadget
 * axle; v an adjacent Z spider with a non-Pauli phase and exactly one boundary neighbour.
 */
export function checkPivotBoundary(g: ZXGraph, u: number, v: number): boolean {
  if (g.type(u) !== "Z" || g.type(v) !== "Z" || g.edgeType(u, v) !== "hadamard") return false;
  if (!g.phase(u).isPauli() || g.phase(v).isPauli()) return false;
  if (boundaryNeighbors(g, u)?.length !== 0 || boundaryNeighbors(g, v)?.length !== 1) return false;
  return !hasLeafNeighbor(g, u);
}

/**
 * Unfuses v's phase into a phase gadget (axle phase 0, leaf with v's phase), then pivots on u–v: v disappears,
 * u takes over v's boundary (edge type toggled) and v's place in the layout, and u's phase lands on the new
 * axle. Layout as PyZX: axle on qubit −1, leaf on qubit −2, half a row from v towards the interior.
 */
export function unsafePivotBoundary(g: ZXGraph, u: number, v: number): void {
  const b = boundaryNeighbors(g, v)![0];
  const { row, qubit } = g.vertex(v);
  const side = g.isInput(b) ? 0.5 : -0.5;
  const leaf = g.addVertex("Z", -2, row + side, g.phase(v));
  const axle = g.addVertex("Z", -1, row + side);
  g.setPhase(v, Phase.ZERO);
  g.addEdge(v, axle, "hadamard");
  g.addEdge(axle, leaf, "hadamard");
  g.vertex(u).qubit = qubit;
  g.vertex(u).row = row;
  pivotCore(g, u, v, undefined, b);
}

export const pivotBoundaryRule = edgeRule("pivot_boundary", checkPivotBoundary, unsafePivotBoundary, true);
