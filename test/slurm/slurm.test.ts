/**
 * The study through a real Slurm (test/slurm/cluster.ts: a private single node, 2 CPUs): four quick seed runs
 * as a job array and the seed summary after them, compared with the same runs made locally; then a task
 * cancelled mid-run, which a second submission alone reruns. As root with Slurm installed (make test-slurm).
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { resolveDirs } from "../../lib/data";
import { REPO_ROOT } from "../../lib/results";
import { parseSqueue, queueState, SQUEUE_FORMAT } from "../../scripts/slurm/queue";
import { taskLogPath } from "../../scripts/slurm/sbatch";
import { studyTasks } from "../../scripts/slurm/tasks";
import { Cluster, clusterUnavailable, startCluster, waitFor } from "./cluster";

const SEEDS = [1, 2], MODELS = ["cnn-mnist", "hqnn-parallel-mnist"];
const SELECTION = ["seeds", "--seeds", SEEDS.join(","), "--models", MODELS.join(",")];
/** One CPU per task, so the node runs two at once, as the local reference does. */
const RESOURCES = ["--cpus", "1", "--mem", "2G", "--time", "00:20:00"];
const STUDY_TIMEOUT_MS = 15 * 60_000;

function exec(command: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0], command.slice(1), { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "", err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${command.join(" ")} exited ${code}: ${err.slice(-2000)}`))));
  });
}

const quickEnv = (resultsRoot: string, extra: NodeJS.ProcessEnv = {}) => ({ ...process.env, ...extra, PROFILE: "quick", HQNN_RESULTS_DIR: resultsRoot });

/** The same runs without Slurm, two at a time on one thread each, then the summary; returns the wall seconds. */
async function runLocally(resultsRoot: string): Promise<number> {
  const started = Date.now();
  const tasks = studyTasks({ profile: "quick", resultsDir: path.join(resultsRoot, "quick"), experiments: ["seeds"], seeds: SEEDS, models: MODELS });
  const env = quickEnv(resultsRoot, { HQNN_THREADS: "1" });
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
    if (file.startsWith("seeds/")) assert.equal(actual.status, "complete", file);
    assert.deepEqual(withoutTiming(actual), withoutTiming(read(expectedRoot)), file);
  }
}

interface SubmitOutput { arrays: { job: string; tasks: string[] }[]; aggregate: string | null }

/** Why the quick study cannot train here: MNIST is neither in the decoded cache nor in a local mirror. */
function mnistUnavailable(): string | undefined {
  const { cacheDir, mirror } = resolveDirs({});
  const cached = fs.existsSync(cacheDir) && fs.readdirSync(cacheDir).some((f) => f.startsWith("mnist-") && f.endsWith(".hqnnds"));
  const mirrored = mirror !== null && fs.existsSync(path.join(mirror, "mnist"));
  return cached || mirrored ? undefined : `MNIST is not available locally (no decoded cache in ${cacheDir}, no mirror): the study cannot train`;
}

describe("the study on a private single-node Slurm", { skip: clusterUnavailable() ?? mnistUnavailable() ?? false }, () => {
  let cluster: Cluster | undefined;
  const folders: string[] = [];
  const scratch = (name: string) => folders[folders.push(fs.mkdtempSync(path.join(os.tmpdir(), `hqnn-slurm-${name}-`))) - 1];
  const reference = scratch("local");
  let localSeconds = 0;

  before(async () => {
    cluster = await startCluster();
    localSeconds = await runLocally(reference);
  }, { timeout: STUDY_TIMEOUT_MS });
  after(async () => {
    await cluster?.stop();
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
  });

  const slurmCli = async (resultsRoot: string, args: string[]) =>
    exec(["node", "--import", "tsx", "scripts/slurm.ts", ...args], quickEnv(resultsRoot, cluster!.env));
  const submit = async (resultsRoot: string) => JSON.parse(await slurmCli(resultsRoot, ["submit", ...SELECTION, ...RESOURCES])) as SubmitOutput;
  const queue = () => parseSqueue(cluster!.run("squeue", ["--noheader", "--array", "--states=all", `--format=${SQUEUE_FORMAT}`]));
  const inQueue = (job: string) => queue().filter((e) => e.job === job && queueState(e) !== "finished");
  const waitUntilGone = (what: string, jobs: string[]) =>
    waitFor(what, STUDY_TIMEOUT_MS, () => (jobs.every((job) => inQueue(job).length === 0) ? true : undefined), 2000);

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

  test("a task cancelled mid-run is the only one the next submission sends, and the study ends with the same results", { timeout: STUDY_TIMEOUT_MS }, async () => {
    const results = scratch("results");
    const first = await submit(results);
    const array = first.arrays[0];
    // Cancelled once it trains: its log shows a batch done (lib/nn/train.ts logs every batch of a quick run).
    const log = (index: number) => taskLogPath(path.join(results, "quick", "logs"), array.job, index);
    const training = (index: number) => fs.existsSync(log(index)) && fs.readFileSync(log(index), "utf8").includes(" batch ");
    const victim = await waitFor("a task to train", STUDY_TIMEOUT_MS, () => {
      const index = array.tasks.findIndex((_, i) => training(i));
      return index >= 0 ? index : undefined;
    }, 100);
    const cancelled = array.tasks[victim];
    cluster!.run("scancel", [`${array.job}_${victim}`]);
    await waitFor("the other tasks to finish", STUDY_TIMEOUT_MS, () => (inQueue(array.job).length === 0 ? true : undefined), 2000);

    assert.match(fs.readFileSync(log(victim), "utf8"), /CANCELLED/);
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
