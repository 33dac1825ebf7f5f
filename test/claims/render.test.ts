import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { execFileSync } from "node:child_process";
import { REPO_ROOT, writeResult } from "../../lib/results";
import { recordedWith } from "../results/fixtures";
import { chosenWith } from "../figures/recipe-summary";
import { claimKind, CLAIMS, evaluateClaims, renderClaimsMarkdown, renderTable, VERDICTS } from "../../lib/claims";

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "hqnn-claims-md-"));
}

test("CLAIMS.md: summary counts add up, one table row per claim, links only to files that exist", () => {
  const dir = tempDir();
  const results = path.join(dir, "results");
  writeResult("param-counts", recordedWith("param-counts", { models: { "cnn-mnist": { paper: 372234, ours: 372234, reconciling: [] } } }), results);
  const md = renderClaimsMarkdown(evaluateClaims(results), { linkBase: dir, resultsDir: results });
  const summary = md.slice(md.indexOf("## Summary"), md.indexOf("## Tolerances"));
  let total = 0;
  for (const v of VERDICTS) {
    const m = new RegExp(`\\| ${v} \\| (\\d+) \\| (\\d+) \\| (\\d+) \\|`).exec(summary); // measured, consistency, set-up
    assert.ok(m, v);
    total += Number(m[1]) + Number(m[2]) + Number(m[3]);
  }
  assert.equal(total, CLAIMS.length);
  const measured = CLAIMS.filter((c) => claimKind(c) === "measured").length;
  assert.ok(summary.includes(`**Measured claims: ${measured}**`), "the headline counts measured claims only");
  const table = md.slice(md.indexOf("## Claims"), md.indexOf("## Details"));
  const rows = table.split("\n").filter((l) => l.startsWith("| [")); // claim rows start with a link to the details
  assert.equal(rows.length, CLAIMS.length);
  for (const row of rows) assert.equal(row.split(/(?<!\\)\|/).length, 7, row); // five cells, pipes inside cells escaped
  assert.ok(md.includes("[results/param-counts.json](results/param-counts.json)"));
  assert.ok(md.includes("`results/hqnn-parallel-mnist.json` (missing)"));
  for (const c of CLAIMS) assert.ok(md.includes(`### ${c.id}\n`), c.id);
});

test("the table marks partial and lossy values", () => {
  const dir = tempDir();
  writeResult("cifar-recipe-summary", chosenWith([0.79, 0.81], [0.80, 0.80, 0.81]), dir);
  const row = renderTable(evaluateClaims(dir), { linkBase: dir }).split("\n").find((l) => l.startsWith("| [abstract-cifar10-over-82]"));
  assert.ok(row);
  assert.match(row, /80\.00|\b80\b/);
  assert.match(row, /CIFAR-10 \(lossy JPEG q75 copy/);
  assert.match(row, /hqnn-parallel 2\/3 seeds/);
  assert.match(row, /\*\*pending\*\*/);
});

test("scripts/claims.ts writes the file and prints one JSON object", () => {
  const dir = tempDir();
  const out = path.join(dir, "CLAIMS.md");
  const stdout = execFileSync(process.execPath, ["--import", "tsx", "scripts/claims.ts", "--out", out], {
    cwd: REPO_ROOT, encoding: "utf8", env: { ...process.env, HQNN_RESULTS_DIR: path.join(dir, "results") }, stdio: ["ignore", "pipe", "pipe"],
  });
  const lines = stdout.trim().split("\n");
  assert.equal(lines.length, 1);
  const report = JSON.parse(lines[0]);
  assert.equal(report.claims, CLAIMS.length);
  assert.ok(fs.readFileSync(out, "utf8").startsWith("# Claims audit"));
  assert.throws(() => execFileSync(process.execPath, ["--import", "tsx", "scripts/claims.ts", "--bogus"], { cwd: REPO_ROOT, stdio: "pipe" }),
    (e: any) => e.status === 2);
});
