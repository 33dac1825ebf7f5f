import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { acquireLock, LockError } from "../../lib/io/lock";

const LIB = path.resolve(__dirname, "../../lib/io/lock.ts");

/** Starts a process that takes the lock on `dir`, says "locked", then waits to be killed. */
async function holder(dir: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "-e",
    `require(${JSON.stringify(LIB)}).acquireLock(${JSON.stringify(dir)}); process.stdout.write("locked"); setInterval(() => {}, 1000);`],
  { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once("data", () => resolve());
    child.once("exit", (code) => reject(new Error(`lock holder exited early (${code})`)));
  });
  return child;
}

test("a second run on a locked folder stops with an error naming the holder; a killed holder's lock is taken over", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hqnn-lock-"));
  const child = await holder(dir);
  try {
    assert.throws(() => acquireLock(dir, "the run toy"), (e: unknown) =>
      e instanceof LockError && e.holderPid === child.pid && /the run toy is in use by another run \(pid \d+/.test(e.message));
  } finally {
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
  }
  const release = acquireLock(dir, "the run toy");
  assert.equal(JSON.parse(fs.readFileSync(path.join(dir, ".lock"), "utf8")).pid, process.pid);
  release();
  assert.ok(!fs.existsSync(path.join(dir, ".lock")), "released");
  fs.rmSync(dir, { recursive: true });
});

test("the lock is exclusive within one process too, and can be taken again after release", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hqnn-lock-"));
  const release = acquireLock(dir);
  assert.throws(() => acquireLock(dir), LockError);
  release();
  acquireLock(dir)();
  fs.rmSync(dir, { recursive: true });
});
