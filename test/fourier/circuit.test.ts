import assert from "node:assert/strict";
import { test } from "node:test";
import { FourierError, circuitFourier, coefficient, encodingCounts, evaluateSeries, frequencyVectors } from "../../lib/fourier";
import {
  Circuit, branchWeightCount, buildCircuit, forward, hqnnBranchCircuit, input, mulberry32, uniform, weight,
} from "../../lib/quantum";

const close = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

const RX_CIRCUIT = buildCircuit(1, [{ gate: "RX", wires: [0], params: [input(0)] }],
  [{ pauli: "X", wire: 0 }, { pauli: "Y", wire: 0 }, { pauli: "Z", wire: 0 }]);

const BRANCH = hqnnBranchCircuit({ nQubits: 5, nLayers: 3 });
const branchWeights = (seed: number) => uniform(mulberry32(seed), branchWeightCount({ nQubits: 5, nLayers: 3 }), 0, 2 * Math.PI);

test("RX(x)|0>: <Z> = cos x has c±1 = 1/2, c0 = 0; <Y> = -sin x has c+1 = -i/2, c-1 = +i/2 (f = Σ c_ω e^{-iωx}); <X> = 0", () => {
  const [x, y, z] = circuitFourier(RX_CIRCUIT, { weights: [], inputs: [0], degree: 1 });
  const expected = {
    z: { "-1": [0.5, 0], "0": [0, 0], "1": [0.5, 0] },
    y: { "-1": [0, 0.5], "0": [0, 0], "1": [0, -0.5] },
    x: { "-1": [0, 0], "0": [0, 0], "1": [0, 0] },
  };
  for (const [name, series] of [["x", x], ["y", y], ["z", z]] as const) {
    for (const w of [-1, 0, 1]) {
      const c = coefficient(series, [w]), [re, im] = expected[name][String(w) as "-1" | "0" | "1"];
      close(c.re, re, 1e-15, `Re c${w} of <${name.toUpperCase()}>`);
      close(c.im, im, 1e-15, `Im c${w} of <${name.toUpperCase()}>`);
    }
  }
});

test("sampling above the encoding degree: the extra frequencies vanish and the rest are unchanged", () => {
  const w = branchWeights(1);
  const exact = circuitFourier(BRANCH, { weights: w, inputs: [0, 3], degree: 1 });
  const wide = circuitFourier(BRANCH, { weights: w, inputs: [0, 3], degree: 3 });
  let nonzero = 0;
  wide.forEach((series, o) => {
    frequencyVectors(2, 3).forEach((f) => {
      const c = coefficient(series, f);
      if (f.some((v) => Math.abs(v) > 1)) {
        close(Math.hypot(c.re, c.im), 0, 1e-15, `|c${f}| of output ${o}`);
      } else {
        const e = coefficient(exact[o], f);
        close(c.re, e.re, 1e-15, `Re c${f}`);
        close(c.im, e.im, 1e-15, `Im c${f}`);
        if (Math.hypot(c.re, c.im) > 1e-3) nonzero++;
      }
    });
  });
  assert.ok(nonzero > 20, "the degree-1 coefficients are not all trivially zero");
});

test("an input encoded twice reaches frequency 2 and no further", () => {
  const circuit = buildCircuit(2, [
    { gate: "RY", wires: [0], params: [input(0)] }, { gate: "Rot", wires: [0], params: [weight(0), weight(1), weight(2)] },
    { gate: "CNOT", wires: [0, 1], params: [] }, { gate: "RX", wires: [0], params: [input(0)] }, { gate: "RY", wires: [1], params: [input(1)] },
    { gate: "Rot", wires: [0], params: [weight(3), weight(4), weight(5)] },
  ], [{ pauli: "Z", wire: 0 }, { pauli: "Y", wire: 1 }]);
  assert.deepEqual(encodingCounts(circuit), [2, 1]);
  const [s] = circuitFourier(circuit, { weights: [0.3, 1.1, -0.7, 2.0, 0.4, 0.9], inputs: [0], baseInputs: [0, 0.5], degree: 3 });
  close(Math.hypot(coefficient(s, [3]).re, coefficient(s, [3]).im), 0, 1e-15, "|c3|");
  assert.ok(Math.hypot(coefficient(s, [2]).re, coefficient(s, [2]).im) > 1e-3, "c2 is reached");
});

test("the series reproduces the circuit's values at random points (three inputs, others fixed)", () => {
  const w = branchWeights(2), rand = mulberry32(3);
  const base = Array.from({ length: 5 }, () => 2 * Math.PI * rand());
  const chosen = [4, 1, 2];
  const series = circuitFourier(BRANCH, { weights: w, inputs: chosen, baseInputs: base, degree: 1 });
  for (let t = 0; t < 10; t++) {
    const x = chosen.map(() => 20 * rand() - 10);
    const point = base.slice();
    chosen.forEach((c, i) => { point[c] = x[i]; });
    const direct = forward(BRANCH, point, w, 1);
    series.forEach((s, o) => {
      const v = evaluateSeries(s, x);
      close(v.re, direct[o], 1e-13, `output ${o} at ${x}`);
      close(v.im, 0, 1e-13, "imaginary part");
    });
  }
});

test("real outputs give c(-ω) = conj(c(ω)) and a real c(0)", () => {
  for (const s of circuitFourier(BRANCH, { weights: branchWeights(4), inputs: [0, 1, 2], degree: 1 })) {
    const n = s.re.length;
    for (let i = 0; i < n; i++) {
      assert.ok(s.re[n - 1 - i] === s.re[i] && s.im[n - 1 - i] === -s.im[i], `index ${i}`); // exact, by construction
    }
    assert.ok(s.im[(n - 1) / 2] === 0);
  }
});

test("the separable DFT equals the direct N-dimensional sum c_ω = mean f(x_k) e^{+iω·x_k}", () => {
  const w = branchWeights(5), degree = 2, chosen = [0, 2];
  const [s] = circuitFourier(BRANCH, { weights: w, inputs: chosen, degree });
  const K = 2 * degree + 1, grid: { x: number[]; f: number }[] = [];
  for (let a = 0; a < K; a++) for (let b = 0; b < K; b++) {
    const x = [(2 * Math.PI * a) / K, (2 * Math.PI * b) / K];
    grid.push({ x, f: forward(BRANCH, [x[0], 0, x[1], 0, 0], w, 1)[0] });
  }
  frequencyVectors(2, degree).forEach((f) => {
    let re = 0, im = 0;
    for (const g of grid) { const phase = f[0] * g.x[0] + f[1] * g.x[1]; re += g.f * Math.cos(phase); im += g.f * Math.sin(phase); }
    const c = coefficient(s, f);
    close(c.re, re / grid.length, 1e-15, `Re c${f}`);
    close(c.im, im / grid.length, 1e-15, `Im c${f}`);
  });
});

test("bad options throw FourierError", () => {
  const w = branchWeights(6);
  const cases: [Circuit, object][] = [
    [BRANCH, { weights: w, inputs: [], degree: 1 }],
    [BRANCH, { weights: w, inputs: [5], degree: 1 }],
    [BRANCH, { weights: w, inputs: [1, 1], degree: 1 }],
    [BRANCH, { weights: w.slice(1), inputs: [0], degree: 1 }],
    [BRANCH, { weights: w, inputs: [0], baseInputs: [0, 0], degree: 1 }],
    [BRANCH, { weights: w, inputs: [0], degree: 1.5 }],
  ];
  for (const [circuit, opts] of cases) assert.throws(() => circuitFourier(circuit, opts as never), FourierError, JSON.stringify(opts));
});
