/** A worker of lib/nn/thread-pool.ts: calls the configured exported function of a lib module for each job message. */
import { parentPort, workerData } from "node:worker_threads";

const { modulePath, exportName } = workerData as { modulePath: string; exportName: string };
const fn = require(modulePath)[exportName] as (args: unknown) => unknown;
if (typeof fn !== "function") throw new Error(`thread pool: ${modulePath} does not export a function ${exportName}`);

parentPort!.on("message", async ({ id, args }: { id: number; args: unknown }) => {
  try {
    parentPort!.postMessage({ id, result: await fn(args) });
  } catch (e) {
    parentPort!.postMessage({ id, error: (e as Error).stack ?? String(e) });
  }
});
