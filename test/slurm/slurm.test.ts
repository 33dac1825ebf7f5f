/**
 * The study through a real Slurm (test/slurm/cluster.ts: a private single node, 2 CPUs): four quick seed runs
 * as a job array and the seed summary after them, compared with the same runs made locally; then a task
 * cancelled while it runs, which a second submission alone reruns. As root with Slurm installed (make test
 * installs it through scripts/setup.sh slurm). Every run trains on a generated stand-in for MNIST
 * (test/slurm/mnist-stand-in.ts), so the test needs no dataset; the results say so in dataset.source.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../../lib/results";
import { parseSqueue, queueState, SQUEUE_FORMAT } from "../../scripts/slurm/queue";
import { taskLogPath } from "../../scripts/slurm/sbatch";
import { studyTasks } from "../../scripts/slurm/tasks";
import { Cluster, clusterUnavailable, startCluster, waitFor } from "./cluster";
import { STAND_IN_LABEL, writeMnistStandIn } from "./mnist-stand-in";

const SEEDS = [1, 2], MODELS = ["cnn-mnist", "hqnn-parallel-mnist"];
const SELECTION = ["seeds", "--seeds", SEEDS.join(","), "--models", MODELS.join(",")];
/** One CPU per task, so the node runs two at once, as the local reference does. */
const RESOURCES = ["--cpus", "1", "--mem", "2G", "--time", "00:20:00"];
/** A bound on every wait; each quick run takes seconds (about 3 s on 2 busy cores). */
const STUDY_TIMEOUT_MS = 5 * 60_000;

function exec(command: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0], command.slice(1), { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "", err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${command.join(" ")} exited ${code}: ${err.slice(-2000)}`))));
  });
}

/** The environment of every run: quick profile, the stand-in data, results under `resultsRoot`. */
const quickEnv = (resultsRoot: string, extra: NodeJS.ProcessEnv) => ({ ...process.env, ...extra, PROFILE: "quick", HQNN_RESULTS_DIR: resultsRoot });

/** The same runs without Slurm, two at a time on one thread each, then the summary; returns the wall seconds. */
async function runLocally(resultsRoot: string, data: NodeJS.ProcessEnv): Promise<number> {
  const started = Date.now();
  const tasks = studyTasks({ profile: "quick", resultsDir: path.join(resultsRoot, "quick"), experiments: ["seeds"], seeds: SEEDS, models: MODELS });
  const env = quickEnv(resultsRoot, { ...data, HQNN_THREADS: "1" });
  const worker = async () => {
    for (let task = tasks.shift(); task; task = tasks.shift()) await exec(task.command, env);
  };
  await Promise.all([worker(), worker()]);
  await exec(["node", "--import", "tsx", "experiments/seeds.ts", "--summary"], env);
  return (Date.now() - started) / 1000;
}

/** The result without what differs between two runs of the same code: timing and provenance. */
function withoutTiming(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTiming);
  if (value === null || typeof value !== "object") return value;
  const timing = new Set(["provenance", "seconds", "images_per_s"]);
  return Object.fromEntries(Object.entries(value).filter(([k]) => !timing.has(k)).map(([k, v]) => [k, withoutTiming(v)]));
}

const RESULT_FILES = [...SEEDS.flatMap((s) => MODELS.map((m) => `seeds/${m}-s${s}.json`)), "seeds-summary.json"];

function assertSameResults(actualRoot: string, expectedRoot: string): void {
  for (const file of RESULT_FILES) {
    const read = (root: string) => JSON.parse(fs.readFileSync(path.join(root, "quick", file), "utf8"));
    const actual = read(actualRoot);
    if (file.startsWith("seeds/")) {
      assert.equal(actual.status, "complete", file);
      assert.equal(actual.dataset.source.label, STAND_IN_LABEL, `${file} says what it trained on`);
    }
    assert.deepEqual(withoutTiming(actual), withoutTiming(read(expectedRoot)), file);
  }
}

interface SubmitOutput { arrays: { job: string; tasks: string[] }[]; aggregate: string | null }

describe("the study on a private single-node Slurm", { skip: clusterUnavailable() ?? false }, () => {
  let cluster: Cluster | undefined;
  const folders: string[] = [];
  const scratch = (name: string) => folders[folders.push(fs.mkdtempSync(path.join(os.tmpdir(), `hqnn-slurm-${name}-`))) - 1];
  const reference = scratch("local");
  let localSeconds = 0;
  let data: NodeJS.ProcessEnv = {};

  before(async () => {
    data = await writeMnistStandIn(scratch("data"));
    cluster = await startCluster();
    localSeconds = await runLocally(reference, data);
  }, { timeout: STUDY_TIMEOUT_MS });
  after(async () => {
    await cluster?.stop();
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
  });

  const slurmCli = async (resultsRoot: string, args: string[]) =>
    exec(["node", "--import", "tsx", "scripts/slurm.ts", ...args], quickEnv(resultsRoot, { ...cluster!.env, ...data }));
  const submit = async (resultsRoot: string) => JSON.parse(await slurmCli(resultsRoot, ["submit", ...SELECTION, ...RESOURCES])) as SubmitOutput;
  const queue = () => parseSqueue(cluster!.run("squeue", ["--noheader", "--array", "--states=all", `--format=${SQUEUE_FORMAT}`]));
  const inQueue = (job: string) => queue().filter((e) => e.job === job && queueState(e) !== "finished");
  const waitUntilGone = (what: string, jobs: string[]) =>
    waitFor(what, STUDY_TIMEOUT_MS, () => (jobs.every((job) => inQueue(job).length === 0) ? true : undefined), 500);

  test("four quick seed runs as a job array, then the seed summary, give the results of the same runs made locally", { timeout: STUDY_TIMEOUT_MS }, async (t) => {
    const results = scratch("results");
    const started = Date.now();
    const submitted = await submit(results);
    assert.deepEqual(submitted.arrays.map((a) => a.tasks), [SEEDS.flatMap((s) => MODELS.map((m) => `${m}-s${s}`))]);
    assert.ok(submitted.aggregate, "the seed summary follows the array");
    await waitUntilGone("the study to finish", [submitted.arrays[0].job, submitted.aggregate!]);
    t.diagnostic(`quick study of 4 runs + summary: ${((Date.now() - started) / 1000).toFixed(0)} s through Slurm, ${localSeconds.toFixed(0)} s locally`);
    assertSameResults(results, reference);
    const status = JSON.parse(await slurmCli(results, ["status", ...SELECTION, "--json"]));
    assert.deepEqual(status.tasks.map((s: { state: string }) => s.state), ["done", "done", "done", "done"]);
    assert.ok(fs.statSync(status.tasks[0].log).size > 0, "each task's Slurm output is under the results folder's logs/");
  });

  test("a task cancelled while it runs is the only one the next submission sends, and the study ends with the same results", { timeout: STUDY_TIMEOUT_MS }, async () => {
    const results = scratch("results");
    // A quick run takes seconds: held at their start, the running tasks cannot end before the scancel lands.
    cluster!.hold();
    const first = await submit(results);
    const array = first.arrays[0];
    const running = () => inQueue(array.job).find((e) => queueState(e) === "running")?.index;
    const victim = await waitFor("a task to run", STUDY_TIMEOUT_MS, running, 200);
    const cancelled = array.tasks[victim];
    cluster!.run("scancel", [`${array.job}_${victim}`]);
    await waitFor(`${cancelled} to be cancelled`, STUDY_TIMEOUT_MS, () => (inQueue(array.job).some((e) => e.index === victim) ? undefined : true), 200);
    cluster!.release();
    await waitUntilGone("the other tasks to finish", [array.job]);

    const log = taskLogPath(path.join(results, "quick", "logs"), array.job, victim);
    assert.match(fs.readFileSync(log, "utf8"), /CANCELLED/);
    const meanwhile = JSON.parse(await slurmCli(results, ["status", ...SELECTION, "--json"]));
    assert.deepEqual(meanwhile.tasks.filter((s: { state: string }) => s.state !== "done").map((s: { id: string; state: string }) => [s.id, s.state]),
      [[cancelled, "failed"]]);
    assert.deepEqual(meanwhile.aggregates.map((a: { job: string; state: string }) => [a.job, a.state]), [[first.aggregate, "pending"]],
      "the first summary waits for a task that will never succeed");

    const second = await submit(results);
    assert.deepEqual(second.arrays.map((a) => a.tasks), [[cancelled]]);
    assert.equal(inQueue(first.aggregate!).length, 0, "the first summary job was cancelled");
    await waitUntilGone("the resubmitted task and the summary", [second.arrays[0].job, second.aggregate!]);
    assertSameResults(results, reference);
  });
});
