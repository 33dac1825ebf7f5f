import { toggleEdgeType, ZXGraph } from "../graph";
import { simp, vertexRule } from "../rewrite";

/** Colour change: a Z spider is an X spider with a Hadamard on every leg, and vice versa. */
export function colorChange(g: ZXGraph, v: number): void {
  g.setType(v, g.type(v) === "Z" ? "X" : "Z");
  for (const n of g.neighbors(v)) g.setEdgeType(v, n, toggleEdgeType(g.edgeType(v, n)!));
}

/** Turns every X spider into a Z spider (PyZX's to_gh); afterwards spider fusion makes the diagram graph-like. */
export const toGreenRule = vertexRule("to_gh", (g, v) => g.type(v) === "X", colorChange);

export function toGh(g: ZXGraph): number {
  return simp(g, toGreenRule);
}
