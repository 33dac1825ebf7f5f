import { test } from "node:test";
import { tempDirs } from "../temp-dirs";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { SEED_MODELS } from "../../experiments/seeds";
import { REPO_ROOT, seedRunId, writeResult } from "../../lib/results";
import { recordedWith } from "../results/fixtures";
import { row as recipeRow, summaryWith } from "../figures/recipe-summary";
import { aggregateScript, aggregateSteps, arrayScript, groupByResources, shellWord } from "../../scripts/slurm/sbatch";
import { aggregatesInQueue, estimateSeconds, parseSqueue, Submission, taskStatuses } from "../../scripts/slurm/queue";
import { forceable, isDone, RESOURCES, Selection, STUDY_EXPERIMENTS, studyTasks } from "../../scripts/slurm/tasks";

const tmp = tempDirs("hqnn-slurm-tasks-");
const FULL: Selection = { profile: "full", resultsDir: "/shared/results", experiments: [], seeds: [1, 2, 3, 4, 5], models: [...SEED_MODELS] };
const CONTEXT = { repoRoot: "/shared/hqnn-ts", resultsRoot: "/shared/results", logDir: "/shared/results/logs", profile: "full" as const };

test("the full study is one cheap task, six single runs, 5 models x 5 seeds and the recipe study's stage 1, each with its command, result and resources", () => {
  const tasks = studyTasks(FULL);
  assert.equal(tasks.length, 38);
  const cheap = tasks[0];
  assert.equal(cheap.id, "cheap");
  assert.deepEqual(cheap.command.slice(3), ["scripts/reproduce.ts", "datasets", "param-counts", "zx", "fourier", "gradient-scaling", "quanv"]);
  assert.ok(cheap.results.includes("/shared/results/zx-reduction.json") && cheap.results.includes("/shared/results/quanv-subsets.json"));
  const cifar = tasks.find((t) => t.id === "cnn-cifar10")!;
  assert.deepEqual(cifar.command, ["node", "--import", "tsx", "experiments/parallel.ts", "cnn-cifar10"]);
  assert.deepEqual(cifar.results, ["/shared/results/cnn-cifar10.json"]);
  assert.deepEqual(cifar.resources, RESOURCES["cnn-cifar10"]);
  const seed = tasks.find((t) => t.id === "ablation-dense20-s4")!;
  assert.deepEqual(seed.command.slice(3), ["experiments/parallel.ts", "ablation-dense20", "--seed", "4"]);
  assert.deepEqual(seed.results, ["/shared/results/seeds/ablation-dense20-s4.json"]);
  assert.equal(tasks.filter((t) => t.kind === "seeds").length, 25);
});

test("the recipe study: stage 1 until every stage-1 run is done and summarised with a chosen recipe, then stages 2 and 3 with that recipe", () => {
  const dir = tmp();
  const recipe = (resultsDir: string) => studyTasks({ ...FULL, resultsDir, experiments: ["cifar-recipe"] });
  const stage1 = recipe(dir);
  assert.deepEqual(stage1.map((t) => t.id), ["val-stop-hqnn-parallel-s1", "val-stop-cnn-s1", "augment-hqnn-parallel-s1", "augment-cnn-s1", "long-hqnn-parallel-s1", "long-cnn-s1"]);
  assert.deepEqual(stage1[5].command.slice(3), ["experiments/cifar-recipe.ts", "--recipes", "long", "--models", "cnn", "--seeds", "1", "--data", "copy", "--inline"]);
  assert.deepEqual(stage1[5].results, [path.join(dir, "cifar-recipe", "long-cnn-s1.json")]);
  assert.deepEqual(stage1[5].resources, RESOURCES["cifar-recipe"]);
  fs.mkdirSync(path.join(dir, "cifar-recipe"));
  for (const t of stage1) fs.writeFileSync(t.results[0], JSON.stringify({ status: "complete" }));
  const rows = stage1.map((t) => {
    const [, recipe, model] = /^(.*)-(hqnn-parallel|cnn)-s1$/.exec(t.id)!;
    return recipeRow(recipe, "copy", model, 1, 0.7);
  });
  writeResult("cifar-recipe-summary", summaryWith(rows.slice(1), "augment"), dir);
  assert.equal(recipe(dir).length, 6, "the summary lacks a stage-1 run: no stages 2 and 3 yet");
  writeResult("cifar-recipe-summary", summaryWith(rows, "augment"), dir);
  assert.deepEqual(recipe(dir).slice(6).map((t) => t.id),
    ["augment-hqnn-parallel-s2", "augment-cnn-s2", "augment-hqnn-parallel-s3", "augment-cnn-s3", "augment-cnn-q75-s1", "augment-cnn-q50-s1", "augment-cnn-q25-s1"]);
  fs.writeFileSync(stage1[0].results[0], JSON.stringify({ status: "running (3/11 epochs)" }));
  assert.equal(recipe(dir).length, 6, "a stage-1 run not complete: no stages 2 and 3 yet");
  assert.deepEqual(aggregateSteps(stage1, "quick").map((s) => s.join(" ")), ["node --import tsx experiments/cifar-recipe.ts --summary"]);
});

test("a selection narrows the study, overrides replace the table's resources, and bad selections are refused", () => {
  const tasks = studyTasks({ ...FULL, experiments: ["seeds", "zx"], seeds: [2], models: ["cnn-mnist"], override: { cpus: 1, time: "00:10:00" } });
  assert.deepEqual(tasks.map((t) => [t.id, t.command.slice(4).join(" ")]), [["cheap", "zx"], ["cnn-mnist-s2", "cnn-mnist --seed 2"]]);
  assert.deepEqual(tasks[1].resources, { cpus: 1, mem: RESOURCES.seeds.mem, time: "00:10:00" });
  const quick = studyTasks({ ...FULL, profile: "quick", resultsDir: "/r/quick" });
  assert.ok(!quick.some((t) => t.id === "cheap"), "the cheap experiments write results/ itself: full profile only");
  assert.equal(quick[0].results[0], "/r/quick/cnn-mnist.json");
  assert.throws(() => studyTasks({ ...FULL, profile: "quick", experiments: ["zx"] }), /full profile only/);
  assert.throws(() => studyTasks({ ...FULL, experiments: ["cnn-mnits"] }), /unknown experiment cnn-mnits \(known: datasets/);
});

test("the study's experiments are those make reproduce knows, in its order", () => {
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/reproduce.ts", "no-such-experiment"],
    { cwd: REPO_ROOT, env: { ...process.env, PROFILE: "full" }, encoding: "utf8" });
  const known = /known: ([^)]*)\)/.exec(run.stderr)?.[1];
  assert.equal(known, STUDY_EXPERIMENTS.join(", "), run.stderr);
});

test("a task is done when every result file is there and complete (or has no status)", () => {
  const dir = tmp();
  const [cnn] = studyTasks({ ...FULL, resultsDir: dir, experiments: ["cnn-mnist"] });
  assert.equal(isDone(cnn), false);
  writeResult("cnn-mnist", recordedWith("cnn-mnist", { status: "running (3/6 epochs)" }), dir);
  assert.equal(isDone(cnn), false);
  writeResult("cnn-mnist", recordedWith("cnn-mnist", { status: "complete" }), dir);
  assert.equal(isDone(cnn), true);
  const [zx] = studyTasks({ ...FULL, resultsDir: dir, experiments: ["zx"] });
  writeResult("zx-reduction", recordedWith("zx-reduction", {}), dir);
  assert.equal(isDone(zx), true);
});

test("one job array per set of resources; index i runs task i; requeue and per-task output are set", () => {
  const tasks = studyTasks({ ...FULL, experiments: ["cnn-mnist", "cnn-cifar10", "hqnn-parallel-cifar10", "seeds"], seeds: [1], models: ["cnn-mnist"] });
  const arrays = groupByResources(tasks);
  assert.deepEqual(arrays.map((a) => a.tasks.map((t) => t.id)), [["cnn-mnist"], ["cnn-cifar10", "hqnn-parallel-cifar10"], ["cnn-mnist-s1"]]);
  const script = arrayScript(arrays[1], CONTEXT);
  for (const line of ["#SBATCH --array=0-1", "#SBATCH --cpus-per-task=2", "#SBATCH --mem=6G", "#SBATCH --time=02:00:00", "#SBATCH --requeue",
    "#SBATCH --output=/shared/results/logs/%x-%A_%a.log", "cd /shared/hqnn-ts", "export PROFILE=full HQNN_RESULTS_DIR=/shared/results",
    "  1) exec node --import tsx experiments/parallel.ts hqnn-parallel-cifar10 ;; # hqnn-parallel-cifar10"]) {
    assert.ok(script.split("\n").includes(line), `${line} in\n${script}`);
  }
  assert.equal(shellWord("it's here"), `'it'\\''s here'`);
});

test("the aggregation: seed summary when seeds ran, claims and figures in the full profile only", () => {
  const seeds = studyTasks({ ...FULL, experiments: ["seeds"], seeds: [1], models: ["cnn-mnist"] });
  assert.deepEqual(aggregateSteps(seeds, "full").map((s) => s.join(" ")),
    ["node --import tsx experiments/seeds.ts --summary", "make --no-print-directory claims figures"]);
  assert.deepEqual(aggregateSteps(seeds, "quick").map((s) => s.join(" ")), ["node --import tsx experiments/seeds.ts --summary"]);
  assert.deepEqual(aggregateSteps(studyTasks({ ...FULL, experiments: ["cnn-mnist"] }), "quick"), []);
  const script = aggregateScript(aggregateSteps(seeds, "full"), RESOURCES.aggregate, CONTEXT);
  assert.match(script, /#SBATCH --job-name=hqnn-ts-aggregate\n/);
  assert.match(script, /\nmake --no-print-directory claims figures\n$/);
});

test("task states: done from the results, running/pending from squeue, failed when gone, missing when never submitted", () => {
  const dir = tmp();
  const tasks = studyTasks({ ...FULL, resultsDir: dir, experiments: ["seeds"], seeds: [1], models: [...SEED_MODELS] });
  writeResult(seedRunId("hqnn-parallel-mnist", 1), recordedWith("seeds/hqnn-parallel-mnist-s1", { status: "complete", provenance: { wall_s: 600 } }), dir);
  const submissions: Submission[] = [
    { submitted_at: "2026-01-01T00:00:00Z", arrays: [{ job: "7", tasks: ["hqnn-parallel-mnist-s1", "cnn-mnist-s1", "ablation-no-quantum-s1", "ablation-dense20-s1"] }], aggregate: "8" },
    { submitted_at: "2026-01-02T00:00:00Z", arrays: [{ job: "9", tasks: ["ablation-dense20-s1"] }], aggregate: "10" },
  ];
  const queue = parseSqueue("7|1|RUNNING|None\n7|2|FAILED|NonZeroExitCode\n8|N/A|CANCELLED|None\n9|0|PENDING|Resources\n10|N/A|PENDING|Dependency\n");
  const statuses = taskStatuses(tasks, submissions, queue, "/logs");
  assert.deepEqual(statuses.map((s) => [s.task.id, s.state, s.job ?? null]), [
    ["hqnn-parallel-mnist-s1", "done", "7"], ["cnn-mnist-s1", "running", "7"], ["ablation-no-quantum-s1", "failed", "7"],
    ["ablation-dense20-s1", "pending", "9"], ["ablation-frozen-quantum-s1", "missing", null],
  ]);
  assert.equal(statuses[2].log, "/logs/hqnn-ts-7_2.log");
  assert.deepEqual(aggregatesInQueue(submissions, queue), [{ job: "10", state: "pending", reason: "Dependency" }]);
  assert.equal(estimateSeconds(statuses), 4 * 600, "4 tasks left at the done tasks' mean wall time, one running at a time");
});

test("submit --dry-run prints the task list and the scripts; unknown experiments exit 2", () => {
  const dir = tmp();
  // Without a cluster squeue fails at once (an unreadable SLURM_CONF makes it retry for a minute): states come from the results.
  const env: NodeJS.ProcessEnv = { ...process.env, PROFILE: "quick", HQNN_RESULTS_DIR: dir };
  delete env.SLURM_CONF;
  const cli = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", "scripts/slurm.ts", ...args], { cwd: REPO_ROOT, env, encoding: "utf8" });
  const dry = cli("submit", "seeds", "--seeds", "1-2", "--models", "cnn-mnist", "--cpus", "1", "--dry-run", "--sbatch-options=--partition=p --account=a");
  assert.equal(dry.status, 0, dry.stderr);
  assert.match(dry.stdout, /^# 2 tasks \(PROFILE=quick.*0 done, 0 running, 0 pending, 0 failed, 2 missing\n/);
  assert.match(dry.stdout, /\ncnn-mnist-s2 +missing +1 cpu 4G 01:00:00 +node --import tsx experiments\/parallel.ts cnn-mnist --seed 2\n/);
  assert.match(dry.stdout, /# job array 1 of 1: sbatch --parsable --partition=p --account=a <this script>\n#!\/bin\/bash\n/);
  assert.match(dry.stdout, /#SBATCH --array=0-1\n/);
  assert.match(dry.stdout, /# aggregation: .*\n[^]*experiments\/seeds.ts --summary\n$/);
  assert.ok(!fs.existsSync(path.join(dir, "quick", "logs")), "a dry run writes nothing");
  const bad = cli("submit", "cnn-mnits");
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^scripts\/slurm.ts: unknown experiment cnn-mnits/);
});

test("a run forced again shows as running or pending while its old, complete result is still there", () => {
  const dir = tmp();
  const tasks = studyTasks({ ...FULL, resultsDir: dir, experiments: ["cnn-mnist", "hqnn-parallel-mnist"] });
  for (const id of ["cnn-mnist", "hqnn-parallel-mnist"] as const) writeResult(id, recordedWith(id, { status: "complete" }), dir);
  const submissions: Submission[] = [{ submitted_at: "2026-01-03T00:00:00Z", arrays: [{ job: "11", tasks: ["cnn-mnist", "hqnn-parallel-mnist"] }] }];
  const statuses = taskStatuses(tasks, submissions, parseSqueue("11|0|PENDING|Resources\n11|1|COMPLETED|None\n"), "/logs");
  assert.deepEqual(statuses.map((s) => [s.task.id, s.state]), [["cnn-mnist", "pending"], ["hqnn-parallel-mnist", "done"]]);
  assert.deepEqual(studyTasks({ ...FULL, experiments: ["seeds", "cnn-cifar10"], seeds: [1] }).filter(forceable).map((t) => t.id), ["cnn-cifar10"],
    "FORCE trains the single runs again, as make reproduce FORCE=1; seed runs are rerun by deleting their file");
});

test("submit --force --dry-run submits the done single runs again and says which done tasks it keeps", () => {
  const dir = tmp();
  writeResult("cnn-mnist", recordedWith("cnn-mnist", { status: "complete" }), path.join(dir, "quick"));
  writeResult(seedRunId("cnn-mnist", 1), recordedWith("seeds/cnn-mnist-s1", { status: "complete" }), path.join(dir, "quick"));
  const env: NodeJS.ProcessEnv = { ...process.env, PROFILE: "quick", HQNN_RESULTS_DIR: dir };
  delete env.SLURM_CONF;
  const dryRun = (...flags: string[]) => spawnSync(process.execPath, ["--import", "tsx", "scripts/slurm.ts", "submit", "cnn-mnist", "seeds",
    "--seeds", "1", "--models", "cnn-mnist", "--dry-run", ...flags], { cwd: REPO_ROOT, env, encoding: "utf8" });
  const plain = dryRun();
  assert.equal(plain.status, 0, plain.stderr);
  assert.match(plain.stdout, /: 2 done, 0 running, 0 pending, 0 failed, 0 missing\n/);
  assert.doesNotMatch(plain.stdout, /# job array/);
  const forced = dryRun("--force");
  assert.equal(forced.status, 0, forced.stderr);
  assert.match(forced.stdout, /: 2 done, .* 0 missing; 1 done submitted again \(--force\): cnn-mnist\n/);
  assert.match(forced.stdout, /#SBATCH --array=0-0\n[^]*\n {2}0\) exec node --import tsx experiments\/parallel.ts cnn-mnist ;; # cnn-mnist\n/);
  assert.match(forced.stderr, /kept as they are: cnn-mnist-s1 \(delete a task's result file to run it again\)/);
});
