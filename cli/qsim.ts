/**
 * qsim: expectation values and their Jacobian for a circuit spec (lib/quantum/spec.ts).
 *
 *   npm run --silent qsim -- [--diff adjoint|parameter-shift|backprop|none] SPEC.json     (SPEC "-" reads stdin)
 *
 * Prints one JSON object: {"expvals": [...], "jacobian": [[...]]} with jacobian[k][j] = d expval_k / d param_j,
 * parameters numbered in op order (a Rot gives three). The default method is adjoint; with `--diff none` the
 * "jacobian" key is omitted. Invalid input (bad flag, unreadable file, bad JSON, invalid spec) exits with code 2
 * and a message on stderr.
 */

import { readFileSync } from "node:fs";
import { DIFF_METHODS, DiffMethod, SpecError, compileSpec, forward, jacobian, validateSpec } from "../lib/quantum";

const USAGE = "usage: qsim [--diff adjoint|parameter-shift|backprop|none] SPEC.json   (SPEC - reads stdin)";

class UsageError extends Error {}

function parseArgs(argv: string[]): { method: DiffMethod | "none"; path: string } {
  let method: DiffMethod | "none" = "adjoint";
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--diff" || arg.startsWith("--diff=")) {
      const value = arg === "--diff" ? argv[++i] : arg.slice("--diff=".length);
      if (value !== "none" && !DIFF_METHODS.includes(value as DiffMethod)) {
        throw new UsageError(`--diff must be one of ${[...DIFF_METHODS, "none"].join(", ")}, got ${JSON.stringify(value)}`);
      }
      method = value as DiffMethod | "none";
    } else if (arg.startsWith("-") && arg !== "-") {
      throw new UsageError(`unknown flag ${arg}`);
    } else {
      positional.push(arg);
    }
  }
  if (positional.length !== 1) throw new UsageError(`expected exactly one spec file, got ${positional.length}`);
  return { method, path: positional[0] };
}

function readSpecText(path: string): string {
  try {
    return readFileSync(path === "-" ? 0 : path, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as Error).message}`);
  }
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
}

function main(argv: string[]): void {
  const { method, path } = parseArgs(argv);
  const spec = validateSpec(parseJson(readSpecText(path), path));
  const { circuit, inputs, weights } = compileSpec(spec);
  if (method === "none") {
    process.stdout.write(JSON.stringify({ expvals: Array.from(forward(circuit, inputs, weights, 1)) }) + "\n");
    return;
  }
  const j = jacobian(circuit, inputs, weights, method);
  process.stdout.write(JSON.stringify({ expvals: j.expvals, jacobian: j.wrtWeights }) + "\n");
}

try {
  main(process.argv.slice(2));
} catch (e) {
  if (e instanceof UsageError || e instanceof SpecError) {
    process.stderr.write(`qsim: ${e.message}\n${e instanceof UsageError ? USAGE + "\n" : ""}`);
    process.exit(2);
  }
  throw e;
}
