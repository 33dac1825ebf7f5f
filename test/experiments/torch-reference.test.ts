import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";

const SCRIPT = join(__dirname, "..", "..", "bench", "torch_reference.py");
const hasTorch = spawnSync("/usr/bin/python3", ["-c", "import torch"]).status === 0;

test("the vectorised PyTorch quantum layer (complex64) gives the readable one's outputs and gradients (complex128) on fixed weights",
  { skip: hasTorch ? false : "Debian's python3-torch is not installed (make bench installs it)" }, () => {
    const r = spawnSync("/usr/bin/python3", [SCRIPT, "--check", "--threads", "1"], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    const { max_abs_difference: d } = JSON.parse(r.stdout);
    for (const name of ["output", "weight_gradient", "input_gradient"]) {
      // float32 rounding of values of order 1 accumulated over a few hundred operations
      assert.ok(d[name] < 1e-5 * Math.max(1, d[`${name}_scale`]), `${name}: ${d[name]} at scale ${d[`${name}_scale`]}`);
      assert.ok(d[`${name}_scale`] > 0.1, `${name} is not trivially zero`);
    }
  });

test("each reference model trains a step and reports its trainable parameter count",
  { skip: hasTorch ? false : "Debian's python3-torch is not installed (make bench installs it)" }, () => {
    const params: Record<string, number> = {};
    for (const model of ["hqnn", "cnn"]) for (const dataset of ["mnist", "cifar10"]) {
      const r = spawnSync("/usr/bin/python3", [SCRIPT, "--model", model, "--dataset", dataset, "--threads", "1", "--batch", "4", "--batches", "1", "--warmup", "1"], { encoding: "utf8" });
      assert.equal(r.status, 0, r.stderr);
      params[`${model}-${dataset}`] = JSON.parse(r.stdout).params;
    }
    // The paper's MNIST HQNN-Parallel count (Table 1); the others follow from lib/nn's shapes, checked in test/nn/models.test.ts.
    assert.equal(params["hqnn-mnist"], 45194);
    assert.ok(params["cnn-cifar10"] > params["cnn-mnist"]);
  });
