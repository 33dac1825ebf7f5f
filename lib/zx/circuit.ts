import { EdgeType, toggleEdgeType, VertexType, ZXGraph } from "./graph";
import { Phase } from "./phase";

/**
 * The plain circuit JSON this module reads. It has the same shape as the engine's circuit spec
 * (`{"wires": n, "ops": [{"gate", "wires", "params"}]}`, wire 0 the most significant qubit) but is declared
 * here so that lib/zx stays self-contained. A parameter is either an angle in radians or the name of a
 * symbol that stands for an angle in radians (see Phase).
 */
export type ZXGateName = "RX" | "RY" | "RZ" | "Rot" | "CNOT" | "CZ" | "H";
export type Angle = number | string;

export interface ZXCircuitOp {
  gate: ZXGateName;
  wires: number[];
  params?: Angle[];
}

export interface ZXCircuit {
  wires: number;
  ops: ZXCircuitOp[];
}

/** Wires and parameters of each gate. Rot(φ, θ, ω) = RZ(ω)·RY(θ)·RZ(φ), PennyLane's order. */
export const ZX_GATES: Record<ZXGateName, { wires: number; params: number }> = {
  RX: { wires: 1, params: 1 },
  RY: { wires: 1, params: 1 },
  RZ: { wires: 1, params: 1 },
  Rot: { wires: 1, params: 3 },
  CNOT: { wires: 2, params: 0 },
  CZ: { wires: 2, params: 0 },
  H: { wires: 1, params: 0 },
};

/** Throws an Error naming the first malformed op (the CLI validates with the engine's validator first). */
export function checkCircuit(c: ZXCircuit): void {
  if (!Number.isInteger(c.wires) || c.wires < 1) throw new Error(`circuit: wires must be a positive integer, got ${c.wires}`);
  c.ops.forEach((op, i) => {
    const arity = ZX_GATES[op.gate];
    if (!arity) throw new Error(`circuit op ${i}: unknown gate ${JSON.stringify(op.gate)}`);
    const ws = op.wires;
    if (ws.length !== arity.wires || ws.some((w) => !Number.isInteger(w) || w < 0 || w >= c.wires) || new Set(ws).size !== ws.length) {
      throw new Error(`circuit op ${i} (${op.gate}): bad wires ${JSON.stringify(ws)}`);
    }
    const ps = op.params ?? [];
    if (ps.length !== arity.params || ps.some((p) => !(typeof p === "string" ? p.length > 0 : Number.isFinite(p)))) {
      throw new Error(`circuit op ${i} (${op.gate}): bad params ${JSON.stringify(op.params)}`);
    }
  });
}

/** Gate counts of a circuit as written. */
export interface GateCounts {
  gates: number;
  twoQubit: number;
  /** Rotation angles (RX, RY, RZ, each of Rot's three) by an odd multiple of π/4, as tCount counts spiders. */
  tCount: number;
}

export function gateCounts(c: ZXCircuit): GateCounts {
  const angles = c.ops.flatMap((op) => op.params ?? []);
  return {
    gates: c.ops.length,
    twoQubit: c.ops.filter((op) => op.wires.length === 2).length,
    tCount: angles.filter((a) => angleToPhase(a).isOddQuarter()).length,
  };
}

/** A symbol name stands for its angle; a number of radians becomes exact k·π/4 within 1e-12, else generic. */
export function angleToPhase(a: Angle): Phase {
  return typeof a === "string" ? Phase.symbol(a) : Phase.fromRadians(a);
}

/**
 * Replaces every numeric parameter by its own symbol `${prefix}${k}` (k = position in op order, a Rot
 * counting three), returning the symbolic circuit and the values that reproduce the original.
 */
export function symbolizeCircuit(c: ZXCircuit, prefix = "p"): { circuit: ZXCircuit; values: Record<string, number> } {
  const values: Record<string, number> = {};
  let k = 0;
  const ops = c.ops.map((op) => {
    if (!op.params) return { ...op, wires: [...op.wires] };
    const params = op.params.map((p) => {
      const name = `${prefix}${k++}`;
      if (typeof p === "number") values[name] = p;
      return typeof p === "number" ? name : p;
    });
    return { ...op, wires: [...op.wires], params };
  });
  return { circuit: { wires: c.wires, ops }, values };
}

/**
 * The ZX-diagram of a circuit, following PyZX's conventions (all equal to the gate up to a global phase):
 * RZ(θ) = Z spider θ; RX(θ) = X spider θ; RY(θ) = S·RX(θ)·S†, i.e. Z(−π/2) then X(θ) then Z(π/2) in time
 * order; Rot(φ,θ,ω) = RZ(φ), RY(θ), RZ(ω) in time order; CNOT = Z spider on the control joined by a plain
 * edge to an X spider on the target; CZ = two Z spiders joined by a Hadamard edge; H = a Hadamard edge.
 * Inputs sit at row 0 on qubit lines 0..n−1, each gate one row further on its wires (two-qubit gates align
 * their wires), outputs share the last row.
 */
export function circuitToGraph(c: ZXCircuit): ZXGraph {
  checkCircuit(c);
  const g = new ZXGraph();
  const last: number[] = [];
  const pending: EdgeType[] = [];
  const nextRow: number[] = [];
  for (let q = 0; q < c.wires; q++) {
    last.push(g.addVertex("boundary", q, 0));
    pending.push("simple");
    nextRow.push(1);
  }
  g.inputs = [...last];

  const place = (q: number, type: VertexType, phase: Phase, row: number): number => {
    const v = g.addVertex(type, q, row, phase);
    g.addEdge(last[q], v, pending[q]);
    last[q] = v;
    pending[q] = "simple";
    return v;
  };
  const single = (q: number, type: VertexType, phase: Phase): void => {
    place(q, type, phase, nextRow[q]++);
  };
  const pair = (a: number, b: number, typeA: VertexType, typeB: VertexType, edge: EdgeType): void => {
    const row = Math.max(nextRow[a], nextRow[b]);
    g.addEdge(place(a, typeA, Phase.ZERO, row), place(b, typeB, Phase.ZERO, row), edge);
    nextRow[a] = nextRow[b] = row + 1;
  };
  const ry = (q: number, theta: Angle): void => {
    single(q, "Z", Phase.ofPi(-1, 2));
    single(q, "X", angleToPhase(theta));
    single(q, "Z", Phase.ofPi(1, 2));
  };

  for (const op of c.ops) {
    const [q, t] = op.wires;
    const p = op.params ?? [];
    switch (op.gate) {
      case "RZ": single(q, "Z", angleToPhase(p[0])); break;
      case "RX": single(q, "X", angleToPhase(p[0])); break;
      case "RY": ry(q, p[0]); break;
      case "Rot":
        single(q, "Z", angleToPhase(p[0]));
        ry(q, p[1]);
        single(q, "Z", angleToPhase(p[2]));
        break;
      case "CNOT": pair(q, t, "Z", "X", "simple"); break;
      case "CZ": pair(q, t, "Z", "Z", "hadamard"); break;
      case "H": pending[q] = toggleEdgeType(pending[q]); break;
    }
  }

  const lastRow = Math.max(...nextRow);
  g.outputs = last.map((v, q) => {
    const o = g.addVertex("boundary", q, lastRow);
    g.addEdge(v, o, pending[q]);
    return o;
  });
  return g;
}
