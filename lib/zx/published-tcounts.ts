/**
 * Published T-counts for the benchmark circuits of `bench zx`, in one place.
 *
 * - PyZX: the T-count after PyZX's phase-teleportation reduction (`teleport_reduce`, the method of A. Kissinger,
 *   J. van de Wetering, "Reducing T-count with the ZX-calculus", Phys. Rev. A 102, 022406 (2020), arXiv:1903.10477),
 *   as printed in the stored output of PyZX's notebook `demos/T-count Benchmark.ipynb` (Fast circuits cell, columns
 *   qubits, T-before, T-PyZX), github.com/Quantomatic/pyzx at commit 27990c1 (the notebook last changed in 228137c,
 *   2020-06-15). The rows below were written out of that output by a script, not typed. The paper's own table was
 *   not found in any source available to us, so no number here is quoted from the paper itself.
 *   PyZX's "T" columns count every rotation (before) and spider (after) whose phase is not a multiple of π/2. For
 *   Clifford+T circuits that is the T-count; for QFT8 and QFT16 it also counts their finer rotations (π/8, π/16,
 *   ...), which lib/zx's tCount leaves out (odd multiples of π/4 only), so `bench zx` shows no PyZX figure for
 *   them (T before differs) and test/zx/quipper.test.ts compares the non-Clifford counts instead.
 * - T-par: read from the header T-par wrote into each stored `<name>_tpar.qc` (data/zx-benchmarks/, SOURCE.md),
 *   by `tparHeader` below, at run time.
 */

export interface PyzxPublished {
  qubits: number;
  /** T-count of the original circuit as the notebook prints it (non-Clifford rotations, see above); `bench zx` shows tPyzx only when its T before equals this. */
  tBefore: number;
  /** T-count after PyZX's reduction. */
  tPyzx: number;
  /** The circuit's name in the notebook's output. */
  notebookName: string;
}

export const PYZX_SOURCE =
  "PyZX demos/T-count Benchmark.ipynb, stored output of the Fast-circuits cell (T-PyZX column), github.com/Quantomatic/pyzx commit 27990c1";

const row = (qubits: number, tBefore: number, tPyzx: number, notebookName: string): PyzxPublished => ({ qubits, tBefore, tPyzx, notebookName });

/** PyZX's published T-counts by our circuit name (csum_mux_9 is the notebook's csum_mux_9_corrected). */
export const PYZX_PUBLISHED: Readonly<Record<string, PyzxPublished>> = {
  "adder_8": row(24, 399, 173, "adder_8"),
  "QFT16": row(16, 342, 144, "QFT16"),
  "QFT8": row(8, 84, 42, "QFT8"),
  "barenco_tof_10": row(19, 224, 100, "barenco_tof_10"),
  "barenco_tof_3": row(5, 28, 16, "barenco_tof_3"),
  "barenco_tof_4": row(7, 56, 28, "barenco_tof_4"),
  "barenco_tof_5": row(9, 84, 40, "barenco_tof_5"),
  "csum_mux_9": row(30, 196, 84, "csum_mux_9_corrected"),
  "gf2^10_mult": row(30, 700, 410, "gf2^10_mult"),
  "gf2^4_mult": row(12, 112, 68, "gf2^4_mult"),
  "gf2^5_mult": row(15, 175, 115, "gf2^5_mult"),
  "gf2^6_mult": row(18, 252, 150, "gf2^6_mult"),
  "gf2^7_mult": row(21, 343, 217, "gf2^7_mult"),
  "gf2^8_mult": row(24, 448, 264, "gf2^8_mult"),
  "gf2^9_mult": row(27, 567, 351, "gf2^9_mult"),
  "grover_5": row(9, 336, 166, "grover_5.qc"),
  "ham15-low": row(17, 161, 97, "ham15-low.qc"),
  "mod5_4": row(5, 28, 8, "mod5_4"),
  "qcla_adder_10": row(36, 238, 162, "qcla_adder_10"),
  "qcla_com_7": row(24, 203, 95, "qcla_com_7"),
  "qcla_mod_7": row(26, 413, 237, "qcla_mod_7"),
  "tof_10": row(19, 119, 71, "tof_10"),
  "tof_3": row(5, 21, 15, "tof_3"),
  "tof_4": row(7, 35, 23, "tof_4"),
  "tof_5": row(9, 49, 31, "tof_5"),
  "vbe_adder_3": row(10, 70, 24, "vbe_adder_3"),
};

/** Counts of one section of a T-par header. */
export interface TparCounts {
  qubits: number;
  h: number;
  cnot: number;
  t: number;
}

/**
 * The "Original circuit" and "Optimized circuit" sections of the comment header T-par writes (`#   T: 21` lines
 * and so on); throws naming the missing field when the text has no such header.
 */
export function tparHeader(text: string): { original: TparCounts; optimised: TparCounts } {
  const comments = text.split("\n").filter((l) => l.startsWith("#")).map((l) => l.slice(1).trim());
  const section = (title: string): TparCounts => {
    const start = comments.indexOf(title);
    if (start < 0) throw new Error(`T-par header: no "# ${title}" line`);
    const fields = new Map<string, number>();
    for (const line of comments.slice(start + 1)) {
      const m = /^([^:]+):\s*(.*)$/.exec(line);
      if (!m) break;
      if (/^\d+$/.test(m[2])) fields.set(m[1], Number(m[2]));
    }
    const field = (key: string) => {
      const value = fields.get(key);
      if (value === undefined) throw new Error(`T-par header: no "${key}:" under "# ${title}"`);
      return value;
    };
    return { qubits: field("qubits"), h: field("H"), cnot: field("cnot"), t: field("T") };
  };
  return { original: section("Original circuit"), optimised: section("Optimized circuit") };
}
