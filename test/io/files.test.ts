import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { atomicWriteFile, removeStaleTemporaries, temporaryDir } from "../../lib/io/files";

/** The pid of a process that has already exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(r.stdout);
}

test("a killed writer's temporaries are removed by the next write in that folder; a live writer's are kept", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hqnn-files-"));
  const stale = `result.json.${deadPid()}-0123abcd.tmp`, live = `result.json.${process.pid}-89abcdef.tmp`;
  fs.writeFileSync(path.join(dir, stale), "half");
  fs.writeFileSync(path.join(dir, live), "in flight");
  fs.writeFileSync(path.join(dir, "notes.tmp"), "not ours");
  atomicWriteFile(path.join(dir, "result.json"), "{}\n");
  assert.deepEqual(fs.readdirSync(dir).sort(), ["notes.tmp", "result.json", live].sort());
  assert.equal(fs.readFileSync(path.join(dir, "result.json"), "utf8"), "{}\n");
  fs.rmSync(dir, { recursive: true });
});

test("temporaryDir sweeps the folders of dead processes with the same prefix, and only those", () => {
  const prefix = `hqnn-files-test-${process.pid}`;
  const staleDir = path.join(os.tmpdir(), `${prefix}.${deadPid()}-00112233.tmp`);
  const otherPrefix = path.join(os.tmpdir(), `${prefix}x.${deadPid()}-00112233.tmp`);
  fs.mkdirSync(staleDir);
  fs.writeFileSync(path.join(staleDir, "weights-1.bin"), "x");
  fs.mkdirSync(otherPrefix);
  const mine = temporaryDir(prefix);
  assert.ok(fs.statSync(mine).isDirectory());
  assert.ok(!fs.existsSync(staleDir), "the dead process's folder is gone");
  assert.ok(fs.existsSync(otherPrefix), "a folder with another prefix is left alone");
  assert.deepEqual(removeStaleTemporaries(os.tmpdir(), prefix + "."), [], "this process's own folder is not stale");
  fs.rmSync(mine, { recursive: true });
  fs.rmSync(otherPrefix, { recursive: true });
});
