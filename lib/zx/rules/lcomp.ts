import { ZXGraph } from "../graph";
import { vertexRule } from "../rewrite";

/**
 * Local complementation (Duncan et al. 2020, Lemma 5.2) applies to an interior Z spider with phase ±π/2 whose
 * edges are all Hadamard edges to Z spiders. Symbolic and generic phases never match.
 */
export function checkLcomp(g: ZXGraph, v: number): boolean {
  if (g.type(v) !== "Z" || !g.phase(v).isProperClifford()) return false;
  return g.neighbors(v).every((n) => g.type(n) === "Z" && g.edgeType(v, n) === "hadamard");
}

/** Removes v (phase a): every neighbour gets −a, and the edges among the neighbours are complemented. */
export function unsafeLcomp(g: ZXGraph, v: number): void {
  const a = g.phase(v);
  const ns = g.neighbors(v);
  g.removeVertex(v);
  for (const n of ns) g.addToPhase(n, a.neg());
  for (let i = 0; i < ns.length; i++) for (let j = i + 1; j < ns.length; j++) g.toggleHadamardEdge(ns[i], ns[j]);
}

export const lcompRule = vertexRule("lcomp", checkLcomp, unsafeLcomp);
