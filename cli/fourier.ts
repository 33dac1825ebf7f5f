/**
 * fourier: Fourier coefficients of one expectation value of a circuit spec (lib/quantum/spec.ts) as a function of
 * chosen parameters, all other parameters fixed at the spec's values.
 *
 *   npm run --silent fourier -- SPEC.json --inputs 0,1 --observable 4 --degree 1       (SPEC "-" reads stdin)
 *
 * --inputs: flattened parameter indices of the spec (op order, a Rot gives three), in the order of the frequency
 * vectors' entries; --observable: index into the spec's observables (default 0); --degree d (default 1).
 * Prints {"coefficients": [{"freq": [w1, ..., wN], "re": ..., "im": ...}, ...]} for every ω ∈ {-d..d}^N in
 * lexicographic order, with f(x) = Σ_ω c_ω e^{-iω·x} (see lib/fourier/series.ts). A warning goes to stderr when
 * an input is encoded more than d times (its higher frequencies then alias). Invalid input exits with code 2.
 */

import { readFileSync } from "node:fs";
import { FourierError, circuitFourier, encodingCounts, frequencyVectors } from "../lib/fourier";
import { SpecError, compileSpec, validateSpec } from "../lib/quantum";

const USAGE = "usage: fourier SPEC.json --inputs I1,I2,... [--observable K] [--degree D]   (SPEC - reads stdin)";

class UsageError extends Error {}

interface Args { path: string; inputs: number[]; observable: number; degree: number }

function parseInteger(flag: string, text: string | undefined): number {
  if (text === undefined || !/^\d+$/.test(text.trim())) throw new UsageError(`${flag} expects a non-negative integer, got ${JSON.stringify(text)}`);
  return Number(text.trim());
}

function parseArgs(argv: string[]): Args {
  const positional: string[] = [];
  const values: Record<string, string | undefined> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const m = /^--(inputs|observable|degree)(?:=(.*))?$/.exec(arg);
    if (m) {
      if (m[1] in values) throw new UsageError(`--${m[1]} given twice`);
      values[m[1]] = m[2] ?? argv[++i];
    } else if (arg.startsWith("-") && arg !== "-") {
      throw new UsageError(`unknown flag ${arg}`);
    } else {
      positional.push(arg);
    }
  }
  if (positional.length !== 1) throw new UsageError(`expected exactly one spec file, got ${positional.length}`);
  if (values.inputs === undefined) throw new UsageError("--inputs is required");
  const inputs = values.inputs.split(",").map((s) => parseInteger("--inputs", s));
  return {
    path: positional[0],
    inputs,
    observable: "observable" in values ? parseInteger("--observable", values.observable) : 0,
    degree: "degree" in values ? parseInteger("--degree", values.degree) : 1,
  };
}

function readSpec(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path === "-" ? 0 : path, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
}

function main(argv: string[]): void {
  const args = parseArgs(argv);
  const spec = validateSpec(readSpec(args.path));
  if (args.observable >= spec.observables.length) {
    throw new UsageError(`--observable ${args.observable} is out of range (the spec has ${spec.observables.length} observable(s))`);
  }
  const { circuit, inputs, weights } = compileSpec(spec, args.inputs);
  encodingCounts(circuit).forEach((count, i) => {
    if (count > args.degree) process.stderr.write(`fourier: warning: input ${i} is encoded ${count} time(s), more than --degree ${args.degree}; coefficients alias\n`);
  });
  const series = circuitFourier(circuit, { weights, inputs: args.inputs.map((_, i) => i), baseInputs: inputs, degree: args.degree })[args.observable];
  const coefficients = frequencyVectors(args.inputs.length, args.degree).map((freq, i) => ({ freq, re: series.re[i], im: series.im[i] }));
  process.stdout.write(JSON.stringify({ coefficients }) + "\n");
}

try {
  main(process.argv.slice(2));
} catch (e) {
  if (e instanceof UsageError || e instanceof SpecError || e instanceof FourierError) {
    process.stderr.write(`fourier: ${e.message}\n${e instanceof UsageError ? USAGE + "\n" : ""}`);
    process.exit(2);
  }
  throw e;
}
