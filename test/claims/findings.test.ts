import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { evaluateClaims, FINDINGS, renderFindings, resultLookup } from "../../lib/claims";
import { withGeneratedBlock } from "../../lib/io/generated-block";
import { REPO_ROOT, RESULTS_DIR } from "../../lib/results";

test("the README's findings paragraph is what the registry and results/ give (make claims writes it)", () => {
  const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
  assert.equal(withGeneratedBlock(readme, FINDINGS, renderFindings(evaluateClaims(RESULTS_DIR), resultLookup(RESULTS_DIR))), readme);
});

test("a generated block replaces only the text between its markers, and a README without them is refused", () => {
  const readme = `intro\n${FINDINGS.start}\nold\n${FINDINGS.end}\noutro\n`;
  assert.equal(withGeneratedBlock(readme, FINDINGS, "new"), `intro\n${FINDINGS.start}\nnew\n${FINDINGS.end}\noutro\n`);
  assert.throws(() => withGeneratedBlock("no markers", FINDINGS, "x"), /lacks the markers/);
});
