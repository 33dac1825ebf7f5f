/**
 * The HQNN-Parallel quantum layer (Senokosov et al. 2024, section 2.2.3) as a tfjs layer.
 *
 * Input [batch, n] with n = c * q. Features k*q .. k*q+q-1 feed circuit k (k = 0..c-1), each a q-qubit branch
 * circuit of lib/quantum/templates/hqnn-branch.ts:
 *   AngleEmbedding (rotation X by default) -> trainable template (StronglyEntanglingLayers with L layers by
 *   default, or BasicEntanglerLayers) -> <P_j> on every wire j (P = Y by default).
 * Output [batch, n]: the q expectation values of circuit k in columns k*q .. k*q+q-1.
 *
 * Weights: one float32 variable of shape [c, L, q, 3] (StronglyEntanglingLayers) or [c, L, q]
 * (BasicEntanglerLayers), row k holding circuit k's weights in PennyLane's (L, q, 3) / (L, q) layout; initialised
 * uniformly in [0, 2pi) like PennyLane's TorchLayer, from mulberry32(seed). Saved and loaded with the model
 * through the usual tfjs weight mechanism; the class is registered for (de)serialisation.
 *
 * Forward and backward run in the float64 engine (lib/quantum) via tf.customGrad: the backward pass computes
 * vector-Jacobian products (adjoint by default; "parameter-shift" or "backprop" on request) for the inputs and
 * the weights. Works on any tfjs backend (data is copied with dataSync).
 */

import * as tf from "@tensorflow/tfjs";
import {
  Circuit, DiffMethod, DIFF_METHODS, Pauli, Rotation, TemplateName, branchWeightCount, forward, hqnnBranchCircuit,
  mulberry32, vjp,
} from "../quantum";

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

export interface QuantumLayerArgs extends LayerArgs {
  /** c: number of parallel circuits. */
  nCircuits: number;
  /** q: qubits per circuit. */
  nQubits: number;
  /** L: layers of the trainable template. */
  nLayers: number;
  embedding?: Rotation;
  template?: TemplateName;
  /** Rotation of BasicEntanglerLayers (default "X"). */
  basicRotation?: Rotation;
  measure?: Pauli;
  diffMethod?: DiffMethod;
  /** Seed of the weight initialisation (default 0). */
  seed?: number;
}

type Resolved = Required<Pick<QuantumLayerArgs,
  "nCircuits" | "nQubits" | "nLayers" | "embedding" | "template" | "basicRotation" | "measure" | "diffMethod" | "seed">>;

/**
 * The allowed value matching `value` up to case, "_" and "-": tfjs's config serialisation passes string values
 * through snake_case and back to camelCase ("X" comes back as "x", "StronglyEntanglingLayers" as
 * "stronglyEntanglingLayers"), so options are matched loosely.
 */
function canonical<T extends string>(key: string, value: string, allowed: readonly T[]): T {
  const norm = (s: string) => String(s).toLowerCase().replace(/[_-]/g, "");
  const found = allowed.find((a) => norm(a) === norm(value));
  if (found === undefined) throw new RangeError(`QuantumLayer: unknown ${key} ${JSON.stringify(value)} (known: ${allowed.join(", ")})`);
  return found;
}

const AXES = ["X", "Y", "Z"] as const;

function resolve(args: QuantumLayerArgs): Resolved {
  for (const key of ["nCircuits", "nQubits", "nLayers"] as const) {
    if (!Number.isInteger(args[key]) || args[key] < 1) throw new RangeError(`QuantumLayer: ${key} must be a positive integer, got ${args[key]}`);
  }
  return {
    nCircuits: args.nCircuits, nQubits: args.nQubits, nLayers: args.nLayers,
    embedding: canonical("embedding", args.embedding ?? "X", AXES),
    template: canonical("template", args.template ?? "StronglyEntanglingLayers", ["StronglyEntanglingLayers", "BasicEntanglerLayers"] as const),
    basicRotation: canonical("basicRotation", args.basicRotation ?? "X", AXES),
    measure: canonical("measure", args.measure ?? "Y", AXES),
    diffMethod: canonical("diffMethod", args.diffMethod ?? "adjoint", DIFF_METHODS),
    seed: args.seed ?? 0,
  };
}

/** The largest float32 below 2 pi: float32(2 pi) rounds up, above 2 pi; float32 spacing there is 4.8e-7. */
const BELOW_TWO_PI = Math.fround(2 * Math.PI - 4e-7);

/** `count` float32 angles uniform in [0, 2 pi) from mulberry32(seed), as PennyLane's TorchLayer initialises. */
export function initialAngles(count: number, seed: number): Float32Array {
  const rand = mulberry32(seed);
  return Float32Array.from({ length: count }, () => Math.min(Math.fround(2 * Math.PI * rand()), BELOW_TWO_PI));
}

export class QuantumLayer extends tf.layers.Layer {
  static className = "QuantumLayer";
  readonly options: Resolved;
  /** The engine circuit shared by all c branches (inputs: q features, weights: one branch's weights). */
  readonly circuit: Circuit;
  private quantumWeights?: tf.LayerVariable;

  constructor(args: QuantumLayerArgs) {
    const { nCircuits, nQubits, nLayers, embedding, template, basicRotation, measure, diffMethod, seed, ...layerArgs } = args;
    super(layerArgs);
    this.options = resolve({ nCircuits, nQubits, nLayers, embedding, template, basicRotation, measure, diffMethod, seed });
    const o = this.options;
    this.circuit = hqnnBranchCircuit({
      nQubits: o.nQubits, nLayers: o.nLayers, embedding: o.embedding, template: o.template, basicRotation: o.basicRotation, measure: o.measure,
    });
  }

  /** n = c * q, the input and output width. */
  get width(): number {
    return this.options.nCircuits * this.options.nQubits;
  }

  /** Shape of the weight variable: [c, L, q, 3] or [c, L, q]. */
  weightShape(): number[] {
    const { nCircuits, nLayers, nQubits, template } = this.options;
    return template === "StronglyEntanglingLayers" ? [nCircuits, nLayers, nQubits, 3] : [nCircuits, nLayers, nQubits];
  }

  build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    if (shape.length !== 2 || shape[1] !== this.width) {
      throw new Error(`QuantumLayer: expected input shape [batch, ${this.width}] (c * q = ${this.options.nCircuits} * ${this.options.nQubits}), got ${JSON.stringify(shape)}`);
    }
    const wshape = this.weightShape();
    this.quantumWeights = this.addWeight("quantum_weights", wshape, "float32", tf.initializers.zeros());
    this.quantumWeights.write(tf.tensor(initialAngles(wshape.reduce((a, b) => a * b, 1), this.options.seed), wshape));
    this.built = true;
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    if (!this.quantumWeights) throw new Error("QuantumLayer: call before build");
    return this.quantumOp()(x as tf.Tensor2D, this.quantumWeights.read()) as tf.Tensor;
  }

  /** f(x, w) with its custom gradient: engine forward, engine VJPs for x and w. */
  private quantumOp() {
    return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [x, w, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
      save([x, w]);
      const batch = x.shape[0] as number;
      const value = tf.tensor2d(this.runForward(x.dataSync(), w.dataSync(), batch), [batch, this.width]);
      const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws] = saved;
        const { dx, dw } = this.runVJP(xs.dataSync(), ws.dataSync(), dy.dataSync(), batch);
        return [tf.tensor2d(dx, [batch, this.width]), tf.tensor(dw, ws.shape)];
      };
      return { value, gradFunc };
    });
  }

  /** Columns k*q .. k*q+q-1 of a [batch, n] array, as float64 [batch, q]. */
  private slice(data: ArrayLike<number>, k: number, batch: number): Float64Array {
    const q = this.options.nQubits, n = this.width;
    const out = new Float64Array(batch * q);
    for (let b = 0; b < batch; b++) for (let j = 0; j < q; j++) out[b * q + j] = data[b * n + k * q + j];
    return out;
  }

  private circuitWeights(w: ArrayLike<number>, k: number): Float64Array {
    const per = this.circuit.nWeights;
    return Float64Array.from({ length: per }, (_, j) => w[k * per + j]);
  }

  private runForward(x: ArrayLike<number>, w: ArrayLike<number>, batch: number): Float32Array {
    const q = this.options.nQubits, n = this.width;
    const out = new Float32Array(batch * n);
    for (let k = 0; k < this.options.nCircuits; k++) {
      const y = forward(this.circuit, this.slice(x, k, batch), this.circuitWeights(w, k), batch);
      for (let b = 0; b < batch; b++) for (let j = 0; j < q; j++) out[b * n + k * q + j] = y[b * q + j];
    }
    return out;
  }

  private runVJP(x: ArrayLike<number>, w: ArrayLike<number>, dy: ArrayLike<number>, batch: number): { dx: Float32Array; dw: Float32Array } {
    const q = this.options.nQubits, n = this.width, per = this.circuit.nWeights;
    const dx = new Float32Array(batch * n), dw = new Float32Array(this.options.nCircuits * per);
    for (let k = 0; k < this.options.nCircuits; k++) {
      const r = vjp(this.circuit, this.slice(x, k, batch), this.circuitWeights(w, k), batch, this.slice(dy, k, batch), this.options.diffMethod);
      for (let b = 0; b < batch; b++) for (let j = 0; j < q; j++) dx[b * n + k * q + j] = r.gradInputs[b * q + j];
      dw.set(r.gradWeights, k * per);
    }
    return { dx, dw };
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...this.options, ...super.getConfig() };
  }
}

tf.serialization.registerClass(QuantumLayer);

/** Factory in the style of tf.layers.*. */
export function quantumLayer(args: QuantumLayerArgs): QuantumLayer {
  return new QuantumLayer(args);
}

/** Number of trainable parameters of a layer with these options: c * L * q * (3 or 1). */
export function quantumLayerParamCount(args: QuantumLayerArgs): number {
  const r = resolve(args);
  return r.nCircuits * branchWeightCount(r);
}
