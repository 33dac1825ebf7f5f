/** experiments/gradient-scaling.ts in the quick profile: the result's shape, agreement and slopes (no timing assertions). */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { runGradientScaling, SCALING_PROFILES } from "../../experiments/gradient-scaling";
import { DIFF_METHODS, hqnnBranchCircuit } from "../../lib/quantum";
import { bytesNeeded } from "../../lib/quantum/memory";
import { planFor } from "../../lib/quantum/plan";

const ROOT = path.join(__dirname, "..", "..");
const SCRIPT = path.join(ROOT, "experiments", "gradient-scaling.ts");

test("the quick profile writes quick/gradient-scaling.json with both sweeps, agreeing methods and finite slopes", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "hqnn-gradient-scaling-"));
  try {
    const { file } = runGradientScaling({ profile: "quick", resultsRoot: root, log: () => {} });
    assert.equal(file, path.join(root, "quick", "gradient-scaling.json"));
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    const config = SCALING_PROFILES.quick;
    assert.equal(r.experiment, "gradient-scaling");
    assert.equal(r.batch, config.batch);
    assert.equal(r.methods_agree, true);
    assert.ok(r.max_abs_gradient_difference < r.agreement_tolerance);
    assert.equal(r.provenance.profile, "quick");
    assert.deepEqual(Object.keys(r.sweeps), ["wires", "layers"]);
    const sizes = {
      wires: config.wires.map((n) => [n, config.layersOfWireSweep]),
      layers: config.layers.map((l) => [config.wiresOfLayerSweep, l]),
    };
    for (const [name, s] of Object.entries<any>(r.sweeps)) {
      assert.deepEqual(s.values, config[name as "wires" | "layers"]);
      assert.equal(s.max_abs_gradient_difference.length, s.values.length);
      assert.ok(s.max_abs_gradient_difference.every((d: number) => d < 1e-9));
      for (const m of DIFF_METHODS) {
        assert.equal(s.seconds[m].length, s.values.length, `${name} ${m}`);
        assert.ok(s.seconds[m].every((t: number) => Number.isFinite(t) && t > 0), `${name} ${m}`);
        assert.ok(s.seconds_per_repeat[m].every((ts: number[]) => ts.length === config.repeats));
        assert.ok(Number.isFinite(s.slope_log_seconds[m]), `${name} ${m}`);
        assert.ok(Number.isFinite(s.slope_log_memory_bytes[m]), `${name} ${m}`);
        const expectedBytes = sizes[name as "wires" | "layers"].map(([n, l]) => bytesNeeded(planFor(hqnnBranchCircuit({ nQubits: n, nLayers: l })), m));
        assert.deepEqual(s.memory_bytes[m], expectedBytes, `${name} ${m}`);
      }
      const smallest = Math.min(...DIFF_METHODS.map((m) => s.slope_log_seconds[m]));
      assert.equal(s.slope_log_seconds[s.most_favourable], smallest);
      assert.equal(typeof s.slope_definition, "string");
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

const run = (args: string[]) => new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
  const child = execFile(process.execPath, ["--import", "tsx", SCRIPT, ...args], { cwd: ROOT }, (_, stdout, stderr) => {
    resolve({ status: child.exitCode, stdout, stderr });
  });
});

test("the command line answers --help and refuses an unknown flag with one line, before any work", async () => {
  const [help, bad] = await Promise.all([run(["--help"]), run(["--repeats", "3"])]);
  assert.equal(help.status, 0, help.stderr);
  for (const text of ["node --import tsx experiments/gradient-scaling.ts", "-h, --help", "PROFILE=full"]) assert.ok(help.stdout.includes(text), text);
  assert.equal(bad.status, 2, bad.stderr);
  assert.equal(bad.stdout, "");
  assert.equal(bad.stderr, "experiments/gradient-scaling.ts: unknown flag --repeats (try experiments/gradient-scaling.ts --help)\n");
});
