import { ZXCircuitOp } from "./circuit";
import { CircuitParseError, ParsedCircuit, quote } from "./circuit-file";
import { multiControlledX, multiControlledZ, swap } from "./decompose";

/**
 * The Quipper-style `.qc` format of the T-count benchmark circuits (Amy, Maslov, Mosca; Nam, Ross, Su, Childs,
 * Maslov; the files PyZX ships under circuits/): a header of `.v` (wire names), `.i`, `.o` and `.c` lines, then
 * one gate per line between `BEGIN` and `END`, `#` starting a comment. Gate names are case-insensitive; the last
 * wire of a gate is its target, the others its controls. Our own reader; PyZX's qcparser.py reads the same
 * files (it adds ancillas for Toffolis with 3 or more controls, we decompose without, see decompose.ts).
 *
 * All `.v` wires are wires of the unitary, in `.v` order: `.i`, `.o` and `.c` (which mark ancillas and garbage)
 * are checked and noted, not used. Errors name the line and token.
 */

interface Line {
  line: number;
  words: string[];
}

interface QcGate {
  wires: [number, number];
  ops(wires: number[]): ZXCircuitOp[];
}

/** Gates with controls take at most this many (tof and Z with three controls: 15 RZ(±π/8), decompose.ts). */
const MAX_CONTROLS = 3;

const rz = (angle: number): QcGate => ({ wires: [1, 1], ops: ([q]) => [{ gate: "RZ", wires: [q], params: [angle] }] });
const controlledX: QcGate = { wires: [1, MAX_CONTROLS + 1], ops: (w) => multiControlledX(w.slice(0, -1), w[w.length - 1]) };
const controlledZ: QcGate = { wires: [1, MAX_CONTROLS + 1], ops: (w) => multiControlledZ(w) };

const QC_GATES: Record<string, QcGate> = {
  h: { wires: [1, 1], ops: ([q]) => [{ gate: "H", wires: [q] }] },
  x: controlledX,
  tof: controlledX,
  cnot: { wires: [2, 2], ops: ([c, t]) => [{ gate: "CNOT", wires: [c, t] }] },
  y: { wires: [1, 1], ops: ([q]) => [{ gate: "RZ", wires: [q], params: [Math.PI] }, { gate: "RX", wires: [q], params: [Math.PI] }] },
  z: controlledZ,
  zd: controlledZ,
  s: rz(Math.PI / 2),
  p: rz(Math.PI / 2),
  "s*": rz(-Math.PI / 2),
  "p*": rz(-Math.PI / 2),
  t: rz(Math.PI / 4),
  "t*": rz(-Math.PI / 4),
  swap: { wires: [2, 2], ops: ([a, b]) => swap(a, b) },
};

/** The gate names parseQc reads (lower case). */
export const QC_GATE_NAMES = Object.keys(QC_GATES);

/** Reads a `.qc` file; throws CircuitParseError naming the line and token of the first problem. */
export function parseQc(text: string): ParsedCircuit {
  const lines = text.split("\n")
    .map((raw, i) => ({ line: i + 1, words: raw.replace(/#.*/, "").split(/[\s,]+/).filter((w) => w.length > 0) }))
    .filter((l) => l.words.length > 0);
  const begin = lines.findIndex((l) => l.words[0] === "BEGIN");
  if (begin < 0) throw new CircuitParseError(text.split("\n").length, `no ${quote("BEGIN")} line`);
  const end = lines.findIndex((l, i) => i > begin && l.words[0] === "END");
  if (end < 0) throw new CircuitParseError(text.split("\n").length, `no ${quote("END")} line after ${quote("BEGIN")} (line ${lines[begin].line})`);
  for (const l of [lines[begin], lines[end]]) noExtraWords(l, 1);
  if (end + 1 < lines.length) throw new CircuitParseError(lines[end + 1].line, `unexpected ${quote(lines[end + 1].words[0])} after ${quote("END")}`);
  const { names, notes } = readHeader(lines.slice(0, begin), lines[begin]);
  const controlNotes = new Map<string, { count: number; line: number }>();
  const ops = lines.slice(begin + 1, end).flatMap((l) => gateOps(l, names, controlNotes));
  for (const [what, { count, line }] of controlNotes) {
    notes.push(`${count} ${what} (first on line ${line}) decomposed without ancillas into RZ(±π/8) rotations: not Clifford+T, not in t_count`);
  }
  return { circuit: { wires: names.size, ops }, notes };
}

function noExtraWords(l: Line, allowed: number): void {
  if (l.words.length > allowed) throw new CircuitParseError(l.line, `unexpected ${quote(l.words[allowed])} after ${quote(l.words[0])}`);
}

/** Wire indices by name from the `.v` lines; `.i` and `.o` must name declared wires. */
function readHeader(header: Line[], beginLine: Line): { names: Map<string, number>; notes: string[] } {
  for (const l of header) {
    if (![".v", ".i", ".o", ".c"].includes(l.words[0])) {
      throw new CircuitParseError(l.line, `unexpected ${quote(l.words[0])} before ${quote("BEGIN")} (expected .v, .i, .o or .c)`);
    }
  }
  const names = new Map<string, number>();
  for (const l of header.filter((x) => x.words[0] === ".v")) {
    for (const name of l.words.slice(1)) {
      if (names.has(name)) throw new CircuitParseError(l.line, `wire ${quote(name)} is declared twice`);
      names.set(name, names.size);
    }
  }
  if (names.size === 0) throw new CircuitParseError(beginLine.line, `no wires declared before ${quote("BEGIN")} (a ${quote(".v")} line)`);
  const listed = (directive: string) => {
    const lines = header.filter((x) => x.words[0] === directive);
    for (const l of lines) for (const name of l.words.slice(1)) wireIndex(name, names, l.line);
    return lines.length === 0 ? undefined : new Set(lines.flatMap((l) => l.words.slice(1)));
  };
  const inputs = listed(".i");
  const outputs = listed(".o");
  const unlisted = [...names.keys()].filter((n) => (inputs && !inputs.has(n)) || (outputs && !outputs.has(n)));
  const notes = unlisted.length === 0 ? [] : [
    `${unlisted.length} of ${names.size} wires are missing from ".i" or ".o" (ancillas, garbage: ${unlisted.slice(0, 5).join(" ")}${unlisted.length > 5 ? " ..." : ""}); they are read as ordinary wires of the unitary`,
  ];
  return { names, notes };
}

function wireIndex(name: string, names: Map<string, number>, line: number): number {
  const index = names.get(name);
  if (index === undefined) throw new CircuitParseError(line, `unknown wire ${quote(name)} (not in ".v")`);
  return index;
}

function gateOps(l: Line, names: Map<string, number>, controlNotes: Map<string, { count: number; line: number }>): ZXCircuitOp[] {
  const [name, ...args] = l.words;
  const key = name.toLowerCase();
  if (!Object.hasOwn(QC_GATES, key)) throw new CircuitParseError(l.line, `unsupported gate ${quote(name)}`);
  const gate = QC_GATES[key];
  const [min, max] = gate.wires;
  if (args.length < min || args.length > max) {
    const range = min === max ? `${min} wire${min === 1 ? "" : "s"}` : `${min} to ${max} wires (at most ${max - 1} controls)`;
    throw new CircuitParseError(l.line, `${quote(name)} takes ${range}, got ${args.length}`);
  }
  const wires = args.map((a) => wireIndex(a, names, l.line));
  if (new Set(wires).size !== wires.length) throw new CircuitParseError(l.line, `${quote(name)} uses a wire twice`);
  if (wires.length > 3) {
    const what = `${quote(name)} with ${wires.length - 1} controls`;
    const seen = controlNotes.get(what);
    controlNotes.set(what, { count: (seen?.count ?? 0) + 1, line: seen?.line ?? l.line });
  }
  return gate.ops(wires);
}
