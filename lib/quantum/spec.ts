/**
 * The circuit spec: the plain JSON contract shared by `qsim`, `zx` and `fourier`.
 *
 *   {"wires": 3,
 *    "ops": [{"gate": "RX", "wires": [0], "params": [0.1]}, {"gate": "CNOT", "wires": [0, 2]}],
 *    "observables": [{"pauli": "Y", "wire": 0}]}
 *
 * Parameters are numbered in the order they appear in `ops` (a Rot contributes three).
 * Conventions follow PennyLane: wire 0 is the most significant qubit.
 */

export type Pauli = "X" | "Y" | "Z";
export type GateName = "RX" | "RY" | "RZ" | "Rot" | "CNOT" | "CZ" | "H";

export interface OpSpec {
  gate: GateName;
  wires: number[];
  params?: number[];
}

export interface ObservableSpec {
  pauli: Pauli;
  wire: number;
}

export interface CircuitSpec {
  wires: number;
  ops: OpSpec[];
  observables: ObservableSpec[];
}

/** Number of wires and parameters each gate takes. */
export const GATE_ARITY: Record<GateName, { wires: number; params: number }> = {
  RX: { wires: 1, params: 1 },
  RY: { wires: 1, params: 1 },
  RZ: { wires: 1, params: 1 },
  Rot: { wires: 1, params: 3 },
  CNOT: { wires: 2, params: 0 },
  CZ: { wires: 2, params: 0 },
  H: { wires: 1, params: 0 },
};

export const MAX_WIRES = 24;

export class SpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SpecError";
  }
}

/** A value for an error message: numbers as JavaScript prints them (JSON would turn 1e999 into null). */
function show(value: unknown): string {
  return typeof value === "number" ? String(value) : JSON.stringify(value);
}

function checkWire(w: unknown, nWires: number, where: string): number {
  if (!Number.isInteger(w) || (w as number) < 0 || (w as number) >= nWires) {
    throw new SpecError(`${where}: wire ${show(w)} is out of range (circuit has wires 0..${nWires - 1})`);
  }
  return w as number;
}

function validateOp(raw: unknown, index: number, nWires: number): OpSpec {
  const where = `op ${index}`;
  if (typeof raw !== "object" || raw === null) throw new SpecError(`${where}: expected an object, got ${JSON.stringify(raw)}`);
  const op = raw as Record<string, unknown>;
  const gate = op.gate as GateName;
  const arity = GATE_ARITY[gate];
  if (typeof gate !== "string" || !Object.prototype.hasOwnProperty.call(GATE_ARITY, gate)) {
    throw new SpecError(`${where}: unknown gate ${JSON.stringify(op.gate)} (known: ${Object.keys(GATE_ARITY).join(", ")})`);
  }
  if (!Array.isArray(op.wires) || op.wires.length !== arity.wires) {
    throw new SpecError(`${where} (${gate}): expected ${arity.wires} wire(s), got ${JSON.stringify(op.wires)}`);
  }
  const wires = op.wires.map((w) => checkWire(w, nWires, `${where} (${gate})`));
  if (new Set(wires).size !== wires.length) throw new SpecError(`${where} (${gate}): wires must be distinct, got ${JSON.stringify(wires)}`);
  const params = op.params === undefined ? [] : op.params;
  if (!Array.isArray(params) || params.length !== arity.params) {
    throw new SpecError(`${where} (${gate}): expected ${arity.params} parameter(s), got ${JSON.stringify(op.params)}`);
  }
  params.forEach((p, k) => {
    if (typeof p !== "number" || !Number.isFinite(p)) {
      throw new SpecError(`${where} (${gate}): parameter ${k} is not a finite number: ${show(p)}`);
    }
  });
  return arity.params ? { gate, wires, params: params as number[] } : { gate, wires };
}

/**
 * Validates untrusted JSON and returns a normalised spec, or throws a SpecError naming the offending op. At most
 * `maxWires` wires: by default the engine's MAX_WIRES; the ZX tools, which never build a statevector, pass
 * Infinity.
 */
export function validateSpec(raw: unknown, { maxWires = MAX_WIRES }: { maxWires?: number } = {}): CircuitSpec {
  if (typeof raw !== "object" || raw === null) throw new SpecError("spec must be a JSON object");
  const spec = raw as Record<string, unknown>;
  const nWires = spec.wires;
  if (!Number.isInteger(nWires) || (nWires as number) < 1 || (nWires as number) > maxWires) {
    throw new SpecError(`"wires" must be an integer ${maxWires < Infinity ? `in 1..${maxWires}` : ">= 1"}, got ${show(nWires)}`);
  }
  if (!Array.isArray(spec.ops)) throw new SpecError(`"ops" must be an array`);
  const ops = spec.ops.map((op, i) => validateOp(op, i, nWires as number));
  const rawObs = spec.observables === undefined ? [] : spec.observables;
  if (!Array.isArray(rawObs)) throw new SpecError(`"observables" must be an array`);
  const observables = rawObs.map((o, i) => {
    const obs = (o ?? {}) as Record<string, unknown>;
    if (obs.pauli !== "X" && obs.pauli !== "Y" && obs.pauli !== "Z") {
      throw new SpecError(`observable ${i}: pauli must be "X", "Y" or "Z", got ${JSON.stringify(obs.pauli)}`);
    }
    return { pauli: obs.pauli as Pauli, wire: checkWire(obs.wire, nWires as number, `observable ${i}`) };
  });
  return { wires: nWires as number, ops, observables };
}

/** All parameters of a spec, flattened in op order. */
export function specParams(spec: CircuitSpec): number[] {
  return spec.ops.flatMap((op) => op.params ?? []);
}
