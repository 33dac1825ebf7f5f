/**
 * Memory guard: forward() and vjp() check what their state vectors will take before allocating them, so that an
 * oversized request fails with a MemoryLimitError (a CircuitError, hence a SpecError: qsim exits 2) instead of
 * V8's "RangeError: Array buffer allocation failed" or the machine swapping.
 *
 * Bytes needed, with dim = 2^wires and `lanes` samples per chunk (plan.ts):
 *   forward, parameter-shift   16 dim lanes (re, im of a chunk) + 5 dim (index tables of simulate.ts' Workspace)
 *   adjoint                    twice the chunk (psi and lambda, grad/adjoint.ts) + the tables
 *   backprop                   16 dim (ops + 2): every intermediate state and the cotangent (grad/backprop.ts)
 * The limit is HQNN_MAX_MEMORY_MB (MiB) if set, else half of os.totalmem().
 */
import { totalmem } from "node:os";
import { CircuitError } from "./circuit";
import type { DiffMethod } from "./grad";
import type { Plan } from "./plan";

const MIB = 2 ** 20;

export class MemoryLimitError extends CircuitError {
  constructor(message: string) {
    super(message);
    this.name = "MemoryLimitError";
  }
}

export type EngineRun = DiffMethod | "forward";

export function bytesNeeded(plan: Plan, run: EngineRun): number {
  const state = 16 * plan.dim, tables = 5 * plan.dim;
  if (run === "backprop") return state * (plan.ops.length + 2);
  return (run === "adjoint" ? 2 : 1) * state * plan.lanes + tables;
}

/** The limit in bytes and where it comes from (for the message). */
export function memoryLimit(): { bytes: number; source: string } {
  const text = process.env.HQNN_MAX_MEMORY_MB;
  if (text === undefined || text === "") return { bytes: Math.floor(totalmem() / 2), source: ", half of the total memory by default" };
  const mib = Number(text);
  if (!(Number.isFinite(mib) && mib > 0)) throw new CircuitError(`HQNN_MAX_MEMORY_MB must be a number of MiB > 0, got ${JSON.stringify(text)}`);
  return { bytes: Math.floor(mib * MIB), source: ` set by HQNN_MAX_MEMORY_MB=${text}` };
}

function formatBytes(bytes: number): string {
  const gib = bytes / 2 ** 30;
  return `${bytes.toLocaleString("en-US")} bytes (${gib >= 1 ? `${gib.toFixed(1)} GiB` : `${(bytes / MIB).toFixed(1)} MiB`})`;
}

/** Throws a MemoryLimitError if `run` on this plan needs more than the limit. */
export function checkMemory(plan: Plan, run: EngineRun): void {
  const needed = bytesNeeded(plan, run), limit = memoryLimit();
  if (needed <= limit.bytes) return;
  const wayOut = run === "backprop"
    ? "use the adjoint method (qsim --diff adjoint), which needs O(2^n) memory, or raise HQNN_MAX_MEMORY_MB"
    : "use fewer wires, or raise HQNN_MAX_MEMORY_MB if the machine has the memory";
  throw new MemoryLimitError(
    `${run} on ${plan.nWires} wires and ${plan.ops.length} ops needs ${formatBytes(needed)} of state vectors, ` +
    `more than the memory limit of ${formatBytes(limit.bytes)}${limit.source}; ${wayOut}`,
  );
}
