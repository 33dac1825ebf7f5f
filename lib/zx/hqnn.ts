import { circuitToGraph, ZXCircuit, ZXCircuitOp } from "./circuit";
import { drawSvg } from "./draw";
import { extractCircuit } from "./extract";
import { ZXGraph } from "./graph";
import { fullReduce, tCount } from "./simplify";

/**
 * One quantum branch of HQNN-Parallel (paper Sec. 2.2.3, Fig. 4) with every angle a symbol: angle embedding
 * RX(x_i) on wire i, then `layers` StronglyEntanglingLayers (PennyLane): in layer l, Rot(w[l][i][0],
 * w[l][i][1], w[l][i][2]) on each wire i, then CNOT(i, (i + r) mod n) for i = 0..n−1 with range
 * r = (l mod (n−1)) + 1. Symbols: `x{i}` for inputs, `w{k}` for weights with k = l·3n + 3i + j (flat index of
 * w[l][i][j]).
 */
export function hqnnParallelBranch(wires = 5, layers = 3): ZXCircuit {
  const ops: ZXCircuitOp[] = [];
  for (let i = 0; i < wires; i++) ops.push({ gate: "RX", wires: [i], params: [`x${i}`] });
  for (let l = 0; l < layers; l++) {
    for (let i = 0; i < wires; i++) {
      const k = l * 3 * wires + 3 * i;
      ops.push({ gate: "Rot", wires: [i], params: [`w${k}`, `w${k + 1}`, `w${k + 2}`] });
    }
    if (wires < 2) continue;
    const r = (l % (wires - 1)) + 1;
    for (let i = 0; i < wires; i++) ops.push({ gate: "CNOT", wires: [i, (i + r) % wires] });
  }
  return { wires, ops };
}

export interface DiagramSummary {
  graph: ZXGraph;
  vertices: number;
  edges: number;
  tCount: number;
  /** For each symbol, the ids of the spiders whose phase involves it. */
  symbolSpiders: Record<string, number[]>;
  svg: string;
}

export interface SymbolAnalysis {
  /** The circuit's diagram as converted (no rewriting). */
  before: DiagramSummary;
  /** After fullReduce. */
  after: DiagramSummary;
  /** All symbols of the circuit, in order of first appearance. */
  symbols: string[];
  /** After reduction, every symbol is on exactly one spider and no spider carries two symbols. */
  everySymbolOnOwnSpider: boolean;
  /** Spiders of the reduced diagram whose phase involves two or more symbols. */
  sharedSpiders: { vertex: number; phase: string; symbols: string[] }[];
  /** Symbols that ended on more than one spider, or on none. */
  splitSymbols: string[];
  lostSymbols: string[];
  /** The circuit read back from the reduced diagram. */
  extracted: { gates: number; twoQubitGates: number };
  /** Gate counts of the input circuit, for comparison (Rot counted as one gate). */
  original: { gates: number; twoQubitGates: number };
}

/**
 * Tracks every symbol of a circuit through fullReduce (PyZX's full_reduce with symbolic phases): which spiders
 * each symbol ends on, whether two symbols merged on one spider, and the diagrams before and after.
 */
export function analyseSymbols(circuit: ZXCircuit): SymbolAnalysis {
  const symbols = [...new Set(circuit.ops.flatMap((op) => (op.params ?? []).filter((p): p is string => typeof p === "string")))];
  const graph = circuitToGraph(circuit);
  const before = summarise(graph, symbols, "circuit diagram");
  const reduced = graph.copy();
  fullReduce(reduced);
  const after = summarise(reduced, symbols, "after fullReduce");
  const sharedSpiders = reduced.vertices()
    .filter((v) => reduced.isSpider(v) && reduced.phase(v).symbols().length > 1)
    .map((v) => ({ vertex: v, phase: reduced.phase(v).toString(), symbols: reduced.phase(v).symbols() }));
  const splitSymbols = symbols.filter((s) => after.symbolSpiders[s].length > 1);
  const lostSymbols = symbols.filter((s) => after.symbolSpiders[s].length === 0);
  const extracted = extractCircuit(reduced);
  return {
    before,
    after,
    symbols,
    everySymbolOnOwnSpider: sharedSpiders.length === 0 && splitSymbols.length === 0 && lostSymbols.length === 0,
    sharedSpiders,
    splitSymbols,
    lostSymbols,
    extracted: { gates: extracted.gates.length, twoQubitGates: extracted.twoQubitGates },
    original: { gates: circuit.ops.length, twoQubitGates: circuit.ops.filter((op) => op.wires.length === 2).length },
  };
}

function summarise(g: ZXGraph, symbols: string[], title: string): DiagramSummary {
  const symbolSpiders: Record<string, number[]> = Object.fromEntries(symbols.map((s) => [s, []]));
  for (const v of g.vertices()) {
    if (g.isSpider(v)) for (const s of g.phase(v).symbols()) (symbolSpiders[s] ??= []).push(v);
  }
  return {
    graph: g,
    vertices: g.vertexCount(),
    edges: g.edgeCount(),
    tCount: tCount(g),
    symbolSpiders,
    svg: drawSvg(g, { title: `${title}: ${g.vertexCount()} vertices, ${g.edgeCount()} edges` }),
  };
}
