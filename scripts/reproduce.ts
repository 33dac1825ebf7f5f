/**
 * `make reproduce`: every experiment at paper scale (PROFILE=full), in order from cheap to expensive.
 * Each writes results/<id>.json atomically; the training runs checkpoint every epoch, so rerunning the same
 * command after an interruption resumes where it stopped and skips what is complete.
 *
 *   make reproduce                 everything
 *   make reproduce EXP=cnn-mnist   one experiment (ids below)
 *   make reproduce EXP=cnn-mnist FORCE=1
 *                                  train a recorded training run again from scratch (its checkpoint is deleted,
 *                                  its result file replaced epoch by epoch): replacing evidence is an explicit act
 */
import { recordDatasetFacts } from "../experiments/datasets";
import { runParamSearch } from "../experiments/param-counts";
import { runZxExperiment } from "../experiments/zx";
import { runFourierExperiment } from "../experiments/fourier";
import { runGradientScaling } from "../experiments/gradient-scaling";
import { runQuanvExperiments } from "../experiments/quanv";
import { runParallelExperiment } from "../experiments/parallel";
import { readResult, REPO_ROOT, TrainingId } from "../lib/results";
import { runSeeds, SEED_MODELS } from "../experiments/seeds";
import { runStudyStages } from "../experiments/cifar-recipe";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const CORES = os.availableParallelism?.() ?? os.cpus().length;

const training = (id: TrainingId) => async () => {
  if (process.env.FORCE === "1") fs.rmSync(path.join(REPO_ROOT, "checkpoints", id), { recursive: true, force: true });
  else if (readResult(id)?.status === "complete") return `${id}: complete already (FORCE=1 trains it again)`;
  const r = await runParallelExperiment(id);
  return `${id}: ${r.epochs.length} epochs, test accuracy ${r.epochs.at(-1)?.test_acc}`;
};

const EXPERIMENTS: Record<string, () => Promise<unknown>> = {
  datasets: recordDatasetFacts,
  "param-counts": async () => runParamSearch(),
  zx: async () => runZxExperiment(),
  fourier: async () => runFourierExperiment(),
  "gradient-scaling": async () => runGradientScaling().file,
  quanv: () => runQuanvExperiments(),
  "cnn-mnist": training("cnn-mnist"),
  "hqnn-parallel-mnist": training("hqnn-parallel-mnist"),
  "cnn-cifar10": training("cnn-cifar10"),
  "hqnn-parallel-cifar10": training("hqnn-parallel-cifar10"),
  "cnn-medmnist": training("cnn-medmnist"),
  "hqnn-parallel-medmnist": training("hqnn-parallel-medmnist"),
  // HQNN-Parallel, the CNN and three ablations on MNIST, seeds 1-5, one run per core at a time (about 25 runs).
  seeds: async () => runSeeds({ seeds: [1, 2, 3, 4, 5], models: [...SEED_MODELS], jobs: CORES }),
  // Issue 28's CIFAR-10 recipe study in its three stages (13 runs of up to 40 epochs), what the CIFAR-10 claims read.
  "cifar-recipe": async () => runStudyStages(CORES),
};

(async () => {
  if (process.env.PROFILE !== "full") throw new Error("make reproduce runs with PROFILE=full");
  const wanted = process.argv.slice(2);
  for (const id of wanted) if (!(id in EXPERIMENTS)) throw new Error(`unknown experiment ${id} (known: ${Object.keys(EXPERIMENTS).join(", ")})`);
  for (const id of wanted.length ? wanted : Object.keys(EXPERIMENTS)) {
    process.stderr.write(`== ${id}\n`);
    const started = Date.now();
    const out = await EXPERIMENTS[id]();
    process.stderr.write(`== ${id} finished in ${((Date.now() - started) / 1000).toFixed(0)} s: ${typeof out === "string" ? out : "ok"}\n`);
  }
})().catch((e) => {
  process.stderr.write(`error: ${e.message}\n`);
  process.exit(1);
});
