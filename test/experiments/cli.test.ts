/** The command lines of the experiment runners: --help, and bad arguments refused (exit 2) before any work starts. */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";

const ROOT = join(__dirname, "..", "..");
const run = (script: string, args: string[]) => new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
  const child = execFile(process.execPath, ["--import", "tsx", join(ROOT, "experiments", script), ...args], { cwd: ROOT }, (_, stdout, stderr) => {
    resolve({ status: child.exitCode, stdout, stderr });
  });
});

test("parallel.ts, seeds.ts and quanv.ts answer --help and refuse bad numbers, flags and arguments with one line", async () => {
  const helps: [string, string[]][] = [
    ["parallel.ts", ["EXPERIMENT", "--seed N", "--threads N", "--epochs N", "--max-epochs-this-run N", "PROFILE=full"]],
    ["seeds.ts", ["--seeds SEEDS", "(default: 1-5)", "--models A,B,...", "--jobs N", "--summary"]],
    ["quanv.ts", ["[PART...]", "main, readings, lr, subsets, timing"]],
  ];
  const errors: [string, string[], string][] = [
    ["parallel.ts", ["cnn-mnist", "--epochs", "abc"], '--epochs expects an integer >= 1, got "abc"'],
    ["parallel.ts", ["cnn-mnist", "--seed", "abc"], '--seed expects an integer >= 0, got "abc"'],
    ["parallel.ts", ["cnn-mnsit"], "unknown experiment cnn-mnsit"],
    ["seeds.ts", ["--jobs", "0"], '--jobs expects an integer >= 1, got "0"'],
    ["quanv.ts", ["main", "--fast"], "unknown flag --fast"],
  ];
  const [helpRuns, errorRuns] = await Promise.all([
    Promise.all(helps.map(([script]) => run(script, ["--help"]))),
    Promise.all(errors.map(([script, args]) => run(script, args))),
  ]);
  helpRuns.forEach((r, i) => {
    assert.equal(r.status, 0, r.stderr);
    for (const text of [...helps[i][1], "-h, --help", `node --import tsx experiments/${helps[i][0]}`]) assert.ok(r.stdout.includes(text), `${helps[i][0]}: ${text}`);
  });
  errorRuns.forEach((r, i) => {
    const [script, args, message] = errors[i];
    assert.equal(r.status, 2, `${script} ${args.join(" ")}: ${r.stderr}`);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /^[^\n]+\n$/);
    assert.ok(r.stderr.startsWith(`experiments/${script}: ${message}`), r.stderr);
  });
});
