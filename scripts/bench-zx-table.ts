/**
 * Writes the README's ZX benchmark table (between the markers of experiments/bench-zx-table.ts) from the recorded
 * results/bench-zx.json, or a line saying it is not recorded yet.
 *
 *   node --import tsx scripts/bench-zx-table.ts
 *
 * Prints {"written", "recorded"} on stdout.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { atomicWriteFile, REPO_ROOT } from "../lib/results";
import { recordedZxBench, renderZxTable, withZxTable } from "../experiments/bench-zx-table";

const readme = path.join(REPO_ROOT, "README.md");
const recorded = recordedZxBench();
atomicWriteFile(readme, withZxTable(fs.readFileSync(readme, "utf8"), renderZxTable(recorded)));
process.stdout.write(JSON.stringify({ written: path.relative(REPO_ROOT, readme), recorded: recorded !== undefined }) + "\n");
