import assert from "node:assert/strict";
import * as fs from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { runCliSync } from "../run-cli";
import { LOCAL, localFiles as localEvidenceFiles, recordedEvidence } from "../recorded-evidence";

const localFiles = () => localEvidenceFiles("bench-schedule-");

test("bench train --schedule at a tiny size measures both ways, writes only results/local/, and projects the seed study from its recorded runs", () => {
  const before = recordedEvidence(), localBefore = new Set(localFiles());
  const r = runCliSync("bench", ["train", "--schedule", "--batch", "4", "--batches", "2", "--warmup", "1", "--rounds", "2", "--models", "hqnn", "--datasets", "mnist"],
    { HQNN_BACKEND: "wasm", RECORD: "" });
  assert.equal(r.code, 0, r.stderr);
  const fresh = localFiles().filter((f) => !localBefore.has(f));
  try {
    assert.deepEqual(recordedEvidence(), before);
    assert.equal(fresh.length, 1, `one new local file: ${fresh}`);
    const out = JSON.parse(r.stdout.trim());
    assert.deepEqual(JSON.parse(fs.readFileSync(join(LOCAL, fresh[0]), "utf8")), out);
    assert.deepEqual(Object.keys(out.cases), ["hqnn-mnist"]);
    const c = out.cases["hqnn-mnist"];
    assert.equal(c.per_round.length, 2);
    assert.deepEqual(c.per_round.map((x: { first: string }) => x.first), ["one_run_all_cores", "runs_per_core"], "the order alternates");
    for (const x of c.per_round) {
      assert.equal(x.each.length, out.cores, "one process per core");
      assert.ok(x.one_run_all_cores > 0 && x.runs_per_core > 0);
      // The machine's rate spans the first start to the last end, so it is at most the sum of the processes' own rates.
      assert.ok(x.runs_per_core <= x.each.reduce((s: number, v: number) => s + v, 0) + out.cores, `${x.runs_per_core} vs ${x.each}`);
    }
    const study = out.seed_study;
    assert.ok(study.runs > 0 && study.epochs >= study.runs && study.images === study.epochs * 60000);
    const near = (a: number, b: number) => Math.abs(a - b) <= 0.01 + 0.01 * b;
    assert.ok(near(study.hours_one_run_all_cores, study.images / c.one_run_all_cores / 3600), "projection = images / rate");
    assert.ok(near(study.hours_runs_per_core, study.images / c.runs_per_core / 3600));
  } finally {
    for (const f of fresh) fs.rmSync(join(LOCAL, f));
  }
});

test("bench train --schedule --roofline is a usage error", () => {
  const r = runCliSync("bench", ["train", "--schedule", "--roofline"], { RECORD: "" });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /pick one/);
});
