import { Rational } from "./rational";

/** Values for symbols: each symbol stands for an angle in radians. */
export type SymbolValues = Readonly<Record<string, number>>;

/**
 * The phase of a spider, as an angle in radians:
 *
 *     phase = π·constant + numeric + Σ_s coeff_s · θ_s
 *
 * - `constant` is an exact rational in [0, 2) (PyZX's Fraction phases, units of π);
 * - `numeric` is a generic angle in radians that is not a multiple of π/4 (only used for concrete circuits
 *   whose angles are arbitrary floats; such a phase is never Clifford);
 * - `terms` are named symbols with exact rational coefficients. A symbol `s` stands for an angle θ_s in
 *   radians, so RZ(θ) gives the Z spider with phase `1·θ`. (PyZX measures phases in units of π, so its Poly
 *   variable for the same gate would be θ/π; keeping the variable in radians means substituting a circuit's
 *   parameter values needs no conversion.)
 *
 * Phases are immutable. A phase with any symbol or a nonzero numeric part is treated as non-Clifford by every
 * rewrite: it can be moved (fused, gadgetized) but never pivoted or complemented away, as PyZX does with Poly.
 */
export class Phase {
  private constructor(
    readonly constant: Rational,
    readonly numeric: number,
    readonly terms: ReadonlyArray<readonly [string, Rational]>,
  ) {}

  static readonly ZERO = new Phase(Rational.ZERO, 0, []);

  /** The exact phase (num/den)·π. */
  static ofPi(num: number, den = 1): Phase {
    return new Phase(Rational.of(num, den).mod2(), 0, []);
  }

  /** The symbolic phase coeff·θ_name (θ_name in radians). */
  static symbol(name: string, coeff: Rational = Rational.ONE): Phase {
    return coeff.isZero() ? Phase.ZERO : new Phase(Rational.ZERO, 0, [[name, coeff]]);
  }

  /** A generic numeric angle in radians, kept as a float (never Clifford). */
  static numeric(radians: number): Phase {
    if (!Number.isFinite(radians)) throw new RangeError(`Phase: angle is not finite: ${radians}`);
    return new Phase(Rational.ZERO, radians, []);
  }

  /**
   * The phase of a concrete angle in radians: the exact k·π/4 when the angle is within `tolerance` of
   * k·π/4 (k integer), otherwise the generic numeric angle.
   */
  static fromRadians(radians: number, tolerance = 1e-12): Phase {
    if (!Number.isFinite(radians)) throw new RangeError(`Phase: angle is not finite: ${radians}`);
    const k = Math.round(radians / (Math.PI / 4));
    return Math.abs(radians - (k * Math.PI) / 4) <= tolerance ? Phase.ofPi(k, 4) : Phase.numeric(radians);
  }

  add(o: Phase): Phase {
    const coeffs = new Map<string, Rational>(this.terms.map(([s, c]) => [s, c]));
    for (const [s, c] of o.terms) coeffs.set(s, (coeffs.get(s) ?? Rational.ZERO).add(c));
    const terms = [...coeffs.entries()].filter(([, c]) => !c.isZero()).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return new Phase(this.constant.add(o.constant).mod2(), this.numeric + o.numeric, terms);
  }

  neg(): Phase {
    return new Phase(this.constant.neg().mod2(), -this.numeric || 0, this.terms.map(([s, c]) => [s, c.neg()] as const));
  }

  sub(o: Phase): Phase {
    return this.add(o.neg());
  }

  /** True when the phase is the exact number 0. */
  isZero(): boolean {
    return this.isExact() && this.constant.isZero();
  }

  /** No symbols (the phase has a value without substitution). */
  isConcrete(): boolean {
    return this.terms.length === 0;
  }

  /** An exact rational multiple of π (no symbol, no generic numeric part). */
  isExact(): boolean {
    return this.terms.length === 0 && this.numeric === 0;
  }

  /** 0 or π exactly. */
  isPauli(): boolean {
    return this.isExact() && this.constant.isInteger();
  }

  /** A multiple of π/2 exactly. */
  isClifford(): boolean {
    return this.isExact() && this.constant.den <= 2;
  }

  /** ±π/2 exactly (the phases local complementation removes). */
  isProperClifford(): boolean {
    return this.isExact() && this.constant.den === 2;
  }

  /** An odd multiple of π/4 exactly (a T-like phase, counted by the T-count). */
  isOddQuarter(): boolean {
    return this.isExact() && this.constant.den === 4;
  }

  /** The symbols this phase depends on, sorted. */
  symbols(): string[] {
    return this.terms.map(([s]) => s);
  }

  /** The angle in radians for the given symbol values. Throws if a symbol has no value. */
  value(values: SymbolValues = {}): number {
    let total = Math.PI * this.constant.toNumber() + this.numeric;
    for (const [s, c] of this.terms) {
      const v = values[s];
      if (typeof v !== "number") throw new Error(`Phase: no value given for symbol ${JSON.stringify(s)}`);
      total += c.toNumber() * v;
    }
    return total;
  }

  /**
   * e^{i·angle} as [cos, sin], exact at exact multiples of π/4 (no rounding of π, so that a scalar such as
   * 1 + e^{iπ} is exactly 0); otherwise from `value(values)`.
   */
  expi(values: SymbolValues = {}): readonly [number, number] {
    const { num, den } = this.constant;
    if (this.isExact() && 4 % den === 0) return QUARTER_TURN_EXPI[(num * 4) / den];
    const angle = this.value(values);
    return [Math.cos(angle), Math.sin(angle)];
  }

  equals(o: Phase): boolean {
    return (
      this.constant.equals(o.constant) &&
      this.numeric === o.numeric &&
      this.terms.length === o.terms.length &&
      this.terms.every(([s, c], i) => s === o.terms[i][0] && c.equals(o.terms[i][1]))
    );
  }

  /** Human-readable form, e.g. `π/4`, `-π/2`, `x0 - π/2`, `-w3`, `1.2346`. Constants are shown in (-π, π]. */
  toString(): string {
    const parts = this.terms.map(([s, c], i) => formatTerm(s, c, i === 0));
    const constant = this.constant.num > this.constant.den ? this.constant.sub(Rational.of(2)) : this.constant;
    if (this.numeric !== 0) {
      parts.push(formatNumber(this.numeric + Math.PI * constant.toNumber(), parts.length === 0));
    } else if (!constant.isZero() || parts.length === 0) {
      parts.push(formatPi(constant, parts.length === 0));
    }
    return parts.join("");
  }
}

/** e^{ikπ/4} for k = 0..7. */
const QUARTER_TURN_EXPI: ReadonlyArray<readonly [number, number]> = [
  [1, 0], [Math.SQRT1_2, Math.SQRT1_2], [0, 1], [-Math.SQRT1_2, Math.SQRT1_2],
  [-1, 0], [-Math.SQRT1_2, -Math.SQRT1_2], [0, -1], [Math.SQRT1_2, -Math.SQRT1_2],
];

function formatTerm(symbol: string, c: Rational, first: boolean): string {
  const sign = c.num < 0 ? (first ? "-" : " - ") : first ? "" : " + ";
  const n = Math.abs(c.num);
  return `${sign}${n === 1 ? "" : n}${symbol}${c.den === 1 ? "" : `/${c.den}`}`;
}

function formatPi(c: Rational, first: boolean): string {
  if (c.isZero()) return "0";
  const sign = c.num < 0 ? (first ? "-" : " - ") : first ? "" : " + ";
  const n = Math.abs(c.num);
  return `${sign}${n === 1 ? "" : n}π${c.den === 1 ? "" : `/${c.den}`}`;
}

function formatNumber(x: number, first: boolean): string {
  const sign = x < 0 ? (first ? "-" : " - ") : first ? "" : " + ";
  return `${sign}${Number(Math.abs(x).toFixed(4))}`;
}
