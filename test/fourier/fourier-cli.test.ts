import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { runCli } from "../run-cli";
import { CircuitSpec, compileSpec, forward } from "../../lib/quantum";

const dir = mkdtempSync(join(tmpdir(), "fourier-cli-test-"));

const fourier = (args: string[], stdin?: string) => runCli("fourier", args, stdin);

function writeSpec(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

const RX: CircuitSpec = { wires: 1, ops: [{ gate: "RX", wires: [0], params: [0.3] }], observables: [{ pauli: "Z", wire: 0 }, { pauli: "Y", wire: 0 }] };

const SPEC: CircuitSpec = {
  wires: 3,
  ops: [
    { gate: "RX", wires: [0], params: [0.4] }, { gate: "H", wires: [1] }, { gate: "Rot", wires: [2], params: [0.3, -1.1, 2.2] },
    { gate: "CNOT", wires: [0, 2] }, { gate: "CZ", wires: [1, 2] }, { gate: "RY", wires: [1], params: [0.9] },
    { gate: "RZ", wires: [2], params: [-0.5] }, { gate: "CNOT", wires: [2, 0] }, { gate: "RX", wires: [1], params: [1.7] },
  ],
  observables: [{ pauli: "Y", wire: 0 }, { pauli: "X", wire: 1 }, { pauli: "Z", wire: 2 }],
};

test("RX(x)|0>, <Y> = -sin x: c(-1) = i/2, c(0) = 0, c(1) = -i/2, as one JSON line", async () => {
  const r = await fourier([writeSpec("rx.json", RX), "--inputs", "0", "--observable", "1", "--degree", "1"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim().split("\n").length, 1);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(out), ["coefficients"]);
  assert.deepEqual(out.coefficients.map((c: { freq: number[] }) => c.freq), [[-1], [0], [1]]);
  const expected = [[0, 0.5], [0, 0], [0, -0.5]];
  out.coefficients.forEach((c: { re: number; im: number }, i: number) => {
    assert.ok(Math.abs(c.re - expected[i][0]) < 1e-15 && Math.abs(c.im - expected[i][1]) < 1e-15, JSON.stringify(c));
  });
});

test("two inputs from stdin, other parameters at the spec's values: the series reproduces the spec's expectation value", async () => {
  const r = await fourier(["-", "--inputs=4,0", "--observable=2", "--degree=2"], JSON.stringify(SPEC));
  assert.equal(r.code, 0, r.stderr);
  const { coefficients } = JSON.parse(r.stdout) as { coefficients: { freq: number[]; re: number; im: number }[] };
  assert.equal(coefficients.length, 25);
  assert.deepEqual(coefficients[0].freq, [-2, -2]);
  assert.deepEqual(coefficients[24].freq, [2, 2]);
  // flattened parameter 4 is RY's 0.9 (input x1), parameter 0 is RX's 0.4 (input x2)
  const x = [0.9, 0.4];
  let value = 0;
  for (const c of coefficients) {
    const phase = -(c.freq[0] * x[0] + c.freq[1] * x[1]);
    value += c.re * Math.cos(phase) - c.im * Math.sin(phase);
  }
  const { circuit, inputs, weights } = compileSpec(SPEC);
  assert.ok(Math.abs(value - forward(circuit, inputs, weights, 1)[2]) < 1e-13);
  const high = coefficients.filter((c) => c.freq.some((w) => Math.abs(w) === 2));
  assert.ok(high.every((c) => Math.hypot(c.re, c.im) < 1e-15), "each parameter is a single Pauli rotation: no frequency 2");
});

test("invalid input exits with code 2 and a message on stderr", async () => {
  const good = writeSpec("good.json", SPEC);
  const cases: [string[], RegExp][] = [
    [[good], /--inputs is required/],
    [[good, "--inputs", "0,x"], /--inputs expects an integer >= 0, got "x"/],
    [[good, "--inputs", "0", "--degree", "-1"], /--degree expects an integer >= 0, got "-1"/],
    [[good, "--inputs", "7"], /not a parameter index/],
    [[good, "--inputs", "1,1"], /twice/],
    [[good, "--inputs", "0", "--observable", "3"], /out of range/],
    [[good, "--inputs", "0,1,2,3,4,5", "--degree", "5"], /exceed the limit/],
    [[good, "--inputs", "0", "--bogus"], /^fourier: unknown flag --bogus \(try fourier --help\)\n$/],
    [[join(dir, "missing.json"), "--inputs", "0"], /cannot read/],
    [[writeSpec("bad.json", "{not json"), "--inputs", "0"], /not valid JSON/],
    [[writeSpec("invalid.json", { wires: 1, ops: [{ gate: "RX", wires: [3], params: [1] }], observables: [] }), "--inputs", "0"], /out of range/],
  ];
  const results = await Promise.all(cases.map(([args]) => fourier(args)));
  results.forEach((r, i) => {
    assert.equal(r.code, 2, `${cases[i][0].join(" ")}: ${r.stderr}`);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, cases[i][1]);
  });
});

test("--help prints the usage on stdout: the argument, every flag with its default, an example", async () => {
  const r = await fourier(["--help"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  for (const text of ["SPEC.json", "--inputs I1,I2,...", "--observable N", "(default: 0)", "--degree N", "(default: 1)", "-h, --help", "npm run --silent fourier -- spec.json --inputs"]) {
    assert.ok(r.stdout.includes(text), text);
  }
});
