/**
 * Bringing in result files that a long study wrote in another checkout (a worktree held at one commit so the whole
 * study runs one code version). Files written before the snake_case convention on disk are converted key by key
 * (values untouched); every file is checked against its catalogue format before it is written; a recorded file that
 * differs is replaced only when asked, as everywhere in results/.
 */
import * as fs from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { readResult, resultPath, ResultId, writeResult } from "./index";

/** `contentSha256` -> `content_sha256`; keys that are already snake_case (or ids such as `val-stop/copy`) stay. */
export const snakeCase = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** `value` with every object key in snake_case, recursively; arrays and values as they are. */
export function snakeCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeCaseKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [snakeCase(k), snakeCaseKeys(v)]));
}

export type ImportAction = "imported" | "unchanged" | "kept" | "replaced" | "skipped-incomplete";

/**
 * Imports `<fromDir>/<id>.json` into `<toDir>/<id>.json` for each id: keys to snake_case, checked against the
 * catalogue format (a mismatch is an error naming the field). A run that is not complete is skipped; an existing
 * file equal in content is left alone; a differing one is kept unless `force`.
 */
export function importResults(ids: ResultId[], fromDir: string, toDir: string, opts: { force?: boolean } = {}): { id: string; action: ImportAction }[] {
  return ids.map((id) => {
    const source = resultPath(id, fromDir);
    if (!fs.existsSync(source)) throw new Error(`nothing to import: ${source} does not exist`);
    const value = snakeCaseKeys(JSON.parse(fs.readFileSync(source, "utf8"))) as { status?: unknown };
    if (value.status !== undefined && value.status !== "complete") return { id, action: "skipped-incomplete" as const };
    const existing = fs.existsSync(resultPath(id, toDir)) ? readResult(id, toDir) : undefined;
    if (existing !== undefined && isDeepStrictEqual(existing, value)) return { id, action: "unchanged" as const };
    if (existing !== undefined && !opts.force) return { id, action: "kept" as const };
    writeResult(id, value as never, toDir);
    return { id, action: existing === undefined ? "imported" as const : "replaced" as const };
  });
}
