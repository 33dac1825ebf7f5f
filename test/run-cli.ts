/** Runs one of the package's CLIs (cli/<name>.ts) as a child process, with optional stdin; resolves with its exit code and output. */
import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";

export const ROOT = join(__dirname, "..");

export function runCli(name: string, args: string[], stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "cli", `${name}.ts`), ...args], { cwd: ROOT });
    let stdout = "", stderr = "";
    child.stdout.on("data", (d) => { stdout += d; });
    child.stderr.on("data", (d) => { stderr += d; });
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? "");
  });
}

/** The same, synchronously, with extra environment variables (merged into this process's). */
export function runCliSync(name: string, args: string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "cli", `${name}.ts`), ...args],
    { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
