/**
 * The loss and the gradients of one training step, shared by the single-thread loop (train.ts), the calling
 * thread of data-parallel training and its workers (data-parallel.ts, data-parallel-worker.ts).
 */
import * as tf from "@tensorflow/tfjs";

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

export interface ShareResult { grads: tf.Tensor[]; lossSum: number; correct: number }

/**
 * The gradients, in `vars` order, of `count` examples of a batch of `batchCount` (the mean loss scaled by
 * count / batchCount, so that the shares' gradients add up to the whole batch's; a whole batch has factor 1),
 * with the summed loss and the number of correct predictions.
 */
export function shareGradients(model: tf.LayersModel, vars: tf.Variable[], x: Float32Array, labels: Int32Array, count: number,
  shape: [number, number, number], classes: number, batchCount: number): ShareResult {
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
  return { grads, lossSum, correct };
}

/** tfjs types the gradient map as a map of Variables; a map of Tensors keyed by variable name is what it uses. */
export function applyGradients(opt: tf.Optimizer, grads: tf.NamedTensorMap): void {
  opt.applyGradients(grads as never);
}

/** What a training step works on; `dp` spreads the batch's gradients over threads (lib/nn/data-parallel.ts). */
export interface StepContext {
  model: tf.LayersModel;
  vars: tf.Variable[];
  opt: tf.Optimizer;
  dp?: { step(x: Float32Array, labels: Int32Array, count: number, shape: [number, number, number], classes: number): ShareResult };
}

/**
 * One training step as trainModel takes it (and the training benchmark times it): the whole batch's gradients,
 * on this thread or data-parallel, then the optimizer's update. Returns the summed loss and correct predictions.
 */
export function trainStep(ctx: StepContext, x: Float32Array, labels: Int32Array, count: number,
  shape: [number, number, number], classes: number): { lossSum: number; correct: number } {
  const r = ctx.dp ? ctx.dp.step(x, labels, count, shape, classes)
    : shareGradients(ctx.model, ctx.vars, x, labels, count, shape, classes, count);
  applyGradients(ctx.opt, Object.fromEntries(ctx.vars.map((v, i) => [v.name, r.grads[i]])));
  tf.dispose(r.grads);
  return { lossSum: r.lossSum, correct: r.correct };
}
