/**
 * Claim anchors in the notebook sources: every link to CLAIMS.md#<id> names a claim of the registry (lib/claims),
 * and notebooks 01 and 03-05 link every claim of the paper section they discuss (lib/report/sections.ts says which).
 * Notebook 02 lists its claims in a table of claim ids instead, which the report links (lib/report/notebooks.ts).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { CLAIMS } from "../../lib/claims";
import { groupOfPaperSection } from "../../lib/report/sections";

const SRC = path.resolve(__dirname, "..", "..", "notebooks");
const LINKING = ["01-datasets", "03-hqnn-quanv", "04-zx-reduction", "05-fourier-expressivity"];

/** The claim ids of a source's links to CLAIMS.md, in order. */
function claimAnchors(text: string): string[] {
  return [...text.matchAll(/CLAIMS\.md#([^)\s]*)\)/g)].map((m) => m[1]);
}

const source = (name: string) => fs.readFileSync(path.join(SRC, `${name}.ts`), "utf8");
const names = fs.readdirSync(SRC).filter((f) => /^\d\d-.*\.ts$/.test(f)).map((f) => f.slice(0, -".ts".length)).sort();

test("claimAnchors reads the ids of markdown links to CLAIMS.md", () => {
  assert.deepEqual(claimAnchors("a [x](../CLAIMS.md#x-1), [CLAIMS.md](../CLAIMS.md) and\n// [y](../CLAIMS.md#y)."), ["x-1", "y"]);
});

for (const name of names) {
  test(`${name}: every claim anchor names a claim of the registry`, () => {
    const ids = new Set(CLAIMS.map((c) => c.id));
    assert.deepEqual(claimAnchors(source(name)).filter((id) => !ids.has(id)), []);
  });
}

for (const name of LINKING) {
  test(`${name} links every claim of its paper section`, () => {
    const linked = new Set(claimAnchors(source(name)));
    const own = CLAIMS.filter((c) => groupOfPaperSection(c.where.section).notebook === name).map((c) => c.id);
    assert.ok(own.length > 0, `no claim of the registry belongs to ${name}`);
    assert.deepEqual(own.filter((id) => !linked.has(id)), []);
  });
}
