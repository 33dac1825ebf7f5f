import { test } from "node:test";
import { tempDirs } from "../temp-dirs";
import assert from "node:assert/strict";
import { initBackend } from "../../lib/nn/backend";
import { buildParallelModel, countTrainableParams } from "../../lib/nn/models";
import { quantumHead } from "../../lib/nn/parallel-head";
import { writeResult } from "../../lib/results";
import { recordedWith } from "../results/fixtures";
import { evaluateClaims } from "../../lib/claims";
import { ArchitectureFigure, architectureFigure, architectureFigures, circuitColumns, describeArchitecture } from "../../lib/figures/architecture";
import { paperTable1Value } from "../../lib/claims";
import { claimRows, paramCountRows, provenanceRows, table1Rows } from "../../lib/figures/table1";
import { hqnnBranchCircuit } from "../../lib/quantum";

const tempResults = tempDirs("hqnn-table1-");

const provenance = {
  command: "node experiments/parallel.ts cnn-mnist", git_commit: "0123456789abcdef0123456789abcdef01234567", git_dirty: false,
  backend: "wasm", seeds: [1], node: "v20", started_at: "2026-01-02T03:04:05.000Z", wall_s: 5400, profile: "full", host_cpus: 2,
};

/** A results folder with a complete CNN run, a running hybrid run and a param-counts file; nothing for the other datasets. */
function fixture(): string {
  const dir = tempResults();
  writeResult("cnn-mnist", recordedWith("cnn-mnist", {
    experiment: "cnn-mnist", status: "complete", params: 45394, config: { epochs: 10 },
    dataset: { train: 60000, test: 10000, source: { lossy: false } },
    final: { train_loss: 0.012345678, test_loss: 0.03456789, test_acc: 0.98772, epochs: 10, best_test_acc: 0.989 }, provenance,
  }), dir);
  writeResult("hqnn-parallel-mnist", recordedWith("hqnn-parallel-mnist", {
    experiment: "hqnn-parallel-mnist", status: "running (2/6 epochs)", params: 45194, config: { epochs: 6 },
    dataset: { train: 60000, test: 10000 }, final: { train_loss: 0.05, test_loss: 0.04, test_acc: 0.9876, epochs: 2 },
    provenance: { ...provenance, git_dirty: true, wall_s: 3600 },
  }), dir);
  const model = (paper: number, ours: number, reconciling: string[] = [], natural: string[] = []) =>
    ({ paper, ours, ours_description: `arch ${ours}`, searched: 100, reconciling, natural_reconciling: natural });
  writeResult("param-counts", recordedWith("param-counts", {
    experiment: "param-counts",
    models: {
      "hqnn-parallel-mnist": model(45194, 45194, ["a"], ["a"]), "cnn-mnist": model(372234, 45394),
      "hqnn-parallel-medmnist": model(247462, 177590, ["x", "y"]), "cnn-medmnist": model(247642, 177790, ["z"]),
      "hqnn-parallel-cifar10": model(81578, 86506), "cnn-cifar10": model(81698, 86706, ["w"]),
    },
  }), dir);
  return dir;
}

test("paperTable1Value reads Table 1 as printed in the paper", () => {
  // The paper's Table 1, typed from the paper text (not from the registry the function reads).
  assert.equal(paperTable1Value("mnist", "cnn", "params"), 372234);
  assert.equal(paperTable1Value("mnist", "hqnn", "test-acc"), 99.21);
  assert.equal(paperTable1Value("medmnist", "hqnn", "test-loss"), 0.00332);
  assert.equal(paperTable1Value("cifar10", "cnn", "test-acc"), 82.78);
  assert.equal(paperTable1Value("cifar10", "hqnn", "train-loss"), 0.3851);
});

test("table1Rows: one row per dataset and model, ours from the final epoch, pending runs left empty", () => {
  const rows = table1Rows(fixture());
  assert.deepEqual(rows.map((r) => `${r.dataset}/${r.model}`), [
    "MNIST/CNN", "MNIST/HQNN-Parallel", "Medical MNIST/CNN", "Medical MNIST/HQNN-Parallel", "CIFAR-10/CNN", "CIFAR-10/HQNN-Parallel",
  ]);
  const [cnn, hq, medCnn] = rows;
  assert.deepEqual(cnn, {
    dataset: "MNIST", model: "CNN", status: "complete", "ours from": "one run", "epochs run": 10,
    "train loss (paper)": 0.0205, "train loss (ours)": 0.01235, "test loss (paper)": 0.0449, "test loss (ours)": 0.03457,
    "test acc % (paper)": 98.71, "test acc % (ours)": 98.77, "param num (paper)": 372234, "param num (ours)": 45394,
  });
  assert.equal(hq.status, "running (2/6 epochs)");
  assert.equal(hq["test acc % (ours)"], 98.76);
  assert.equal(hq["epochs run"], 2);
  assert.equal(medCnn.status, "pending: no results/cnn-medmnist.json");
  assert.equal(medCnn["test acc % (ours)"], null);
  assert.equal(medCnn["test acc % (paper)"], 82.64);
  assert.equal(medCnn["param num (ours)"], 177790, "an untrained model's count comes from param-counts.json");
});

test("table1Rows: empty results folder gives all six rows pending, without our parameter counts", () => {
  const rows = table1Rows(tempResults());
  assert.equal(rows.length, 6);
  assert.ok(rows.every((r) => r.status.startsWith("pending") && r["param num (ours)"] === null && r["test loss (ours)"] === null));
});

test("paramCountRows, provenanceRows and claimRows read the same folder", () => {
  const dir = fixture();
  const pc = paramCountRows(dir);
  assert.deepEqual(pc[0], {
    model: "CNN MNIST", "paper count": 372234, "our count": 45394, "ours − paper": -326840,
    "architectures searched": 100, "reconciling (all)": 0, "reconciling (natural)": 0, "we train": "arch 45394",
  });
  assert.equal(pc[3]["reconciling (all)"], 2);
  const prov = provenanceRows(dir);
  assert.equal(prov[0].commit, "0123456");
  assert.equal(prov[0]["wall time"], "1h30m");
  assert.equal(prov[1].commit, "0123456 (dirty tree)");
  assert.equal(prov[1].epochs, "2 / 6");
  assert.equal(prov[2].status, "pending: no results/cnn-medmnist.json");
  const claims = Object.fromEntries(claimRows(evaluateClaims(dir)).map((r) => [r.claim, r]));
  assert.equal(claims["abstract-eight-times-fewer-params"].verdict, "not reproduced");
  assert.equal(claims["table1-medmnist-cnn-test-acc"].verdict, "contradicted by the paper itself");
  assert.equal(claims["table1-cifar10-hqnn-test-acc"].verdict, "contradicted by the paper itself");
  assert.equal(claims["table1-mnist-hqnn-test-acc"].verdict, "pending", "a running hybrid decides nothing");
  assert.throws(() => claimRows(evaluateClaims(dir), ["no-such-claim"]), /not in the registry/);
});

const mnist = { inputShape: [28, 28, 1] as [number, number, number], convChannels: [16, 32], classes: 10, n: 20, seed: 1 };

test("architectureFigure: the blocks' parameter counts add up to the model's, for both heads and for three conv blocks", async () => {
  await initBackend("cpu");
  const models = [
    buildParallelModel(mnist, "quantum", quantumHead),
    buildParallelModel(mnist, "dense"),
    buildParallelModel({ ...mnist, inputShape: [32, 32, 3], convChannels: [16, 32, 64] }, "quantum", quantumHead),
  ];
  for (const m of models) {
    const fig = architectureFigure(m, { title: "t" });
    assert.equal(fig.blocks.reduce((s, b) => s + b.params, 0), countTrainableParams(m));
    m.dispose();
  }
});

test("architectureFigures: Figure 4 for the hybrid and its counterpart, under their names", async () => {
  await initBackend("cpu");
  const figs = architectureFigures(mnist);
  assert.deepEqual(figs.map((f) => f.name), ["fig4-hqnn-parallel-architecture", "fig4-cnn-architecture"]);
  const totals = figs.map((f) => (f.figure as ArchitectureFigure).blocks.reduce((s, b) => s + b.params, 0));
  assert.deepEqual(totals, [45194, 45394]);
});

test("describeArchitecture: the MNIST hybrid block by block, counted by hand", async () => {
  await initBackend("cpu");
  const model = buildParallelModel(mnist, "quantum", quantumHead);
  const d = describeArchitecture(model);
  // conv 1->16 5x5 + bias + BN: 400+16+32; conv 16->32: 12800+32+64; dense 1568->20 + BN: 31360+20+40;
  // 4 circuits x 5 qubits x 3 layers x 3 angles = 180, BN(20) 40; dense 20->10: 210.
  assert.deepEqual(d.blocks.map((b) => [b.kind, b.params, b.outputShape.join("x")]), [
    ["input", 0, "28x28x1"], ["conv", 448, "14x14x16"], ["conv", 12896, "7x7x32"], ["flatten", 0, "1568"],
    ["dense", 31420, "20"], ["quantum", 220, "20"], ["output", 210, "10"],
  ]);
  assert.equal(d.totalParams, 45194);
  assert.deepEqual(d.circuits, { circuits: 4, branch: { nQubits: 5, nLayers: 3, embedding: "X", template: "StronglyEntanglingLayers", basicRotation: "X", measure: "Y" } });
  assert.deepEqual(d.blocks[1].lines, ["Conv2D 5×5, 1→16", "stride 1, pad 2", "BatchNorm · ReLU", "MaxPool 2"]);
  // A circuit description that disagrees with the layer is refused.
  assert.throws(() => describeArchitecture(model, { circuits: { circuits: 4, branch: { nQubits: 5, nLayers: 2 } } }), /180 trainable parameters/);
  const cnn = buildParallelModel(mnist, "dense");
  assert.deepEqual(describeArchitecture(cnn).blocks.map((b) => b.kind), ["input", "conv", "conv", "flatten", "dense", "replacement", "output"]);
  assert.equal(describeArchitecture(cnn).circuits, undefined);
  model.dispose(); cnn.dispose();
});

test("circuitColumns: embedding in one column, each StronglyEntanglingLayer after the previous one", () => {
  const circuit = hqnnBranchCircuit({ nQubits: 5, nLayers: 3 });
  // Embedding ops are group -1, then layer 0, 1, 2 (each: 5 Rot then 5 CNOTs).
  const groups = circuit.ops.map((_, i) => (i < 5 ? -1 : Math.floor((i - 5) / 10)));
  const cols = circuitColumns(circuit, groups);
  assert.deepEqual(cols.slice(0, 5), [0, 0, 0, 0, 0]);
  assert.deepEqual(cols.slice(5, 10), [1, 1, 1, 1, 1], "the first layer's rotations share a column");
  // Layer 1 (range 1): CNOT(0,1), (1,2), (2,3), (3,4) in a staircase, then (4,0) spans every wire.
  assert.deepEqual(cols.slice(10, 15), [2, 3, 4, 5, 6]);
  assert.ok(cols.slice(15, 20).every((c) => c === 7), "the next layer starts after the whole previous layer");
  assert.equal(circuit.ops.filter((op) => op.gate === "CNOT").length, 15);
});

test("table1Rows: with the seed study, the MNIST rows show its mean ± sd and say so", () => {
  const dir = fixture();
  const stat = (mean: number, std: number) => ({ mean, std });
  writeResult("seeds-summary", recordedWith("seeds-summary", { models: { "hqnn-parallel-mnist": undefined, "cnn-mnist": {
    seeds: [1, 2, 3, 4, 5], final_test_acc: stat(0.98976, 0.0016), final_test_loss: stat(0.0316091, 0.0045117), final_train_loss: stat(0.0175, 0.0009),
  } } }), dir);
  const [cnn, hq] = table1Rows(dir);
  assert.equal(cnn["ours from"], "mean ± sd over 5 seeds (the single run is seed 1)");
  assert.equal(cnn["test acc % (ours)"], "98.98 ± 0.16");
  assert.equal(cnn["test loss (ours)"], "0.03161 ± 0.004512");
  assert.equal(hq["ours from"], "one run", "a model the seed study lacks keeps its single run");
});
