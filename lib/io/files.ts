/**
 * Files that are either complete or absent: every writer in the package goes through `writeAtomically`
 * (temporary file in the same folder, fsync, rename), and `removeStaleTemporaries` clears what a killed
 * process left behind. A temporary's name carries its writer's pid, so a live writer's file is never touched.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const TEMPORARY = /\.(\d+)-[0-9a-f]{8}\.tmp$/;

/** Whether a process with this pid exists on this machine (EPERM: it exists but belongs to someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A name beside `file` for writing it: `<file>.<pid>-<8 hex>.tmp`. */
export function temporaryName(file: string): string {
  return `${file}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
}

/**
 * Create `file` through a temporary file in the same folder: write, fsync, close, rename. Temporaries that
 * killed writers left in that folder are removed first.
 */
export function writeAtomically(file: string, write: (fd: number) => void): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  removeStaleTemporaries(path.dirname(file));
  const tmp = temporaryName(file);
  const fd = fs.openSync(tmp, "wx");
  try {
    write(fd);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      fs.closeSync(fd);
    } catch {
      // already closed
    }
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** Writes a whole string or byte array atomically: readers see the old content or the new, never a part. */
export function atomicWriteFile(file: string, data: string | Uint8Array): void {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  writeAtomically(file, (fd) => {
    for (let done = 0; done < bytes.length; ) done += fs.writeSync(fd, bytes, done, bytes.length - done);
  });
}

/** Deletes the temporaries in `dir` (whose names start with `prefix`) whose writer is no longer running. */
export function removeStaleTemporaries(dir: string, prefix = ""): string[] {
  if (!fs.existsSync(dir)) return [];
  const removed: string[] = [];
  for (const name of fs.readdirSync(dir)) {
    const m = name.startsWith(prefix) ? TEMPORARY.exec(name) : null;
    if (m && !processAlive(Number(m[1]))) {
      fs.rmSync(path.join(dir, name), { force: true, recursive: true });
      removed.push(name);
    }
  }
  return removed;
}

/**
 * A fresh folder under the system's temporary folder, named `<prefix>.<pid>-<random>.tmp`; the folders of
 * earlier processes with the same prefix that are no longer running are removed first. The caller removes its own.
 */
export function temporaryDir(prefix: string): string {
  removeStaleTemporaries(os.tmpdir(), prefix + ".");
  const dir = temporaryName(path.join(os.tmpdir(), prefix));
  fs.mkdirSync(dir);
  return dir;
}
