import { circuitToGraph } from "./circuit";
import { extractCircuit } from "./extract";
import { randomCliffordT } from "./generate";
import { fullReduce, spiderSimp, tCount } from "./simplify";
import { circuitUnitary, gatesUnitary } from "./simulate";
import { compareTensors } from "./tensor";

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
