import assert from "node:assert/strict";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { QuantumLayer, QuantumLayerArgs, quantumLayerParamCount } from "../../lib/nn/quantum-layer";
import { DiffMethod, forward, hqnnBranchCircuit, mulberry32 } from "../../lib/quantum";

tf.enableProdMode();

function randomArray(n: number, seed: number, low = -1, high = 1): Float32Array {
  const rand = mulberry32(seed);
  return Float32Array.from({ length: n }, () => low + (high - low) * rand());
}

/** dense(3 -> n) -> QuantumLayer -> dense(n -> 2), with fixed seeded dense weights. */
function smallModel(args: QuantumLayerArgs): { model: tf.LayersModel; layer: QuantumLayer } {
  const n = args.nCircuits * args.nQubits;
  const input = tf.input({ shape: [3] });
  const d1 = tf.layers.dense({ units: n, weights: [tf.tensor2d(randomArray(3 * n, 1), [3, n]), tf.tensor1d(randomArray(n, 2))] });
  const layer = new QuantumLayer(args);
  const d2 = tf.layers.dense({ units: 2, weights: [tf.tensor2d(randomArray(2 * n, 3), [n, 2]), tf.tensor1d(randomArray(2, 4))] });
  const out = d2.apply(layer.apply(d1.apply(input))) as tf.SymbolicTensor;
  return { model: tf.model({ inputs: input, outputs: out }), layer };
}

/** A fixed batch of 5 inputs (created on the current backend). */
const inputsX = () => tf.tensor2d(randomArray(5 * 3, 10, -2, 2), [5, 3]);
/** loss = sum(model(X) * R) for a fixed random R. */
const loss = (model: tf.LayersModel) =>
  tf.tidy(() => tf.sum(tf.mul(model.predict(inputsX()) as tf.Tensor, tf.tensor2d(randomArray(5 * 2, 11), [5, 2]))) as tf.Scalar);

/** Gradients of the loss for every trainable variable, by tf.variableGrads (the layer's custom gradient). */
function modelGrads(model: tf.LayersModel): Map<string, Float32Array> {
  const { value, grads } = tf.variableGrads(() => loss(model));
  value.dispose();
  return new Map(Object.entries(grads).map(([name, g]) => [name, Float32Array.from(g.dataSync())]));
}

/** Central finite differences of the float32 model loss for every element of every trainable variable. */
function finiteDifferences(model: tf.LayersModel, h = 1e-2): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>();
  for (const v of model.trainableWeights) {
    const variable = (v as unknown as { val: tf.Variable }).val;
    const base = Float32Array.from(variable.dataSync());
    const fd = new Float32Array(base.length);
    for (let i = 0; i < base.length; i++) {
      const at = (delta: number) => {
        const w = base.slice();
        w[i] += delta;
        variable.assign(tf.tensor(w, variable.shape));
        return tf.tidy(() => loss(model).dataSync()[0]);
      };
      fd[i] = (at(h) - at(-h)) / (2 * h);
    }
    variable.assign(tf.tensor(base, variable.shape));
    out.set(variable.name, fd);
  }
  return out;
}

function assertGradsClose(got: Map<string, Float32Array>, want: Map<string, Float32Array>, tol: number, what: string): void {
  assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort());
  for (const [name, g] of got) {
    const w = want.get(name)!;
    g.forEach((v, i) => assert.ok(Math.abs(v - w[i]) <= tol * (1 + Math.abs(w[i])), `${what} ${name}[${i}]: ${v} vs ${w[i]}`));
  }
}

test("forward: c circuits side by side, each equal to the float64 engine on its q features and weights", async () => {
  await tf.setBackend("cpu");
  const layer = new QuantumLayer({ nCircuits: 3, nQubits: 4, nLayers: 2, seed: 7 });
  const x = tf.tensor2d(randomArray(6 * 12, 20, -3, 3), [6, 12]);
  const y = (layer.apply(x) as tf.Tensor).dataSync();
  const w = layer.getWeights()[0].dataSync();
  const circuit = hqnnBranchCircuit({ nQubits: 4, nLayers: 2 });
  const xs = x.dataSync();
  for (let k = 0; k < 3; k++) {
    const inputs = Float64Array.from({ length: 24 }, (_, i) => xs[Math.floor(i / 4) * 12 + k * 4 + (i % 4)]);
    const expected = forward(circuit, inputs, Float64Array.from(w.subarray(k * 24, (k + 1) * 24)), 6);
    expected.forEach((v, i) => assert.ok(Math.abs(y[Math.floor(i / 4) * 12 + k * 4 + (i % 4)] - v) < 1e-6));
  }
});

test("weights: [c, L, q, 3] (or [c, L, q] for BasicEntanglerLayers), seeded uniform in [0, 2pi), counted by countParams", async () => {
  await tf.setBackend("cpu");
  const make = (args: QuantumLayerArgs) => {
    const layer = new QuantumLayer(args);
    layer.apply(tf.input({ shape: [args.nCircuits * args.nQubits] }));
    return layer;
  };
  const a = make({ nCircuits: 4, nQubits: 5, nLayers: 3, seed: 1 });
  assert.deepEqual(a.getWeights()[0].shape, [4, 3, 5, 3]);
  assert.equal(a.countParams(), 180);
  assert.equal(quantumLayerParamCount({ nCircuits: 4, nQubits: 5, nLayers: 3 }), 180);
  const values = Float32Array.from(a.getWeights()[0].dataSync());
  assert.ok(values.every((v) => v >= 0 && v < 2 * Math.PI));
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  assert.ok(Math.abs(mean - Math.PI) < 0.5, `mean ${mean}`);
  assert.deepEqual(Array.from(make({ nCircuits: 4, nQubits: 5, nLayers: 3, seed: 1 }).getWeights()[0].dataSync()), Array.from(values));
  assert.notDeepEqual(Array.from(make({ nCircuits: 4, nQubits: 5, nLayers: 3, seed: 2 }).getWeights()[0].dataSync()), Array.from(values));
  const basic = make({ nCircuits: 2, nQubits: 3, nLayers: 4, template: "BasicEntanglerLayers" });
  assert.deepEqual(basic.getWeights()[0].shape, [2, 4, 3]);
  assert.equal(basic.countParams(), 24);
});

for (const diffMethod of ["adjoint", "parameter-shift", "backprop"] as DiffMethod[]) {
  test(`gradients through a small model match float32 finite differences (${diffMethod})`, async () => {
    await tf.setBackend("cpu");
    const { model } = smallModel({ nCircuits: 2, nQubits: 3, nLayers: 2, seed: 3, diffMethod });
    assertGradsClose(modelGrads(model), finiteDifferences(model), 2e-3, diffMethod);
  });
}

test("options: Y embedding, BasicEntanglerLayers with RY, Z measurement; gradients still match", async () => {
  await tf.setBackend("cpu");
  const { model } = smallModel({ nCircuits: 2, nQubits: 2, nLayers: 3, embedding: "Y", template: "BasicEntanglerLayers", basicRotation: "Y", measure: "Z", seed: 4 });
  assertGradsClose(modelGrads(model), finiteDifferences(model), 2e-3, "options");
});

test("serialises with the model: save, load, same config and predictions", async () => {
  await tf.setBackend("cpu");
  const { model } = smallModel({
    nCircuits: 2, nQubits: 3, nLayers: 2, seed: 9, embedding: "Z", template: "BasicEntanglerLayers", basicRotation: "Y", measure: "X", diffMethod: "parameter-shift",
  });
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (a) => {
    artifacts = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
  }));
  const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts!));
  const layer = loaded.layers.find((l) => l instanceof QuantumLayer) as QuantumLayer;
  assert.ok(layer, "QuantumLayer restored");
  assert.deepEqual(layer.options, {
    nCircuits: 2, nQubits: 3, nLayers: 2, seed: 9, embedding: "Z", template: "BasicEntanglerLayers", basicRotation: "Y", measure: "X", diffMethod: "parameter-shift",
  });
  assert.equal(loaded.countParams(), model.countParams());
  const a = (model.predict(inputsX()) as tf.Tensor).dataSync(), b = (loaded.predict(inputsX()) as tf.Tensor).dataSync();
  assert.deepEqual(Array.from(b), Array.from(a));
});

test("a few optimizer steps lower a loss", async () => {
  await tf.setBackend("cpu");
  const { model } = smallModel({ nCircuits: 2, nQubits: 3, nLayers: 1, seed: 12 });
  model.compile({ optimizer: tf.train.adam(0.05), loss: "meanSquaredError" });
  const target = tf.tensor2d(randomArray(10, 13, -0.5, 0.5), [5, 2]);
  const x = inputsX();
  const before = (model.evaluate(x, target) as tf.Scalar).dataSync()[0];
  await model.fit(x, target, { epochs: 20, batchSize: 5, shuffle: false, verbose: 0 });
  const after = (model.evaluate(x, target) as tf.Scalar).dataSync()[0];
  assert.ok(after < 0.5 * before, `loss ${before} -> ${after}`);
});

test("rejects an input width other than c * q", async () => {
  await tf.setBackend("cpu");
  assert.throws(() => new QuantumLayer({ nCircuits: 2, nQubits: 3, nLayers: 1 }).apply(tf.input({ shape: [5] })), /expected input shape \[batch, 6\]/);
  assert.throws(() => new QuantumLayer({ nCircuits: 0, nQubits: 3, nLayers: 1 }), /nCircuits must be a positive integer/);
  assert.throws(() => new QuantumLayer({ nCircuits: 1, nQubits: 3, nLayers: 1, diffMethod: "fd" as never }), /unknown diffMethod "fd"/);
});

test("wasm backend: same outputs and gradients as cpu", async (t) => {
  const results: { y: Float32Array; grads: Map<string, Float32Array> }[] = [];
  for (const backend of ["cpu", "wasm"]) {
    if (!(await tf.setBackend(backend))) {
      t.skip(`${backend} backend unavailable`);
      return;
    }
    const { model } = smallModel({ nCircuits: 2, nQubits: 3, nLayers: 2, seed: 3 });
    results.push({ y: Float32Array.from((model.predict(inputsX()) as tf.Tensor).dataSync()), grads: modelGrads(model) });
  }
  assert.equal(tf.getBackend(), "wasm");
  results[1].y.forEach((v, i) => assert.ok(Math.abs(v - results[0].y[i]) < 1e-5));
  // variable names carry a global layer counter: compare the two models' variables in order
  const a = [...results[0].grads.values()], b = [...results[1].grads.values()];
  assert.equal(a.length, b.length);
  a.forEach((g, k) => g.forEach((v, i) => assert.ok(Math.abs(v - b[k][i]) < 1e-4 * (1 + Math.abs(v)), `var ${k}[${i}]`)));
  await tf.setBackend("cpu");
});
