import { ZXGraph } from "../graph";
import { edgeRule } from "../rewrite";

/** Spider fusion applies to two spiders of the same colour joined by a plain edge. */
export function checkFuse(g: ZXGraph, u: number, v: number): boolean {
  const t = g.type(u);
  return t !== "boundary" && t === g.type(v) && g.edgeType(u, v) === "simple";
}

/** Fuses v into u: u gets the sum of the phases and all of v's other edges (parallel edges resolved). */
export function unsafeFuse(g: ZXGraph, u: number, v: number): void {
  g.addToPhase(u, g.phase(v));
  for (const n of g.neighbors(v)) {
    if (n === u) continue;
    const t = g.edgeType(v, n)!;
    g.removeEdge(v, n);
    g.addEdgeSmart(u, n, t);
  }
  g.removeVertex(v);
}

export const fuseRule = edgeRule("fuse", checkFuse, unsafeFuse);
