/**
 * The one bridge between tfjs and the statevector engine (lib/quantum), and the HQNN-Parallel quantum layer
 * built on it.
 *
 * The bridge (`circuitOp`, in the manner of PennyLane's one generic `KerasLayer(qnode, weight_shapes)`): a circuit,
 * a wiring that says which input values each circuit evaluation takes and where its expectation values go, and a
 * differentiation method make one differentiable tfjs op f(x, w). Forward and backward run in the float64 engine
 * via tf.customGrad: the forward pass is one engine forward() per weight group over all its evaluations, the
 * backward pass one engine vjp() per group (adjoint by default; "parameter-shift" or "backprop" on request) for
 * the inputs and the weights. Works on any tfjs backend (data is copied with dataSync). Its two uses:
 *   QuantumLayer (below)          HQNN-Parallel: c circuits with their own weights, each on its q input columns
 *   Quanv2D (lib/nn/quanv-layer)  HQNN-Quanv: one 4-qubit kernel on every 2x2 patch of the image
 *
 * The HQNN-Parallel quantum layer (Senokosov et al. 2024, section 2.2.3):
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
 */

import * as tf from "@tensorflow/tfjs";
import {
  Circuit, DiffMethod, DIFF_METHODS, Pauli, Rotation, TemplateName, branchWeightCount, forward, hqnnBranchCircuit,
  mulberry32, vjp,
} from "../quantum";

/** Where the values of one weight group's circuit evaluations come from and go to, for one input shape. */
export interface WiringPlan {
  /** Circuit evaluations (engine samples). */
  samples: number;
  /** inputIndex[s * nInputs + j]: the flat input position feeding circuit input j of evaluation s. */
  inputIndex: Int32Array;
  /** outputIndex[s * nOutputs + k]: the flat output position receiving expectation value k of evaluation s. */
  outputIndex: Int32Array;
}

/** How a layer's input tensor feeds a circuit (per-sample columns for HQNN-Parallel, 2x2 patches for HQNN-Quanv). */
export interface CircuitWiring {
  /** Circuits with their own weights: the weight tensor holds `groups` consecutive blocks of circuit.nWeights. */
  readonly groups: number;
  /** Factor from an input value to a circuit input (pi for a pixel in [0, 1] to an angle; 1 for angles). */
  readonly inputScale: number;
  outputShape(inputShape: readonly number[]): number[];
  plan(inputShape: readonly number[], group: number): WiringPlan;
}

/** Engine calls, circuits simulated and milliseconds inside the engine, summed by an op that is given one. */
export interface EngineStats { forwardCalls: number; vjpCalls: number; circuits: number; forwardMs: number; vjpMs: number }

export function engineStats(): EngineStats {
  return { forwardCalls: 0, vjpCalls: 0, circuits: 0, forwardMs: 0, vjpMs: 0 };
}

export interface BridgeOptions {
  circuit: Circuit;
  wiring: CircuitWiring;
  diffMethod: DiffMethod;
  /** Where to add engine timings (the gradient-method timing experiment); none by default. */
  stats?: EngineStats;
}

/**
 * The bridge: f(x, w) as a differentiable tfjs op. x has any shape the wiring accepts; w holds the circuit's
 * weights for every group (w.size = groups * circuit.nWeights). d/dx adds inputScale * d/d(circuit input) onto
 * every input position that fed the circuit (positions shared by several evaluations accumulate); d/dw of group g
 * is summed over its evaluations.
 */
export function circuitOp(opts: BridgeOptions): (x: tf.Tensor, w: tf.Tensor) => tf.Tensor {
  const { circuit, wiring, diffMethod, stats } = opts;
  const per = circuit.nWeights, nIn = circuit.nInputs, nOut = circuit.observables.length;
  const scale = wiring.inputScale;
  return (x: tf.Tensor, w: tf.Tensor) => tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xs, ws] = args as tf.Tensor[];
    if (ws.size !== wiring.groups * per) throw new RangeError(`quantum bridge: ${wiring.groups} x ${per} weights expected, got ${ws.size}`);
    const shape = xs.shape, xv = xs.dataSync(), wv = ws.dataSync();
    const outShape = wiring.outputShape(shape);
    const out = new Float32Array(outShape.reduce((a, b) => a * b, 1));
    const groups = Array.from({ length: wiring.groups }, (_, g) => {
      const plan = wiring.plan(shape, g);
      const inputs = new Float64Array(plan.samples * nIn);
      for (let i = 0; i < inputs.length; i++) inputs[i] = scale * xv[plan.inputIndex[i]];
      const weights = Float64Array.from(wv.subarray(g * per, (g + 1) * per));
      const t0 = performance.now();
      const y = forward(circuit, inputs, weights, plan.samples);
      if (stats) { stats.forwardMs += performance.now() - t0; stats.forwardCalls++; stats.circuits += plan.samples; }
      for (let i = 0; i < y.length; i++) out[plan.outputIndex[i]] = y[i];
      return { plan, inputs, weights };
    });
    const gradFunc = (dy: tf.Tensor): tf.Tensor[] => {
      const dyv = dy.dataSync();
      const dx = new Float32Array(xs.size), dw = new Float32Array(ws.size);
      groups.forEach(({ plan, inputs, weights }, g) => {
        const upstream = new Float64Array(plan.samples * nOut);
        for (let i = 0; i < upstream.length; i++) upstream[i] = dyv[plan.outputIndex[i]];
        const t0 = performance.now();
        const r = vjp(circuit, inputs, weights, plan.samples, upstream, diffMethod);
        if (stats) { stats.vjpMs += performance.now() - t0; stats.vjpCalls++; }
        for (let i = 0; i < r.gradInputs.length; i++) dx[plan.inputIndex[i]] += scale * r.gradInputs[i];
        dw.set(r.gradWeights, g * per);
      });
      return [tf.tensor(dx, shape), tf.tensor(dw, ws.shape)];
    };
    return { value: tf.tensor(out, outShape), gradFunc };
  })(x, w);
}

/**
 * HQNN-Parallel's wiring: input [batch, c * q]; circuit k (weight group k) takes columns k*q .. k*q+q-1 of every
 * row as its q inputs and writes its q expectation values to the same columns of the output.
 */
export function columnWiring(nCircuits: number, nQubits: number): CircuitWiring {
  const n = nCircuits * nQubits;
  return {
    groups: nCircuits,
    inputScale: 1,
    outputShape: (shape) => [...shape],
    plan(shape, k) {
      const batch = shape[0];
      const index = new Int32Array(batch * nQubits);
      for (let b = 0; b < batch; b++) for (let j = 0; j < nQubits; j++) index[b * nQubits + j] = b * n + k * nQubits + j;
      return { samples: batch, inputIndex: index, outputIndex: index };
    },
  };
}

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
export function canonical<T extends string>(key: string, value: string, allowed: readonly T[], layer = "QuantumLayer"): T {
  const norm = (s: string) => String(s).toLowerCase().replace(/[_-]/g, "");
  const found = allowed.find((a) => norm(a) === norm(value));
  if (found === undefined) throw new RangeError(`${layer}: unknown ${key} ${JSON.stringify(value)} (known: ${allowed.join(", ")})`);
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
  /** f(x, w) through the bridge: circuit k on columns k*q .. k*q+q-1 with weight row k. */
  private readonly op: (x: tf.Tensor, w: tf.Tensor) => tf.Tensor;

  constructor(args: QuantumLayerArgs) {
    const { nCircuits, nQubits, nLayers, embedding, template, basicRotation, measure, diffMethod, seed, ...layerArgs } = args;
    super(layerArgs);
    this.options = resolve({ nCircuits, nQubits, nLayers, embedding, template, basicRotation, measure, diffMethod, seed });
    const o = this.options;
    this.circuit = hqnnBranchCircuit({
      nQubits: o.nQubits, nLayers: o.nLayers, embedding: o.embedding, template: o.template, basicRotation: o.basicRotation, measure: o.measure,
    });
    this.op = circuitOp({ circuit: this.circuit, wiring: columnWiring(o.nCircuits, o.nQubits), diffMethod: o.diffMethod });
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
    return this.op(x, this.quantumWeights.read());
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
