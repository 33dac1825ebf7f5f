/**
 * `make claims`: evaluate every claim of the registry against results/ and write CLAIMS.md, and the README's
 * generated findings paragraph (lib/claims/findings.ts). With --out the audit goes to FILE and README.md is left
 * alone (a check against other results must not rewrite the repository's README).
 *
 *   node --import tsx scripts/claims.ts [--out FILE]
 *
 * Prints one JSON object on stdout ({written, claims, verdicts}); exits 2 on bad arguments, 1 when the
 * registry is malformed.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { atomicWriteFile, REPO_ROOT, RESULTS_DIR } from "../lib/results";
import { CLAIMS, cifarFinding, evaluateClaims, registryProblems, renderClaimsMarkdown, FINDINGS, renderFindings, resultLookup, verdictCounts } from "../lib/claims";
import { withGeneratedBlock } from "../lib/io/generated-block";

function parseArgs(args: string[]): { out: string; readme?: string } {
  let out = path.join(REPO_ROOT, "CLAIMS.md");
  let readme: string | undefined = path.join(REPO_ROOT, "README.md");
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--out" && args[i + 1]) {
      out = path.resolve(args[++i]);
      readme = undefined;
    }
    else {
      process.stderr.write(`usage: node --import tsx scripts/claims.ts [--out FILE] (unexpected ${JSON.stringify(args[i])})\n`);
      process.exit(2);
    }
  }
  return { out, readme };
}

const { out, readme } = parseArgs(process.argv.slice(2));
const problems = registryProblems(CLAIMS);
if (problems.length > 0) {
  process.stderr.write(`the claims registry is malformed:\n${problems.join("\n")}\n`);
  process.exit(1);
}
const evaluated = evaluateClaims(RESULTS_DIR);
const lookup = resultLookup(RESULTS_DIR), cifar = cifarFinding(lookup);
atomicWriteFile(out, renderClaimsMarkdown(evaluated, { linkBase: path.dirname(out), resultsDir: RESULTS_DIR, findings: cifar ? [cifar] : [] }));
if (readme) atomicWriteFile(readme, withGeneratedBlock(fs.readFileSync(readme, "utf8"), FINDINGS, renderFindings(evaluated, lookup)));
const verdicts = verdictCounts(evaluated);
process.stderr.write(`claims: ${Object.entries(verdicts).map(([v, n]) => `${n} ${v}`).join(", ")} -> ${path.relative(process.cwd(), out) || out}\n`);
process.stdout.write(JSON.stringify({ written: path.relative(REPO_ROOT, out), claims: evaluated.length, verdicts }) + "\n");
