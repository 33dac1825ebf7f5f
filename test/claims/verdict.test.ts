import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writeResult } from "../../lib/results";
import { CLAIMS, EvaluatedClaim, evaluateClaims } from "../../lib/claims";

function tempResults(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "hqnn-claims-"));
}

function verdictOf(dir: string, id: string): EvaluatedClaim {
  const e = evaluateClaims(dir).find((x) => x.claim.id === id);
  assert.ok(e, `no claim ${id}`);
  return e;
}

/** A training result in the documented shape; accuracies are fractions. */
function training(experiment: string, testAcc: number, opts: { status?: string; lossy?: boolean } = {}) {
  const epochs = [1, 2].map((epoch) => ({ epoch, train_loss: 0.03, train_acc: 0.99, test_loss: 0.03, test_acc: testAcc, seconds: 10 * epoch, images_per_s: 100 }));
  return {
    experiment, status: opts.status ?? "complete",
    dataset: { name: experiment.split("-").pop(), source: { kind: opts.lossy ? "jpeg-lossy" : "cache", lossy: opts.lossy ?? false }, train: 60000, test: 10000 },
    model: { convChannels: [16, 32] }, params: 45194, paper_params: 45194, config: {}, epochs,
    final: { train_loss: 0.0204, test_loss: 0.0274, test_acc: testAcc, epochs: 2, best_test_acc: testAcc },
    provenance: { profile: "full" },
  };
}

test("with no results, every result-based claim is pending and none is reproduced from results", () => {
  const dir = tempResults();
  for (const e of evaluateClaims(dir)) {
    const k = e.claim.check.kind;
    if (k === "measure" || k === "interpretation") {
      assert.ok(e.verdict === "pending" || e.verdict === "contradicted by the paper itself", `${e.claim.id}: ${e.verdict}`);
      assert.equal(e.ours, "", e.claim.id);
    }
    if (k === "not-checkable") assert.ok(["not checkable here", "contradicted by the paper itself"].includes(e.verdict), e.claim.id);
  }
});

test("a test accuracy verdict follows its result file: reproduced, not reproduced, partial, missing", () => {
  const dir = tempResults();
  const id = "table1-mnist-hqnn-test-acc";
  writeResult("hqnn-parallel-mnist", training("hqnn-parallel-mnist", 0.9921), dir);
  let e = verdictOf(dir, id);
  assert.equal(e.verdict, "reproduced");
  assert.equal(e.ours, "99.21");
  assert.ok(e.evidence.some((ev) => ev.exists && ev.file.endsWith("hqnn-parallel-mnist.json")));

  writeResult("hqnn-parallel-mnist", training("hqnn-parallel-mnist", 0.9868), dir); // 0.53 pp below 99.21
  e = verdictOf(dir, id);
  assert.equal(e.verdict, "not reproduced");
  assert.equal(e.ours, "98.68");

  writeResult("hqnn-parallel-mnist", training("hqnn-parallel-mnist", 0.9875), dir); // 0.46 pp below: within ±0.5
  assert.equal(verdictOf(dir, id).verdict, "reproduced");

  writeResult("hqnn-parallel-mnist", training("hqnn-parallel-mnist", 0.9512, { status: "running (2/10 epochs)" }), dir);
  e = verdictOf(dir, id);
  assert.equal(e.verdict, "pending");
  assert.equal(e.ours, "95.12");
  assert.ok(e.labels.some((l) => l.includes("running (2/10 epochs)")));

  fs.rmSync(path.join(dir, "hqnn-parallel-mnist.json"));
  e = verdictOf(dir, id);
  assert.equal(e.verdict, "pending");
  assert.equal(e.ours, "");
});

test("'outperforms' compares our two runs", () => {
  const dir = tempResults();
  writeResult("hqnn-parallel-mnist", training("hqnn-parallel-mnist", 0.99), dir);
  writeResult("cnn-mnist", training("cnn-mnist", 0.985), dir);
  assert.equal(verdictOf(dir, "mnist-hqnn-outperforms-cnn").verdict, "reproduced");
  writeResult("cnn-mnist", training("cnn-mnist", 0.991), dir);
  const e = verdictOf(dir, "mnist-hqnn-outperforms-cnn");
  assert.equal(e.verdict, "not reproduced");
  assert.equal(Number(e.ours), Math.round((99 - 99.1) * 100) / 100);
});

test("results from a lossy CIFAR-10 copy are labelled and get a verdict that says the data differ", () => {
  const dir = tempResults();
  writeResult("hqnn-parallel-cifar10", training("hqnn-parallel-cifar10", 0.83, { lossy: true }), dir);
  const e = verdictOf(dir, "abstract-cifar10-over-82");
  assert.equal(e.verdict, "reproduced on different data");
  assert.ok(e.labels.some((l) => /lossy JPEG q75 copy/.test(l) && /CIFAR-10/.test(l)));
  writeResult("hqnn-parallel-cifar10", training("hqnn-parallel-cifar10", 0.6, { lossy: true }), dir);
  const miss = verdictOf(dir, "abstract-cifar10-over-82");
  assert.equal(miss.verdict, "not reproduced on different data");
  assert.equal(miss.ours, "60");
  writeResult("datasets", { cifar10: { train: 50000, test: 10000, classes: 10, shape: [32, 32, 3], lossy: true } }, dir);
  assert.ok(verdictOf(dir, "cifar10-size").labels.some((l) => /lossy/.test(l)));
});

test("parameter counts are exact", () => {
  const dir = tempResults();
  const counts = (ours: number) => ({ models: { "hqnn-parallel-mnist": { paper: 45194, ours, reconciling: ["a", "b"] } } });
  writeResult("param-counts", counts(45194), dir);
  let e = verdictOf(dir, "table1-mnist-hqnn-params");
  assert.equal(e.verdict, "reproduced");
  assert.ok(e.details.some((d) => d.includes("exactly: 2")));
  writeResult("param-counts", counts(45195), dir);
  e = verdictOf(dir, "table1-mnist-hqnn-params");
  assert.equal(e.verdict, "not reproduced");
  assert.equal(e.ours, "45,195");
});

test("a field absent from an existing result makes the claim not checkable, with the field named", () => {
  const dir = tempResults();
  writeResult("param-counts", { models: {} }, dir);
  const e = verdictOf(dir, "table1-mnist-hqnn-params");
  assert.equal(e.verdict, "not checkable here");
  assert.ok(e.details[0].includes("models.hqnn-parallel-mnist.ours"));
});

test("dataset facts: Medical MNIST channels measured as 1 is 'not reproduced'", () => {
  const dir = tempResults();
  writeResult("datasets", { medmnist: { train: 47163, test: 11791, classes: ["a", "b", "c", "d", "e", "f"], shape: [64, 64, 1], channels: 1, duplicates: { extraCopies: 7 } } }, dir);
  const ch = verdictOf(dir, "medmnist-three-channels");
  assert.equal(ch.verdict, "not reproduced");
  assert.equal(ch.ours, "1");
  assert.equal(verdictOf(dir, "medmnist-split").verdict, "reproduced");
  assert.equal(verdictOf(dir, "medmnist-classes").verdict, "reproduced");
  const total = verdictOf(dir, "medmnist-total");
  assert.equal(total.verdict, "reproduced");
  assert.ok(total.details.some((d) => d.includes("extra copies among them: 7")));
});

test("quanvolution averages: ± one paper std; a quick-profile file is pending", () => {
  const dir = tempResults();
  const quanv = (mean: number, std: number, profile = "full") => ({
    experiment: "quanv", seeds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], per_seed: [],
    aggregate: { per_epoch: Array.from({ length: 20 }, (_, i) => ({ epoch: i + 1 })), final: { test_acc_mean: mean, test_acc_std: std } },
    kernel_params: 4, provenance: { profile },
  });
  writeResult("quanv-hqnn", quanv(0.675, 0.01), dir);
  assert.equal(verdictOf(dir, "quanv-hqnn-acc").verdict, "reproduced");
  writeResult("quanv-hqnn", quanv(0.655, 0.01), dir);
  assert.equal(verdictOf(dir, "quanv-hqnn-acc").verdict, "not reproduced");
  writeResult("quanv-hqnn", quanv(0.67, 0.01, "quick"), dir);
  assert.equal(verdictOf(dir, "quanv-hqnn-acc").verdict, "pending");
  // "matches CNN4": |0.67 - 0.66| = 0.01 <= hypot(0.01, 0.02); "outperforms CNN1": 0.67 - 0.53 > hypot(0.01, 0.02).
  writeResult("quanv-hqnn", quanv(0.67, 0.01), dir);
  writeResult("quanv-cnn4", { ...quanv(0.66, 0.02), kernel_params: 16 }, dir);
  writeResult("quanv-cnn1", quanv(0.53, 0.02), dir);
  assert.equal(verdictOf(dir, "quanv-hqnn-matches-cnn4").verdict, "reproduced");
  assert.equal(verdictOf(dir, "quanv-hqnn-outperforms-cnn1").verdict, "reproduced");
  assert.equal(verdictOf(dir, "quanv-epochs").verdict, "reproduced");
  assert.equal(verdictOf(dir, "quanv-four-times-kernel-weights").verdict, "reproduced");
  writeResult("quanv-cnn4", { ...quanv(0.60, 0.02), kernel_params: 16 }, dir);
  assert.equal(verdictOf(dir, "quanv-hqnn-matches-cnn4").verdict, "not reproduced");
});

test("the Fourier interpretation is decided by the explanation key", () => {
  const dir = tempResults();
  const fourier = (key: string) => ({ correlation_determinants: [0, 0], all_zero: true, explanation_key: key, provenance: {} });
  writeResult("fourier", fourier("conjugate-symmetry"), dir);
  assert.equal(verdictOf(dir, "fourier-determinant-zero").verdict, "reproduced");
  const e = verdictOf(dir, "fourier-independence-interpretation");
  assert.equal(e.verdict, "not reproduced");
  assert.match(e.ours, /conj/);
  writeResult("fourier", fourier("something-else"), dir);
  assert.equal(verdictOf(dir, "fourier-independence-interpretation").verdict, "not checkable here");
});

test("gradient timing and ZX claims read their result files", () => {
  const dir = tempResults();
  writeResult("quanv-gradient-timing", { methods: { backprop: { seconds: 1 }, adjoint: { seconds: 2.5 }, "parameter-shift": { seconds: 9 } } }, dir);
  let e = verdictOf(dir, "quanv-backprop-quicker-than-adjoint");
  assert.equal(e.verdict, "reproduced");
  assert.equal(e.ours, "2.50");
  writeResult("quanv-gradient-timing", { methods: { backprop: { seconds: 3 }, adjoint: { seconds: 2 }, "parameter-shift": { seconds: 9 } } }, dir);
  assert.equal(verdictOf(dir, "quanv-backprop-quicker-than-adjoint").verdict, "not reproduced");
  const zx = (own: boolean, equal: boolean) => ({ before: { vertices: 90, edges: 100 }, after: { vertices: 60, edges: 70, parametrized_spiders: 50, max_params_per_spider: 1 }, symbols: 50, every_symbol_on_own_spider: own, tensor_equal: equal });
  writeResult("zx-reduction", zx(true, true), dir);
  e = verdictOf(dir, "zx-every-parameter-on-own-node");
  assert.equal(e.verdict, "reproduced");
  writeResult("zx-reduction", zx(true, false), dir);
  assert.equal(verdictOf(dir, "zx-every-parameter-on-own-node").verdict, "not reproduced");
});

test("internal consistency is computed from the paper's numbers, whatever the results", () => {
  const dir = tempResults();
  const byId = new Map(evaluateClaims(dir).map((e) => [e.claim.id, e]));
  // Table 1 Medical MNIST / CIFAR-10 accuracy cells disagree with the text and Figure 6.
  for (const id of ["table1-medmnist-hqnn-test-acc", "table1-medmnist-cnn-test-acc", "table1-cifar10-hqnn-test-acc", "table1-cifar10-cnn-test-acc"]) {
    assert.equal(byId.get(id)?.verdict, "contradicted by the paper itself", id);
  }
  // A misclassified image costs at least ln 2 nats: 17% errors cannot give a mean test loss of 0.0033.
  assert.ok((1 - 0.8278) * Math.LN2 > 0.00332);
  assert.ok(byId.get("table1-medmnist-hqnn-test-acc")?.details.some((d) => d.startsWith("INCONSISTENT") && d.includes("cross-entropy")));
  // MNIST rows agree with the text and with the loss bound.
  assert.equal(byId.get("table1-mnist-hqnn-test-acc")?.verdict, "pending");
  // 372234 / 45194 = 8.236..., which rounds to "eight".
  assert.equal(Math.round(372234 / 45194), 8);
  assert.ok(byId.get("abstract-eight-times-fewer-params")?.details.some((d) => d.startsWith("consistent") && d.includes("8.24")));
  // Whole-model counts (kernel + the 64->10 dense layer) differ by 2%, not by a factor of 4.
  assert.ok(Math.abs((16 + 650) / (4 + 650) - 1.018) < 1e-3);
  assert.equal(byId.get("abstract-quanv-four-times-fewer-params")?.verdict, "contradicted by the paper itself");
  assert.equal(byId.get("arch-quantum-weights")?.ours, String(5 * 3 * 3 * 4));
  assert.equal(byId.get("arch-quantum-weights")?.verdict, "reproduced");
});

test("the verdict list is complete: one evaluation per registry entry", () => {
  assert.equal(evaluateClaims(tempResults()).length, CLAIMS.length);
});

test("the seed-study claims read results/seeds-summary.json and stay pending until every model has its seeds", () => {
  const dir = tempResults();
  const summary = (seeds: number[], meanDiff: number, p: number, halfWidth = 0.002) => ({
    seeds_wanted: 5, provenance: { profile: "full" },
    models: Object.fromEntries(["hqnn-parallel-mnist", "cnn-mnist"].map((m) => [m, { seeds, final_test_acc: { mean: 0.99, std: 0.001 } }])),
    comparisons: { "cnn-mnist": { welch: { t: 1, df: 8, p, meanDiff, ci95: [meanDiff - halfWidth, meanDiff + halfWidth] }, mcnemar_significant_seeds: 1 } },
  });
  writeResult("seeds-summary", { ...summary([1], 0, 1), comparisons: { "cnn-mnist": { welch: null, mcnemar_significant_seeds: 0 } } }, dir);
  assert.equal(verdictOf(dir, "mnist-hqnn-cnn-gap-significant").verdict, "pending", "one seed: no t-test yet, and the study is partial");
  writeResult("seeds-summary", summary([1, 2], 0.001, 0.3), dir);
  assert.equal(verdictOf(dir, "mnist-hqnn-outperforms-cnn-over-seeds").verdict, "pending");
  assert.ok(verdictOf(dir, "mnist-hqnn-outperforms-cnn-over-seeds").labels.some((l) => /2\/5 seeds/.test(l)));
  // the paper's 0.50 pp margin outside the interval [-0.24, 0.16] pp: not reproduced, whatever the sign of the mean
  writeResult("seeds-summary", summary([1, 2, 3, 4, 5], -0.0004, 0.3), dir);
  const margin = verdictOf(dir, "mnist-hqnn-outperforms-cnn-over-seeds");
  assert.equal(margin.verdict, "not reproduced");
  assert.equal(margin.ours, "0.16");
  assert.equal(verdictOf(dir, "mnist-hqnn-cnn-gap-significant").verdict, "not reproduced");
  // a mean of +0.40 pp with the interval [0.20, 0.60] pp leaves room for the paper's 0.50, and is significant
  writeResult("seeds-summary", summary([1, 2, 3, 4, 5], 0.004, 0.01), dir);
  assert.equal(verdictOf(dir, "mnist-hqnn-outperforms-cnn-over-seeds").verdict, "reproduced");
  assert.equal(verdictOf(dir, "mnist-hqnn-cnn-gap-significant").verdict, "reproduced");
});
