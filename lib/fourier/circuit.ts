/**
 * Fourier coefficients of a circuit's expectation values as functions of chosen inputs, other values fixed.
 *
 * Every parametrised gate of the engine (RX, RY, RZ, Rot = RZ RY RZ) is a Pauli rotation e^{-iθP/2}; an input
 * angle that enters r times therefore gives integer frequencies -r..r in that input (Schuld, Sweke & Meyer 2021).
 */

import { Circuit, forward } from "../quantum";
import { FourierError, FourierSeries, gridPoints, gridSize, coefficientsFromGrid } from "./series";

/** How many parameter slots read each circuit input: the largest frequency that input can carry. */
export function encodingCounts(circuit: Circuit): number[] {
  const counts = new Array<number>(circuit.nInputs).fill(0);
  for (const op of circuit.ops) for (const ref of op.params) if (ref.src === "input") counts[ref.index]++;
  return counts;
}

export interface CircuitFourierOptions {
  /** The shared weight vector (length circuit.nWeights). */
  weights: ArrayLike<number>;
  /** Circuit input indices to expand in, in the order of the frequency vectors' entries. */
  inputs: number[];
  /** Values of every circuit input (length nInputs); the listed ones are overwritten by grid points. Default 0. */
  baseInputs?: ArrayLike<number>;
  /** Highest frequency sampled per input, d. */
  degree: number;
}

function checkOptions(circuit: Circuit, opts: CircuitFourierOptions): void {
  const { inputs, weights, baseInputs } = opts;
  if (!Array.isArray(inputs) || inputs.length === 0) throw new FourierError("choose at least one input");
  inputs.forEach((i) => {
    if (!Number.isInteger(i) || i < 0 || i >= circuit.nInputs) {
      throw new FourierError(`input ${JSON.stringify(i)} is out of range (circuit has inputs 0..${circuit.nInputs - 1})`);
    }
  });
  if (new Set(inputs).size !== inputs.length) throw new FourierError(`inputs must be distinct, got ${JSON.stringify(inputs)}`);
  if (weights.length !== circuit.nWeights) throw new FourierError(`expected ${circuit.nWeights} weights, got ${weights.length}`);
  if (baseInputs !== undefined && baseInputs.length !== circuit.nInputs) {
    throw new FourierError(`expected ${circuit.nInputs} base input values, got ${baseInputs.length}`);
  }
}

/**
 * The coefficients c_ω (convention of ./series) of every observable of the circuit as a function of the chosen
 * inputs; returns one series per observable, in the circuit's observable order. All K^N grid points run as one
 * engine batch.
 */
export function circuitFourier(circuit: Circuit, opts: CircuitFourierOptions): FourierSeries[] {
  checkOptions(circuit, opts);
  const { inputs, degree } = opts;
  const n = inputs.length, size = gridSize(n, degree), nIn = circuit.nInputs, nObs = circuit.observables.length;
  const points = gridPoints(n, degree);
  const batch = new Float64Array(size * nIn);
  for (let p = 0; p < size; p++) {
    if (opts.baseInputs) for (let j = 0; j < nIn; j++) batch[p * nIn + j] = opts.baseInputs[j];
    for (let i = 0; i < n; i++) batch[p * nIn + inputs[i]] = points[p * n + i];
  }
  const values = forward(circuit, batch, opts.weights, size);
  return circuit.observables.map((_, o) => {
    const samples = new Float64Array(size);
    for (let p = 0; p < size; p++) samples[p] = values[p * nObs + o];
    return coefficientsFromGrid(samples, n, degree);
  });
}
