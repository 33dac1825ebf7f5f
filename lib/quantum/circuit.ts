/**
 * Compiled circuits: the engine's own representation of a parametrised circuit.
 *
 * A circuit is a fixed gate structure whose angles are references (`ParamRef`) into two vectors given at run time:
 * `inputs` (per sample, e.g. the features of an embedding) and `weights` (shared by every sample of a batch), or
 * constants. Every parameter occurrence in op order is a "slot"; slots are numbered like the flattened
 * parameters of a `CircuitSpec` (a Rot contributes three).
 *
 * Circuits are plain data; treat them as immutable once built (the engine caches a plan per circuit object).
 */

import {
  CircuitSpec,
  GATE_ARITY,
  GateName,
  MAX_WIRES,
  ObservableSpec,
  OpSpec,
  SpecError,
  specParams,
} from "./spec";

export type ParamRef =
  | { src: "input"; index: number }
  | { src: "weight"; index: number }
  | { src: "const"; value: number };

export interface CircuitOp {
  gate: GateName;
  wires: number[];
  params: ParamRef[];
}

export interface Circuit {
  nWires: number;
  ops: CircuitOp[];
  observables: ObservableSpec[];
  /** Length of the per-sample input vector. */
  nInputs: number;
  /** Length of the shared weight vector. */
  nWeights: number;
}

/** A bad circuit or bad run-time value (non-finite angle, wrong length); the message names the op's index. */
export class CircuitError extends SpecError {
  constructor(message: string) {
    super(message);
    this.name = "CircuitError";
  }
}

export const input = (index: number): ParamRef => ({ src: "input", index });
export const weight = (index: number): ParamRef => ({ src: "weight", index });
export const constant = (value: number): ParamRef => ({ src: "const", value });

/** References to `count` consecutive entries of the input or weight vector, starting at `start`. */
export function paramRange(src: "input" | "weight", start: number, count: number): ParamRef[] {
  return Array.from({ length: count }, (_, k) => ({ src, index: start + k }));
}

function checkRef(ref: ParamRef, circuit: Circuit, where: string): void {
  if (ref === null || typeof ref !== "object") throw new CircuitError(`${where}: expected a ParamRef, got ${JSON.stringify(ref)}`);
  if (ref.src === "const") {
    if (typeof ref.value !== "number" || !Number.isFinite(ref.value)) {
      const shown = typeof ref.value === "number" ? String(ref.value) : JSON.stringify(ref.value);
      throw new CircuitError(`${where}: constant ${shown} is not a finite number`);
    }
    return;
  }
  const size = ref.src === "input" ? circuit.nInputs : ref.src === "weight" ? circuit.nWeights : -1;
  if (size < 0) throw new CircuitError(`${where}: unknown parameter source ${JSON.stringify((ref as { src: unknown }).src)}`);
  if (!Number.isInteger(ref.index) || ref.index < 0 || ref.index >= size) {
    throw new CircuitError(`${where}: ${ref.src} index ${JSON.stringify(ref.index)} is out of range (0..${size - 1})`);
  }
}

/** Throws a CircuitError naming the first bad op or observable; returns the circuit otherwise. */
export function checkCircuit(circuit: Circuit): Circuit {
  const { nWires, nInputs, nWeights } = circuit;
  if (!Number.isInteger(nWires) || nWires < 1 || nWires > MAX_WIRES) {
    throw new CircuitError(`nWires must be an integer in 1..${MAX_WIRES}, got ${JSON.stringify(nWires)}`);
  }
  for (const [name, n] of [["nInputs", nInputs], ["nWeights", nWeights]] as const) {
    if (!Number.isInteger(n) || n < 0) throw new CircuitError(`${name} must be a non-negative integer, got ${JSON.stringify(n)}`);
  }
  circuit.ops.forEach((op, i) => {
    const arity = GATE_ARITY[op.gate];
    if (!Object.prototype.hasOwnProperty.call(GATE_ARITY, op.gate)) {
      throw new CircuitError(`op ${i}: unknown gate ${JSON.stringify(op.gate)} (known: ${Object.keys(GATE_ARITY).join(", ")})`);
    }
    const where = `op ${i} (${op.gate})`;
    if (!Array.isArray(op.wires) || op.wires.length !== arity.wires) {
      throw new CircuitError(`${where}: expected ${arity.wires} wire(s), got ${JSON.stringify(op.wires)}`);
    }
    for (const w of op.wires) {
      if (!Number.isInteger(w) || w < 0 || w >= nWires) {
        throw new CircuitError(`${where}: wire ${JSON.stringify(w)} is out of range (circuit has wires 0..${nWires - 1})`);
      }
    }
    if (new Set(op.wires).size !== op.wires.length) throw new CircuitError(`${where}: wires must be distinct, got ${JSON.stringify(op.wires)}`);
    if (!Array.isArray(op.params) || op.params.length !== arity.params) {
      throw new CircuitError(`${where}: expected ${arity.params} parameter(s), got ${JSON.stringify(op.params)}`);
    }
    op.params.forEach((ref, k) => checkRef(ref, circuit, `${where} parameter ${k}`));
  });
  circuit.observables.forEach((obs, i) => {
    if (obs.pauli !== "X" && obs.pauli !== "Y" && obs.pauli !== "Z") {
      throw new CircuitError(`observable ${i}: pauli must be "X", "Y" or "Z", got ${JSON.stringify(obs.pauli)}`);
    }
    if (!Number.isInteger(obs.wire) || obs.wire < 0 || obs.wire >= nWires) {
      throw new CircuitError(`observable ${i}: wire ${JSON.stringify(obs.wire)} is out of range (circuit has wires 0..${nWires - 1})`);
    }
  });
  return circuit;
}

/** A circuit with the numbers a spec carried: `inputs` and `weights` fit `forward(circuit, inputs, weights, 1)`. */
export interface CompiledSpec {
  circuit: Circuit;
  inputs: Float64Array;
  weights: Float64Array;
}

/**
 * Compiles a validated spec. The flattened parameters listed in `inputParams` (by their spec index) become the
 * inputs 0, 1, ... in the listed order; all other parameters become weights in op order.
 */
export function compileSpec(spec: CircuitSpec, inputParams: number[] = []): CompiledSpec {
  const values = specParams(spec);
  const inputOf = new Map<number, number>();
  inputParams.forEach((p, k) => {
    if (!Number.isInteger(p) || p < 0 || p >= values.length) {
      throw new CircuitError(`inputParams[${k}] = ${JSON.stringify(p)} is not a parameter index (spec has ${values.length})`);
    }
    if (inputOf.has(p)) throw new CircuitError(`inputParams lists parameter ${p} twice`);
    inputOf.set(p, k);
  });
  const weightValues: number[] = [];
  let slot = 0;
  const ops = spec.ops.map((op: OpSpec): CircuitOp => ({
    gate: op.gate,
    wires: [...op.wires],
    params: (op.params ?? []).map((): ParamRef => {
      const k = inputOf.get(slot);
      const value = values[slot++];
      if (k !== undefined) return input(k);
      weightValues.push(value);
      return weight(weightValues.length - 1);
    }),
  }));
  const circuit: Circuit = {
    nWires: spec.wires,
    ops,
    observables: spec.observables.map((o) => ({ ...o })),
    nInputs: inputParams.length,
    nWeights: weightValues.length,
  };
  return {
    circuit: checkCircuit(circuit),
    inputs: Float64Array.from(inputParams, (p) => values[p]),
    weights: Float64Array.from(weightValues),
  };
}

/** The value a reference takes for one sample. */
export function resolveRef(ref: ParamRef, inputs: ArrayLike<number>, weights: ArrayLike<number>): number {
  return ref.src === "input" ? inputs[ref.index] : ref.src === "weight" ? weights[ref.index] : ref.value;
}

/** The circuit with concrete numbers for one sample (`inputs` has length nInputs), for the zx and fourier tools. */
export function toSpec(circuit: Circuit, inputs: ArrayLike<number>, weights: ArrayLike<number>): CircuitSpec {
  checkCircuit(circuit);
  const ops = circuit.ops.map((op, i): OpSpec => {
    if (op.params.length === 0) return { gate: op.gate, wires: [...op.wires] };
    const params = op.params.map((ref, k) => {
      const v = resolveRef(ref, inputs, weights);
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new CircuitError(`op ${i} (${op.gate}) parameter ${k}: ${ref.src} value ${v} is not a finite number`);
      }
      return v;
    });
    return { gate: op.gate, wires: [...op.wires], params };
  });
  return { wires: circuit.nWires, ops, observables: circuit.observables.map((o) => ({ ...o })) };
}

/** A checked circuit whose nInputs / nWeights are one past the largest input / weight index its ops use. */
export function buildCircuit(nWires: number, ops: CircuitOp[], observables: ObservableSpec[]): Circuit {
  let nInputs = 0, nWeights = 0;
  for (const op of ops) {
    for (const ref of op.params ?? []) {
      if (ref?.src === "input") nInputs = Math.max(nInputs, ref.index + 1);
      if (ref?.src === "weight") nWeights = Math.max(nWeights, ref.index + 1);
    }
  }
  return checkCircuit({ nWires, ops, observables, nInputs, nWeights });
}
