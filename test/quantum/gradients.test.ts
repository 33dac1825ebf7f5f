import assert from "node:assert/strict";
import { test } from "node:test";
import {
  Circuit, DIFF_METHODS, DiffMethod, buildCircuit, compileSpec, constant, forward, hqnnBranchCircuit, input, jacobian,
  mulberry32, specParams, uniform, vjp, weight,
} from "../../lib/quantum";
import { randomSpec } from "./reference";

/** Central finite differences of L = sum upstream * expvals with respect to inputs and weights. */
function finiteDifferenceVJP(circuit: Circuit, inputs: Float64Array, weights: Float64Array, batch: number, upstream: Float64Array, h = 1e-6) {
  const loss = (x: Float64Array, w: Float64Array) => forward(circuit, x, w, batch).reduce((a, v, i) => a + v * upstream[i], 0);
  const diff = (v: Float64Array, f: (u: Float64Array) => number) => Float64Array.from(v, (_, i) => {
    const p = v.slice(), m = v.slice();
    p[i] += h;
    m[i] -= h;
    return (f(p) - f(m)) / (2 * h);
  });
  return { gradInputs: diff(inputs, (x) => loss(x, weights)), gradWeights: diff(weights, (w) => loss(inputs, w)) };
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

/** A random spec compiled with a random subset of its parameters as inputs, and a batch of random inputs. */
function randomProblem(rand: () => number, nWires: number, nOps: number, batch: number) {
  const spec = randomSpec(rand, nWires, nOps);
  const inputParams = specParams(spec).flatMap((_, i) => (rand() < 0.4 ? [i] : []));
  const { circuit, weights } = compileSpec(spec, inputParams);
  const inputs = uniform(rand, batch * circuit.nInputs, -Math.PI, Math.PI);
  const upstream = uniform(rand, batch * circuit.observables.length, -1, 1);
  return { circuit, weights, inputs, upstream };
}

for (const method of DIFF_METHODS) {
  test(`${method}: VJP matches finite differences (inputs and weights, random circuits, batch 3)`, () => {
    const rand = mulberry32(101);
    for (let t = 0; t < 8; t++) {
      const { circuit, weights, inputs, upstream } = randomProblem(rand, 1 + (t % 5), 18, 3);
      const got = vjp(circuit, inputs, weights, 3, upstream, method);
      const fd = finiteDifferenceVJP(circuit, inputs, weights, 3, upstream);
      assert.ok(maxDiff(got.gradInputs, fd.gradInputs) < 1e-7, `inputs, circuit ${t}`);
      assert.ok(maxDiff(got.gradWeights, fd.gradWeights) < 1e-7, `weights, circuit ${t}`);
      assert.ok(maxDiff(got.expvals, forward(circuit, inputs, weights, 3)) < 1e-14, `expvals, circuit ${t}`);
    }
  });
}

test("the three methods agree to 1e-10 on random circuits up to 8 wires", () => {
  const rand = mulberry32(202);
  for (let t = 0; t < 14; t++) {
    const nWires = 1 + (t % 8), batch = 2 + (t % 3);
    const { circuit, weights, inputs, upstream } = randomProblem(rand, nWires, 24, batch);
    const [a, ...others] = DIFF_METHODS.map((m) => vjp(circuit, inputs, weights, batch, upstream, m));
    for (const o of others) {
      assert.ok(maxDiff(a.gradInputs, o.gradInputs) < 1e-10, `inputs, circuit ${t}`);
      assert.ok(maxDiff(a.gradWeights, o.gradWeights) < 1e-10, `weights, circuit ${t}`);
    }
  }
});

test("HQNN branch circuit: methods agree and match finite differences at batch 8", () => {
  const circuit = hqnnBranchCircuit({ nQubits: 5, nLayers: 3 });
  const rand = mulberry32(7);
  const batch = 8;
  const inputs = uniform(rand, batch * 5, -3, 3), weights = uniform(rand, 45, 0, 2 * Math.PI);
  const upstream = uniform(rand, batch * 5, -1, 1);
  const results = DIFF_METHODS.map((m) => vjp(circuit, inputs, weights, batch, upstream, m));
  const fd = finiteDifferenceVJP(circuit, inputs, weights, batch, upstream);
  for (const r of results) {
    assert.ok(maxDiff(r.gradInputs, fd.gradInputs) < 1e-7);
    assert.ok(maxDiff(r.gradWeights, fd.gradWeights) < 1e-7);
    assert.ok(maxDiff(r.gradInputs, results[0].gradInputs) < 1e-10);
    assert.ok(maxDiff(r.gradWeights, results[0].gradWeights) < 1e-10);
  }
});

test("batched VJP: input gradients per sample, weight gradients summed over the batch", () => {
  const rand = mulberry32(33);
  const { circuit, weights, inputs, upstream } = randomProblem(rand, 4, 20, 5);
  const nIn = circuit.nInputs, nObs = circuit.observables.length;
  for (const method of DIFF_METHODS) {
    const all = vjp(circuit, inputs, weights, 5, upstream, method);
    const summed = new Float64Array(circuit.nWeights);
    for (let b = 0; b < 5; b++) {
      const one = vjp(circuit, inputs.subarray(b * nIn, (b + 1) * nIn), weights, 1, upstream.subarray(b * nObs, (b + 1) * nObs), method);
      assert.ok(maxDiff(one.gradInputs, all.gradInputs.subarray(b * nIn, (b + 1) * nIn)) < 1e-14);
      one.gradWeights.forEach((g, j) => (summed[j] += g));
    }
    assert.ok(maxDiff(summed, all.gradWeights) < 1e-13, method);
  }
});

test("analytic derivatives: RX(x)|0> has d<Y>/dx = -cos x, d<Z>/dx = -sin x", () => {
  const circuit = buildCircuit(1, [{ gate: "RX", wires: [0], params: [input(0)] }], [{ pauli: "Y", wire: 0 }, { pauli: "Z", wire: 0 }]);
  for (const method of DIFF_METHODS) {
    for (const x of [-1.3, 0.2, 2.9]) {
      const j = jacobian(circuit, [x], [], method);
      assert.ok(Math.abs(j.wrtInputs[0][0] + Math.cos(x)) < 1e-14, `${method} Y at ${x}`);
      assert.ok(Math.abs(j.wrtInputs[1][0] + Math.sin(x)) < 1e-14, `${method} Z at ${x}`);
    }
  }
});

test("shared parameters add up their slots; constants get no gradient", () => {
  // weight 0 feeds two gates, input 0 feeds two gates (one inside the product prefix, one after a CNOT).
  const circuit = buildCircuit(2, [
    { gate: "RY", wires: [0], params: [input(0)] },
    { gate: "Rot", wires: [1], params: [weight(0), constant(0.3), weight(1)] },
    { gate: "CNOT", wires: [0, 1], params: [] },
    { gate: "RX", wires: [1], params: [weight(0)] },
    { gate: "RZ", wires: [0], params: [input(0)] },
    { gate: "H", wires: [0], params: [] },
  ], [{ pauli: "X", wire: 0 }, { pauli: "Y", wire: 1 }]);
  const inputs = Float64Array.from([0.7, -1.2]), weights = Float64Array.from([0.4, 1.9]), upstream = Float64Array.from([0.5, -1, 2, 0.25]);
  const fd = finiteDifferenceVJP(circuit, inputs, weights, 2, upstream);
  for (const method of DIFF_METHODS) {
    const got = vjp(circuit, inputs, weights, 2, upstream, method);
    assert.ok(maxDiff(got.gradInputs, fd.gradInputs) < 1e-8, method);
    assert.ok(maxDiff(got.gradWeights, fd.gradWeights) < 1e-8, method);
  }
});

test("jacobian rows are one-hot VJPs and match finite differences per observable", () => {
  const rand = mulberry32(44);
  const { circuit, weights, inputs } = randomProblem(rand, 3, 15, 1);
  const h = 1e-6;
  for (const method of DIFF_METHODS as DiffMethod[]) {
    const j = jacobian(circuit, inputs, weights, method);
    assert.ok(maxDiff(j.expvals, forward(circuit, inputs, weights, 1)) < 1e-15);
    for (let p = 0; p < weights.length; p++) {
      const wp = weights.slice(), wm = weights.slice();
      wp[p] += h;
      wm[p] -= h;
      const fp = forward(circuit, inputs, wp, 1), fm = forward(circuit, inputs, wm, 1);
      fp.forEach((v, k) => assert.ok(Math.abs((v - fm[k]) / (2 * h) - j.wrtWeights[k][p]) < 1e-7, `${method} k=${k} p=${p}`));
    }
  }
});

test("batches spanning several lane chunks (partial last chunk) match sample-by-sample runs", () => {
  const rand = mulberry32(55);
  for (const [nWires, batch] of [[3, 70], [8, 19]]) {
    // inputs both inside the product-state prefix and after the first two-qubit gate (per-lane matrices)
    const spec = randomSpec(rand, nWires, 40);
    spec.ops.unshift({ gate: "RY", wires: [0], params: [0.3] });
    spec.ops.push({ gate: "CZ", wires: [0, nWires - 1] }, { gate: "Rot", wires: [1], params: [0.1, 0.2, 0.3] });
    const nParams = specParams(spec).length;
    const { circuit, weights } = compileSpec(spec, [0, nParams - 2, nParams - 1]);
    const inputs = uniform(rand, batch * 3, -Math.PI, Math.PI);
    const nObs = circuit.observables.length;
    const upstream = uniform(rand, batch * nObs, -1, 1);
    const all = forward(circuit, inputs, weights, batch);
    const grads = DIFF_METHODS.map((m) => vjp(circuit, inputs, weights, batch, upstream, m));
    const summed = new Float64Array(circuit.nWeights);
    for (let b = 0; b < batch; b++) {
      const x = inputs.subarray(3 * b, 3 * b + 3), g = upstream.subarray(b * nObs, (b + 1) * nObs);
      assert.ok(maxDiff(forward(circuit, x, weights, 1), all.subarray(b * nObs, (b + 1) * nObs)) < 1e-14);
      const one = vjp(circuit, x, weights, 1, g, "backprop");
      one.gradWeights.forEach((v, j) => (summed[j] += v));
      for (const r of grads) assert.ok(maxDiff(one.gradInputs, r.gradInputs.subarray(3 * b, 3 * b + 3)) < 1e-10, `${nWires} wires, sample ${b}`);
    }
    for (const r of grads) assert.ok(maxDiff(summed, r.gradWeights) < 1e-9, `${nWires} wires`);
  }
});

test("11 wires (one lane per chunk): forward and adjoint agree with the independent plain-kernel backprop path", () => {
  const rand = mulberry32(77);
  const { circuit, weights, inputs, upstream } = randomProblem(rand, 11, 40, 2);
  const fast = vjp(circuit, inputs, weights, 2, upstream, "adjoint");
  const plain = vjp(circuit, inputs, weights, 2, upstream, "backprop");
  assert.ok(maxDiff(fast.expvals, plain.expvals) < 1e-12);
  assert.ok(maxDiff(forward(circuit, inputs, weights, 2), plain.expvals) < 1e-12);
  assert.ok(maxDiff(fast.gradInputs, plain.gradInputs) < 1e-10);
  assert.ok(maxDiff(fast.gradWeights, plain.gradWeights) < 1e-10);
});
