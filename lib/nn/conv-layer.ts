/**
 * Convolution layer of the section 2.2 models: 'same' padding, stride 1, with bias, built on plain
 * `tf.conv2d` + bias instead of tfjs-layers' fused convolution. The fused op's gradient computes the input
 * gradient eagerly; for a network's first convolution, whose input is the data, that is wasted work (11 ms of
 * a 150 ms MNIST training step on wasm). The plain op's gradient computes only what the tape needs.
 * Weights, their order (kernel, then bias) and their initialisation are those of `tf.layers.conv2d`.
 */
import * as tf from "@tensorflow/tfjs";

type Initializer = ReturnType<typeof tf.initializers.zeros>;

export interface Conv2dSameArgs {
  filters: number;
  kernelSize: number;
  kernelInitializer: Initializer;
  biasInitializer: Initializer;
  name?: string;
}

export class Conv2dSame extends tf.layers.Layer {
  static className = "Conv2dSame";
  private readonly args: Conv2dSameArgs;
  private kernel?: tf.LayerVariable;
  private bias?: tf.LayerVariable;

  constructor(args: Conv2dSameArgs) {
    super({ name: args.name });
    this.args = args;
  }

  build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const { kernelSize: k, filters } = this.args;
    this.kernel = this.addWeight("kernel", [k, k, shape[3] as number, filters], "float32", this.args.kernelInitializer);
    this.bias = this.addWeight("bias", [filters], "float32", this.args.biasInitializer);
    this.built = true;
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [shape[0], shape[1], shape[2], this.args.filters];
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
    return tf.tidy(() => tf.add(tf.conv2d(x, this.kernel!.read() as tf.Tensor4D, 1, "same"), this.bias!.read()));
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), filters: this.args.filters, kernelSize: this.args.kernelSize, strides: 1, padding: "same" };
  }
}
tf.serialization.registerClass(Conv2dSame);
