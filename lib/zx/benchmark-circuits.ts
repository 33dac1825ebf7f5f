import { ParsedCircuit } from "./circuit-file";
import { parseQc } from "./qc";

/**
 * The arithmetic families of the standard Clifford+T T-count benchmark set (Amy, Maslov, Mosca, "Polynomial-time
 * T-depth optimization of Clifford+T circuits via matroid partitioning", IEEE TCAD 33(10), 2014, arXiv:1303.2042;
 * Nam, Ross, Su, Childs, Maslov, "Automated optimization of large quantum circuits with continuous parameters",
 * npj Quantum Inf. 4, 23, 2018), generated rather than stored: `tof_n`, `barenco_tof_n` and `gf2^n_mult`.
 *
 * Each generator writes `.qc` text (the Quipper-style format of the benchmark files, read by parseQc in qc.ts), so a
 * generated circuit goes through exactly the parser a downloaded file would: `benchmarkCircuit(name)` is
 * `parseQc(benchmarkQc(name))`. The gate sequences follow the public benchmark files as PyZX ships them
 * (circuits/Fast/*_before, circuits/feyn_bench/*.qc; the same files are in Amy's Feynman repository under
 * benchmarks/): Toffolis are written as `H t`, `Z c1 c2 t`, `H t` (a doubly controlled Z between Hadamards on the
 * target, Hadamards of consecutive Toffolis on one target cancelled as the files do), which parseQc turns into the
 * 7-T, 6-CNOT CCZ of decompose.ts. Our code, written from the descriptions below; no file was copied.
 *
 * Wire names are numbers 1..q for the Toffoli families (controls, then ancillas, then the target) and
 * a0.., b0.., c0.. for the multipliers, as in the files. `.i` lists the wires that carry inputs (clean ancillas
 * and the multiplier's output register are missing from it), `.o` all wires; parseQc reads every wire as a wire
 * of the unitary and notes the missing ones.
 */

export type BenchmarkFamily = "tof" | "barenco_tof" | "gf2_mult";

export interface BenchmarkName {
  name: string;
  family: BenchmarkFamily;
  /** Controls of the Toffoli families; the field degree of the multipliers. */
  n: number;
}

/** Controls accepted for the Toffoli families (the published files go up to 10). */
export const MAX_TOFFOLI_CONTROLS = 32;

/**
 * Irreducible polynomials x^n + Σ_{t∈T} x^t + 1 of the gf2^n_mult files, as the middle exponents T (the constant
 * term is always there). Read off the files' reduction networks (PyZX circuits/feyn_bench/gf2^n_mult.qc): a
 * CNOT from c_j to c_{(j+t) mod n} for every t ∈ T, which is the in-place reduction below. Trinomials where one
 * exists, else the pentanomial x^8 + x^4 + x^3 + x^2 + 1.
 */
export const GF2_POLYNOMIALS: Readonly<Record<number, readonly number[]>> = {
  4: [1],
  5: [2],
  6: [1],
  7: [1],
  8: [4, 3, 2],
  9: [4],
  10: [3],
};

/** The generated circuits of `bench zx` (benchmark-suite.ts): the Toffoli families at 3, 4, 5, 10 controls and every multiplier (up to 30 qubits), as in the published set. */
export const DEFAULT_BENCHMARK_CIRCUITS: readonly string[] = [
  "tof_3", "tof_4", "tof_5", "tof_10",
  "barenco_tof_3", "barenco_tof_4", "barenco_tof_5", "barenco_tof_10",
  ...Object.keys(GF2_POLYNOMIALS).map((n) => `gf2^${n}_mult`),
];

/** A name as the benchmark files spell it (tof_3, barenco_tof_10, gf2^4_mult), or undefined if we cannot generate it. */
export function parseBenchmarkName(name: string): BenchmarkName | undefined {
  const m = /^(tof|barenco_tof)_(\d+)$/.exec(name) ?? /^gf2\^(\d+)_mult$/.exec(name);
  if (!m) return undefined;
  if (m.length === 3) {
    const n = Number(m[2]);
    if (n < 3 || n > MAX_TOFFOLI_CONTROLS || m[2] !== String(n)) return undefined;
    return { name, family: m[1] as "tof" | "barenco_tof", n };
  }
  const n = Number(m[1]);
  return Object.hasOwn(GF2_POLYNOMIALS, m[1]) && m[1] === String(n) ? { name, family: "gf2_mult", n } : undefined;
}

/** The names parseBenchmarkName accepts, for messages. */
export const BENCHMARK_NAME_FORMS =
  `tof_N, barenco_tof_N (3 <= N <= ${MAX_TOFFOLI_CONTROLS}), gf2^N_mult (N = ${Object.keys(GF2_POLYNOMIALS).join(", ")})`;

/** The `.qc` text of a benchmark circuit; throws an Error for a name parseBenchmarkName rejects. */
export function benchmarkQc(name: string): string {
  const spec = parseBenchmarkName(name);
  if (!spec) throw new Error(`unknown benchmark circuit ${JSON.stringify(name)} (expected ${BENCHMARK_NAME_FORMS})`);
  switch (spec.family) {
    case "tof": return tofQc(spec.n);
    case "barenco_tof": return barencoTofQc(spec.n);
    case "gf2_mult": return gf2MultQc(spec.n);
  }
}

/** A benchmark circuit as parseQc reads its generated `.qc` text. */
export function benchmarkCircuit(name: string): ParsedCircuit {
  return parseQc(benchmarkQc(name));
}

/** Collects the gate lines of a `.qc` file and writes the file: comment header, `.v`, `.i`, `.o`, BEGIN, gates, END. */
class QcWriter {
  private lines: string[] = [];
  gate(...words: (string | number)[]): void {
    this.lines.push(words.join(" "));
  }
  text(header: string[], v: string[], inputs: string[]): string {
    return [...header.map((l) => `# ${l}`), `.v ${v.join(" ")}`, `.i ${inputs.join(" ")}`, `.o ${v.join(" ")}`, "", "BEGIN", ...this.lines, "END", ""].join("\n");
  }
}

/**
 * The Toffoli chain of the Toffoli families: wires 1..n are the controls c_0..c_{n−1}, n+1..2n−2 the ancillas
 * a_0..a_{n−3}, 2n−1 the target. Rung 0 is Toffoli(c_0, c_1 → a_0), rung k (1 ≤ k ≤ n−3) Toffoli(c_{k+1}, a_{k−1}
 * → a_k), rung n−2 Toffoli(c_{n−1}, a_{n−3} → target).
 */
function toffoliLadder(n: number) {
  if (!Number.isInteger(n) || n < 3) throw new Error(`the Toffoli families need n >= 3 controls, got ${n}`);
  const control = (i: number) => i + 1;
  const ancilla = (i: number) => n + 1 + i;
  const targetWire = 2 * n - 1;
  const rungTarget = (k: number) => (k === n - 2 ? targetWire : ancilla(k));
  const rungControls = (k: number) => (k === 0 ? [control(0), control(1)] : [control(k + 1), ancilla(k - 1)]);
  const wires = Array.from({ length: 2 * n - 1 }, (_, i) => String(i + 1));
  return { wires, controls: wires.slice(0, n), targetWire, rungTarget, rungControls };
}

/**
 * tof_n: an X on the target controlled by n controls, with n−2 clean ancillas (they must start in |0⟩, and end
 * there): the Toffoli ladder computes c_0·…·c_{k+1} into a_k rung by rung, the top rung puts the AND of all
 * controls onto the target, and the ladder is undone (rungs n−3..0): 2n−3 Toffolis, 7(2n−3) T gates. The
 * textbook compute–copy–uncompute construction (Nielsen & Chuang, Fig. 4.10); the order of the Toffolis is that of
 * the benchmark files (e.g. PyZX's circuits/Fast/tof_10_before). Wire layout of tof_4, tof_5, tof_10 (tof_3's file
 * puts its ancilla after the target; the circuit is otherwise the same).
 */
export function tofQc(n: number): string {
  const L = toffoliLadder(n);
  const w = new QcWriter();
  const rung = (k: number) => {
    w.gate("H", L.rungTarget(k));
    w.gate("Z", ...L.rungControls(k), L.rungTarget(k));
    w.gate("H", L.rungTarget(k));
  };
  for (let k = 0; k <= n - 2; k++) rung(k);
  for (let k = n - 3; k >= 0; k--) rung(k);
  return w.text(
    [`tof_${n}: ${n}-controlled X with ${n - 2} clean ancilla${n === 3 ? "" : "s"}, ${2 * n - 3} Toffolis (generated by hqnn-ts lib/zx/benchmark-circuits.ts)`],
    L.wires, [...L.controls, String(L.targetWire)]);
}

/**
 * barenco_tof_n: Barenco et al.'s n-controlled X with n−2 borrowed ("dirty") ancillas, which may hold anything
 * and are returned unchanged (A. Barenco et al., "Elementary gates for quantum computation", Phys. Rev. A 52,
 * 3457, 1995, Lemma 7.2): 4(n−2) Toffolis, 7·4(n−2) T gates. Two V-shaped sweeps over the ladder: rungs n−2 down
 * to 0 and back up to n−2 (the target flips by c_{n−1}·a_{n−3} twice, with a_{n−3} toggled by the AND of the
 * other controls in between), then rungs n−3 down to 0 and back up, which restores the ancillas. Hadamards as in
 * the benchmark file (PyZX's circuits/Fast/barenco_tof_10_before): each target's H pair encloses both of its
 * Toffolis in a sweep, 4n−6 H in all.
 */
export function barencoTofQc(n: number): string {
  const L = toffoliLadder(n);
  const w = new QcWriter();
  const ccz = (k: number) => w.gate("Z", ...L.rungControls(k), L.rungTarget(k));
  const sweep = (top: number) => {
    for (let k = top; k >= 0; k--) {
      w.gate("H", L.rungTarget(k));
      ccz(k);
    }
    w.gate("H", L.rungTarget(0));
    for (let k = 1; k <= top; k++) {
      ccz(k);
      w.gate("H", L.rungTarget(k));
    }
  };
  sweep(n - 2);
  sweep(n - 3);
  return w.text(
    [`barenco_tof_${n}: ${n}-controlled X with ${n - 2} borrowed ancilla${n === 3 ? "" : "s"} (Barenco et al. 1995, Lemma 7.2), ${4 * (n - 2)} Toffolis (generated by hqnn-ts lib/zx/benchmark-circuits.ts)`],
    L.wires, L.wires);
}

/**
 * gf2^n_mult: c ← a·b in GF(2^n) = GF(2)[x]/(p), polynomial basis, p from GF2_POLYNOMIALS, with registers a, b
 * (inputs, unchanged) and c (n wires starting in |0⟩). The structure of the benchmark files (PyZX's
 * circuits/feyn_bench/gf2^n_mult.qc, which as far as we know follow the multiplier of Maslov, Mathew, Cheung and
 * Pradhan, "An O(m²)-depth quantum algorithm for the elliptic curve discrete logarithm problem over GF(2^m)",
 * Quantum Inf. Comput. 9, 2009; that attribution is not checked here), in three parts:
 * 1. the high half of the schoolbook product: d_{n+k} = Σ_{i+j=n+k} a_i·b_j into c_k (k = 0..n−2), one Toffoli
 *    per term;
 * 2. in place, a CNOT network turning Σ_k c_k·x^{n+k} into its residue mod p: for j = n−2 down to 0 and each
 *    t ∈ T, CNOT c_j → c_{(j+t) mod n}. Why: x^{n+j} ≡ x^j + Σ_t x^{j+t}. The x^j term stays where it is (wire j
 *    now means the coefficient of x^j); x^{j+t} with j+t < n is a low coefficient, added into wire j+t; with j+t
 *    ≥ n it is x^{n+m}, m = j+t−n < j, still to be reduced, so it is added into wire m, which comes later in the
 *    downward order. (n−1)·|T| CNOTs, the files' count;
 * 3. the low half: d_k = Σ_{i+j=k} a_i·b_j into c_k (k = n−1..0).
 * n² Toffolis in all (7n² T), each an `H c`, `Z a b c`, `H c` with the Hadamards of a part gathered at its ends.
 */
export function gf2MultQc(n: number): string {
  const low = GF2_POLYNOMIALS[n];
  if (!low) throw new Error(`no irreducible polynomial of degree ${n} in GF2_POLYNOMIALS (have ${Object.keys(GF2_POLYNOMIALS).join(", ")})`);
  const a = (i: number) => `a${i}`, b = (i: number) => `b${i}`, c = (i: number) => `c${i}`;
  const range = (k: number) => Array.from({ length: k }, (_, i) => i);
  const w = new QcWriter();
  const hadamards = (k: number) => range(k).forEach((i) => w.gate("H", c(i)));
  hadamards(n - 1);
  for (let k = 0; k <= n - 2; k++) for (let i = n - 1; i >= k + 1; i--) w.gate("Z", a(i), b(n + k - i), c(k));
  hadamards(n - 1);
  const sorted = [...low].sort((x, y) => y - x);
  for (let j = n - 2; j >= 0; j--) for (const t of sorted) w.gate("tof", c(j), c((j + t) % n));
  hadamards(n);
  for (let k = n - 1; k >= 0; k--) for (let i = k; i >= 0; i--) w.gate("Z", a(i), b(k - i), c(k));
  hadamards(n);
  const poly = ["x^" + n, ...sorted.map((t) => (t === 1 ? "x" : `x^${t}`)), "1"].join(" + ");
  const all = [...range(n).map(a), ...range(n).map(b), ...range(n).map(c)];
  return w.text(
    [`gf2^${n}_mult: c <- a*b in GF(2^${n}) mod ${poly}, c starting at 0; ${n * n} Toffolis (generated by hqnn-ts lib/zx/benchmark-circuits.ts)`],
    all, all.slice(0, 2 * n));
}
