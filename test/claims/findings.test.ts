import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { evaluateClaims, FINDINGS_END, FINDINGS_START, renderFindings, resultLookup, withFindings } from "../../lib/claims";
import { REPO_ROOT, RESULTS_DIR } from "../../lib/results";

test("the README's findings paragraph is what the registry and results/ give (make claims writes it)", () => {
  const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
  const block = readme.slice(readme.indexOf(FINDINGS_START), readme.indexOf(FINDINGS_END) + FINDINGS_END.length);
  assert.equal(block, renderFindings(evaluateClaims(RESULTS_DIR), resultLookup(RESULTS_DIR)));
});

test("withFindings replaces only the block between the markers, and refuses a README without them", () => {
  const readme = `intro\n${FINDINGS_START}\nold\n${FINDINGS_END}\noutro\n`;
  assert.equal(withFindings(readme, `${FINDINGS_START}\nnew\n${FINDINGS_END}`), `intro\n${FINDINGS_START}\nnew\n${FINDINGS_END}\noutro\n`);
  assert.throws(() => withFindings("no markers", "x"), /lacks the markers/);
});
