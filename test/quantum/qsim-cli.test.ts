import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT, runCli } from "../run-cli";
import { CircuitSpec } from "../../lib/quantum";
import { denseExpvals } from "./reference";

const dir = mkdtempSync(join(tmpdir(), "qsim-test-"));

const qsim = (args: string[], stdin?: string) => runCli("qsim", args, stdin);

function writeSpec(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

const SPEC: CircuitSpec = {
  wires: 3,
  ops: [
    { gate: "RX", wires: [0], params: [0.4] }, { gate: "H", wires: [1] }, { gate: "Rot", wires: [2], params: [0.3, -1.1, 2.2] },
    { gate: "CNOT", wires: [0, 2] }, { gate: "CZ", wires: [1, 2] }, { gate: "RY", wires: [1], params: [0.9] },
    { gate: "RZ", wires: [2], params: [-0.5] }, { gate: "CNOT", wires: [2, 0] },
  ],
  observables: [{ pauli: "Y", wire: 0 }, { pauli: "X", wire: 1 }, { pauli: "Z", wire: 2 }],
};
const PARAMS = [0.4, 0.3, -1.1, 2.2, 0.9, -0.5];

/** d expval_k / d param_j by central differences of the dense reference simulator. */
function referenceJacobian(): number[][] {
  const h = 1e-6;
  const at = (params: number[]) => {
    let p = 0;
    return denseExpvals({ ...SPEC, ops: SPEC.ops.map((op) => (op.params ? { ...op, params: op.params.map(() => params[p++]) } : op)) });
  };
  const columns = PARAMS.map((_, j) => {
    const plus = PARAMS.slice(), minus = PARAMS.slice();
    plus[j] += h;
    minus[j] -= h;
    const fp = at(plus), fm = at(minus);
    return fp.map((v, k) => (v - fm[k]) / (2 * h));
  });
  return SPEC.observables.map((_, k) => columns.map((col) => col[k]));
}

test("qsim prints expvals and the Jacobian (params in op order) for every method", async () => {
  const path = writeSpec("good.json", SPEC);
  const expvals = denseExpvals(SPEC), jac = referenceJacobian();
  const methods = ["adjoint", "parameter-shift", "backprop"];
  const runs = await Promise.all(methods.map((method) => qsim([`--diff=${method}`, path])));
  for (const [i, method] of methods.entries()) {
    const r = runs[i];
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim().split("\n").length, 1, "one line of JSON");
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ["expvals", "jacobian"]);
    out.expvals.forEach((v: number, k: number) => assert.ok(Math.abs(v - expvals[k]) < 1e-12));
    assert.equal(out.jacobian.length, 3);
    out.jacobian.forEach((row: number[], k: number) => {
      assert.equal(row.length, 6);
      row.forEach((v, j) => assert.ok(Math.abs(v - jac[k][j]) < 1e-7, `${method} [${k}][${j}]`));
    });
  }
});

test("qsim --diff none omits the jacobian; '-' reads the spec from stdin", async () => {
  const r = await qsim(["--diff", "none", "-"], JSON.stringify(SPEC));
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(out), ["expvals"]);
  assert.equal(out.expvals.length, 3);
});

test("qsim exits 2 with one line on stderr for invalid input", async () => {
  const overflow = '{"wires":1,"ops":[{"gate":"RX","wires":[0],"params":[1e999]}],"observables":[]}';
  const huge = { wires: 24, ops: Array.from({ length: 2000 }, (_, i) => ({ gate: "RX", wires: [i % 24], params: [0.1] })), observables: [{ pauli: "Z", wire: 0 }] };
  const cases: [string[], RegExp][] = [
    [[writeSpec("bad.json", "{not json")], /not valid JSON/],
    [[writeSpec("gate.json", { ...SPEC, ops: [{ gate: "U3", wires: [0] }] })], /op 0: unknown gate "U3"/],
    [[writeSpec("wire.json", { ...SPEC, ops: [{ gate: "CNOT", wires: [0, 3] }] })], /op 0 \(CNOT\): wire 3 is out of range/],
    [[writeSpec("nan.json", '{"wires":1,"ops":[{"gate":"RX","wires":[0],"params":["x"]}],"observables":[]}')], /op 0 \(RX\): parameter 0 is not a finite number/],
    [[join(dir, "missing.json")], /cannot read/],
    [["--diff", "finite", writeSpec("ok.json", SPEC)], /--diff must be one of/],
    [["--frobnicate", writeSpec("ok2.json", SPEC)], /^qsim: unknown flag --frobnicate \(try qsim --help\)$/],
    [[], /missing argument SPEC\.json/],
    [[writeSpec("inf.json", overflow)], /op 0 \(RX\): parameter 0 is not a finite number: Infinity$/],
    // refused before allocating: (2000 + 2) * 16 * 2^24 bytes
    [["--diff", "backprop", writeSpec("huge.json", huge)], /needs 537,407,782,912 bytes \(500\.5 GiB\) .*use the adjoint method \(qsim --diff adjoint\)/],
  ];
  const results = await Promise.all(cases.map(([args]) => qsim(args)));
  results.forEach((r, i) => {
    const [args, pattern] = cases[i];
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.equal(r.stdout, "");
    assert.equal(r.stderr.split("\n").length, 2, `one line: ${r.stderr}`);
    assert.match(r.stderr.trim(), pattern);
  });
});

test("qsim --help prints the usage on stdout: the argument, --diff with its methods and default, HQNN_MAX_MEMORY_MB, an example", async () => {
  const r = await qsim(["--help"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  for (const text of ["SPEC.json", "--diff NAME", "adjoint, parameter-shift, backprop, none (default: adjoint)", "-h, --help", "HQNN_MAX_MEMORY_MB", "npm run --silent qsim -- --diff backprop spec.json"]) {
    assert.ok(r.stdout.includes(text), text);
  }
});

test("npm run --silent qsim runs the same CLI", () => {
  const r = spawnSync("npm", ["run", "--silent", "qsim", "--", "--diff", "adjoint", writeSpec("npm.json", SPEC)], { cwd: ROOT, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).jacobian.length, 3);
});
