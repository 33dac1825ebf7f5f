import { circuitToGraph, ZXCircuit, ZXCircuitOp } from "./circuit";
import { ContractionPlan, contractionPlan, evaluateEach, evaluatePlan, MAX_CONTRACTION_VARS } from "./contract";
import { seededRandom } from "./generate";
import { ZXGraph } from "./graph";
import { SymbolValues } from "./phase";
import { fullReduce } from "./simplify";
import { applyCircuit, circuitUnitary } from "./simulate";
import { compareTensors, Tensor } from "./tensor";

/**
 * Does a diagram (e.g. a circuit's diagram after fullReduce) equal a circuit up to one nonzero global scalar (the
 * rewrites drop scalars, see README.md)? Two methods, both against the circuit simulated gate by gate
 * (simulate.ts), an independent path:
 *
 * - "dense-unitary": the diagram's full (out, in) matrix against the circuit's unitary. Exact; used up to
 *   DENSE_MAX_WIRES wires.
 * - "product-states": the diagram applied to a few seeded random product states (states plugged into its inputs,
 *   so only the outputs stay open, contract.ts) against the circuit's statevectors, as one 2^n × 4 matrix: one
 *   common nonzero scalar for all states (compareTensors). If D ≠ c·U for every c, U†D is not a multiple of the
 *   identity, and a random product state (product states span the space) is almost surely not one of its
 *   eigenvectors, so random states expose any difference with probability 1; a diagram that evaluates to zero
 *   equals nothing.
 */

export type VerifyMethod = "dense-unitary" | "product-states" | "zx-reduction";

export interface Verdict {
  /** Decided by `method` (true or false), or null when the check could not run; `reason` then says why. */
  equal: boolean | null;
  method: VerifyMethod;
  reason?: string;
}

export interface VerifyOptions {
  /** Values of the symbols in the diagram's phases and the circuit's parameters. */
  values?: SymbolValues;
  /**
   * Default: dense-unitary up to DENSE_MAX_WIRES wires (if its tensors fit), product-states beyond. verifyCircuits
   * also takes "zx-reduction", its default beyond MAX_STATE_WIRES.
   */
  method?: VerifyMethod;
  /** Seed of the random product states. */
  seed?: number;
}

/** Wires up to which the default method compares full unitaries (a 2^12-entry matrix). */
export const DENSE_MAX_WIRES = 6;
/** Random product states per check: 2^2 = 4, the columns of one matrix. */
const STATE_BITS = 2;
/** Wires up to which the circuit's statevectors are simulated (4 × 2^20 complex entries = 64 MB). */
export const MAX_STATE_WIRES = 20;
const DEFAULT_SEED = 20240;

export function verifyDiagram(diagram: ZXGraph, circuit: ZXCircuit, options: VerifyOptions = {}): Verdict {
  const values = options.values ?? {};
  const dense = options.method === "dense-unitary" || (options.method === undefined && circuit.wires <= DENSE_MAX_WIRES);
  const method = dense ? "dense-unitary" : "product-states";
  if (diagram.inputs.length !== circuit.wires || diagram.outputs.length !== circuit.wires) {
    return { equal: false, method, reason: `the diagram has ${diagram.inputs.length} inputs and ${diagram.outputs.length} outputs, the circuit ${circuit.wires} wires` };
  }
  if (dense) {
    const plan = contractionPlan(diagram, true);
    if (plan.width <= MAX_CONTRACTION_VARS) return denseCheck(plan, circuit, values);
    if (options.method === "dense-unitary") return tooWide(plan, method);
  }
  return productStateCheck(diagram, circuit, values, options.seed ?? DEFAULT_SEED);
}

function denseCheck(plan: ContractionPlan, circuit: ZXCircuit, values: SymbolValues): Verdict {
  const method = "dense-unitary";
  if (compareTensors(circuitUnitary(circuit, values), evaluatePlan(plan, values))) return { equal: true, method };
  return { equal: false, method, reason: "the diagram's matrix is not a nonzero multiple of the circuit's unitary" };
}

function productStateCheck(diagram: ZXGraph, circuit: ZXCircuit, values: SymbolValues, seed: number): Verdict {
  const method = "product-states";
  if (circuit.wires > MAX_STATE_WIRES) return { equal: null, method, reason: tooManyWires(circuit.wires) };
  const plan = contractionPlan(diagram, false);
  if (plan.width > MAX_CONTRACTION_VARS) return tooWide(plan, method);
  const states = randomProductStates(circuit.wires, seed);
  const expected = applyCircuit(circuit, asColumns(states.map(productState)), values);
  const actual = asColumns(evaluateEach(plan, values, states));
  if (compareTensors(expected, actual)) return { equal: true, method };
  return { equal: false, method, reason: `on ${states.length} seeded random product states the diagram's outputs are not one nonzero multiple of the circuit's` };
}

/**
 * Does circuit `b` equal circuit `a` up to a global phase (e.g. a circuit extracted from a reduced diagram
 * against the original)? "dense-unitary" compares the full unitaries (default up to DENSE_MAX_WIRES wires),
 * "product-states" the outputs of both on the same seeded random product states (as one matrix, one common scalar;
 * default up to MAX_STATE_WIRES wires), both simulated gate by gate (simulate.ts); "zx-reduction" (default beyond)
 * is PyZX's `compare` idea: fullReduce the diagram of `a` followed by the inverse of `b`; if that leaves bare wires,
 * each input joined to its own output by a plain edge, the rewrites (each sound) prove a = b up to a scalar. A reduction that
 * stops short of the identity proves nothing either way: `equal` is then null, with the reason.
 */
export function verifyCircuits(a: ZXCircuit, b: ZXCircuit, options: VerifyOptions = {}): Verdict {
  const values = options.values ?? {};
  const method = options.method ?? (a.wires <= DENSE_MAX_WIRES ? "dense-unitary" : a.wires <= MAX_STATE_WIRES ? "product-states" : "zx-reduction");
  if (a.wires !== b.wires) return { equal: false, method, reason: `the circuits have ${a.wires} and ${b.wires} wires` };
  if (method === "zx-reduction") return reductionCheck(a, b);
  if (method === "dense-unitary") {
    if (compareTensors(circuitUnitary(a, values), circuitUnitary(b, values))) return { equal: true, method };
    return { equal: false, method, reason: "the unitaries are not nonzero multiples of each other" };
  }
  if (a.wires > MAX_STATE_WIRES) return { equal: null, method, reason: tooManyWires(a.wires) };
  const states = randomProductStates(a.wires, options.seed ?? DEFAULT_SEED);
  const outputs = (c: ZXCircuit) => applyCircuit(c, asColumns(states.map(productState)), values);
  if (compareTensors(outputs(a), outputs(b))) return { equal: true, method };
  return { equal: false, method, reason: `on ${states.length} seeded random product states the outputs are not one nonzero multiple of each other` };
}

/** verifyCircuits by "zx-reduction": is fullReduce(a followed by b⁻¹) bare wires, input i to output i? */
function reductionCheck(a: ZXCircuit, b: ZXCircuit): Verdict {
  const method = "zx-reduction";
  const g = circuitToGraph({ wires: a.wires, ops: [...a.ops, ...inverseOps(b)] });
  fullReduce(g);
  const left = g.vertices().length - g.inputs.length - g.outputs.length;
  const bare = g.inputs.every((input, i) => g.edgeType(input, g.outputs[i]) === "simple");
  if (left === 0 && bare) return { equal: true, method };
  return { equal: null, method, reason: `fullReduce of the first circuit followed by the inverse of the second left ${left} spiders${left === 0 ? " and wires not joined input i to output i by plain edges" : ""}: not shown to be the identity` };
}

/** The ops of the inverse circuit: reversed, rotations negated (numeric angles only). */
function inverseOps(c: ZXCircuit): ZXCircuitOp[] {
  const negate = (p: number | string) => {
    if (typeof p === "string") throw new Error(`verifyCircuits: "zx-reduction" needs numeric angles, got the symbol ${JSON.stringify(p)}`);
    return -p;
  };
  return [...c.ops].reverse().map((op) => {
    if (op.gate === "Rot") {
      const [phi, theta, omega] = (op.params ?? []).map(negate);
      return { ...op, params: [omega, theta, phi] };
    }
    return op.params ? { ...op, params: op.params.map(negate) } : op;
  });
}

function tooManyWires(wires: number): string {
  return `${wires} wires: statevectors are simulated up to ${MAX_STATE_WIRES} wires`;
}

/** 2^STATE_BITS seeded Haar-random product states, each as its qubits' states. */
function randomProductStates(wires: number, seed: number): Tensor[][] {
  const rand = seededRandom(seed);
  return Array.from({ length: 1 << STATE_BITS }, () => Array.from({ length: wires }, () => randomQubit(rand)));
}

function tooWide(plan: ContractionPlan, method: VerifyMethod): Verdict {
  const plugged = plan.inputsOpen ? "" : " with product states plugged into its inputs";
  return { equal: null, method, reason: `evaluating the diagram${plugged} needs a tensor of ${plan.width} variables (limit ${MAX_CONTRACTION_VARS})` };
}

/** A Haar-random single-qubit state: |amplitude of 0|² uniform in [0, 1], relative phase uniform. */
function randomQubit(rand: () => number): Tensor {
  const p0 = rand();
  const phi = 2 * Math.PI * rand();
  const r1 = Math.sqrt(1 - p0);
  return { nOut: 1, nIn: 0, re: Float64Array.of(Math.sqrt(p0), r1 * Math.cos(phi)), im: Float64Array.of(0, r1 * Math.sin(phi)) };
}

/** The statevector of qubits[0] ⊗ qubits[1] ⊗ … (wire 0 most significant). */
function productState(qubits: Tensor[]): Tensor {
  let re = Float64Array.of(1);
  let im = Float64Array.of(0);
  for (const q of qubits) {
    const nextRe = new Float64Array(2 * re.length);
    const nextIm = new Float64Array(2 * re.length);
    for (let i = 0; i < re.length; i++) {
      for (let b = 0; b < 2; b++) {
        nextRe[2 * i + b] = re[i] * q.re[b] - im[i] * q.im[b];
        nextIm[2 * i + b] = re[i] * q.im[b] + im[i] * q.re[b];
      }
    }
    [re, im] = [nextRe, nextIm];
  }
  return { nOut: qubits.length, nIn: 0, re, im };
}

/** Statevectors (all on the same wires, a power of two of them) as the columns of one matrix. */
function asColumns(vectors: Tensor[]): Tensor {
  const k = vectors.length;
  const dim = vectors[0].re.length;
  const re = new Float64Array(dim * k);
  const im = new Float64Array(dim * k);
  vectors.forEach((v, j) => {
    for (let i = 0; i < dim; i++) {
      re[i * k + j] = v.re[i];
      im[i * k + j] = v.im[i];
    }
  });
  return { nOut: vectors[0].nOut, nIn: Math.log2(k), re, im };
}
