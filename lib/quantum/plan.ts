/**
 * Execution plan of a circuit, shared by the forward pass and every gradient method.
 *
 * `planFor(circuit)` validates the circuit once and caches the plan per circuit object. The plan
 *  - finds the product-state prefix: the leading single-qubit ops, which map |0...0> to a product state;
 *  - folds every CNOT into a permutation of amplitude indices (logical amplitude a lives at physical index perm[a])
 *    and gives each later op the physical indices it touches, so the lane kernels never move data for a CNOT;
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
  /**
   * Physical amplitude indices the op touches once the CNOTs before it are folded in: single-qubit ops get the
   * pairs (j, k) of its wire (j with the wire's bit 0, k = j with it set, logically); CZ gets the amplitudes it
   * negates; CNOT gets nothing.
   */
  pairs: Int32Array;
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
  /** Identity pairs of each wire (the physical = logical pairs before any CNOT). */
  wirePairs: Int32Array[];
  /** Observables: Pauli code, wire, and physical pairs at the end of the circuit. */
  observables: { pauli: number; wire: number; pairs: Int32Array }[];
  /** Physical index of each logical amplitude at the end of the circuit. */
  finalPerm: Int32Array;
  /** For each input / weight index, the first op that reads it (-1 if unused). */
  inputOp: number[];
  weightOp: number[];
}

/** Logical pairs (j, j | bit) of `wire`, mapped through perm. */
function pairsOf(nWires: number, wire: number, perm: Int32Array): Int32Array {
  const bit = 1 << (nWires - 1 - wire), dim = 1 << nWires;
  const out = new Int32Array(dim);
  let t = 0;
  for (let j = 0; j < dim; j++) {
    if (j & bit) continue;
    out[t++] = perm[j];
    out[t++] = perm[j | bit];
  }
  return out;
}

/** Applies CNOT(control, target) to the permutation: new perm[a] = perm[a with target flipped if control set]. */
function foldCNOT(nWires: number, control: number, target: number, perm: Int32Array): void {
  const cb = 1 << (nWires - 1 - control), tb = 1 << (nWires - 1 - target);
  for (let a = 0; a < perm.length; a++) {
    if ((a & cb) === 0 || (a & tb) !== 0) continue;
    const x = perm[a];
    perm[a] = perm[a | tb];
    perm[a | tb] = x;
  }
}

function czAmplitudes(nWires: number, a: number, b: number, perm: Int32Array): Int32Array {
  const mask = (1 << (nWires - 1 - a)) | (1 << (nWires - 1 - b));
  return Int32Array.from(perm.filter((_, j) => (j & mask) === mask));
}

function buildPlan(circuit: Circuit): Plan {
  checkCircuit(circuit);
  const n = circuit.nWires, dim = 1 << n;
  const slotRefs: ParamRef[] = [];
  const inputOp = new Array<number>(circuit.nInputs).fill(-1);
  const weightOp = new Array<number>(circuit.nWeights).fill(-1);
  const perm = Int32Array.from({ length: dim }, (_, a) => a);
  const ops = circuit.ops.map((op, index): PlanOp => {
    const slot = slotRefs.length;
    for (const ref of op.params) {
      slotRefs.push(ref);
      if (ref.src === "input" && inputOp[ref.index] < 0) inputOp[ref.index] = index;
      if (ref.src === "weight" && weightOp[ref.index] < 0) weightOp[ref.index] = index;
    }
    const [a, b] = op.wires;
    let pairs = new Int32Array(0);
    if (op.gate === "CNOT") foldCNOT(n, a, b, perm);
    else if (op.gate === "CZ") pairs = czAmplitudes(n, a, b, perm);
    else pairs = pairsOf(n, a, perm);
    return {
      index, gate: op.gate, single: op.gate !== "CNOT" && op.gate !== "CZ", wires: [...op.wires], slot,
      nParams: op.params.length, perSample: op.params.some((r) => r.src === "input"), pairs,
    };
  });
  let prefixLength = 0;
  while (prefixLength < ops.length && ops[prefixLength].single) prefixLength++;
  const identity = Int32Array.from({ length: dim }, (_, a) => a);
  return {
    circuit, nWires: n, dim, lanes: Math.max(1, Math.min(32, Math.floor(2048 / dim))), ops, slotRefs, prefixLength,
    prefixByWire: Array.from({ length: n }, (_, w) => ops.slice(0, prefixLength).flatMap((op) => (op.wires[0] === w ? [op.index] : []))),
    wirePairs: Array.from({ length: n }, (_, w) => pairsOf(n, w, identity)),
    observables: circuit.observables.map((o) => ({ pauli: PAULI_CODE[o.pauli], wire: o.wire, pairs: pairsOf(n, o.wire, perm) })),
    finalPerm: perm,
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
