import { ZXCircuit, ZXCircuitOp } from "./circuit";
import { swap } from "./decompose";
import { toggleEdgeType, ZXGraph } from "./graph";
import { Phase } from "./phase";
import { checkPivot, unsafePivot } from "./rules/pivot";
import { isGraphLike } from "./simplify";

/** A gate of an extracted circuit. CNOT wires are [control, target]; ZPhase(α) = diag(1, e^{iα}). */
export type ExtractedGate =
  | { gate: "H"; wires: [number] }
  | { gate: "ZPhase"; wires: [number]; phase: Phase }
  | { gate: "CNOT" | "CZ" | "SWAP"; wires: [number, number] };

export interface ExtractedCircuit {
  qubits: number;
  /** In time order (the first gate acts first). */
  gates: ExtractedGate[];
  /** CNOT + CZ + SWAP gates. */
  twoQubitGates: number;
}

/**
 * Reads a circuit back from a graph-like unitary diagram that has a gflow (e.g. the output of fullReduce),
 * after PyZX's extract_circuit (Backens et al. 2021, "There and back again"). Working from the outputs
 * inwards, the frontier (the spiders next to the outputs) gives up its Hadamards, phases and the CZs among
 * it; a phase gadget next to the frontier is pivoted into it; otherwise Gaussian elimination over GF(2) on
 * the biadjacency matrix between frontier and its neighbours yields CNOTs until some frontier spider has a
 * single neighbour, which then replaces it behind a Hadamard. What is left at the end is a permutation of
 * wires (SWAPs) and Hadamards. The input graph is not modified. Equal to the diagram up to a global scalar.
 */
export function extractCircuit(input: ZXGraph): ExtractedCircuit {
  const g = input.copy();
  if (!isGraphLike(g)) throw new Error("extractCircuit: the diagram is not graph-like (run fullReduce or interiorCliffordSimp first)");
  const n = g.outputs.length;
  if (g.inputs.length !== n) throw new Error(`extractCircuit: ${g.inputs.length} inputs but ${n} outputs`);
  separateBoundaries(g);

  const reversed: ExtractedGate[] = [];
  const frontier = new Map<number, number>();
  g.outputs.forEach((o, q) => {
    const [v] = g.neighbors(o);
    if (g.isSpider(v)) frontier.set(q, v);
  });
  const maxSteps = 4 * (g.vertexCount() + n) + 10;
  for (let step = 0; ; step++) {
    if (step > maxSteps) throw new Error("extractCircuit: no progress (does the diagram have a gflow?)");
    cleanFrontier(g, frontier, reversed);
    const neighbours = frontierNeighbours(g, frontier);
    if (frontier.size === 0) break;
    if (pivotGadgetIntoFrontier(g, frontier, neighbours)) continue;
    extractByElimination(g, frontier, neighbours, reversed);
  }
  const gates = [...permutationGates(g), ...reversed.reverse()];
  return { qubits: n, gates, twoQubitGates: gates.filter((x) => x.wires.length === 2).length };
}

/**
 * An extracted circuit as a ZXCircuit, equal to it up to a global phase: ZPhase(α) becomes RZ(α), SWAP three
 * CNOTs (the circuit spec has no SWAP). Throws on a symbolic phase.
 */
export function extractedToCircuit(e: ExtractedCircuit): ZXCircuit {
  const ops = e.gates.flatMap((x): ZXCircuitOp[] => {
    if (x.gate === "SWAP") return swap(x.wires[0], x.wires[1]);
    if (x.gate !== "ZPhase") return [{ gate: x.gate, wires: [...x.wires] }];
    if (!x.phase.isConcrete()) throw new Error(`extractedToCircuit: the phase ${x.phase} has symbols`);
    return [{ gate: "RZ", wires: [...x.wires], params: [x.phase.value()] }];
  });
  return { wires: e.qubits, ops };
}

/** Makes every spider touch at most one boundary, inserting phase-free spiders (b –t– v = b –t̄– w –H– v). */
function separateBoundaries(g: ZXGraph): void {
  for (const v of g.vertices()) {
    if (!g.isSpider(v)) continue;
    for (const b of g.neighbors(v).filter((x) => !g.isSpider(x)).slice(1)) detach(g, v, b);
  }
}

/** Puts a phase-free Z spider between v and its boundary b; returns it. */
function detach(g: ZXGraph, v: number, b: number): number {
  const t = g.edgeType(v, b)!;
  const { qubit, row } = g.vertex(b);
  const w = g.addVertex("Z", qubit, g.isInput(b) ? row + 0.5 : row - 0.5);
  g.removeEdge(v, b);
  g.addEdge(b, w, toggleEdgeType(t));
  g.addEdge(w, v, "hadamard");
  return w;
}

/** Frontier Hadamards and phases become H and ZPhase gates, edges inside the frontier become CZ gates. */
function cleanFrontier(g: ZXGraph, frontier: Map<number, number>, reversed: ExtractedGate[]): void {
  for (const [q, v] of frontier) {
    const o = g.outputs[q];
    if (g.edgeType(v, o) === "hadamard") {
      reversed.push({ gate: "H", wires: [q] });
      g.setEdgeType(v, o, "simple");
    }
    if (!g.phase(v).isZero()) {
      reversed.push({ gate: "ZPhase", wires: [q], phase: g.phase(v) });
      g.setPhase(v, Phase.ZERO);
    }
  }
  const entries = [...frontier.entries()].sort(([a], [b]) => a - b);
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      const [q1, v1] = entries[i];
      const [q2, v2] = entries[j];
      if (!g.connected(v1, v2)) continue;
      reversed.push({ gate: "CZ", wires: [q1, q2] });
      g.removeEdge(v1, v2);
    }
  }
}

/**
 * The interior neighbours of the frontier. A frontier spider joined only to an input is finished and leaves the
 * frontier; an input next to a frontier spider with other neighbours is moved behind a new spider.
 */
function frontierNeighbours(g: ZXGraph, frontier: Map<number, number>): number[] {
  const out = new Set<number>();
  for (const [q, v] of [...frontier]) {
    const inner = g.neighbors(v).filter((x) => !g.isOutput(x));
    if (inner.length === 1 && g.isInput(inner[0])) {
      frontier.delete(q);
      continue;
    }
    for (const x of inner) out.add(g.isInput(x) ? detach(g, v, x) : x);
  }
  return [...out];
}

/** If a gadget axle neighbours the frontier, pivot it with its frontier spider: the axle joins the frontier. */
function pivotGadgetIntoFrontier(g: ZXGraph, frontier: Map<number, number>, neighbours: number[]): boolean {
  for (const w of neighbours) {
    if (!g.neighbors(w).some((x) => g.isSpider(x) && g.degree(x) === 1)) continue;
    for (const [q, v] of frontier) {
      if (!g.connected(v, w) || !checkPivot(g, w, v)) continue;
      unsafePivot(g, w, v);
      frontier.set(q, w);
      return true;
    }
  }
  return false;
}

/**
 * Row r += row p of the biadjacency matrix (frontier × neighbours) is a CNOT with control r and target p
 * placed between the frontier and the outputs: with the frontier read as x ↦ H^{⊗n}|Mx⟩, CNOT(c→t)·H^{⊗n} =
 * H^{⊗n}·CNOT(t→c), which adds row t to row c.
 */
function extractByElimination(g: ZXGraph, frontier: Map<number, number>, cols: number[], reversed: ExtractedGate[]): void {
  const rows = [...frontier.entries()].sort(([a], [b]) => a - b);
  const m = rows.map(([, v]) => Uint8Array.from(cols, (w) => (g.connected(v, w) ? 1 : 0)));
  if (!m.some((r) => weight(r) === 1)) {
    for (const [r, p] of singleRowOperation(m) ?? gaussianElimination(m.map((r) => r.slice()))) {
      xorInto(m[r], m[p]);
      reversed.push({ gate: "CNOT", wires: [rows[r][0], rows[p][0]] });
    }
    rows.forEach(([, v], i) => cols.forEach((w, j) => setHadamardEdge(g, v, w, m[i][j] === 1)));
  }
  const taken = new Set<number>();
  rows.forEach(([q, v], i) => {
    if (weight(m[i]) !== 1) return;
    const j = m[i].indexOf(1);
    if (taken.has(j)) return;
    taken.add(j);
    reversed.push({ gate: "H", wires: [q] });
    g.removeVertex(v);
    g.addEdge(cols[j], g.outputs[q], "simple");
    frontier.set(q, cols[j]);
  });
  if (taken.size === 0) throw new Error("extractCircuit: no frontier spider with a single neighbour (does the diagram have a gflow?)");
}

/** One row operation that leaves a row with a single 1, if there is one (PyZX's greedy reduction, depth 1). */
function singleRowOperation(m: Uint8Array[]): [number, number][] | undefined {
  for (let r = 0; r < m.length; r++) {
    for (let p = 0; p < m.length; p++) {
      if (r !== p && m[r].reduce((s, x, j) => s + (x ^ m[p][j]), 0) === 1) return [[r, p]];
    }
  }
  return undefined;
}

/** Row operations [r, p] (row r += row p) of a Gauss–Jordan elimination without row swaps. Mutates m. */
function gaussianElimination(m: Uint8Array[]): [number, number][] {
  const ops: [number, number][] = [];
  const pivotRows = new Set<number>();
  const nCols = m[0]?.length ?? 0;
  for (let j = 0; j < nCols; j++) {
    const p = m.findIndex((row, i) => row[j] === 1 && !pivotRows.has(i));
    if (p < 0) continue;
    pivotRows.add(p);
    m.forEach((row, r) => {
      if (r === p || row[j] !== 1) return;
      xorInto(row, m[p]);
      ops.push([r, p]);
    });
  }
  return ops;
}

/** Wires left after extraction: output q joined (maybe through phase-free spiders) to input p. */
function permutationGates(g: ZXGraph): ExtractedGate[] {
  const n = g.outputs.length;
  const source: number[] = [];
  const hadamards: ExtractedGate[] = [];
  g.outputs.forEach((o, q) => {
    let [v] = g.neighbors(o);
    while (g.isSpider(v)) {
      const next = g.neighbors(v).filter((x) => x !== o);
      if (next.length !== 1 || !g.phase(v).isZero()) throw new Error("extractCircuit: leftover spider at the end");
      const type = g.edgeType(o, v) === g.edgeType(v, next[0]) ? "simple" : "hadamard";
      g.removeVertex(v);
      g.addEdge(o, next[0], type);
      v = next[0];
    }
    if (!g.isInput(v)) throw new Error("extractCircuit: an output is not connected to an input at the end");
    if (g.edgeType(o, v) === "hadamard") hadamards.push({ gate: "H", wires: [q] });
    source[q] = g.inputs.indexOf(v);
  });
  const swaps: ExtractedGate[] = [];
  const at = Array.from({ length: n }, (_, w) => w);
  for (let q = 0; q < n; q++) {
    const w = at.indexOf(source[q]);
    if (w === q) continue;
    swaps.push({ gate: "SWAP", wires: [w, q] });
    [at[w], at[q]] = [at[q], at[w]];
  }
  return [...swaps, ...hadamards];
}

function setHadamardEdge(g: ZXGraph, v: number, w: number, present: boolean): void {
  if (present && !g.connected(v, w)) g.addEdge(v, w, "hadamard");
  if (!present && g.connected(v, w)) g.removeEdge(v, w);
}

function weight(row: Uint8Array): number {
  return row.reduce((s, x) => s + x, 0);
}

function xorInto(target: Uint8Array, source: Uint8Array): void {
  for (let j = 0; j < target.length; j++) target[j] ^= source[j];
}
