import { ZXCircuit, ZXCircuitOp } from "./circuit";

/** A seeded pseudo-random generator in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const randomInt = (rand: () => number, n: number) => Math.floor(rand() * n);

function randomPair(rand: () => number, qubits: number): [number, number] {
  const a = randomInt(rand, qubits);
  const b = (a + 1 + randomInt(rand, qubits - 1)) % qubits;
  return [a, b];
}

/**
 * A random Clifford+T circuit in the style of PyZX's generate.cliffordT: `depth` gates, each a T (RZ(π/4)),
 * an S (RZ(π/2)), an HSH (H, RZ(π/2), H) on a random wire, or a CNOT on a random pair, with equal probability.
 */
export function randomCliffordT(qubits: number, depth: number, seed: number): ZXCircuit {
  const rand = seededRandom(seed);
  const ops: ZXCircuitOp[] = [];
  for (let i = 0; i < depth; i++) {
    const kind = randomInt(rand, 4);
    const q = randomInt(rand, qubits);
    if (kind === 0) ops.push({ gate: "RZ", wires: [q], params: [Math.PI / 4] });
    else if (kind === 1) ops.push({ gate: "RZ", wires: [q], params: [Math.PI / 2] });
    else if (kind === 2) ops.push({ gate: "H", wires: [q] }, { gate: "RZ", wires: [q], params: [Math.PI / 2] }, { gate: "H", wires: [q] });
    else if (qubits > 1) ops.push({ gate: "CNOT", wires: randomPair(rand, qubits) });
  }
  return { wires: qubits, ops };
}

/**
 * A random circuit over all gates of the circuit spec (RX, RY, RZ, Rot, CNOT, CZ, H, uniformly). Angles are
 * k·π/4 with k uniform in 0..7 (`"quarter"`) or uniform in [0, 2π) (`"generic"`).
 */
export function randomCircuit(qubits: number, depth: number, seed: number, angles: "quarter" | "generic" = "quarter"): ZXCircuit {
  const rand = seededRandom(seed);
  const angle = () => (angles === "quarter" ? (randomInt(rand, 8) * Math.PI) / 4 : rand() * 2 * Math.PI);
  const ops: ZXCircuitOp[] = [];
  for (let i = 0; i < depth; i++) {
    const gate = (["RX", "RY", "RZ", "Rot", "CNOT", "CZ", "H"] as const)[randomInt(rand, 7)];
    if ((gate === "CNOT" || gate === "CZ") && qubits > 1) ops.push({ gate, wires: randomPair(rand, qubits) });
    else if (gate === "Rot") ops.push({ gate, wires: [randomInt(rand, qubits)], params: [angle(), angle(), angle()] });
    else if (gate === "H") ops.push({ gate, wires: [randomInt(rand, qubits)] });
    else if (gate !== "CNOT" && gate !== "CZ") ops.push({ gate, wires: [randomInt(rand, qubits)], params: [angle()] });
  }
  return { wires: qubits, ops };
}
