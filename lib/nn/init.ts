/**
 * PyTorch's default initialisation, so the tfjs models start where the paper's PyTorch models started:
 * Conv2d and Linear weights and biases are uniform in ±1/sqrt(fan_in) (kaiming_uniform with a = sqrt(5)).
 * Each call takes its own seed, so a model built from one seed is reproducible.
 */
import * as tf from "@tensorflow/tfjs";

export function torchDefaultInit(fanIn: number, seed: number) {
  const limit = 1 / Math.sqrt(fanIn);
  return tf.initializers.randomUniform({ minval: -limit, maxval: limit, seed });
}

/** A seed stream: seeds(1000) gives 1000, 1001, ... for successive layers. */
export function seedStream(base: number): () => number {
  let next = base * 1000;
  return () => next++;
}
