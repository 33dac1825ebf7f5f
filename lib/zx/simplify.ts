import { ZXGraph } from "./graph";
import { simp } from "./rewrite";
import { toGh } from "./rules/color-change";
import { fuseRule } from "./rules/fuse";
import { gadgetFusionRule } from "./rules/gadget-fusion";
import { lcompRule } from "./rules/lcomp";
import { pivotRule } from "./rules/pivot";
import { pivotBoundaryRule } from "./rules/pivot-boundary";
import { pivotGadgetRule } from "./rules/pivot-gadget";
import { removeIdRule } from "./rules/remove-id";

/**
 * Simplifiers: short loops over the rules, as PyZX's simplify.py. Each returns the number of rule applications.
 * All work in place and keep the diagram equal up to a nonzero scalar.
 */

export const spiderSimp = (g: ZXGraph): number => simp(g, fuseRule);
export const idSimp = (g: ZXGraph): number => simp(g, removeIdRule);
export const pivotSimp = (g: ZXGraph): number => simp(g, pivotRule);
export const lcompSimp = (g: ZXGraph): number => simp(g, lcompRule);
export const pivotBoundarySimp = (g: ZXGraph): number => simp(g, pivotBoundaryRule);
export const pivotGadgetSimp = (g: ZXGraph): number => simp(g, pivotGadgetRule);
export const gadgetSimp = (g: ZXGraph): number => simp(g, gadgetFusionRule);
export { toGh };

/** Fuse, colour everything green, then identity removal, fusion, pivoting and local complementation until none applies. */
export function interiorCliffordSimp(g: ZXGraph): number {
  let n = spiderSimp(g) + toGh(g);
  for (;;) {
    const k = idSimp(g) + spiderSimp(g) + pivotSimp(g) + lcompSimp(g);
    if (k === 0) return n;
    n += k;
  }
}

/** Rounds of interiorCliffordSimp and boundary pivots until no boundary pivot applies. */
export function cliffordSimp(g: ZXGraph): number {
  let n = 0;
  for (;;) {
    n += interiorCliffordSimp(g);
    const k = pivotBoundarySimp(g);
    if (k === 0) return n;
    n += k;
  }
}

/**
 * PyZX's full_reduce: interior Clifford simplification and gadget pivots, then rounds of Clifford
 * simplification, gadget fusion, interior Clifford simplification and gadget pivots until neither gadget
 * rule applies. Leaves a graph-like diagram that still has a gflow, so extractCircuit can read it back.
 * Not included: PyZX's copy_simp (a leaf with phase 0 or π is removed here by pivoting it with its axle)
 * and supplementarity_simp (an optional extra T-count rule for pairs of gadgets).
 */
export function fullReduce(g: ZXGraph): number {
  let n = interiorCliffordSimp(g) + pivotGadgetSimp(g);
  for (;;) {
    n += cliffordSimp(g);
    const merged = gadgetSimp(g);
    n += interiorCliffordSimp(g);
    const pivoted = pivotGadgetSimp(g);
    n += merged + pivoted;
    if (merged === 0 && pivoted === 0) break;
  }
  g.removeIsolatedVertices();
  return n;
}

/** Spiders whose phase is exactly an odd multiple of π/4. Symbolic and generic phases are not counted. */
export function tCount(g: ZXGraph): number {
  return g.vertices().filter((v) => g.isSpider(v) && g.phase(v).isOddQuarter()).length;
}

/**
 * Spiders whose concrete phase is not a multiple of π/2: T-like and finer rotations alike. PyZX's own "T-count"
 * counts this (every phase with a denominator above 2), which differs from tCount on circuits with rotations
 * finer than π/4 (QFT).
 */
export function nonCliffordCount(g: ZXGraph): number {
  return g.vertices().filter((v) => g.isSpider(v) && g.phase(v).isConcrete() && !g.phase(v).isClifford()).length;
}

/** Spiders whose phase depends on at least one symbol. */
export function parametrizedSpiders(g: ZXGraph): number[] {
  return g.vertices().filter((v) => g.isSpider(v) && !g.phase(v).isConcrete());
}

/** Graph-like: only Z spiders (and boundaries), spiders joined only by Hadamard edges. */
export function isGraphLike(g: ZXGraph): boolean {
  if (g.vertices().some((v) => g.type(v) === "X")) return false;
  return g.edges().every((e) => e.type === "hadamard" || g.type(e.source) === "boundary" || g.type(e.target) === "boundary");
}
