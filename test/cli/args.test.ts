import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import {
  Command, HelpRequest, UsageError, choiceFlag, choiceListFlag, integerFlag, parseCommand, parseInteger, parseSubcommand, positiveNumberFlag,
  readJsonInput, stringFlag, switchFlag,
} from "../../lib/cli/args";

const PROGRAM = { name: "prog", run: "prog", summary: "a test program", notes: ["environment: NOTHING"] };

const COMMAND = {
  summary: "does things",
  args: { FILE: "the input", "[MORE...]": "more inputs" },
  flags: {
    count: integerFlag("how many", { min: 1, fallback: 3 }),
    seed: integerFlag("any seed"),
    scale: positiveNumberFlag("a factor", 0.5),
    mode: choiceFlag("how", ["fast", "slow"], "fast"),
    label: stringFlag("a name", "TEXT"),
    verbose: switchFlag("say more"),
  },
  examples: ["prog --count 2 in.txt"],
};

const parse = (...argv: string[]) => parseCommand(PROGRAM, COMMAND, argv);

/** The UsageError message of parsing argv. */
function usageError(parseArgv: () => unknown): string {
  try {
    parseArgv();
  } catch (e) {
    assert.ok(e instanceof UsageError, String(e));
    assert.doesNotMatch(e.message, /\n/, "one line");
    return e.message;
  }
  assert.fail("expected a UsageError");
}

test("flags take `--name value` or `--name=value`, absent ones their defaults; '-' and everything after '--' are arguments", () => {
  assert.deepEqual(parse("in.txt"), {
    flags: { count: 3, seed: undefined, scale: 0.5, mode: "fast", label: undefined, verbose: false }, args: ["in.txt"],
  });
  assert.deepEqual(parse("--count", "7", "--seed=-2", "-", "--scale", "2.5", "--mode=slow", "--label", "-x", "--verbose", "--", "--count"), {
    flags: { count: 7, seed: -2, scale: 2.5, mode: "slow", label: "-x", verbose: true }, args: ["-", "--count"],
  });
});

test("usage errors are one line naming the flag or argument, with the --help hint", () => {
  const cases: [string[], string][] = [
    [["--foo", "in"], "unknown flag --foo (try prog --help)"],
    [["-x", "in"], "unknown flag -x"],
    [["--count", "1", "--count=2", "in"], "--count given twice"],
    [["in", "--count"], "--count needs a value (N)"],
    [["--count", "--seed", "1", "in"], "--count needs a value (N)"],
    [["--verbose=yes", "in"], '--verbose takes no value, got "yes"'],
    [["--count", "abc", "in"], '--count expects an integer >= 1, got "abc"'],
    [["--count", "-3", "in"], '--count expects an integer >= 1, got "-3"'],
    [["--count", "0", "in"], '--count expects an integer >= 1, got "0"'],
    [["--seed", "1.5", "in"], '--seed expects an integer, got "1.5"'],
    [["--seed", "1e3", "in"], '--seed expects an integer, got "1e3"'],
    [["--seed=", "in"], '--seed expects an integer, got ""'],
    [["--scale", "0", "in"], '--scale expects a number > 0, got "0"'],
    [["--scale", "Infinity", "in"], '--scale expects a number > 0, got "Infinity"'],
    [["--mode", "medium", "in"], '--mode must be one of fast, slow, got "medium"'],
    [[], "missing argument FILE"],
  ];
  for (const [argv, message] of cases) assert.ok(usageError(() => parse(...argv)).startsWith(message), `${argv.join(" ")}: ${message}`);
  assert.equal(usageError(() => parseCommand(PROGRAM, { ...COMMAND, args: { FILE: "" } }, ["a", "b"])), 'unexpected argument "b" (try prog --help)');
  assert.deepEqual(parseCommand(PROGRAM, { ...COMMAND, args: { "[FILE]": "" } }, []).args, []);
});

test("parseInteger checks the range it is given", () => {
  assert.equal(parseInteger(" 42 ", "--n"), 42);
  assert.equal(parseInteger("4294967295", "--n", { min: 0, max: 2 ** 32 - 1 }), 2 ** 32 - 1);
  assert.throws(() => parseInteger("4294967296", "--n", { min: 0, max: 2 ** 32 - 1 }), /--n expects an integer in \[0, 4294967295\], got "4294967296"/);
  assert.throws(() => parseInteger("99999999999999999999", "--n"), /expects an integer/);
});

test("-h and --help (not after '--') ask for the usage: every argument, flag with its default, example and note", () => {
  for (const argv of [["--help"], ["-h"], ["in", "--bogus", "--help"]]) assert.throws(() => parse(...argv), HelpRequest);
  assert.deepEqual(parse("in", "--", "--help").args, ["in", "--help"]);
  let help = "";
  try {
    parse("-h");
  } catch (e) {
    help = (e as HelpRequest).message;
  }
  for (const text of [
    "prog: a test program", "prog [flags] FILE [MORE...]", "does things", "FILE", "[MORE...]", "--count N", "how many (default: 3)",
    "--seed N", "--scale X", "a factor (default: 0.5)", "--mode NAME", "how: fast, slow (default: fast)", "--label TEXT", "--verbose",
    "-h, --help", "prog --count 2 in.txt", "environment: NOTHING",
  ]) assert.ok(help.includes(text), `help lacks ${JSON.stringify(text)}:\n${help}`);
});

test("subcommands: the first argument picks one; help lists all of them, or the one it follows", () => {
  const commands: Record<"make" | "check", Command> = {
    make: { summary: "makes", args: { OUT: "output" }, flags: { n: integerFlag("count", { min: 0, fallback: 1 }) }, examples: ["prog make x"] },
    check: { summary: "checks", flags: { strict: switchFlag("be strict") }, examples: ["prog check --strict"] },
  };
  const parsed = parseSubcommand(PROGRAM, commands, ["make", "x", "--n", "4"]);
  assert.deepEqual(parsed, { name: "make", flags: { n: 4 }, args: ["x"] });
  const helpOf = (argv: string[]) => {
    try {
      parseSubcommand(PROGRAM, commands, argv);
    } catch (e) {
      if (e instanceof HelpRequest) return e.message;
    }
    return assert.fail("expected a HelpRequest");
  };
  const all = helpOf(["--help"]), check = helpOf(["check", "-h"]);
  for (const text of ["prog make [flags] OUT", "--n N", "count (default: 1)", "prog make x", "prog check [flags]", "--strict"]) assert.ok(all.includes(text), text);
  assert.ok(check.includes("--strict") && !check.includes("prog make"));
  assert.equal(usageError(() => parseSubcommand(PROGRAM, commands, [])), "expected a subcommand: make, check (try prog --help)");
  assert.equal(usageError(() => parseSubcommand(PROGRAM, commands, ["mend"])), 'expected a subcommand: make, check, got "mend" (try prog --help)');
  assert.equal(usageError(() => parseSubcommand(PROGRAM, commands, ["check", "--n", "1"])), "unknown flag --n (try prog check --help)");
});

test("readJsonInput reads a JSON file; an unreadable or invalid one is a UsageError naming the path", () => {
  const dir = mkdtempSync(join(tmpdir(), "args-test-"));
  writeFileSync(join(dir, "good.json"), '{"a": [1]}');
  writeFileSync(join(dir, "bad.json"), "{");
  assert.deepEqual(readJsonInput(join(dir, "good.json")), { a: [1] });
  assert.match(usageError(() => readJsonInput(join(dir, "bad.json"))), /bad\.json is not valid JSON/);
  assert.match(usageError(() => readJsonInput(join(dir, "none.json"))), /cannot read .*none\.json/);
});

test("a list flag takes a comma-separated subset of its choices, in the given order, and refuses unknown or repeated names", () => {
  const command = { summary: "lists", flags: { shapes: choiceListFlag("shapes", ["a", "b", "c"]) }, examples: ["prog --shapes a,b"] };
  const shapes = (...argv: string[]) => parseCommand(PROGRAM, command, argv).flags.shapes;
  assert.deepEqual(shapes(), ["a", "b", "c"]);
  assert.deepEqual(shapes("--shapes", "c, a"), ["c", "a"]);
  assert.match(usageError(() => shapes("--shapes", "a,d")), /^--shapes: unknown "d" \(expected a, b, c\)/);
  assert.match(usageError(() => shapes("--shapes", "b,b")), /listed twice/);
});
