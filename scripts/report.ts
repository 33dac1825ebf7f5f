/**
 * `make report`: one offline HTML site (report/index.html; relative links only, opens from file:// with no
 * server and no network) of every notebook, figure, result file and claim, each claim linked to its evidence.
 * Built from the committed notebooks, results/, figures/ and the claims registry by lib/report; no training.
 *
 *   node --import tsx scripts/report.ts [--out DIR]
 *
 * Prints one JSON object on stdout ({out, pages, files, bytes, interactive, seconds}); progress goes to stderr.
 * Exits 2 on bad arguments, 1 when the build fails (nbconvert missing, an output folder that is not a report).
 */
import * as path from "node:path";
import { parseCommand, runCli, stringFlag } from "../lib/cli/args";
import { buildReport } from "../lib/report/build";
import { REPO_ROOT } from "../lib/results";

const PROGRAM = {
  name: "report",
  run: "node --import tsx scripts/report.ts",
  summary: "build the offline HTML report of notebooks, figures, results and claims (make report)",
  notes: [
    "environment: JUPYTER_PY, the Python with Jupyter's nbconvert (default /usr/bin/python3)",
    "exit codes: 0 ok, 1 build failed, 2 bad arguments",
  ],
};

const COMMAND = {
  summary: "writes DIR/index.html and the pages, figures, result files and assets it links to",
  flags: {
    out: { ...stringFlag("folder to write the site to; emptied first when it holds a previous report", "DIR"), fallback: "report" },
  },
  examples: ["node --import tsx scripts/report.ts", "node --import tsx scripts/report.ts --out /tmp/hqnn-report"],
};

async function main(argv: string[]): Promise<void> {
  const { flags } = parseCommand(PROGRAM, COMMAND, argv);
  const out = path.resolve(flags.out ?? path.join(REPO_ROOT, "report"));
  const summary = await buildReport({ out, log: (s) => process.stderr.write(`${s}\n`) });
  process.stdout.write(JSON.stringify(summary) + "\n");
}

runCli("report", () => main(process.argv.slice(2)), () => 1);
