/**
 * A pool of worker threads for independent jobs (e.g. the seeds of a multi-seed experiment): each worker loads
 * one module under lib/ (e.g. lib/nn/quanv-job.ts; a module elsewhere is refused, so no lib file loads an
 * experiment) and calls one of its exported functions for every job it is given. The wasm backend runs one
 * thread per Node thread, so N workers use N cores. Results come back in job order, whatever order they finish.
 */
import * as os from "node:os";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { getProfile } from "../results";

/** A worker thread running a TypeScript module: tsx's require hook is registered first, then the module loaded. */
export function startTsWorker(file: string, workerData: unknown): Worker {
  return new Worker(`require("tsx/cjs"); require(${JSON.stringify(file)});`, { eval: true, workerData });
}

/** Threads for a run or a study: HQNN_THREADS, else every core in the full profile and 1 in the quick one. */
export function defaultThreads(): number {
  if (process.env.HQNN_THREADS) return Math.max(1, Number(process.env.HQNN_THREADS));
  return getProfile() === "full" ? os.availableParallelism?.() ?? os.cpus().length : 1;
}

interface Pending { resolve(v: unknown): void; reject(e: Error): void }

export class ThreadPool {
  private readonly idle: Worker[] = [];
  private readonly waiting: (() => void)[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly all: Worker[] = [];
  private nextId = 0;

  /** `modulePath` (absolute, under lib/) exports `exportName(args)`, sync or async, whose result is structured-cloneable. */
  constructor(readonly size: number, modulePath: string, exportName: string) {
    const lib = path.resolve(__dirname, "..");
    const rel = path.relative(lib, path.resolve(modulePath));
    if (rel.startsWith("..") || path.isAbsolute(rel)) throw new Error(`thread pool: the job module ${modulePath} lies outside lib/ (workers load lib modules only)`);
    const worker = path.join(__dirname, "thread-pool-worker.ts");
    for (let i = 0; i < size; i++) {
      const w = startTsWorker(worker, { modulePath, exportName });
      w.on("message", (m: { id: number; result?: unknown; error?: string }) => {
        const p = this.pending.get(m.id)!;
        this.pending.delete(m.id);
        if (m.error !== undefined) p.reject(new Error(m.error)); else p.resolve(m.result);
        this.release(w);
      });
      w.on("error", (e) => { for (const p of this.pending.values()) p.reject(e); this.pending.clear(); });
      this.all.push(w);
      this.idle.push(w);
    }
  }

  private release(w: Worker): void {
    this.idle.push(w);
    this.waiting.shift()?.();
  }

  private async acquire(): Promise<Worker> {
    while (this.idle.length === 0) await new Promise<void>((r) => this.waiting.push(r));
    return this.idle.pop()!;
  }

  /** Runs one job on the next free worker. */
  async run<R>(args: unknown): Promise<R> {
    const w = await this.acquire();
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      w.postMessage({ id, args });
    });
  }

  /** Runs every job, at most `size` at a time; results in job order. */
  map<R>(jobs: unknown[]): Promise<R[]> {
    return Promise.all(jobs.map((j) => this.run<R>(j)));
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((w) => w.terminate()));
  }
}
