/**
 * Command lines of cli/*.ts and experiments/*.ts, on node:util's parseArgs.
 *
 * A program has one command, or subcommands picked by the first argument. Flags are `--name value` or
 * `--name=value`; `-h` / `--help` (anywhere, also after a subcommand) prints the usage on stdout and exits 0. An
 * unknown flag, a flag given twice or without its value, a missing or extra argument and a bad value are usage
 * errors: one line `<program>: <message> (try ... --help)` on stderr, exit 2 (see runCli). Flag values are read
 * and checked by the Flag helpers below (integerFlag, choiceFlag, ...).
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

/** Bad command line or input named on it: runCli prints the message and exits 2. */
export class UsageError extends Error {}

/** Thrown for -h / --help; the message is the usage text, which runCli prints on stdout (exit 0). */
export class HelpRequest extends Error {}

export interface Flag<T> {
  help: string;
  /** Placeholder of the value in the usage ("N"); undefined for a switch, which takes no value. */
  value?: string;
  /** The default, as the usage shows it. */
  fallback?: string;
  /** The flag's value from its text (undefined if the flag is absent, "" for a switch given); throws UsageError. */
  read(text: string | undefined, flag: string): T;
}

type Flags = Record<string, Flag<unknown>>;
export type FlagValues<F extends Flags> = { [K in keyof F]: F[K] extends Flag<infer T> ? T : never };

export interface Command<F extends Flags = Flags> {
  summary: string;
  /** Positional arguments and their help: "NAME" is required, "[NAME]" optional, "[NAME...]" any number. */
  args?: Record<string, string>;
  flags: F;
  examples: string[];
}

export interface Program {
  name: string;
  /** How to run it, e.g. "npm run --silent qsim --". */
  run: string;
  summary: string;
  /** Paragraphs after the flags: environment variables, exit codes. */
  notes?: string[];
}

export interface Parsed<F extends Flags> {
  flags: FlagValues<F>;
  args: string[];
}

export type ParsedSubcommand<C extends Record<string, Command>> = { [K in keyof C]: { name: K } & Parsed<C[K]["flags"]> }[keyof C];

interface Range { min?: number; max?: number }

/** An integer in [min, max] written in decimal ("1e3", "0x10", "" are rejected). */
export function parseInteger(text: string, flag: string, { min = -Infinity, max = Infinity }: Range = {}): number {
  const n = /^\s*-?\d+\s*$/.test(text) ? Number(text) : NaN;
  if (Number.isSafeInteger(n) && n >= min && n <= max) return n;
  const bounds = max < Infinity ? ` in [${min}, ${max}]` : min > -Infinity ? ` >= ${min}` : "";
  throw new UsageError(`${flag} expects an integer${bounds}, got ${JSON.stringify(text)}`);
}

export function switchFlag(help: string): Flag<boolean> {
  return { help, read: (text) => text !== undefined };
}

export function stringFlag(help: string, value: string): Flag<string | undefined> {
  return { help, value, read: (text) => text };
}

export function integerFlag(help: string, range: Range & { fallback: number }): Flag<number>;
export function integerFlag(help: string, range?: Range): Flag<number | undefined>;
export function integerFlag(help: string, range: Range & { fallback?: number } = {}): Flag<number | undefined> {
  return { help, value: "N", fallback: range.fallback?.toString(), read: (text, flag) => (text === undefined ? range.fallback : parseInteger(text, flag, range)) };
}

export function positiveNumberFlag(help: string, fallback: number): Flag<number> {
  return {
    help, value: "X", fallback: String(fallback),
    read(text, flag) {
      if (text === undefined) return fallback;
      const x = text.trim() === "" ? NaN : Number(text);
      if (!(Number.isFinite(x) && x > 0)) throw new UsageError(`${flag} expects a number > 0, got ${JSON.stringify(text)}`);
      return x;
    },
  };
}

export function choiceFlag<C extends string>(help: string, choices: readonly C[], fallback: C): Flag<C> {
  return {
    help: `${help}: ${choices.join(", ")}`, value: "NAME", fallback,
    read(text, flag) {
      if (text === undefined) return fallback;
      if (!choices.includes(text as C)) throw new UsageError(`${flag} must be one of ${choices.join(", ")}, got ${JSON.stringify(text)}`);
      return text as C;
    },
  };
}

/** A comma-separated subset of `choices`, in the order given, each at most once. */
export function choiceListFlag<C extends string>(help: string, choices: readonly C[], fallback: readonly C[] = choices): Flag<C[]> {
  return {
    help: `${help}, comma-separated: ${choices.join(", ")}`, value: "A,B", fallback: fallback.join(","),
    read(text, flag) {
      if (text === undefined) return [...fallback];
      const names = text.split(",").map((name) => name.trim());
      const unknown = names.find((name) => !choices.includes(name as C));
      if (unknown !== undefined) throw new UsageError(`${flag}: unknown ${JSON.stringify(unknown)} (expected ${choices.join(", ")})`);
      if (new Set(names).size !== names.length) throw new UsageError(`${flag}: a name is listed twice in ${JSON.stringify(text)}`);
      return names as C[];
    },
  };
}

/** Reads a text file, or stdin for "-"; unreadable input is a UsageError. */
export function readTextInput(path: string): string {
  try {
    return readFileSync(path === "-" ? 0 : path, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as Error).message}`);
  }
}

/** Reads a JSON file, or stdin for "-"; unreadable or invalid input is a UsageError. */
export function readJsonInput(path: string): unknown {
  const text = readTextInput(path);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
}

function wantsHelp(argv: string[]): boolean {
  const end = argv.indexOf("--");
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === "-h" || a === "--help");
}

/** The flags' texts by name and the positional arguments, checked against the declared flags. */
function tokenize(flags: Flags, argv: string[]): { texts: Record<string, string>; positionals: string[] } {
  const types = Object.entries(flags).map(([name, f]) => [name, { type: f.value ? "string" as const : "boolean" as const }]);
  const options = Object.fromEntries(types);
  const { tokens } = parseArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  const texts: Record<string, string> = {}, positionals: string[] = [];
  for (const t of tokens) {
    if (t.kind === "positional") positionals.push(t.value);
    if (t.kind !== "option") continue;
    const flag = Object.hasOwn(flags, t.name) && t.rawName.startsWith("--") ? flags[t.name] : undefined;
    if (!flag) throw new UsageError(`unknown flag ${t.rawName}`);
    if (Object.hasOwn(texts, t.name)) throw new UsageError(`${t.rawName} given twice`);
    if (!flag.value && t.value !== undefined) throw new UsageError(`${t.rawName} takes no value, got ${JSON.stringify(t.value)}`);
    const valueIsNextFlag = !t.inlineValue && t.value?.startsWith("--");
    if (flag.value && (t.value === undefined || valueIsNextFlag)) throw new UsageError(`${t.rawName} needs a value (${flag.value})`);
    texts[t.name] = t.value ?? "";
  }
  return { texts, positionals };
}

function checkPositionals(names: string[], positionals: string[]): void {
  const required = names.filter((n) => !n.startsWith("["));
  if (positionals.length < required.length) throw new UsageError(`missing argument ${required[positionals.length]}`);
  const variadic = names.some((n) => n.endsWith("...]"));
  if (!variadic && positionals.length > names.length) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[names.length])}`);
}

function parseWith<F extends Flags>(command: Command<F>, argv: string[], hint: string): Parsed<F> {
  try {
    const { texts, positionals } = tokenize(command.flags, argv);
    checkPositionals(Object.keys(command.args ?? {}), positionals);
    const flags = Object.fromEntries(Object.entries(command.flags).map(([name, f]) => [name, f.read(texts[name], `--${name}`)]));
    return { flags: flags as FlagValues<F>, args: positionals };
  } catch (e) {
    if (e instanceof UsageError) throw new UsageError(`${e.message} (try ${hint} --help)`);
    throw e;
  }
}

/** Parses the arguments of a program with one command. */
export function parseCommand<F extends Flags>(program: Program, command: Command<F>, argv: string[]): Parsed<F> {
  if (wantsHelp(argv)) throw new HelpRequest(programHelp(program, [commandHelp(program.run, command)]));
  return parseWith(command, argv, program.name);
}

/** Parses the arguments of a program whose first argument names a subcommand. */
export function parseSubcommand<C extends Record<string, Command>>(program: Program, commands: C, argv: string[]): ParsedSubcommand<C> {
  const [name, ...rest] = argv;
  const usages = (names: string[]) => names.map((n) => commandHelp(`${program.run} ${n}`, commands[n]));
  if (Object.hasOwn(commands, name ?? "")) {
    if (wantsHelp(rest)) throw new HelpRequest(programHelp(program, usages([name])));
    return { name, ...parseWith(commands[name], rest, `${program.name} ${name}`) } as ParsedSubcommand<C>;
  }
  if (wantsHelp(argv)) throw new HelpRequest(programHelp(program, usages(Object.keys(commands))));
  const got = name === undefined ? "" : `, got ${JSON.stringify(name)}`;
  throw new UsageError(`expected a subcommand: ${Object.keys(commands).join(", ")}${got} (try ${program.name} --help)`);
}

function table(rows: [string, string][]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `    ${left.padEnd(width)}  ${right}`);
}

function commandHelp(run: string, command: Command): string {
  const args = Object.entries(command.args ?? {});
  const flags = Object.entries(command.flags).map(([name, f]): [string, string] => [
    `--${name}${f.value ? ` ${f.value}` : ""}`, f.fallback === undefined ? f.help : `${f.help} (default: ${f.fallback})`,
  ]);
  return [
    `  ${run}${flags.length ? " [flags]" : ""}${args.map(([name]) => ` ${name}`).join("")}`,
    `    ${command.summary}`,
    ...(args.length ? ["  arguments:", ...table(args)] : []),
    "  flags:", ...table([...flags, ["-h, --help", "print this help and exit"]]),
    "  examples:", ...command.examples.map((e) => `    ${e}`),
  ].join("\n");
}

function programHelp(program: Program, usages: string[]): string {
  return [`${program.name}: ${program.summary}`, "", "usage:", usages.join("\n\n"), ...(program.notes ?? []).flatMap((n) => ["", n])].join("\n") + "\n";
}

/**
 * Runs a program's main. --help prints the usage on stdout (exit 0); a UsageError prints `<name>: <message>` on
 * stderr and exits 2; `exitCodeOf` gives the exit code of other errors printed the same way (undefined: rethrow).
 */
export function runCli(name: string, main: () => unknown, exitCodeOf: (e: unknown) => number | undefined = () => undefined): void {
  Promise.resolve().then(main).catch((e: unknown) => {
    if (e instanceof HelpRequest) {
      process.stdout.write(e.message);
      return;
    }
    const code = e instanceof UsageError ? 2 : exitCodeOf(e);
    if (code === undefined) throw e;
    process.stderr.write(`${name}: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(code);
  });
}
