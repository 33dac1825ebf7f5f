/**
 * The quanvolutional layer (HQNN-Quanv, section 2.3): the 4-qubit kernel circuit of lib/nn/quanv-circuit.ts on
 * every 2x2 patch, through the quantum bridge of lib/nn/quantum-layer.ts (no tf.customGrad of its own).
 * Forward: one engine forward() over all n*oh*ow patches (angles pi * pixel). Backward: one engine vjp() with the
 * upstream gradient; d/dweights is summed over all patches, d/dpixel = pi * d/dangle summed over the patches that
 * contain the pixel.
 */
import * as tf from "@tensorflow/tfjs";
import { DiffMethod, DIFF_METHODS } from "../quantum";
import { canonical, circuitOp, EngineStats } from "./quantum-layer";
import { KERNEL_QUBITS, KERNEL_ROTATIONS, KernelRotation, patchWiring, quanvKernelCircuit, quanvOutputSize } from "./quanv-circuit";

export interface QuanvOptions {
  stride: number;
  rotation?: KernelRotation;
  /** How the engine differentiates the kernel circuit (default "adjoint"). */
  diffMethod?: DiffMethod;
  /** Where to add engine calls and time (the gradient-method timing experiment); none by default. */
  stats?: EngineStats;
}

function quanvOp(opts: QuanvOptions) {
  return circuitOp({
    circuit: quanvKernelCircuit(opts.rotation ?? "RY"), wiring: patchWiring(opts.stride), diffMethod: opts.diffMethod ?? "adjoint", stats: opts.stats,
  });
}

/** The quanvolution as a differentiable tfjs op: images [n, H, W, 1] in [0, 1], weights [4] -> [n, oh, ow, 4]. */
export function quanvolve(images: tf.Tensor4D, weights: tf.Tensor1D, opts: QuanvOptions): tf.Tensor4D {
  return quanvOp(opts)(images, weights) as tf.Tensor4D;
}

/** A tfjs layer around `quanvolve` with 4 trainable weights ("kernel"), initialised U[0, 2pi) from `seed`. */
export class Quanv2D extends tf.layers.Layer {
  static className = "Quanv2D";
  readonly options: Required<Omit<QuanvOptions, "stats">>;
  private readonly seed: number;
  private readonly op: (x: tf.Tensor, w: tf.Tensor) => tf.Tensor;
  private kernel?: tf.LayerVariable;

  constructor(args: QuanvOptions & { seed: number; name?: string }) {
    super({ name: args.name });
    // Matched loosely: tfjs's config serialisation passes strings through snake_case and back ("RY" -> "rY").
    this.options = {
      stride: args.stride,
      rotation: canonical("rotation", args.rotation ?? "RY", KERNEL_ROTATIONS, "Quanv2D"),
      diffMethod: canonical("diffMethod", args.diffMethod ?? "adjoint", DIFF_METHODS, "Quanv2D"),
    };
    this.seed = args.seed;
    this.op = quanvOp({ ...this.options, stats: args.stats });
  }

  build(): void {
    const init = tf.initializers.randomUniform({ minval: 0, maxval: 2 * Math.PI, seed: this.seed });
    this.kernel = this.addWeight("kernel", [KERNEL_QUBITS], "float32", init);
    this.built = true;
  }

  computeOutputShape(shape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = (Array.isArray(shape[0]) ? shape[0] : shape) as tf.Shape;
    return [s[0], quanvOutputSize(s[1] as number, this.options.stride), quanvOutputSize(s[2] as number, this.options.stride), KERNEL_QUBITS];
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
    return this.op(x, this.kernel!.read());
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), stride: this.options.stride, rotation: this.options.rotation, diffMethod: this.options.diffMethod, seed: this.seed };
  }
}

tf.serialization.registerClass(Quanv2D);
