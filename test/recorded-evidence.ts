/** What the benchmark tests check a user's run leaves alone: the recorded results/, and their own files under results/local/. */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { join, relative } from "node:path";
import { ROOT } from "./run-cli";

const RESULTS = join(ROOT, "results");
export const LOCAL = join(RESULTS, "local");

/** Every file under results/ except the git-ignored local/ and quick/ folders, with its SHA-256. */
export function recordedEvidence(): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) { if (p !== LOCAL && p !== join(RESULTS, "quick")) walk(p); }
      else out[relative(RESULTS, p)] = createHash("sha256").update(fs.readFileSync(p)).digest("hex");
    }
  };
  walk(RESULTS);
  return out;
}

/** The files under results/local/ whose names start with `prefix` (other test files write and remove their own there at the same time). */
export function localFiles(prefix: string): string[] {
  return (fs.existsSync(LOCAL) ? fs.readdirSync(LOCAL) : []).filter((f) => f.startsWith(prefix));
}
