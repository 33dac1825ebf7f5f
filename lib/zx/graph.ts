import { Phase } from "./phase";

/** Boundary (an input or output wire end), Z spider (green) or X spider (red). */
export type VertexType = "boundary" | "Z" | "X";
/** A plain wire, or a wire carrying a Hadamard gate. */
export type EdgeType = "simple" | "hadamard";

export interface VertexData {
  type: VertexType;
  phase: Phase;
  /** Layout: the qubit line the vertex is drawn on (may be fractional or negative, e.g. phase gadgets). */
  qubit: number;
  /** Layout: the column (circuit depth) of the vertex; kept through rewrites like PyZX's row. */
  row: number;
}

export interface Edge {
  source: number;
  target: number;
  type: EdgeType;
}

export function toggleEdgeType(t: EdgeType): EdgeType {
  return t === "simple" ? "hadamard" : "simple";
}

/**
 * Storage of a ZX-diagram: an undirected simple graph (at most one edge between two vertices, no self-loops)
 * with typed vertices and edges, plus ordered input and output boundary lists. It knows nothing about rewrites.
 *
 * The diagram denotes a linear map up to a nonzero global scalar: scalars are not tracked (every rule used
 * here multiplies by a nonzero scalar only, see `addEdgeSmart`).
 */
export class ZXGraph {
  private readonly data = new Map<number, VertexData>();
  private readonly adjacency = new Map<number, Map<number, EdgeType>>();
  private nextId = 0;
  inputs: number[] = [];
  outputs: number[] = [];

  addVertex(type: VertexType, qubit: number, row: number, phase: Phase = Phase.ZERO): number {
    const v = this.nextId++;
    this.data.set(v, { type, phase, qubit, row });
    this.adjacency.set(v, new Map());
    return v;
  }

  removeVertex(v: number): void {
    for (const n of this.neighbors(v)) this.adjacency.get(n)!.delete(v);
    this.adjacency.delete(v);
    this.data.delete(v);
    this.inputs = this.inputs.filter((b) => b !== v);
    this.outputs = this.outputs.filter((b) => b !== v);
  }

  hasVertex(v: number): boolean {
    return this.data.has(v);
  }

  vertices(): number[] {
    return [...this.data.keys()];
  }

  vertexCount(): number {
    return this.data.size;
  }

  vertex(v: number): VertexData {
    const d = this.data.get(v);
    if (!d) throw new Error(`ZXGraph: no vertex ${v}`);
    return d;
  }

  type(v: number): VertexType {
    return this.vertex(v).type;
  }

  setType(v: number, type: VertexType): void {
    this.vertex(v).type = type;
  }

  isSpider(v: number): boolean {
    return this.type(v) !== "boundary";
  }

  phase(v: number): Phase {
    return this.vertex(v).phase;
  }

  setPhase(v: number, phase: Phase): void {
    this.vertex(v).phase = phase;
  }

  addToPhase(v: number, phase: Phase): void {
    this.vertex(v).phase = this.vertex(v).phase.add(phase);
  }

  isInput(v: number): boolean {
    return this.inputs.includes(v);
  }

  isOutput(v: number): boolean {
    return this.outputs.includes(v);
  }

  neighbors(v: number): number[] {
    return [...this.adj(v).keys()];
  }

  degree(v: number): number {
    return this.adj(v).size;
  }

  connected(u: number, v: number): boolean {
    return this.adj(u).has(v);
  }

  /** The type of the edge u–v, or undefined when they are not adjacent. */
  edgeType(u: number, v: number): EdgeType | undefined {
    return this.adj(u).get(v);
  }

  /** All edges, each once (source < target), in a deterministic order. */
  edges(): Edge[] {
    const out: Edge[] = [];
    for (const [u, nbrs] of this.adjacency) {
      for (const [v, type] of nbrs) if (u < v) out.push({ source: u, target: v, type });
    }
    return out;
  }

  edgeCount(): number {
    let twice = 0;
    for (const nbrs of this.adjacency.values()) twice += nbrs.size;
    return twice / 2;
  }

  /** Adds the edge u–v; throws if it exists already or is a self-loop (use addEdgeSmart to merge). */
  addEdge(u: number, v: number, type: EdgeType): void {
    if (u === v) throw new Error(`ZXGraph: self-loop on ${u}`);
    if (this.connected(u, v)) throw new Error(`ZXGraph: edge ${u}-${v} exists already`);
    this.adj(u).set(v, type);
    this.adj(v).set(u, type);
  }

  setEdgeType(u: number, v: number, type: EdgeType): void {
    if (!this.connected(u, v)) throw new Error(`ZXGraph: no edge ${u}-${v}`);
    this.adj(u).set(v, type);
    this.adj(v).set(u, type);
  }

  removeEdge(u: number, v: number): void {
    this.adj(u).delete(v);
    this.adj(v).delete(u);
  }

  /**
   * Adds an edge u–v between spiders, resolving a parallel edge with the spider and Hopf laws (up to scalar).
   * Call an edge "fusing" if fusion would merge its ends (same colour and simple, or different colours and
   * Hadamard) and "Hopf" otherwise. Two fusing edges equal one; two Hopf edges cancel (Hopf law); a fusing plus
   * a Hopf edge equal the fusing edge alone with an extra π on one end (fusing along the first turns the second
   * into a Hadamard self-loop, which is a π phase).
   */
  addEdgeSmart(u: number, v: number, type: EdgeType): void {
    const existing = this.edgeType(u, v);
    if (existing === undefined) return this.addEdge(u, v, type);
    const tu = this.type(u);
    const tv = this.type(v);
    if (tu === "boundary" || tv === "boundary") throw new Error(`ZXGraph: parallel edge at boundary ${u}-${v}`);
    const fusing = (t: EdgeType) => (tu === tv) === (t === "simple");
    if (fusing(existing) && fusing(type)) return;
    if (!fusing(existing) && !fusing(type)) return this.removeEdge(u, v);
    this.setEdgeType(u, v, fusing(existing) ? existing : type);
    this.addToPhase(u, Phase.ofPi(1));
  }

  /** Adds a Hadamard edge between Z spiders if absent, removes it if present (Hopf law). */
  toggleHadamardEdge(u: number, v: number): void {
    this.addEdgeSmart(u, v, "hadamard");
  }

  /** Removes spiders with no edges (they are scalars). */
  removeIsolatedVertices(): void {
    for (const v of this.vertices()) if (this.isSpider(v) && this.degree(v) === 0) this.removeVertex(v);
  }

  copy(): ZXGraph {
    const g = new ZXGraph();
    for (const [v, d] of this.data) {
      g.data.set(v, { ...d });
      g.adjacency.set(v, new Map(this.adjacency.get(v)!));
    }
    g.nextId = this.nextId;
    g.inputs = [...this.inputs];
    g.outputs = [...this.outputs];
    return g;
  }

  private adj(v: number): Map<number, EdgeType> {
    const a = this.adjacency.get(v);
    if (!a) throw new Error(`ZXGraph: no vertex ${v}`);
    return a;
  }
}
