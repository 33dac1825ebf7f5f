import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { MAIN_VARIANTS, QuanvData, quanvProtocol, runSeeds } from "../../experiments/quanv";
import { initBackend } from "../../lib/nn/backend";
import { quanvPool } from "../../lib/nn/quanv";
import { ThreadPool } from "../../lib/nn/thread-pool";
import { ImageSet, mulberry32 } from "../../lib/nn/train";

function images(n: number, seed: number): ImageSet {
  const r = mulberry32(seed);
  return { x: Float32Array.from({ length: n * 196 }, () => r()), labels: Uint8Array.from({ length: n }, (_, i) => i % 10), n, shape: [14, 14, 1] };
}

test("HQNN-Quanv seeds trained in a 2-thread pool give exactly the in-process results, in seed order", async () => {
  await initBackend("wasm");
  const proto = { ...quanvProtocol("quick"), epochs: 2 };
  const data = { train: images(30, 1), test: images(10, 2), description: "random" } as unknown as QuanvData;
  const hqnn = MAIN_VARIANTS.find((v) => v.kind === "hqnn")!;
  const strip = (runs: { seed: number; epochs: { seconds: number }[] }[]) => runs.map((r) => ({ seed: r.seed, epochs: r.epochs.map(({ seconds: _s, ...e }) => e) }));
  const inProcess = await runSeeds(hqnn, data, proto, [1, 2, 3], "test");
  const pool = quanvPool(2)!;
  try {
    const seen: number[][] = [];
    const pooled = await runSeeds(hqnn, data, proto, [1, 2, 3], "test", [], (runs) => seen.push(runs.map((r) => r.seed)), pool);
    assert.deepEqual(strip(pooled), strip(inProcess));
    assert.deepEqual(seen.at(-1), [1, 2, 3]);
  } finally {
    await pool.close();
  }
});

test("a thread pool loads its job module from lib only (no lib worker loads an experiment file)", () => {
  assert.throws(() => new ThreadPool(1, path.join(__dirname, "..", "..", "experiments", "quanv.ts"), "runSeeds"), /outside lib/);
});
