import { test } from "node:test";
import * as assert from "node:assert/strict";
import { evaluate, Expr, formatNumber, meets } from "../../lib/claims";

const none = () => undefined;

test("expressions evaluate and print with the usual precedence", () => {
  const e: Expr = { ratio: [{ difference: [10, 4] }, { product: [2, 3] }] };
  assert.deepEqual(evaluate(e, none), { value: 1, text: "(10 − 4) / (2 · 3)" });
  assert.equal(evaluate({ difference: [10, { difference: [4, 1] }] }, none).text, "10 − (4 − 1)");
  assert.equal(evaluate({ hypot: [3, 4] }, none).value, 5);
  assert.equal(evaluate({ abs: { difference: [0.66, 0.67] } }, none).value, Math.abs(0.66 - 0.67));
});

test("result fields: dotted paths, indices, '*' over arrays, scale, count and mean", () => {
  const data: Record<string, any> = {
    "cnn-mnist": { final: { test_acc: 0.5 }, epochs: [{ seconds: 2 }, { seconds: 4 }] },
    datasets: { mnist: { shape: [28, 28, 1], classes: ["0", "1", "2"] } },
  };
  const lookup = (id: string) => data[id];
  assert.equal(evaluate({ ref: "cnn-mnist", field: "final.test_acc", scale: 100 }, lookup).value, 50);
  assert.equal(evaluate({ mean: { ref: "cnn-mnist", field: "epochs.*.seconds" } }, lookup).value, 3);
  assert.equal(evaluate({ count: { ref: "cnn-mnist", field: "epochs" } }, lookup).value, 2);
  assert.equal(evaluate({ count: { ref: "datasets", field: "mnist.classes" } }, lookup).value, 3);
  assert.equal(evaluate({ ref: "datasets", field: "mnist.shape.1" }, lookup).value, 28);
  assert.throws(() => evaluate({ ref: "cnn-mnist", field: "final.nothing" }, lookup), /final\.nothing is missing/);
});

test("expectations: tolerances, factor bands, strict bounds, element-wise lists", () => {
  const tol = { kind: "abs" as const, value: 0.5, label: "" };
  assert.equal(meets(99.71, { approx: 99.21, tol }, none).ok, true);
  assert.equal(meets(99.72, { approx: 99.21, tol }, none).ok, false);
  const factor = { kind: "factor" as const, value: 1.5, label: "" };
  assert.equal(meets(0.04, { approx: 0.0274, tol: factor }, none).ok, true); // 0.04 / 0.0274 = 1.46
  assert.equal(meets(0.042, { approx: 0.0274, tol: factor }, none).ok, false); // 1.53
  assert.equal(meets(0.0183, { approx: 0.0274, tol: factor }, none).ok, true); // 0.0274 / 0.0183 = 1.497
  assert.equal(meets(99, { above: 99 }, none).ok, false);
  assert.equal(meets([1.2, 0.9], { above: 1 }, none).ok, false);
  assert.equal(meets([1.2, 1.1], { above: 1 }, none).ok, true);
  assert.equal(meets([60000, 10000], { equals: [60000, 10000] }, none).ok, true);
  assert.equal(meets([60000, 9999], { equals: [60000, 10000] }, none).ok, false);
  assert.equal(meets(0.01, { atMost: { hypot: [0.01, 0.02] } }, none).text, "≤ hypot(0.01, 0.02) = 0.0224");
});

test("numbers print as the paper prints them", () => {
  assert.equal(formatNumber(372234), "372,234");
  assert.equal(formatNumber(99.21000000000001), "99.21");
  assert.equal(formatNumber(372234 / 45194), "8.24");
  assert.equal(formatNumber(0.00332), "0.00332");
});
