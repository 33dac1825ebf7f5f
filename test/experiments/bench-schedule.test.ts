import assert from "node:assert/strict";
import * as fs from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { runCliSync } from "../run-cli";
import { LOCAL, localFiles as localEvidenceFiles, recordedEvidence } from "../recorded-evidence";
import { concurrentRate } from "../../experiments/bench-schedule";

const localFiles = () => localEvidenceFiles("bench-schedule-");

test("bench train --schedule at a tiny size measures both ways, writes only results/local/, and projects the seed study from its recorded runs", () => {
  const before = recordedEvidence(), localBefore = new Set(localFiles());
  const r = runCliSync("bench", ["train", "--schedule", "--batch", "4", "--batches", "30", "--warmup", "1", "--rounds", "2", "--models", "hqnn", "--datasets", "mnist"],
    { HQNN_BACKEND: "wasm", RECORD: "" });
  const fresh = localFiles().filter((f) => !localBefore.has(f));
  if (r.code !== 0) {
    // The one way it may fail: a machine so busy that the processes' timed steps never overlapped. It says so and writes nothing.
    assert.match(r.stderr, /did not overlap; the machine is too busy to compare/, r.stderr);
    assert.deepEqual(fresh, []);
    assert.deepEqual(recordedEvidence(), before);
    return;
  }
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
      assert.ok(x.one_run_all_cores > 0 && x.runs_per_core >= 0);
      assert.ok(x.overlap > 0 && x.overlap <= 1, String(x.overlap));
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

test("concurrentRate counts only the steps that ended while every process was timing, over that overlap", () => {
  const ends = (from: number) => Array.from({ length: 10 }, (_, i) => from + 100 * (i + 1));
  const a = { images_per_s: 0, timed_start: 0, step_ends: ends(0) }, b = { images_per_s: 0, timed_start: 300, step_ends: ends(300) };
  // Overlap [300, 1000] ms: 7 steps of each end inside it, 4 images each, in 0.7 s.
  const r = concurrentRate([a, b], 4);
  assert.ok(Math.abs(r.images_per_s - (14 * 4) / 0.7) < 1e-9, String(r.images_per_s));
  assert.ok(Math.abs(r.overlap - 0.7) < 1e-12);
  // One process alone: its own rate over its whole window.
  assert.ok(Math.abs(concurrentRate([a], 4).images_per_s - 40 / 1) < 1e-9);
  assert.throws(() => concurrentRate([a, { images_per_s: 0, timed_start: 2000, step_ends: ends(2000) }], 4), /did not overlap/);
});

test("bench train --schedule --roofline is a usage error", () => {
  const r = runCliSync("bench", ["train", "--schedule", "--roofline"], { RECORD: "" });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /pick one/);
});
