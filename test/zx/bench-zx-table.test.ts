import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { join } from "node:path";
import { recordedZxBench, renderZxTable, ZX_TABLE } from "../../experiments/bench-zx-table";
import { withGeneratedBlock } from "../../lib/io/generated-block";

const ROOT = join(__dirname, "..", "..");

test("the README's ZX table is what scripts/bench-tables.ts renders from results/ (or says it is not recorded)", () => {
  const readme = fs.readFileSync(join(ROOT, "README.md"), "utf8");
  assert.equal(withGeneratedBlock(readme, ZX_TABLE, renderZxTable(recordedZxBench())), readme, "run node --import tsx scripts/bench-tables.ts");
});

test("renderZxTable: one row per circuit, dashes for missing published figures, ours in bold above one, undecided checks with their reason", () => {
  assert.match(renderZxTable(undefined), /^The ZX benchmark table is not recorded yet/);
  const row = (circuit: string, t: number, pyzx: number | null, tpar: number | null) => ({
    circuit, qubits: 5, t_before: 21, t_full_reduce: t, t_pyzx: pyzx, t_tpar: tpar, reduce_seconds: 0.02,
    non_clifford_before: 21, non_clifford_full_reduce: t, non_clifford_pyzx: null as number | null,
    extracted_check: { equal: true, method: "dense-unitary" }, diagram_check: { equal: null, method: "product-states", reason: "too wide" },
  });
  const table = renderZxTable({
    repeats: 3, provenance: { git_commit: "abc1234", git_dirty: false, started_at: "2020-01-01T00:00:00Z" },
    circuits: [row("tof_3", 15, 15, 15), row("x_tpar", 16, null, 15),
      { ...row("QFT8", 9, null, null), non_clifford_before: 84, non_clifford_full_reduce: 42, non_clifford_pyzx: 42 }],
  } as never);
  assert.match(table, /^From `results\/bench-zx.json` \(commit abc1234, started 2020-01-01T00:00:00Z; fullReduce seconds: median of 3 run\(s\)\)/);
  const lines = table.split("\n").filter((l) => l.startsWith("| "));
  assert.equal(lines.length, 5);
  assert.equal(lines[2], "| tof_3 | 5 | 21 | 15 | 15 | 15 | 0.02 | equal (dense-unitary) | undecided (product-states: too wide) |");
  assert.equal(lines[3], "| x_tpar | 5 | 21 | **16** | – | 15 | 0.02 | equal (dense-unitary) | undecided (product-states: too wide) |");
  assert.equal(lines[4], "| QFT8 | 5 | 21 | 9 (non-Clifford 84 -> 42) | 42 (non-Clifford) | – | 0.02 | equal (dense-unitary) | undecided (product-states: too wide) |");
  assert.throws(() => withGeneratedBlock("no markers", ZX_TABLE, "x"), /lacks the markers/);
});
