/**
 * Section 2.3, HQNN-Quanv: the quanvolution's kernel circuit and its 2x2 patches.
 *
 * Kernel circuit (4 qubits, one per pixel of a 2x2 patch; wire 0 = top-left, 1 = top-right, 2 = bottom-left,
 * 3 = bottom-right, the order of PennyLane's quanvolution tutorial):
 *
 *   RY(pi * p_i) on wire i          angle embedding of the pixels p_i in [0, 1]
 *   R(w_i) on wire i                 4 trainable single-qubit rotations, R = RY (default) or RX
 *   CNOT(0,1) CNOT(1,2) CNOT(2,3)    3 CNOTs in a chain
 *   <Z_i> on every wire              4 output channels, each in [-1, 1]
 *
 * With R = RY the weights shift the embedding angles: <Z_k> = prod_{i<=k} cos(pi p_i + w_i) (the CNOT chain
 * turns Z_k into Z_0...Z_k). With R = RX: <Z_k> = prod_{i<=k} cos(pi p_i) cos(w_i). RZ would commute with
 * everything up to the Z measurements and leave the weights without gradient, so it is not offered.
 *
 * The kernel slides over the image with a given stride and no padding: an H x W image gives
 * floor((H-2)/s)+1 x floor((W-2)/s)+1 maps per channel. `patchWiring` tells the quantum bridge
 * (lib/nn/quantum-layer.ts) which pixels each kernel evaluation reads; all patches of a batch are one engine call.
 */
import { buildCircuit, Circuit, CircuitOp, input, weight } from "../quantum";
import type { CircuitWiring } from "./quantum-layer";

export const KERNEL_SIZE = 2;
export const KERNEL_QUBITS = KERNEL_SIZE * KERNEL_SIZE;

export type KernelRotation = "RY" | "RX";
export const KERNEL_ROTATIONS: readonly KernelRotation[] = ["RY", "RX"];

/** The 4-qubit kernel circuit: inputs 0..3 are the embedding angles, weights 0..3 the trainable rotations. */
export function quanvKernelCircuit(rotation: KernelRotation = "RY"): Circuit {
  const wires = [0, 1, 2, 3];
  const ops: CircuitOp[] = [
    ...wires.map((i): CircuitOp => ({ gate: "RY", wires: [i], params: [input(i)] })),
    ...wires.map((i): CircuitOp => ({ gate: rotation, wires: [i], params: [weight(i)] })),
    { gate: "CNOT", wires: [0, 1], params: [] },
    { gate: "CNOT", wires: [1, 2], params: [] },
    { gate: "CNOT", wires: [2, 3], params: [] },
  ];
  return buildCircuit(KERNEL_QUBITS, ops, wires.map((wire) => ({ pauli: "Z" as const, wire })));
}

/** Side of the output map: floor((size - 2) / stride) + 1 (no padding). */
export function quanvOutputSize(size: number, stride: number): number {
  if (!Number.isInteger(stride) || stride < 1) throw new RangeError(`stride must be a positive integer, got ${stride}`);
  if (size < KERNEL_SIZE) throw new RangeError(`image side ${size} is smaller than the 2x2 kernel`);
  return Math.floor((size - KERNEL_SIZE) / stride) + 1;
}

export interface PatchGeometry { n: number; height: number; width: number; stride: number }

function outputShape(g: PatchGeometry): [number, number] {
  return [quanvOutputSize(g.height, g.stride), quanvOutputSize(g.width, g.stride)];
}

/**
 * The pixel of every patch value: index[((b*oh + r)*ow + c)*4 + k] = position in n*H*W (row-major) of
 * img_b[r*s + dy_k, c*s + dx_k], (dy, dx)_k = (0,0), (0,1), (1,0), (1,1). Patch-major with 4 values each: exactly
 * the engine's sample-major input layout, and the 4 expectation values per patch are then already NHWC.
 */
export function patchIndices(g: PatchGeometry): Int32Array {
  const [oh, ow] = outputShape(g);
  const { n, height: h, width: w, stride: s } = g;
  const index = new Int32Array(n * oh * ow * KERNEL_QUBITS);
  let o = 0;
  for (let b = 0; b < n; b++) {
    for (let r = 0; r < oh; r++) {
      for (let c = 0; c < ow; c++) {
        const top = b * h * w + r * s * w + c * s;
        index[o++] = top;
        index[o++] = top + 1;
        index[o++] = top + w;
        index[o++] = top + w + 1;
      }
    }
  }
  return index;
}

/** Every 2x2 patch of n single-channel images (n*H*W, row-major), times `scale`, in the layout of patchIndices. */
export function extractPatches(images: ArrayLike<number>, g: PatchGeometry, scale = 1): Float64Array {
  const { n, height: h, width: w } = g;
  if (images.length !== n * h * w) throw new RangeError(`expected ${n}*${h}*${w} pixels, got ${images.length}`);
  const index = patchIndices(g);
  const out = new Float64Array(index.length);
  for (let i = 0; i < index.length; i++) out[i] = scale * images[index[i]];
  return out;
}

/** The adjoint of extractPatches: adds each patch value (times `scale`) back onto its pixel (n*H*W). */
export function scatterPatches(patches: ArrayLike<number>, g: PatchGeometry, scale = 1): Float32Array {
  const index = patchIndices(g);
  if (patches.length !== index.length) throw new RangeError(`expected ${index.length} patch values, got ${patches.length}`);
  const out = new Float32Array(g.n * g.height * g.width);
  for (let i = 0; i < index.length; i++) out[index[i]] += scale * patches[i];
  return out;
}

/**
 * The quanvolution's wiring for the quantum bridge: images [n, H, W, 1] in [0, 1] -> [n, oh, ow, 4]; one weight
 * group (the 4 kernel weights shared by every patch), one evaluation per patch with angles pi * pixel.
 */
export function patchWiring(stride: number): CircuitWiring {
  const geometry = (shape: readonly number[]): PatchGeometry => {
    const [n, height, width, channels] = shape;
    if (shape.length !== 4 || channels !== 1) throw new RangeError(`quanvolution expects [n, H, W, 1] images, got ${JSON.stringify(shape)}`);
    return { n, height, width, stride };
  };
  return {
    groups: 1,
    inputScale: Math.PI,
    outputShape(shape) {
      const g = geometry(shape);
      return [g.n, ...outputShape(g), KERNEL_QUBITS];
    },
    plan(shape) {
      const inputIndex = patchIndices(geometry(shape));
      const samples = inputIndex.length / KERNEL_QUBITS;
      return { samples, inputIndex, outputIndex: Int32Array.from({ length: inputIndex.length }, (_, i) => i) };
    },
  };
}
