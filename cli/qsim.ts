/**
 * qsim: expectation values and their Jacobian for a circuit spec (lib/quantum/spec.ts).
 *
 *   npm run --silent qsim -- [--diff adjoint|parameter-shift|backprop|none] SPEC.json     (SPEC "-" reads stdin)
 *
 * Prints one JSON object: {"expvals": [...], "jacobian": [[...]]} with jacobian[k][j] = d expval_k / d param_j,
 * parameters numbered in op order (a Rot gives three). The default method is adjoint; with `--diff none` the
 * "jacobian" key is omitted. Invalid input (bad flag, unreadable file, bad JSON, invalid spec, more memory than
 * HQNN_MAX_MEMORY_MB allows, see lib/quantum/memory.ts) exits with code 2 and one line on stderr
 * (conventions: lib/cli/args.ts).
 */

import { choiceFlag, parseCommand, readJsonInput, runCli } from "../lib/cli/args";
import { DIFF_METHODS, SpecError, compileSpec, forward, jacobian, validateSpec } from "../lib/quantum";

const PROGRAM = {
  name: "qsim",
  run: "npm run --silent qsim --",
  summary: "expectation values and their Jacobian for a circuit spec (lib/quantum/spec.ts), as one JSON line",
  notes: [
    'output: {"expvals": [...], "jacobian": [[...]]}, jacobian[k][j] = d expval_k / d param_j, parameters in op order (a Rot gives three)',
    "environment: HQNN_MAX_MEMORY_MB caps the memory of the state vectors (default: half of the total memory); a run needing\n" +
    "more exits 2 (backprop keeps every intermediate state: (ops + 2) * 16 * 2^wires bytes; adjoint needs O(2^wires))",
    "exit codes: 0 ok, 2 bad arguments, unreadable file, bad JSON, invalid spec or over the memory limit",
  ],
};

const COMMAND = {
  summary: "prints the expectation values of the spec's observables and their Jacobian",
  args: { "SPEC.json": "circuit spec file; - reads stdin" },
  flags: { diff: choiceFlag("differentiation method", [...DIFF_METHODS, "none"], "adjoint") },
  examples: ["npm run --silent qsim -- --diff backprop spec.json", "cat spec.json | npm run --silent qsim -- --diff=none -"],
};

function main(argv: string[]): void {
  const { flags: { diff }, args: [path] } = parseCommand(PROGRAM, COMMAND, argv);
  const spec = validateSpec(readJsonInput(path));
  const { circuit, inputs, weights } = compileSpec(spec);
  if (diff === "none") {
    process.stdout.write(JSON.stringify({ expvals: Array.from(forward(circuit, inputs, weights, 1)) }) + "\n");
    return;
  }
  const j = jacobian(circuit, inputs, weights, diff);
  process.stdout.write(JSON.stringify({ expvals: j.expvals, jacobian: j.wrtWeights }) + "\n");
}

runCli("qsim", () => main(process.argv.slice(2)), (e) => (e instanceof SpecError ? 2 : undefined));
