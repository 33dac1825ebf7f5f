import { Angle, ZXCircuit, ZXCircuitOp } from "./circuit";
import { CircuitParseError, ParsedCircuit, quote } from "./circuit-file";
import { multiControlledX, swap } from "./decompose";
import { Phase } from "./phase";

/**
 * OpenQASM 2.0 in and out, for the gates of qelib1.inc that have a ZXCircuit form (README.md lists them). Our
 * own reader, written from the OpenQASM 2.0 specification (Cross, Bishop, Smolin, Gambetta, arXiv:1707.03429);
 * PyZX's qasmparser.py reads the same gates.
 *
 * Reading: the quantum registers (`qreg`) are laid end to end, in declaration order, as wires 0..n−1; `creg`,
 * `measure` and `barrier` are ignored with a note; a register as an argument applies the gate to each of its
 * qubits. Each gate becomes ZXCircuit gates equal to it up to a global phase. Errors name the line and token.
 */

interface Token {
  kind: "name" | "number" | "string" | "symbol" | "end";
  text: string;
  line: number;
}

const LEXEMES: [Token["kind"] | "skip", RegExp][] = [
  ["skip", /\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\//y],
  ["number", /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y],
  ["name", /[A-Za-z_][A-Za-z0-9_]*/y],
  ["string", /"[^"\n]*"/y],
  ["symbol", /->|==|[;,()[\]{}+\-*/^]/y],
];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  for (let pos = 0; pos < text.length;) {
    const [kind, match] = lexemeAt(text, pos);
    if (match === undefined) throw new CircuitParseError(line, `unexpected character ${quote(text[pos])}`);
    if (kind !== "skip") tokens.push({ kind, text: match, line });
    line += match.split("\n").length - 1;
    pos += match.length;
  }
  tokens.push({ kind: "end", text: "", line });
  return tokens;
}

function lexemeAt(text: string, pos: number): [Token["kind"] | "skip", string | undefined] {
  for (const [kind, pattern] of LEXEMES) {
    pattern.lastIndex = pos;
    const match = pattern.exec(text);
    if (match) return [kind, match[0]];
  }
  return ["skip", undefined];
}

const show = (t: Token) => (t.kind === "end" ? "the end of the file" : t.kind === "string" ? t.text : quote(t.text));

function unexpected(t: Token, expected: string): CircuitParseError {
  return new CircuitParseError(t.line, `expected ${expected}, got ${show(t)}`);
}

class TokenReader {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(): Token {
    return this.tokens[this.index];
  }

  next(): Token {
    const t = this.tokens[this.index];
    if (t.kind !== "end") this.index++;
    return t;
  }

  /** Consumes the next token if it is the symbol `text`. */
  accept(text: string): boolean {
    const t = this.peek();
    if (t.kind !== "symbol" || t.text !== text) return false;
    this.index++;
    return true;
  }

  expect(text: string, context: string): void {
    const t = this.next();
    if (t.kind !== "symbol" || t.text !== text) throw unexpected(t, `${quote(text)} ${context}`);
  }

  name(what: string): Token {
    const t = this.next();
    if (t.kind !== "name") throw unexpected(t, what);
    return t;
  }

  integer(what: string): number {
    const t = this.next();
    if (t.kind !== "number" || !/^\d+$/.test(t.text)) throw unexpected(t, what);
    return Number(t.text);
  }
}

interface QasmGate {
  params: number;
  qubits: number;
  ops(wires: number[], params: number[]): ZXCircuitOp[];
}

const rotation = (gate: "RX" | "RY" | "RZ", wire: number, angle: number): ZXCircuitOp => ({ gate, wires: [wire], params: [angle] });
const fixed = (gate: "RX" | "RZ", angle: number): QasmGate => ({ params: 0, qubits: 1, ops: ([q]) => [rotation(gate, q, angle)] });
const parametrized = (gate: "RX" | "RY" | "RZ"): QasmGate => ({ params: 1, qubits: 1, ops: ([q], [a]) => [rotation(gate, q, a)] });
/** U(θ, φ, λ) = RZ(φ)·RY(θ)·RZ(λ) up to a global phase: RZ(λ), RY(θ), RZ(φ) in time order. */
const u3 = (q: number, theta: number, phi: number, lambda: number): ZXCircuitOp[] =>
  [rotation("RZ", q, lambda), rotation("RY", q, theta), rotation("RZ", q, phi)];

const PI = Math.PI;
const QASM_GATES: Record<string, QasmGate> = {
  id: { params: 0, qubits: 1, ops: () => [] },
  h: { params: 0, qubits: 1, ops: ([q]) => [{ gate: "H", wires: [q] }] },
  x: fixed("RX", PI),
  y: { params: 0, qubits: 1, ops: ([q]) => [rotation("RZ", q, PI), rotation("RX", q, PI)] },
  z: fixed("RZ", PI),
  s: fixed("RZ", PI / 2),
  sdg: fixed("RZ", -PI / 2),
  t: fixed("RZ", PI / 4),
  tdg: fixed("RZ", -PI / 4),
  rx: parametrized("RX"),
  ry: parametrized("RY"),
  rz: parametrized("RZ"),
  u1: parametrized("RZ"),
  p: parametrized("RZ"),
  u2: { params: 2, qubits: 1, ops: ([q], [phi, lambda]) => u3(q, PI / 2, phi, lambda) },
  u3: { params: 3, qubits: 1, ops: ([q], [theta, phi, lambda]) => u3(q, theta, phi, lambda) },
  U: { params: 3, qubits: 1, ops: ([q], [theta, phi, lambda]) => u3(q, theta, phi, lambda) },
  cx: { params: 0, qubits: 2, ops: ([c, t]) => [{ gate: "CNOT", wires: [c, t] }] },
  CX: { params: 0, qubits: 2, ops: ([c, t]) => [{ gate: "CNOT", wires: [c, t] }] },
  cz: { params: 0, qubits: 2, ops: ([a, b]) => [{ gate: "CZ", wires: [a, b] }] },
  swap: { params: 0, qubits: 2, ops: ([a, b]) => swap(a, b) },
  ccx: { params: 0, qubits: 3, ops: ([a, b, t]) => multiControlledX([a, b], t) },
};

/** The names of the gates parseQasm reads. */
export const QASM_GATE_NAMES = Object.keys(QASM_GATES);

const UNSUPPORTED: Record<string, string> = {
  reset: "only unitary circuits are read",
  if: "classically controlled gates are not unitary",
  gate: "custom gate definitions are not read; inline them",
  opaque: "opaque gates have no definition",
};

interface QasmState {
  wires: number;
  registers: Map<string, { offset: number; size: number }>;
  ops: ZXCircuitOp[];
  /** Statements left out, by keyword: how many and the first line. */
  ignored: Map<string, { count: number; line: number }>;
}

/** Reads an OpenQASM 2.0 program; throws CircuitParseError naming the line and token of the first problem. */
export function parseQasm(text: string): ParsedCircuit {
  const tokens = new TokenReader(tokenize(text));
  const state: QasmState = { wires: 0, registers: new Map(), ops: [], ignored: new Map() };
  if (tokens.peek().text === "OPENQASM") header(tokens);
  while (tokens.peek().kind !== "end") statement(tokens, state);
  if (state.wires === 0) throw new CircuitParseError(tokens.peek().line, "no qreg declared");
  const notes = [...state.ignored].map(([keyword, { count, line }]) =>
    `ignored ${count} ${quote(keyword)} statement${count === 1 ? "" : "s"} (first on line ${line}): only the unitary part is read`);
  return { circuit: { wires: state.wires, ops: state.ops }, notes };
}

function header(tokens: TokenReader): void {
  tokens.next();
  const version = tokens.next();
  if (version.kind !== "number" || Number(version.text) !== 2) {
    throw new CircuitParseError(version.line, `only OpenQASM 2.0 is read, got version ${show(version)}`);
  }
  tokens.expect(";", "after the version");
}

function statement(tokens: TokenReader, state: QasmState): void {
  const t = tokens.name("a statement");
  if (Object.hasOwn(UNSUPPORTED, t.text)) throw new CircuitParseError(t.line, `${quote(t.text)} is not supported: ${UNSUPPORTED[t.text]}`);
  switch (t.text) {
    case "OPENQASM": throw new CircuitParseError(t.line, `${quote(t.text)} must be the first statement`);
    case "include": return include(tokens);
    case "qreg": return declareQreg(tokens, state);
    case "creg": registerDeclaration(tokens); return ignore(state, t);
    case "measure": case "barrier": skipStatement(tokens); return ignore(state, t);
    default: return applyGate(tokens, state, t);
  }
}

function include(tokens: TokenReader): void {
  const file = tokens.next();
  if (file.kind !== "string") throw unexpected(file, "a file name in quotes");
  if (file.text !== '"qelib1.inc"') throw new CircuitParseError(file.line, `only "qelib1.inc" can be included, got ${file.text}`);
  tokens.expect(";", "after the include");
}

function registerDeclaration(tokens: TokenReader): { name: Token; size: number } {
  const name = tokens.name("a register name");
  tokens.expect("[", "after the register name");
  const size = tokens.integer("a register size");
  tokens.expect("]", "after the register size");
  tokens.expect(";", "after the register");
  return { name, size };
}

function declareQreg(tokens: TokenReader, state: QasmState): void {
  const { name, size } = registerDeclaration(tokens);
  if (state.registers.has(name.text)) throw new CircuitParseError(name.line, `register ${quote(name.text)} is declared twice`);
  if (size === 0) throw new CircuitParseError(name.line, `register ${quote(name.text)} has no qubits`);
  state.registers.set(name.text, { offset: state.wires, size });
  state.wires += size;
}

function skipStatement(tokens: TokenReader): void {
  while (!tokens.accept(";")) {
    const t = tokens.next();
    if (t.kind === "end") throw unexpected(t, quote(";"));
  }
}

function ignore(state: QasmState, keyword: Token): void {
  const seen = state.ignored.get(keyword.text);
  state.ignored.set(keyword.text, { count: (seen?.count ?? 0) + 1, line: seen?.line ?? keyword.line });
}

function applyGate(tokens: TokenReader, state: QasmState, name: Token): void {
  if (!Object.hasOwn(QASM_GATES, name.text)) throw new CircuitParseError(name.line, `unsupported gate ${quote(name.text)}`);
  const gate = QASM_GATES[name.text];
  const params = tokens.accept("(") ? parameterList(tokens) : [];
  const args = argumentList(tokens, state);
  const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
  if (params.length !== gate.params) {
    throw new CircuitParseError(name.line, `gate ${quote(name.text)} takes ${plural(gate.params, "parameter")}, got ${params.length}`);
  }
  if (args.length !== gate.qubits) {
    throw new CircuitParseError(name.line, `gate ${quote(name.text)} takes ${plural(gate.qubits, "qubit")}, got ${args.length}`);
  }
  for (const wires of applications(args, name)) state.ops.push(...gate.ops(wires, params));
}

function parameterList(tokens: TokenReader): number[] {
  const params: number[] = [];
  if (tokens.accept(")")) return params;
  do {
    const line = tokens.peek().line;
    const value = sum(tokens);
    if (!Number.isFinite(value)) throw new CircuitParseError(line, "a parameter is not a finite number");
    params.push(value);
  } while (tokens.accept(","));
  tokens.expect(")", "after the parameters");
  return params;
}

/** The wires of each argument: one for `q[i]`, all of the register for `q`. */
function argumentList(tokens: TokenReader, state: QasmState): number[][] {
  const args: number[][] = [];
  do args.push(argument(tokens, state));
  while (tokens.accept(","));
  tokens.expect(";", "after the gate's qubits");
  return args;
}

function argument(tokens: TokenReader, state: QasmState): number[] {
  const name = tokens.name("a qubit");
  const register = state.registers.get(name.text);
  if (!register) throw new CircuitParseError(name.line, `unknown quantum register ${quote(name.text)}`);
  if (!tokens.accept("[")) return Array.from({ length: register.size }, (_, i) => register.offset + i);
  const index = tokens.integer("a qubit index");
  tokens.expect("]", "after the qubit index");
  if (index >= register.size) throw new CircuitParseError(name.line, `${name.text}[${index}] is out of range (${quote(name.text)} has ${register.size} qubits)`);
  return [register.offset + index];
}

/** One wire list per application: whole registers (all of one size) go qubit by qubit, single qubits repeat. */
function applications(args: number[][], name: Token): number[][] {
  const size = Math.max(...args.map((a) => a.length));
  if (args.some((a) => a.length !== 1 && a.length !== size)) throw new CircuitParseError(name.line, `gate ${quote(name.text)} on registers of different sizes`);
  return Array.from({ length: size }, (_, k) => {
    const wires = args.map((a) => (a.length === 1 ? a[0] : a[k]));
    if (new Set(wires).size !== wires.length) throw new CircuitParseError(name.line, `gate ${quote(name.text)} uses the same qubit twice`);
    return wires;
  });
}

const FUNCTIONS: Record<string, (x: number) => number> = { sin: Math.sin, cos: Math.cos, tan: Math.tan, exp: Math.exp, ln: Math.log, sqrt: Math.sqrt };

/** An angle: numbers, pi, + − * / ^, parentheses and qelib's functions (sin, cos, tan, exp, ln, sqrt). */
function sum(tokens: TokenReader): number {
  let value = product(tokens);
  for (;;) {
    if (tokens.accept("+")) value += product(tokens);
    else if (tokens.accept("-")) value -= product(tokens);
    else return value;
  }
}

function product(tokens: TokenReader): number {
  let value = signed(tokens);
  for (;;) {
    if (tokens.accept("*")) value *= signed(tokens);
    else if (tokens.accept("/")) value /= signed(tokens);
    else return value;
  }
}

function signed(tokens: TokenReader): number {
  if (tokens.accept("-")) return -signed(tokens);
  if (tokens.accept("+")) return signed(tokens);
  const base = atom(tokens);
  return tokens.accept("^") ? base ** signed(tokens) : base;
}

function atom(tokens: TokenReader): number {
  const t = tokens.next();
  if (t.kind === "number") return Number(t.text);
  if (t.kind === "name" && t.text === "pi") return Math.PI;
  if (t.kind === "symbol" && t.text === "(") {
    const value = sum(tokens);
    tokens.expect(")", "to close the parenthesis");
    return value;
  }
  if (t.kind === "name" && Object.hasOwn(FUNCTIONS, t.text)) {
    tokens.expect("(", `after ${quote(t.text)}`);
    const value = sum(tokens);
    tokens.expect(")", `to close ${quote(t.text)}(`);
    return FUNCTIONS[t.text](value);
  }
  throw unexpected(t, "a number, pi or a parenthesis in an angle");
}

/** Single-qubit names for RZ(kπ/4) (each up to a global phase), k as quarterTurns gives it. */
const QUARTER_TURN_NAMES: Record<number, string> = { 1: "t", 2: "s", 4: "z", [-1]: "tdg", [-2]: "sdg" };

/**
 * A circuit as an OpenQASM 2.0 program on one register `q` (qelib1.inc gates, each equal to the op up to a
 * global phase): RZ by a multiple of π/4 as t, s, z, sdg, tdg or rz(k*pi/4), other angles with all their
 * digits; Rot(φ, θ, ω) = u3(θ, ω, φ). Symbolic parameters cannot be written (throws).
 */
export function toQasm(c: ZXCircuit): string {
  const lines = ["OPENQASM 2.0;", 'include "qelib1.inc";', `qreg q[${c.wires}];`];
  for (const op of c.ops) lines.push(qasmStatement(op));
  return lines.join("\n") + "\n";
}

function qasmStatement(op: ZXCircuitOp): string {
  const qubits = op.wires.map((w) => `q[${w}]`).join(",");
  const p = (op.params ?? []).map(concreteAngle);
  switch (op.gate) {
    case "H": return `h ${qubits};`;
    case "CNOT": return `cx ${qubits};`;
    case "CZ": return `cz ${qubits};`;
    case "RX": return `rx(${angleText(p[0])}) ${qubits};`;
    case "RY": return `ry(${angleText(p[0])}) ${qubits};`;
    case "RZ": {
      const k = quarterTurns(p[0]);
      return k !== undefined && Object.hasOwn(QUARTER_TURN_NAMES, k) ? `${QUARTER_TURN_NAMES[k]} ${qubits};` : `rz(${angleText(p[0])}) ${qubits};`;
    }
    case "Rot": return `u3(${[p[1], p[2], p[0]].map(angleText).join(",")}) ${qubits};`;
  }
}

function concreteAngle(a: Angle): number {
  if (typeof a === "string") throw new Error(`toQasm: the symbolic parameter ${quote(a)} cannot be written in OpenQASM 2.0`);
  return a;
}

/** k in −3..4 when the angle is k·π/4 modulo 2π (Phase.fromRadians' tolerance), else undefined. */
function quarterTurns(angle: number): number | undefined {
  const phase = Phase.fromRadians(angle);
  if (!phase.isExact()) return undefined;
  const k = (phase.constant.num * 4) / phase.constant.den;
  return k > 4 ? k - 8 : k;
}

function angleText(angle: number): string {
  const k = quarterTurns(angle);
  if (k === undefined) return String(angle);
  if (k === 0) return "0";
  const sign = k < 0 ? "-" : "";
  const n = Math.abs(k);
  return n === 4 ? `${sign}pi` : n === 2 ? `${sign}pi/2` : `${sign}${n === 1 ? "" : `${n}*`}pi/4`;
}
