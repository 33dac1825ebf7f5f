import { test } from "node:test";
import assert from "node:assert/strict";
import { Phase, Rational } from "../../lib/zx";

test("Rational normalises sign and gcd, and reduces mod 2", () => {
  assert.equal(Rational.of(6, -8).toString(), "-3/4");
  assert.equal(Rational.of(1, 2).add(Rational.of(1, 3)).toString(), "5/6");
  assert.equal(Rational.of(-1, 4).mod2().toString(), "7/4");
  assert.equal(Rational.of(9, 4).mod2().toString(), "1/4");
  assert.throws(() => Rational.of(1, 0));
});

test("Phase.fromRadians snaps to k·π/4 within 1e-12, otherwise keeps a generic angle", () => {
  assert.ok(Phase.fromRadians(Math.PI / 4).equals(Phase.ofPi(1, 4)));
  assert.ok(Phase.fromRadians(-Math.PI / 2 + 5e-13).equals(Phase.ofPi(3, 2)));
  assert.ok(Phase.fromRadians(3 * Math.PI).equals(Phase.ofPi(1)));
  const generic = Phase.fromRadians(0.3);
  assert.equal(generic.isExact(), false);
  assert.equal(generic.isClifford(), false);
  assert.equal(generic.value(), 0.3);
  assert.equal(Phase.fromRadians(Math.PI / 4 + 1e-9).isExact(), false);
});

test("Clifford classes: symbolic and generic phases are never Pauli or Clifford", () => {
  assert.ok(Phase.ofPi(1).isPauli() && Phase.ZERO.isPauli());
  assert.ok(Phase.ofPi(1, 2).isClifford() && Phase.ofPi(1, 2).isProperClifford() && !Phase.ofPi(1, 2).isPauli());
  assert.ok(Phase.ofPi(3, 4).isOddQuarter() && !Phase.ofPi(1, 2).isOddQuarter());
  const x = Phase.symbol("x");
  assert.ok(!x.isPauli() && !x.isClifford() && !x.isOddQuarter() && !x.isConcrete());
  assert.ok(!x.add(Phase.ofPi(1, 2)).isClifford());
});

test("symbolic arithmetic keeps exact coefficients and cancels", () => {
  const p = Phase.symbol("x").add(Phase.symbol("w", Rational.of(1, 2))).add(Phase.ofPi(-1, 2));
  assert.deepEqual(p.symbols(), ["w", "x"]);
  assert.equal(p.toString(), "w/2 + x - π/2");
  assert.ok(p.sub(p).isZero());
  assert.ok(p.add(p.neg()).equals(Phase.ZERO));
  assert.equal(Phase.symbol("x").neg().toString(), "-x");
  const angle = p.value({ x: 1, w: 2 }); // equal to 1 + 1 − π/2 modulo 2π (the constant is kept in [0, 2π))
  assert.ok(Math.abs(Math.cos(angle) - Math.cos(2 - Math.PI / 2)) < 1e-12 && Math.abs(Math.sin(angle) - Math.sin(2 - Math.PI / 2)) < 1e-12);
  assert.throws(() => p.value({ x: 1 }), /no value given for symbol "w"/);
});

test("toString shows constants in (−π, π]", () => {
  assert.equal(Phase.ofPi(3, 2).toString(), "-π/2");
  assert.equal(Phase.ofPi(1).toString(), "π");
  assert.equal(Phase.ofPi(1, 4).toString(), "π/4");
  assert.equal(Phase.ZERO.toString(), "0");
});

test("expi is exact at multiples of π/4 and follows value() elsewhere", () => {
  assert.deepEqual(Phase.ofPi(1).expi(), [-1, 0]);
  assert.deepEqual(Phase.ofPi(3, 2).expi(), [0, -1]);
  assert.deepEqual(Phase.ofPi(1, 4).expi(), [Math.SQRT1_2, Math.SQRT1_2]);
  const p = Phase.symbol("x").add(Phase.ofPi(1));
  assert.deepEqual(p.expi({ x: 0.3 }), [Math.cos(p.value({ x: 0.3 })), Math.sin(p.value({ x: 0.3 }))]);
});
