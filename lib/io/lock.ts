/**
 * One run at a time per folder: `acquireLock(dir)` creates `<dir>/.lock` exclusively, holding the owner's pid,
 * host and start time. A second process finds the file and stops with a LockError that names the owner; a lock
 * whose owner is gone (killed, crashed) is stale and is taken over. Release with the returned function (it also
 * runs when the process exits normally).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { processAlive } from "./files";

export class LockError extends Error {
  constructor(message: string, readonly holderPid: number) {
    super(message);
    this.name = "LockError";
  }
}

interface LockHolder { pid: number; host: string; started_at: string; command: string }

function readHolder(file: string): LockHolder | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as LockHolder;
  } catch {
    return undefined; // vanished, or written halfway by a process that died: treat as stale
  }
}

function tryCreate(file: string, holder: LockHolder): boolean {
  try {
    const fd = fs.openSync(file, "wx");
    fs.writeSync(fd, JSON.stringify(holder));
    fs.closeSync(fd);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  }
}

/** Takes the lock on `dir` (created if needed) or throws a LockError naming the process that holds it. */
export function acquireLock(dir: string, what = dir): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, ".lock");
  const me: LockHolder = { pid: process.pid, host: os.hostname(), started_at: new Date().toISOString(), command: process.argv.slice(1).join(" ") };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(file, me)) {
      let held = true;
      const release = () => {
        if (!held) return;
        held = false;
        process.off("exit", release);
        if (readHolder(file)?.pid === process.pid) fs.rmSync(file, { force: true });
      };
      process.on("exit", release);
      return release;
    }
    const holder = readHolder(file);
    if (holder && holder.host === os.hostname() && processAlive(holder.pid)) {
      throw new LockError(`${what} is in use by another run (pid ${holder.pid}, started ${holder.started_at}: ${holder.command}); ` +
        `wait for it to finish or stop it, then rerun`, holder.pid);
    }
    if (holder && holder.host !== os.hostname()) {
      throw new LockError(`${what} is locked by pid ${holder.pid} on host ${holder.host} (started ${holder.started_at}); ` +
        `if that run is no longer alive, delete ${file}`, holder.pid);
    }
    fs.rmSync(file, { force: true }); // stale: its owner is gone
  }
  throw new LockError(`could not take the lock ${file}; delete it if no run is using ${what}`, -1);
}
