/**
 * Exact rational numbers n/d (d > 0, gcd(n, d) = 1) on JavaScript integers.
 * Phases in ZX rewriting only ever need small denominators (1, 2, 4 and sums of symbol coefficients),
 * so safe integers are plenty; an operation that would leave the safe range throws instead of rounding.
 */
export class Rational {
  private constructor(readonly num: number, readonly den: number) {}

  static readonly ZERO = new Rational(0, 1);
  static readonly ONE = new Rational(1, 1);

  static of(num: number, den = 1): Rational {
    if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den) || den === 0) {
      throw new RangeError(`Rational: bad value ${num}/${den}`);
    }
    const sign = den < 0 ? -1 : 1;
    const g = gcd(Math.abs(num), Math.abs(den)) || 1;
    return new Rational((sign * num) / g, Math.abs(den) / g);
  }

  add(o: Rational): Rational {
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }

  sub(o: Rational): Rational {
    return this.add(o.neg());
  }

  neg(): Rational {
    return new Rational(-this.num || 0, this.den);
  }

  mul(o: Rational): Rational {
    return Rational.of(this.num * o.num, this.den * o.den);
  }

  /** The representative of this number modulo 2 in [0, 2). */
  mod2(): Rational {
    const period = 2 * this.den;
    return Rational.of(((this.num % period) + period) % period, this.den);
  }

  isZero(): boolean {
    return this.num === 0;
  }

  isInteger(): boolean {
    return this.den === 1;
  }

  equals(o: Rational): boolean {
    return this.num === o.num && this.den === o.den;
  }

  toNumber(): number {
    return this.num / this.den;
  }

  toString(): string {
    return this.den === 1 ? `${this.num}` : `${this.num}/${this.den}`;
  }
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
