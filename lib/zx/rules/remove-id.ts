import { ZXGraph } from "../graph";
import { vertexRule } from "../rewrite";

/** A phase-free spider with two edges is an identity wire (Z or X alike). */
export function checkRemoveId(g: ZXGraph, v: number): boolean {
  return g.isSpider(v) && g.degree(v) === 2 && g.phase(v).isZero();
}

/** Replaces the identity spider by one edge: plain if its two edges had the same type, Hadamard otherwise. */
export function unsafeRemoveId(g: ZXGraph, v: number): void {
  const [a, b] = g.neighbors(v);
  const type = g.edgeType(v, a) === g.edgeType(v, b) ? "simple" : "hadamard";
  g.removeVertex(v);
  g.addEdgeSmart(a, b, type);
}

export const removeIdRule = vertexRule("remove_id", checkRemoveId, unsafeRemoveId);
