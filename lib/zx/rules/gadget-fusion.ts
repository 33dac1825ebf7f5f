import { ZXGraph } from "../graph";
import { Phase } from "../phase";
import { Rewrite } from "../rewrite";

/** A phase gadget: a leaf (one Hadamard edge) holding a non-Clifford phase on an axle with phase 0 or π. */
export interface Gadget {
  axle: number;
  leaf: number;
}

/** The gadget whose leaf is `leaf`, if it is one, with its target set (the axle's other neighbours). */
function gadgetAt(g: ZXGraph, leaf: number): { gadget: Gadget; targets: number[] } | undefined {
  if (g.type(leaf) !== "Z" || g.degree(leaf) !== 1 || g.phase(leaf).isClifford()) return undefined;
  const [axle] = g.neighbors(leaf);
  if (g.type(axle) !== "Z" || !g.phase(axle).isPauli() || g.edgeType(axle, leaf) !== "hadamard") return undefined;
  const targets = g.neighbors(axle).filter((n) => n !== leaf).sort((a, b) => a - b);
  if (targets.length === 0) return undefined;
  return { gadget: { axle, leaf }, targets };
}

/** All gadgets grouped by target set (an axle carrying two leaves counts once, as in PyZX). */
export function gadgetGroups(g: ZXGraph): Gadget[][] {
  const groups = new Map<string, Gadget[]>();
  const seenAxles = new Set<number>();
  for (const v of g.vertices()) {
    const found = gadgetAt(g, v);
    if (!found || seenAxles.has(found.gadget.axle)) continue;
    seenAxles.add(found.gadget.axle);
    const key = found.targets.join(",");
    groups.set(key, [...(groups.get(key) ?? []), found.gadget]);
  }
  return [...groups.values()];
}

/** A group matches if it has two or more gadgets, or one gadget whose axle carries π (to be normalised). */
function checkGroup(g: ZXGraph, group: Gadget[]): boolean {
  let key: string | undefined;
  for (const { axle, leaf } of group) {
    if (!g.hasVertex(leaf) || !g.hasVertex(axle)) return false;
    const found = gadgetAt(g, leaf);
    if (!found || found.gadget.axle !== axle) return false;
    const k = found.targets.join(",");
    if (key !== undefined && k !== key) return false;
    key = k;
  }
  return group.length > 1 || !g.phase(group[0].axle).isZero();
}

/**
 * Gadget fusion (Kissinger & van de Wetering 2020, Eq. 4): an axle phase π flips the sign of its leaf's phase;
 * gadgets on the same targets add their leaf phases. The first gadget keeps the sum (axle phase 0), the rest go.
 */
function mergeGroup(g: ZXGraph, group: Gadget[]): void {
  const total = group.reduce((sum, { axle, leaf }) => {
    const p = g.phase(leaf);
    return sum.add(g.phase(axle).isZero() ? p : p.neg());
  }, Phase.ZERO);
  const [keep, ...rest] = group;
  g.setPhase(keep.axle, Phase.ZERO);
  g.setPhase(keep.leaf, total);
  for (const { axle, leaf } of rest) {
    g.removeVertex(leaf);
    g.removeVertex(axle);
  }
}

export const gadgetFusionRule: Rewrite<Gadget[]> = {
  name: "gadget_simp",
  findMatches: (g) => gadgetGroups(g).filter((group) => checkGroup(g, group)),
  check: checkGroup,
  apply: mergeGroup,
};
