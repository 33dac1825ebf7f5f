import { ZXCircuit } from "./circuit";

/** What the circuit file parsers (qasm.ts, qc.ts) return. */
export interface ParsedCircuit {
  circuit: ZXCircuit;
  /** What was read but left out of the circuit or approximated (ignored statements, decompositions), for the user. */
  notes: string[];
}

/** A malformed or unsupported circuit file: the message names the line and the offending token. */
export class CircuitParseError extends Error {
  constructor(readonly line: number, detail: string) {
    super(`line ${line}: ${detail}`);
    this.name = "CircuitParseError";
  }
}

/** A token as error messages show it. */
export function quote(token: string): string {
  return JSON.stringify(token);
}
