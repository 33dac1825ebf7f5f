/**
 * The floors of the package (ARCHITECTURE.md): a module may import only from its own floor or the floors below.
 * This test reads every static import (and `require` of a relative path) under lib/, experiments/, cli/ and
 * scripts/ and fails on an import that runs upward, naming the file and the edge.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../lib/results";

/** Floor of each part, lowest first; a part imports only from parts with a floor <= its own. */
const FLOORS: Record<string, number> = {
  "lib/io": 0, "lib/stats": 0, "lib/cli": 0, "lib/quantum": 0, "lib/zx": 0,
  "lib/data": 1, "lib/results": 1, "lib/fourier": 1,
  "lib/nn": 2, "lib/claims": 2, "lib/plot": 2,
  "lib/figures": 3,
  "lib/report": 4,
  experiments: 5,
  cli: 6, scripts: 6,
};

function partOf(file: string): string {
  const rel = path.relative(REPO_ROOT, file).split(path.sep);
  return rel[0] === "lib" ? `lib/${rel[1]}` : rel[0];
}

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}

function relativeImports(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  return [...text.matchAll(/(?:\bfrom|\brequire\()\s*["'](\.{1,2}\/[^"']+)["']/g)].map((m) => path.resolve(path.dirname(file), m[1]));
}

test("no import runs upward between the package's floors", () => {
  const upward: string[] = [];
  for (const root of ["lib", "experiments", "cli", "scripts"]) {
    for (const file of sources(path.join(REPO_ROOT, root))) {
      const from = partOf(file);
      assert.ok(from in FLOORS, `${path.relative(REPO_ROOT, file)}: part ${from} has no floor in test/architecture.test.ts`);
      for (const target of relativeImports(file)) {
        const to = partOf(target);
        if (to !== from && FLOORS[to] > FLOORS[from]) upward.push(`${path.relative(REPO_ROOT, file)} (${from}, floor ${FLOORS[from]}) imports ${to} (floor ${FLOORS[to]})`);
      }
    }
  }
  assert.deepEqual(upward, []);
});
