import { circuitToGraph, gateCounts, ZXCircuit } from "./circuit";
import { extractCircuit, extractedToCircuit } from "./extract";
import { randomCliffordT } from "./generate";
import { ZXGraph } from "./graph";
import { fullReduce, nonCliffordCount, spiderSimp, tCount } from "./simplify";
import { circuitUnitary, gatesUnitary } from "./simulate";
import { compareTensors } from "./tensor";
import { Verdict, verifyCircuits, verifyDiagram } from "./verify";

export interface BenchRow {
  qubits: number;
  depth: number;
  seed: number;
  tBefore: number;
  /** After spider fusion alone (adjacent T gates merge): the baseline fullReduce should beat. */
  tSpiderSimp: number;
  tAfter: number;
  twoQubitBefore: number;
  /** Two-qubit gates of the circuit extracted from the reduced diagram. */
  twoQubitAfter: number;
  /** The extracted circuit's unitary equals the original's up to a global phase. */
  extractionEqual: boolean;
  seconds: number;
}

/**
 * T-count benchmark in the spirit of PyZX's demos: for each qubit count, `perSize` random Clifford+T circuits
 * (randomCliffordT with depth = depthPerQubit·qubits, seeds seed, seed+1, ...), T-count before, after spider
 * fusion alone and after fullReduce, and a check that the extracted circuit equals the original.
 */
export function tcountBench(options: { qubits?: number[]; perSize?: number; depthPerQubit?: number; seed?: number } = {}): BenchRow[] {
  const { qubits = [4, 6, 8], perSize = 10, depthPerQubit = 25, seed = 1 } = options;
  const rows: BenchRow[] = [];
  for (const n of qubits) {
    for (let k = 0; k < perSize; k++) {
      const start = performance.now();
      const depth = depthPerQubit * n;
      const circuit = randomCliffordT(n, depth, seed + k);
      const g = circuitToGraph(circuit);
      const tBefore = tCount(g);
      const fused = g.copy();
      spiderSimp(fused);
      fullReduce(g);
      const extracted = extractCircuit(g);
      rows.push({
        qubits: n,
        depth,
        seed: seed + k,
        tBefore,
        tSpiderSimp: tCount(fused),
        tAfter: tCount(g),
        twoQubitBefore: circuit.ops.filter((op) => op.wires.length === 2).length,
        twoQubitAfter: extracted.twoQubitGates,
        extractionEqual: compareTensors(circuitUnitary(circuit), gatesUnitary(n, extracted.gates)),
        seconds: (performance.now() - start) / 1000,
      });
    }
  }
  return rows;
}

/** One named circuit through fullReduce and extraction (circuitBench). */
export interface CircuitBenchRow {
  qubits: number;
  tBefore: number;
  /** After spider fusion alone. */
  tSpiderSimp: number;
  tAfter: number;
  /** Spiders with a phase that is not a multiple of π/2 (nonCliffordCount), before and after fullReduce. */
  nonCliffordBefore: number;
  nonCliffordAfter: number;
  /** CNOT + CZ gates of the circuit as given (the readers' SWAPs and Toffolis already decomposed into them). */
  twoQubitBefore: number;
  /** CNOT + CZ gates of the circuit extracted from the reduced diagram, SWAPs counted as three CNOTs. */
  twoQubitExtracted: number;
  /** Rotations by an odd multiple of π/4 in the extracted circuit (tAfter unless extraction adds some). */
  tExtracted: number;
  /** verifyDiagram: the reduced diagram against the circuit. */
  diagramCheck: Verdict;
  /** verifyCircuits: the extracted circuit against the circuit. */
  extractedCheck: Verdict;
  /** Wall time of each fullReduce run, in seconds (each on a fresh copy of the circuit's diagram). */
  reduceSeconds: number[];
}

/**
 * fullReduce on the diagram of `circuit`, `repeats` times on fresh copies (for the timing), then the T-counts
 * before, after spider fusion alone and after fullReduce, extraction of the reduced diagram and both equality
 * checks (verify.ts: exact unitaries up to 6 wires, random product states beyond; `equal: null` with a reason when
 * the check cannot run: more than 20 wires, or a diagram too wide to evaluate).
 */
export function circuitBench(circuit: ZXCircuit, repeats = 1): CircuitBenchRow {
  if (!Number.isInteger(repeats) || repeats < 1) throw new Error(`circuitBench: repeats must be an integer >= 1, got ${repeats}`);
  const g = circuitToGraph(circuit);
  const fused = g.copy();
  spiderSimp(fused);
  const reduceSeconds: number[] = [];
  let reduced: ZXGraph = g;
  for (let r = 0; r < repeats; r++) {
    reduced = g.copy();
    const start = performance.now();
    fullReduce(reduced);
    reduceSeconds.push((performance.now() - start) / 1000);
  }
  const extracted = extractedToCircuit(extractCircuit(reduced));
  const counts = gateCounts(extracted);
  return {
    qubits: circuit.wires,
    tBefore: tCount(g),
    tSpiderSimp: tCount(fused),
    tAfter: tCount(reduced),
    nonCliffordBefore: nonCliffordCount(g),
    nonCliffordAfter: nonCliffordCount(reduced),
    twoQubitBefore: gateCounts(circuit).twoQubit,
    twoQubitExtracted: counts.twoQubit,
    tExtracted: counts.tCount,
    diagramCheck: verifyDiagram(reduced, circuit),
    extractedCheck: verifyCircuits(circuit, extracted),
    reduceSeconds,
  };
}
