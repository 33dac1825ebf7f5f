import { ZXCircuitOp } from "./circuit";
import { CircuitParseError, ParsedCircuit, quote } from "./circuit-file";
import { multiControlledX, multiControlledZ } from "./decompose";

/**
 * Quipper's ASCII circuit format, as PyZX's `<name>_before` benchmark files (data/zx-benchmarks/QFT8.quipper and
 * QFT16.quipper, SOURCE.md there): a first line `Inputs: 0:Qbit, 1:Qbit, ...` (the wire ids, in wire order),
 * one gate per line, a last line `Outputs: ...` naming the same wires. Our own reader; PyZX's quipperparser.py
 * reads the same files. Gate lines:
 *
 *     QGate["not"](2) with controls=[+0,-1] with nocontrol     X on 2 if wire 0 is 1 and wire 1 is 0
 *     QGate["S"]*(0)                                             the inverse (adjoint) of S
 *     QRot["exp(-i%Z)",0.19634954084936207](3)                   e^{−iθZ} = RZ(2θ)
 *
 * Gates: H; not/X and Z with up to 3 controls (decompose.ts), `+w` controls on |1⟩ and `-w` on |0⟩ (X on that
 * wire before and after); S, T; QRot exp(-i%Z) and exp(i%Z) (RZ(2θ), RZ(−2θ)); a trailing `*` inverts a gate.
 * `Comment[...]` lines and `with nocontrol` (Quipper's "not controllable" flag) are ignored. Anything else
 * (QInit, QTerm, measurements, subroutines, other gate names) is an error naming its line and token.
 */

/** Gates with controls take at most this many (as qc.ts: three controls give RZ(±π/8) rotations). */
const MAX_CONTROLS = 3;
/** Angles within this of k·π/2^m (m ≤ MAX_DYADIC_EXPONENT) are read as exactly k·π/2^m (see `dyadic`). */
const DYADIC_TOLERANCE = 1e-12;
const MAX_DYADIC_EXPONENT = 30;

interface Token {
  kind: "name" | "string" | "number" | "punct";
  text: string;
}

interface Control {
  wire: number;
  positive: boolean;
}

interface GateKind {
  maxControls: number;
  ops(target: number, controls: number[], inverse: boolean): ZXCircuitOp[];
}

const rz = (wire: number, angle: number): ZXCircuitOp => ({ gate: "RZ", wires: [wire], params: [angle] });
const phaseGate = (angle: number): GateKind => ({ maxControls: 0, ops: (t, _c, inverse) => [rz(t, inverse ? -angle : angle)] });

const QGATES: Record<string, GateKind> = {
  H: { maxControls: 0, ops: (t) => [{ gate: "H", wires: [t] }] },
  not: { maxControls: MAX_CONTROLS, ops: (t, c) => multiControlledX(c, t) },
  X: { maxControls: MAX_CONTROLS, ops: (t, c) => multiControlledX(c, t) },
  Z: { maxControls: MAX_CONTROLS, ops: (t, c) => multiControlledZ([...c, t]) },
  S: phaseGate(Math.PI / 2),
  T: phaseGate(Math.PI / 4),
};

/** QRot names: the sign s of exp(s·i·θ·Z) = RZ(−2sθ). */
const QROTS: Record<string, number> = { "exp(-i%Z)": -1, "exp(i%Z)": 1 };

/** The gate names parseQuipper reads: QGate names, then QRot names. */
export const QUIPPER_GATE_NAMES = [...Object.keys(QGATES), ...Object.keys(QROTS)];

/** What the reader rounded or decomposed, for the notes. */
interface Counts {
  rounded: number;
  manyControls: number;
}

/** Reads a Quipper ASCII circuit; throws CircuitParseError naming the line and token of the first problem. */
export function parseQuipper(text: string): ParsedCircuit {
  const lines = text.split("\n").map((raw, i) => ({ line: i + 1, raw: raw.trim() })).filter((l) => l.raw.length > 0);
  const { ids, last } = frame(lines);
  const wires = new Map(ids.map((id, i) => [id, i]));
  const counts: Counts = { rounded: 0, manyControls: 0 };
  const ops = lines.slice(1, last).flatMap((l) => lineOps(new Reader(l.line, l.raw), wires, counts));
  const notes = [
    ...(counts.rounded > 0 ? [`${counts.rounded} QRot angles within ${DYADIC_TOLERANCE} of a multiple of π/2^m were read as exactly that multiple`] : []),
    ...(counts.manyControls > 0 ? [`${counts.manyControls} gates with 3 controls decomposed without ancillas into RZ(±π/8) rotations: not Clifford+T, not in t_count`] : []),
  ];
  return { circuit: { wires: ids.length, ops }, notes };
}

/** The first line (`Inputs:`, its wire ids) and the index of the last (`Outputs:`, the same ids). */
function frame(lines: { line: number; raw: string }[]): { ids: number[]; last: number } {
  if (lines.length === 0 || !lines[0].raw.startsWith("Inputs:")) {
    throw new CircuitParseError(lines[0]?.line ?? 1, `expected ${quote("Inputs:")}, found ${lines.length === 0 ? "an empty file" : quote(firstWord(lines[0].raw))}`);
  }
  const last = lines.findIndex((l) => l.raw.startsWith("Outputs:"));
  if (last < 0) throw new CircuitParseError(lines[lines.length - 1].line, `no ${quote("Outputs:")} line`);
  if (last + 1 < lines.length) throw new CircuitParseError(lines[last + 1].line, `unexpected ${quote(firstWord(lines[last + 1].raw))} after ${quote("Outputs:")}`);
  const ids = wireList(new Reader(lines[0].line, lines[0].raw));
  const outputs = new Reader(lines[last].line, lines[last].raw);
  if (wireList(outputs).join() !== ids.join()) outputs.fail(`the outputs differ from the inputs (${ids.join(", ")}): ancillas are not supported`);
  return { ids, last };
}

function firstWord(raw: string): string {
  return raw.split(/[\s[(]/)[0];
}

const TOKEN = /\s*(?:("[^"]*")|(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|([[\](),*=:+-]))/y;

/** The tokens of one line, read left to right, with errors naming the line and the token. */
class Reader {
  private readonly tokens: Token[] = [];
  private pos = 0;

  constructor(readonly line: number, raw: string) {
    TOKEN.lastIndex = 0;
    while (TOKEN.lastIndex < raw.length) {
      const start = TOKEN.lastIndex;
      const m = TOKEN.exec(raw);
      if (!m) throw new CircuitParseError(line, `unexpected ${quote(raw.slice(start).trim().split(/\s/)[0])}`);
      const kind = m[1] ? "string" : m[2] ? "number" : m[3] ? "name" : "punct";
      this.tokens.push({ kind, text: kind === "string" ? m[1].slice(1, -1) : m[0].trim() });
    }
  }

  peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  next(): Token {
    const t = this.tokens[this.pos];
    if (!t) this.fail("unexpected end of line");
    this.pos++;
    return t;
  }

  /** Consumes the token if it is `text`. */
  accept(text: string): boolean {
    const t = this.peek();
    if (t !== undefined && (t.kind === "punct" || t.kind === "name") && t.text === text) {
      this.pos++;
      return true;
    }
    return false;
  }

  expect(text: string): void {
    if (!this.accept(text)) this.fail(`expected ${quote(text)}, found ${this.describe()}`);
  }

  take(kind: Token["kind"]): string {
    if (this.peek()?.kind !== kind) this.fail(`expected a ${kind}, found ${this.describe()}`);
    return this.next().text;
  }

  end(): void {
    if (this.peek()) this.fail(`unexpected ${quote(this.next().text)}`);
  }

  /** The current token as messages show it. */
  describe(): string {
    const t = this.peek();
    return t ? quote(t.text) : "the end of the line";
  }

  fail(detail: string): never {
    throw new CircuitParseError(this.line, detail);
  }
}

/** `Inputs:` / `Outputs:` followed by `id:Qbit` items (or `none`): the ids in order. */
function wireList(r: Reader): number[] {
  r.next();
  r.expect(":");
  const ids: number[] = [];
  if (r.accept("none")) {
    r.end();
    return ids;
  }
  do {
    if (ids.length > 0 && !r.peek()) break; // a trailing comma
    const id = wireId(r);
    if (ids.includes(id)) r.fail(`wire ${id} is listed twice`);
    r.expect(":");
    const type = r.describe();
    if (!r.accept("Qbit")) r.fail(`unsupported wire type ${type} (only Qbit)`);
    ids.push(id);
  } while (r.accept(","));
  r.end();
  return ids;
}

function wireId(r: Reader): number {
  const text = r.describe();
  const id = Number(r.take("number"));
  if (!Number.isInteger(id)) r.fail(`expected a wire number, found ${text}`);
  return id;
}

function lineOps(r: Reader, wires: Map<number, number>, counts: Counts): ZXCircuitOp[] {
  const head = r.describe();
  const keyword = r.take("name");
  if (keyword === "Comment") return [];
  if (keyword === "QRot") return qrot(r, wires, counts);
  if (keyword !== "QGate") r.fail(`unsupported ${head}`);
  r.expect("[");
  const nameToken = r.describe();
  const name = r.take("string");
  r.expect("]");
  if (!Object.hasOwn(QGATES, name)) r.fail(`unsupported gate ${nameToken}`);
  const inverse = r.accept("*");
  const target = targetWire(r, wires);
  const controls = modifiers(r, wires, target);
  const gate = QGATES[name];
  if (controls.length > gate.maxControls) r.fail(`${nameToken} takes at most ${gate.maxControls} controls, got ${controls.length}`);
  if (controls.length === MAX_CONTROLS) counts.manyControls++;
  const flips = controls.filter((c) => !c.positive).flatMap((c) => multiControlledX([], c.wire));
  return [...flips, ...gate.ops(target, controls.map((c) => c.wire), inverse), ...flips];
}

/** `["exp(-i%Z)",θ]`, an optional `*`, the target: RZ(∓2θ), the angle read as in `dyadic`. */
function qrot(r: Reader, wires: Map<number, number>, counts: Counts): ZXCircuitOp[] {
  r.expect("[");
  const nameToken = r.describe();
  const name = r.take("string");
  if (!Object.hasOwn(QROTS, name)) r.fail(`unsupported rotation ${nameToken}`);
  r.expect(",");
  const sign = r.accept("-") ? -1 : 1;
  const theta = sign * Number(r.take("number"));
  r.expect("]");
  const inverse = r.accept("*");
  const target = targetWire(r, wires);
  if (modifiers(r, wires, target).length > 0) r.fail(`controlled ${quote("QRot")} is not supported`);
  const angle = -2 * QROTS[name] * theta * (inverse ? -1 : 1);
  const exact = dyadic(angle);
  if (exact !== angle) counts.rounded++;
  return [rz(target, exact)];
}

/**
 * `angle` replaced by k·π/2^m when within DYADIC_TOLERANCE of it (smallest such m ≤ MAX_DYADIC_EXPONENT), else
 * unchanged. Quipper prints θ and −θ of a controlled rotation one bit apart (e.g. 0.19634954084936207 and
 * −0.1963495408493621); read as they are, a rotation and its inverse would fuse to a tiny nonzero generic phase,
 * which no rewrite treats as 0. Rounded, they cancel exactly, and π/4 multiples become exact phases (phase.ts).
 */
function dyadic(angle: number): number {
  for (let m = 0; m <= MAX_DYADIC_EXPONENT; m++) {
    const k = Math.round((angle / Math.PI) * 2 ** m);
    const exact = (k / 2 ** m) * Math.PI;
    if (Math.abs(angle - exact) <= DYADIC_TOLERANCE) return exact;
  }
  return angle;
}

/** `(w)`: one target wire (the gates read here act on one wire). */
function targetWire(r: Reader, wires: Map<number, number>): number {
  r.expect("(");
  const wire = wireIndex(r, wires);
  if (r.peek()?.text === ",") r.fail(`expected one target wire, found ${quote(",")}`);
  r.expect(")");
  return wire;
}

function wireIndex(r: Reader, wires: Map<number, number>): number {
  const text = r.describe();
  const wire = wires.get(wireId(r));
  if (wire === undefined) r.fail(`unknown wire ${text} (not in ${quote("Inputs:")})`);
  return wire;
}

/** The `with controls=[+a,-b]` and `with nocontrol` clauses to the end of the line: the controls. */
function modifiers(r: Reader, wires: Map<number, number>, target: number): Control[] {
  const controls: Control[] = [];
  while (r.accept("with")) {
    if (r.accept("nocontrol")) continue;
    r.expect("controls");
    r.expect("=");
    r.expect("[");
    do controls.push(control(r, wires)); while (r.accept(","));
    r.expect("]");
  }
  r.end();
  const used = [target, ...controls.map((c) => c.wire)];
  if (new Set(used).size !== used.length) r.fail("a gate uses a wire twice");
  return controls;
}

function control(r: Reader, wires: Map<number, number>): Control {
  const sign = r.describe();
  const positive = r.accept("+");
  if (!positive && !r.accept("-")) r.fail(`expected a control ${quote("+w")} or ${quote("-w")}, found ${sign}`);
  return { wire: wireIndex(r, wires), positive };
}
