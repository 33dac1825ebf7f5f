import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../lib/nn/backend";
import { FlatAdam, flatten, writeFlat } from "../../lib/nn/adam";
import { mulberry32 } from "../../lib/nn/train";

const shapes = [[3, 4], [5], [2, 2, 3]];

function setup(seed: number, tag: string) {
  const r = mulberry32(seed);
  const vars = shapes.map((s, i) => tf.variable(tf.tensor(Float32Array.from({ length: s.reduce((a, b) => a * b) }, () => r() - 0.5), s), true, `adam_${tag}_${i}`));
  // gradients over several orders of magnitude, including zeros and a tiny one
  const grads = (step: number) => shapes.map((s) => tf.tensor(Float32Array.from({ length: s.reduce((a, b) => a * b) }, (_, j) => (j % 7 === 0 ? 0 : (r() - 0.5) * 10 ** ((step + j) % 5 - 3))), s));
  return { vars, grads };
}

for (const backend of ["wasm", "cpu"]) {
  test(`FlatAdam equals tf.train.adam bit for bit over 30 steps (${backend})`, async () => {
    await initBackend(backend as "wasm" | "cpu");
    const ref = setup(1, `ref_${backend}`), ours = setup(1, `ours_${backend}`);
    const opt = tf.train.adam(3e-3);
    const adam = new FlatAdam(ref.vars.reduce((s, v) => s + v.size, 0), 3e-3);
    const weights = flatten(ours.vars);
    for (let step = 0; step < 30; step++) {
      const g = ref.grads(step), g2 = ours.grads(step);
      opt.applyGradients(Object.fromEntries(ref.vars.map((v, i) => [v.name, g[i]])) as never);
      adam.step(weights, flatten(g2));
      tf.dispose([...g, ...g2]);
    }
    writeFlat(ours.vars, weights);
    const a = flatten(ref.vars), b = flatten(ours.vars);
    for (let i = 0; i < a.length; i++) assert.equal(b[i], a[i], `weight ${i}: ${b[i]} vs tfjs ${a[i]}`);
    assert.equal(adam.iterations, 30);
    // the state round-trips through the checkpoint layout, and tfjs's own state has the same values
    const tfState = (await opt.getWeights()).slice(1).map((w) => w.tensor.dataSync() as Float32Array);
    const saved = adam.stateTensors(shapes);
    assert.deepEqual(Array.from(saved[3].dataSync()), Array.from(tfState[0]));
    const back = new FlatAdam(adam.size, 3e-3);
    back.loadStateTensors(saved);
    assert.deepEqual([back.accBeta1, back.accBeta2, back.iterations], [adam.accBeta1, adam.accBeta2, 30]);
    assert.deepEqual(back.v, adam.v);
    assert.throws(() => new FlatAdam(adam.size + 1, 3e-3).loadStateTensors(saved), /model has/);
    tf.dispose([...ref.vars, ...ours.vars, ...saved]);
    opt.dispose();
  });
}
