import { ZXGraph } from "./graph";

/**
 * A rewrite rule, PyZX style: a matcher (`findMatches` proposes candidates, `check` decides whether the rule
 * applies to one candidate in the current graph) and an applier (`apply`, which trusts `check`).
 */
export interface Rewrite<M> {
  name: string;
  findMatches(g: ZXGraph): M[];
  check(g: ZXGraph, m: M): boolean;
  apply(g: ZXGraph, m: M): void;
}

/** Applies the rule to one match if it applies; returns whether it did. */
export function applyRewrite<M>(g: ZXGraph, rule: Rewrite<M>, m: M): boolean {
  if (!rule.check(g, m)) return false;
  rule.apply(g, m);
  return true;
}

/**
 * Runs a rule to a fixed point: find all matches, apply each one that still applies (earlier applications
 * may have invalidated it), repeat until a round applies nothing. Returns the number of applications.
 * Throws after `maxRounds` rounds, which only a non-terminating rule would reach.
 */
export function simp<M>(g: ZXGraph, rule: Rewrite<M>, maxRounds = 100000): number {
  let applied = 0;
  for (let round = 0; round < maxRounds; round++) {
    let thisRound = 0;
    for (const m of rule.findMatches(g)) if (applyRewrite(g, rule, m)) thisRound++;
    if (thisRound === 0) return applied;
    applied += thisRound;
  }
  throw new Error(`rewrite ${rule.name} did not reach a fixed point in ${maxRounds} rounds`);
}

/** A rule matched on single vertices: every vertex passing `check` is a candidate. */
export function vertexRule(name: string, check: (g: ZXGraph, v: number) => boolean, apply: (g: ZXGraph, v: number) => void): Rewrite<number> {
  return {
    name,
    check: (g, v) => g.hasVertex(v) && check(g, v),
    apply,
    findMatches: (g) => g.vertices().filter((v) => check(g, v)),
  };
}

/**
 * A rule matched on pairs of adjacent vertices. For a symmetric rule each edge is proposed once; for an
 * ordered rule (`ordered`) both orientations are proposed.
 */
export function edgeRule(
  name: string,
  check: (g: ZXGraph, u: number, v: number) => boolean,
  apply: (g: ZXGraph, u: number, v: number) => void,
  ordered = false,
): Rewrite<[number, number]> {
  return {
    name,
    check: (g, [u, v]) => g.hasVertex(u) && g.hasVertex(v) && g.connected(u, v) && check(g, u, v),
    apply: (g, [u, v]) => apply(g, u, v),
    findMatches: (g) => {
      const out: [number, number][] = [];
      for (const { source, target } of g.edges()) {
        if (check(g, source, target)) out.push([source, target]);
        if (ordered && check(g, target, source)) out.push([target, source]);
      }
      return out;
    },
  };
}
