/**
 * The loss and the gradients of one training step, shared by the single-thread loop (train.ts), the calling
 * thread of data-parallel training and its workers (data-parallel.ts, data-parallel-worker.ts).
 */
import * as tf from "@tensorflow/tfjs";
import { FlatAdam, flatten, writeFlat } from "./adam";

/** The variables behind a model's (or layer's) trainable weights, which tf.variableGrads differentiates. */
export function trainableVariables(model: tf.LayersModel | tf.layers.Layer): tf.Variable[] {
  return model.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val);
}

/** Mean cross-entropy over the batch and the number of correct predictions. */
export function lossAndCorrect(logits: tf.Tensor, labels: tf.Tensor, classes: number): { loss: tf.Scalar; correct: tf.Scalar } {
  const oneHot = tf.oneHot(labels as tf.Tensor1D, classes);
  const loss = tf.losses.softmaxCrossEntropy(oneHot, logits) as tf.Scalar;
  const correct = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), "float32")) as tf.Scalar;
  return { loss, correct };
}

/** A batch's (or share's) summed loss, correct predictions and gradient, flat in the order of the trainable variables. */
export interface FlatResult { grads: Float32Array; lossSum: number; correct: number }

/**
 * The gradient, flat in `vars` order (into `out` when given), of `count` examples of a batch of `batchCount` (the
 * mean loss scaled by count / batchCount, so that the shares' gradients add up to the whole batch's; a whole batch
 * has factor 1), with the summed loss and the number of correct predictions.
 */
export function shareGradients(model: tf.LayersModel, vars: tf.Variable[], x: Float32Array, labels: Int32Array, count: number,
  shape: [number, number, number], classes: number, batchCount: number, out?: Float32Array): FlatResult {
  let lossSum = 0, correct = 0;
  const grads = tf.tidy(() => {
    const xs = tf.tensor4d(x.subarray(0, count * shape[0] * shape[1] * shape[2]), [count, ...shape]);
    const ys = tf.tensor1d(labels.subarray(0, count), "int32");
    let meanLoss!: tf.Scalar, right!: tf.Scalar;
    const r = tf.variableGrads(() => {
      const out = lossAndCorrect(model.apply(xs, { training: true }) as tf.Tensor, ys, classes);
      meanLoss = tf.keep(out.loss);
      right = tf.keep(out.correct);
      return tf.mul(meanLoss, count / batchCount) as tf.Scalar;
    }, vars);
    lossSum = meanLoss.dataSync()[0] * count;
    correct = right.dataSync()[0];
    tf.dispose([meanLoss, right]);
    return vars.map((v) => r.grads[v.name]);
  });
  const flat = flatten(grads, out);
  tf.dispose(grads);
  return { grads: flat, lossSum, correct };
}

/** What a training step works on; `dp` spreads the batch's gradients over threads (lib/nn/data-parallel.ts). */
export interface StepContext {
  model: tf.LayersModel;
  vars: tf.Variable[];
  adam: FlatAdam;
  dp?: { step(x: Float32Array, labels: Int32Array, count: number, shape: [number, number, number], classes: number): FlatResult };
}

/** tfjs's Adam epsilon, the default of every run (PyTorch's default, 1e-8, is what HQNN-Quanv uses). */
export const TFJS_ADAM_EPSILON = 1e-7;

/**
 * A StepContext for `model` with Adam at `learningRate`, decoupled `weightDecay` and Adam's `epsilon` (betas
 * 0.9 and 0.999, tfjs's defaults).
 */
export function stepContext(model: tf.LayersModel, learningRate: number, dp?: StepContext["dp"], weightDecay = 0,
  epsilon = TFJS_ADAM_EPSILON): StepContext {
  const vars = trainableVariables(model);
  return { model, vars, adam: new FlatAdam(vars.reduce((s, v) => s + v.size, 0), learningRate, 0.9, 0.999, epsilon, weightDecay), dp };
}

/**
 * One training step as trainModel takes it (and the training benchmark times it): the whole batch's gradients,
 * on this thread or data-parallel, then the Adam update. Returns the summed loss and correct predictions.
 */
export function trainStep(ctx: StepContext, x: Float32Array, labels: Int32Array, count: number,
  shape: [number, number, number], classes: number): { lossSum: number; correct: number } {
  const r = ctx.dp ? ctx.dp.step(x, labels, count, shape, classes)
    : shareGradients(ctx.model, ctx.vars, x, labels, count, shape, classes, count);
  const weights = flatten(ctx.vars);
  ctx.adam.step(weights, r.grads);
  writeFlat(ctx.vars, weights);
  return { lossSum: r.lossSum, correct: r.correct };
}
