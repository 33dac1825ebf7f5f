/**
 * Execution plan of a circuit, shared by the forward pass and every gradient method.
 *
 * `planFor(circuit)` validates the circuit once and caches the plan per circuit object. The plan
 *  - finds the product-state prefix: the leading single-qubit ops, which map |0...0> to a product state;
 *  - folds every CNOT into the memory layout instead of moving amplitudes (see WireMap), so CNOTs cost nothing in
 *    the lane kernels; each later op knows where its wire's amplitude pairs live;
 *  - picks the number of lanes (samples simulated side by side, see lanes.ts).
 * A `Sampler` holds slot values, gate matrices and adjoint generators for one chunk of samples: those of ops fed
 * only by weights/constants are computed once per batch (lane 0), those fed by inputs per lane.
 */

import { Circuit, CircuitError, ParamRef, checkCircuit } from "./circuit";
import * as gates from "./gates";
import { SingleQubitGate } from "./gates";
import { PAULI_CODE } from "./statevector";

// tsx runs every module as CommonJS with getter-based exports; binding the hot functions once keeps getter
// calls out of the per-sample loops.
const { MATRIX_SIZE, writeGateMatrix, writeGenerators } = gates;

/**
 * Where the amplitude pairs of one logical wire live in memory. The CNOTs applied so far compose to an invertible
 * linear map M over GF(2) on basis-state bit strings (CNOT(c, t) adds bit c to bit t), and logical basis state a
 * is stored at physical index M a. Hence the partner of physical index p on logical wire w is p ^ mask with
 * mask = M e_w, and p holds the side where the wire's logical bit is 0 iff parity(p & orient) = 0, with
 * orient = row w of M^-1. Before any CNOT, mask = orient = the wire's bit.
 */
export interface WireMap {
  mask: number;
  orient: number;
}

export interface PlanOp {
  /** Index in circuit.ops (for error messages and specs). */
  index: number;
  gate: SingleQubitGate | "CNOT" | "CZ";
  single: boolean;
  wires: number[];
  /** First slot of this op's parameters; it has nParams consecutive slots. */
  slot: number;
  nParams: number;
  /** True if some parameter is an input (the matrix changes per sample). */
  perSample: boolean;
  /** Memory layout of wires[0] and wires[1] (if any) when the op is applied; CNOTs have none. */
  maps: WireMap[];
}

export interface Plan {
  circuit: Circuit;
  nWires: number;
  dim: number;
  /** Samples per chunk in the lane kernels. */
  lanes: number;
  ops: PlanOp[];
  /** ParamRef of every slot, in op order. */
  slotRefs: ParamRef[];
  /** Number of leading single-qubit ops: they turn |0...0> into a product state. */
  prefixLength: number;
  /** For each wire, the indices of the prefix ops acting on it, in order. */
  prefixByWire: number[][];
  /** Observables: Pauli code, wire, and the wire's memory layout at the end of the circuit. */
  observables: { pauli: number; wire: number; map: WireMap }[];
  /** Columns of M at the end: logical basis state a is stored at the XOR of columns[w] over the set bits w of a. */
  finalColumns: number[];
  /** For each input / weight index, the first op that reads it (-1 if unused). */
  inputOp: number[];
  weightOp: number[];
}

function parity(x: number): number {
  x ^= x >>> 16;
  x ^= x >>> 8;
  x ^= x >>> 4;
  x ^= x >>> 2;
  x ^= x >>> 1;
  return x & 1;
}

/**
 * Writes the physical pairs (j, k) of a wire to out (dim entries): j holds the logical bit-0 side, k = j ^ mask.
 * The lane kernels take these tables.
 */
export function writePairs(dim: number, map: WireMap, out: Int32Array): Int32Array {
  const { mask, orient } = map;
  const high = 1 << (31 - Math.clz32(mask));
  let t = 0;
  for (let i = 0; i < dim; i += 2 * high) {
    for (let p = i; p < i + high; p++) {
      const q = p ^ mask;
      const flip = parity(p & orient);
      out[t++] = flip ? q : p;
      out[t++] = flip ? p : q;
    }
  }
  return out;
}

/** Writes the physical indices whose logical bits are 1 on both wires (dim / 4 entries): the amplitudes a CZ negates. */
export function writeBothSet(dim: number, a: WireMap, b: WireMap, out: Int32Array): Int32Array {
  let t = 0;
  for (let p = 0; p < dim; p++) {
    if (parity(p & a.orient) && parity(p & b.orient)) out[t++] = p;
  }
  return out;
}

function buildPlan(circuit: Circuit): Plan {
  checkCircuit(circuit);
  const n = circuit.nWires, dim = 1 << n;
  const slotRefs: ParamRef[] = [];
  const inputOp = new Array<number>(circuit.nInputs).fill(-1);
  const weightOp = new Array<number>(circuit.nWeights).fill(-1);
  // columns of M and rows of M^-1, as bit masks
  const columns = Array.from({ length: n }, (_, w) => 1 << (n - 1 - w));
  const inverseRows = [...columns];
  const mapOf = (w: number): WireMap => ({ mask: columns[w], orient: inverseRows[w] });
  const ops = circuit.ops.map((op, index): PlanOp => {
    const slot = slotRefs.length;
    for (const ref of op.params) {
      slotRefs.push(ref);
      if (ref.src === "input" && inputOp[ref.index] < 0) inputOp[ref.index] = index;
      if (ref.src === "weight" && weightOp[ref.index] < 0) weightOp[ref.index] = index;
    }
    const [c, t] = op.wires;
    let maps: WireMap[] = [];
    if (op.gate === "CNOT") {
      // M <- M C: column c gains column t; M^-1 <- C M^-1: row t gains row c
      columns[c] ^= columns[t];
      inverseRows[t] ^= inverseRows[c];
    } else {
      maps = op.wires.map(mapOf);
    }
    return {
      index, gate: op.gate, single: op.gate !== "CNOT" && op.gate !== "CZ", wires: [...op.wires], slot,
      nParams: op.params.length, perSample: op.params.some((r) => r.src === "input"), maps,
    };
  });
  let prefixLength = 0;
  while (prefixLength < ops.length && ops[prefixLength].single) prefixLength++;
  return {
    circuit, nWires: n, dim, lanes: Math.max(1, Math.min(32, Math.floor(2048 / dim))), ops, slotRefs, prefixLength,
    prefixByWire: Array.from({ length: n }, (_, w) => ops.slice(0, prefixLength).flatMap((op) => (op.wires[0] === w ? [op.index] : []))),
    observables: circuit.observables.map((o) => ({ pauli: PAULI_CODE[o.pauli], wire: o.wire, map: mapOf(o.wire) })),
    finalColumns: columns,
    inputOp,
    weightOp,
  };
}

const plans = new WeakMap<Circuit, Plan>();

export function planFor(circuit: Circuit): Plan {
  let plan = plans.get(circuit);
  if (!plan) {
    plan = buildPlan(circuit);
    plans.set(circuit, plan);
  }
  return plan;
}

function describeOp(plan: Plan, opIndex: number): string {
  return opIndex < 0 ? "unused" : `op ${opIndex} (${plan.circuit.ops[opIndex].gate})`;
}

/** Checks lengths and finiteness of run-time arrays; errors name the op that reads a bad value. */
export function checkRunArgs(plan: Plan, inputs: ArrayLike<number>, weights: ArrayLike<number>, batch: number): void {
  const { nInputs, nWeights } = plan.circuit;
  if (!Number.isInteger(batch) || batch < 0) throw new CircuitError(`batch must be a non-negative integer, got ${batch}`);
  if (inputs.length !== batch * nInputs) {
    throw new CircuitError(`inputs has length ${inputs.length}, expected batch * nInputs = ${batch} * ${nInputs}`);
  }
  if (weights.length !== nWeights) throw new CircuitError(`weights has length ${weights.length}, expected nWeights = ${nWeights}`);
  for (let i = 0; i < inputs.length; i++) {
    if (!Number.isFinite(inputs[i])) {
      const k = i % nInputs;
      throw new CircuitError(`${describeOp(plan, plan.inputOp[k])}: input ${k} of sample ${(i - k) / nInputs} is not a finite number (${inputs[i]})`);
    }
  }
  for (let k = 0; k < weights.length; k++) {
    if (!Number.isFinite(weights[k])) {
      throw new CircuitError(`${describeOp(plan, plan.weightOp[k])}: weight ${k} is not a finite number (${weights[k]})`);
    }
  }
}

/**
 * Slot values, gate matrices and (optionally) adjoint generators for one chunk of samples.
 * Lane layout (L = plan.lanes): slot s of lane b at values[s * L + b]; the matrix of op i for lane b at
 * matrices[(i * L + b) * 8]; the generators (nx, ny, nz) of slot s for lane b at generators[(s * L + b) * 3].
 * Ops without input parameters only fill lane 0. `offsets` (one per slot) are added to every slot value:
 * the parameter-shift rule uses them.
 */
export class Sampler {
  readonly values: Float64Array;
  readonly matrices: Float64Array;
  readonly generators: Float64Array;
  readonly offsets: Float64Array;
  private readonly sharedOps: PlanOp[];
  private readonly laneOps: PlanOp[];
  private readonly inputSlots: Int32Array;
  private readonly inputIndex: Int32Array;

  constructor(readonly plan: Plan, private readonly withGenerators = false) {
    const nSlots = plan.slotRefs.length, L = plan.lanes;
    this.values = new Float64Array(nSlots * L);
    this.offsets = new Float64Array(nSlots);
    this.matrices = new Float64Array(plan.ops.length * L * MATRIX_SIZE);
    this.generators = new Float64Array(3 * nSlots * L);
    const singles = plan.ops.filter((op) => op.single);
    this.sharedOps = singles.filter((op) => !op.perSample);
    this.laneOps = singles.filter((op) => op.perSample);
    const inputSlots = plan.slotRefs.flatMap((r, s) => (r.src === "input" ? [s] : []));
    this.inputSlots = Int32Array.from(inputSlots);
    this.inputIndex = Int32Array.from(inputSlots, (s) => (plan.slotRefs[s] as { index: number }).index);
  }

  /** Resolves weight and constant slots and the matrices that depend on nothing else (lane 0). */
  loadWeights(weights: ArrayLike<number>): void {
    const L = this.plan.lanes;
    this.plan.slotRefs.forEach((ref, s) => {
      if (ref.src !== "input") this.values[s * L] = (ref.src === "weight" ? weights[ref.index] : ref.value) + this.offsets[s];
    });
    for (const op of this.sharedOps) this.refresh(op, 0);
  }

  /** Resolves the input slots of samples start .. start+count-1 into lanes 0..count-1, and their matrices. */
  loadChunk(inputs: ArrayLike<number>, start: number, count: number): void {
    const L = this.plan.lanes, nInputs = this.plan.circuit.nInputs;
    const { inputSlots, inputIndex, values, offsets } = this;
    for (let b = 0; b < count; b++) {
      const base = (start + b) * nInputs;
      for (let t = 0; t < inputSlots.length; t++) {
        const s = inputSlots[t];
        values[s * L + b] = inputs[base + inputIndex[t]] + offsets[s];
      }
      for (let t = 0; t < this.laneOps.length; t++) this.refresh(this.laneOps[t], b);
    }
  }

  private refresh(op: PlanOp, b: number): void {
    const L = this.plan.lanes, gate = op.gate as SingleQubitGate;
    // gather this op's slot values of lane b (shared slots live in lane 0)
    const p = this.scratch;
    for (let k = 0; k < op.nParams; k++) {
      const s = op.slot + k;
      p[k] = this.values[s * L + (this.plan.slotRefs[s].src === "input" ? b : 0)];
    }
    writeGateMatrix(gate, p, 0, this.matrices, (op.index * L + b) * MATRIX_SIZE);
    if (!this.withGenerators) return;
    const g = this.scratchGen;
    writeGenerators(gate, p, 0, g, 0);
    for (let k = 0; k < op.nParams; k++) {
      const o = ((op.slot + k) * L + b) * 3;
      this.generators[o] = g[3 * k];
      this.generators[o + 1] = g[3 * k + 1];
      this.generators[o + 2] = g[3 * k + 2];
    }
  }

  private readonly scratch = new Float64Array(3);
  private readonly scratchGen = new Float64Array(9);
}
