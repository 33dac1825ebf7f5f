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

for (const [backend, epsilon] of [["wasm", undefined], ["cpu", undefined], ["wasm", 1e-8]] as const) {
  test(`FlatAdam equals tf.train.adam bit for bit over 30 steps (${backend}, epsilon ${epsilon ?? "default 1e-7"})`, async () => {
    await initBackend(backend);
    const tag = `${backend}_${epsilon ?? "default"}`;
    const ref = setup(1, `ref_${tag}`), ours = setup(1, `ours_${tag}`);
    const opt = epsilon === undefined ? tf.train.adam(3e-3) : tf.train.adam(3e-3, 0.9, 0.999, epsilon);
    const adam = epsilon === undefined ? new FlatAdam(ref.vars.reduce((s, v) => s + v.size, 0), 3e-3)
      : new FlatAdam(ref.vars.reduce((s, v) => s + v.size, 0), 3e-3, 0.9, 0.999, epsilon);
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
