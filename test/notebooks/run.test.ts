/**
 * Every notebook executes top to bottom in the quick profile, through the real toolchain (Jupyter + tslab),
 * into a temporary folder (figures too), so the committed notebooks and figures are left alone.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");
const RUNNER = path.join(ROOT, "scripts", "notebooks.py");
const out = fs.mkdtempSync(path.join(os.tmpdir(), "hqnn-notebooks-"));
const env = { ...process.env, PROFILE: "quick", HQNN_FIGURES_DIR: path.join(out, "figures") };

function runNotebook(source: string) {
  return spawnSync("/usr/bin/python3", [RUNNER, "--out", out, source], { cwd: ROOT, env, encoding: "utf8", timeout: 15 * 60 * 1000 });
}

const sources = fs.readdirSync(path.join(ROOT, "notebooks")).filter((f) => /^\d\d-.*\.ts$/.test(f)).sort();

for (const source of sources) {
  test(`notebook ${source} runs top to bottom (PROFILE=quick)`, () => {
    const r = runNotebook(source);
    assert.equal(r.status, 0, `notebook failed:\n${r.stderr.slice(-4000)}`);
    const nb = JSON.parse(fs.readFileSync(path.join(out, source.replace(/\.ts$/, ".ipynb")), "utf8"));
    const text = JSON.stringify(nb.cells[1]?.outputs ?? []);
    assert.match(text, /profile:? quick/, "the first code cell states the profile");
  });
}

test("a failing cell makes the runner exit non-zero, naming the cell and its error", () => {
  const src = path.join(out, "failing.ts");
  fs.writeFileSync(src, '// %%\nconsole.log("profile: quick");\n// %%\nthrow new Error("deliberate failure 42");\n');
  const r = runNotebook(src);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /FAILED: .*failing\.ipynb, cell 1/);
  assert.match(r.stderr, /deliberate failure 42/);
  assert.ok(fs.existsSync(path.join(out, "failing.ipynb")), "the executed notebook is saved even when a cell fails");
});

test("cell ids follow the cells' positions, so executing a notebook again leaves them unchanged", () => {
  const src = path.join(out, "ids.ts");
  fs.writeFileSync(src, '// %% [markdown]\n// # ids\n// %%\nconsole.log("profile: quick");\n');
  const ids = () => {
    assert.equal(runNotebook(src).status, 0);
    return JSON.parse(fs.readFileSync(path.join(out, "ids.ipynb"), "utf8")).cells.map((c: { id: string }) => c.id);
  };
  assert.deepEqual(ids(), ["cell-00", "cell-01"]);
  assert.deepEqual(ids(), ["cell-00", "cell-01"]);
});
