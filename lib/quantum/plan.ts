/**
 * Execution plan of a circuit, shared by the forward pass and every gradient method.
 *
 * `planFor(circuit)` validates the circuit once and caches the plan per circuit object. A `Sampler` holds the
 * slot values and gate matrices for one batch: matrices of gates whose angles come only from weights/constants are
 * computed once per batch, those fed by inputs once per sample (`loadSample`).
 */

import { Circuit, CircuitError, ParamRef, checkCircuit } from "./circuit";
import { MATRIX_SIZE, SingleQubitGate, writeGateMatrix, writeGenerators } from "./gates";
import { PAULI_CODE } from "./statevector";

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
}

export interface Plan {
  circuit: Circuit;
  nWires: number;
  dim: number;
  ops: PlanOp[];
  /** ParamRef of every slot, in op order. */
  slotRefs: ParamRef[];
  /** Number of leading single-qubit ops: they turn |0...0> into a product state. */
  prefixLength: number;
  /** For each wire, the indices of the prefix ops acting on it, in order. */
  prefixByWire: number[][];
  /** Observables as [pauli code, wire] pairs. */
  observables: { pauli: number; wire: number }[];
  /** For each input index, the first op that reads it (-1 if unused). */
  inputOp: number[];
  weightOp: number[];
}

const plans = new WeakMap<Circuit, Plan>();

function buildPlan(circuit: Circuit): Plan {
  checkCircuit(circuit);
  const slotRefs: ParamRef[] = [];
  const inputOp = new Array<number>(circuit.nInputs).fill(-1);
  const weightOp = new Array<number>(circuit.nWeights).fill(-1);
  const ops = circuit.ops.map((op, index): PlanOp => {
    const slot = slotRefs.length;
    for (const ref of op.params) {
      slotRefs.push(ref);
      if (ref.src === "input" && inputOp[ref.index] < 0) inputOp[ref.index] = index;
      if (ref.src === "weight" && weightOp[ref.index] < 0) weightOp[ref.index] = index;
    }
    const single = op.gate !== "CNOT" && op.gate !== "CZ";
    return {
      index, gate: op.gate, single, wires: [...op.wires], slot, nParams: op.params.length,
      perSample: op.params.some((r) => r.src === "input"),
    };
  });
  let prefixLength = 0;
  while (prefixLength < ops.length && ops[prefixLength].single) prefixLength++;
  const prefixByWire = Array.from({ length: circuit.nWires }, (_, w) =>
    ops.slice(0, prefixLength).flatMap((op) => (op.wires[0] === w ? [op.index] : [])));
  return {
    circuit, nWires: circuit.nWires, dim: 1 << circuit.nWires, ops, slotRefs, prefixLength, prefixByWire,
    observables: circuit.observables.map((o) => ({ pauli: PAULI_CODE[o.pauli], wire: o.wire })),
    inputOp, weightOp,
  };
}

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
 * Slot values, gate matrices and (optionally) adjoint generators for the current sample of a batch.
 * `offsets` (one per slot) are added to every slot value: the parameter-shift rule uses them.
 */
export class Sampler {
  readonly values: Float64Array;
  readonly matrices: Float64Array;
  readonly generators: Float64Array;
  readonly offsets: Float64Array;
  private readonly sharedOps: PlanOp[];
  private readonly sampleOps: PlanOp[];
  private readonly inputSlots: number[];

  constructor(readonly plan: Plan, private readonly withGenerators = false) {
    const nSlots = plan.slotRefs.length;
    this.values = new Float64Array(nSlots);
    this.offsets = new Float64Array(nSlots);
    this.matrices = new Float64Array(plan.ops.length * MATRIX_SIZE);
    this.generators = new Float64Array(3 * nSlots);
    const singles = plan.ops.filter((op) => op.single);
    this.sharedOps = singles.filter((op) => !op.perSample);
    this.sampleOps = singles.filter((op) => op.perSample);
    this.inputSlots = plan.slotRefs.flatMap((r, s) => (r.src === "input" ? [s] : []));
  }

  /** Resolves weight and constant slots and the matrices that depend on nothing else. */
  loadWeights(weights: ArrayLike<number>): void {
    this.plan.slotRefs.forEach((ref, s) => {
      if (ref.src !== "input") this.values[s] = (ref.src === "weight" ? weights[ref.index] : ref.value) + this.offsets[s];
    });
    for (const op of this.sharedOps) this.refresh(op);
  }

  /** Resolves input slots of sample b and the matrices that depend on them. */
  loadSample(inputs: ArrayLike<number>, b: number): void {
    const base = b * this.plan.circuit.nInputs;
    const refs = this.plan.slotRefs;
    for (const s of this.inputSlots) this.values[s] = inputs[base + (refs[s] as { index: number }).index] + this.offsets[s];
    for (const op of this.sampleOps) this.refresh(op);
  }

  private refresh(op: PlanOp): void {
    const gate = op.gate as SingleQubitGate;
    writeGateMatrix(gate, this.values, op.slot, this.matrices, op.index * MATRIX_SIZE);
    if (this.withGenerators) writeGenerators(gate, this.values, op.slot, this.generators, 3 * op.slot);
  }
}
