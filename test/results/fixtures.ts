/**
 * Result fixtures that match their catalogue format: a recorded file of the same format with a test's fields
 * merged in, so a test states only what it is about and still writes a file readResult accepts.
 */
import * as path from "node:path";
import { readResult, REPO_ROOT, ResultId, ResultOf } from "../../lib/results";

type Patch<T> = T extends (infer E)[] ? E[] : T extends object ? { [K in keyof T]?: Patch<T[K]> } : T;

/** `base` with `patch` merged in: objects key by key, arrays and plain values replaced, `undefined` removes a key. */
function merged(base: unknown, patch: unknown): unknown {
  if (typeof patch !== "object" || patch === null || Array.isArray(patch) || typeof base !== "object" || base === null || Array.isArray(base)) return patch;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete out[k];
    else out[k] = merged(out[k], v);
  }
  return out;
}

/** The recorded `results/<from>.json` with `patch` merged in, typed as `from`'s format. */
export function recordedWith<K extends ResultId>(from: K, patch: Patch<ResultOf<K>>): ResultOf<K> {
  const base = readResult(from, path.join(REPO_ROOT, "results"));
  if (!base) throw new Error(`results/${from}.json is not recorded: a fixture needs it as its base`);
  return merged(base, patch) as ResultOf<K>;
}
