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
 * an input is encoded more than d times (its higher frequencies then alias). Invalid input exits with code 2
 * (conventions: lib/cli/args.ts).
 */

import { Flag, UsageError, integerFlag, parseCommand, parseInteger, readJsonInput, runCli } from "../lib/cli/args";
import { FourierError, circuitFourier, encodingCounts, frequencyVectors } from "../lib/fourier";
import { SpecError, compileSpec, validateSpec } from "../lib/quantum";

const PROGRAM = {
  name: "fourier",
  run: "npm run --silent fourier --",
  summary: "Fourier coefficients of one expectation value of a circuit spec (lib/quantum/spec.ts) in chosen parameters",
  notes: [
    'output: {"coefficients": [{"freq": [w1, ..., wN], "re", "im"}, ...]} for every frequency vector in {-D..D}^N in\n' +
    "lexicographic order, f(x) = sum_w c_w exp(-i w.x); a warning goes to stderr when an input is encoded more than D times",
    "exit codes: 0 ok, 2 bad arguments, unreadable file, bad JSON or invalid spec",
  ],
};

/** --inputs: a required comma-separated list of parameter indices. */
const inputsFlag: Flag<number[]> = {
  help: "flattened parameter indices of the spec (op order, a Rot gives three) that become the inputs x1..xN; required",
  value: "I1,I2,...",
  read(text, flag) {
    if (text === undefined) throw new UsageError(`${flag} is required`);
    return text.split(",").map((s) => parseInteger(s, flag, { min: 0 }));
  },
};

const COMMAND = {
  summary: "prints the coefficients of the chosen observable's expectation value as a function of the inputs",
  args: { "SPEC.json": "circuit spec file; - reads stdin" },
  flags: {
    inputs: inputsFlag,
    observable: integerFlag("index into the spec's observables", { min: 0, fallback: 0 }),
    degree: integerFlag("largest frequency D per input", { min: 0, fallback: 1 }),
  },
  examples: ["npm run --silent fourier -- spec.json --inputs 0,1 --observable 2 --degree 2"],
};

function main(argv: string[]): void {
  const { flags: args, args: [path] } = parseCommand(PROGRAM, COMMAND, argv);
  const spec = validateSpec(readJsonInput(path));
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

runCli("fourier", () => main(process.argv.slice(2)), (e) => (e instanceof SpecError || e instanceof FourierError ? 2 : undefined));
