/**
 * lib/results/import.ts: a study's files from another checkout, keys renamed to snake_case, checked, never replacing
 * a recorded file unless asked.
 */
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { familyIds, readResult, resultPath, ResultId } from "../../lib/results";
import { importResults, snakeCase, snakeCaseKeys } from "../../lib/results/import";
import { recordedWith } from "./fixtures";
import { tempDirs } from "../temp-dirs";

const tempDir = tempDirs("hqnn-import-");
const ID: ResultId = "seeds/cnn-mnist-s1";

/** The opposite of snakeCase, to make a file as the code before the snake_case convention wrote it. */
const camelCaseKeys = (value: unknown): unknown => Array.isArray(value) ? value.map(camelCaseKeys)
  : value === null || typeof value !== "object" ? value
    : Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()), camelCaseKeys(v)]));

function writeRaw(dir: string, id: string, value: unknown): void {
  fs.mkdirSync(path.dirname(resultPath(id, dir)), { recursive: true });
  fs.writeFileSync(resultPath(id, dir), JSON.stringify(value, null, 1) + "\n");
}

test("snakeCase converts camelCase keys and leaves snake_case keys and ids alone", () => {
  assert.equal(snakeCase("contentSha256"), "content_sha256");
  assert.equal(snakeCase("builtFrom"), "built_from");
  assert.equal(snakeCase("test_acc"), "test_acc");
  assert.equal(snakeCase("val-stop/copy/cnn"), "val-stop/copy/cnn");
  assert.deepEqual(snakeCaseKeys({ batchSize: 64, rows: [{ testAcc: 0.5, note: "keepMe" }], nested: { onlyA: [1] } }),
    { batch_size: 64, rows: [{ test_acc: 0.5, note: "keepMe" }], nested: { only_a: [1] } });
});

test("a file written with camelCase keys is imported equal to the snake_case record, and left alone the second time", () => {
  const from = tempDir(), to = tempDir();
  const recorded = recordedWith(ID, {});
  writeRaw(from, ID, camelCaseKeys(recorded));
  assert.notDeepEqual(JSON.parse(fs.readFileSync(resultPath(ID, from), "utf8")), recorded, "the fixture must have camelCase keys");
  assert.deepEqual(importResults([ID], from, to), [{ id: ID, action: "imported" }]);
  assert.deepEqual(readResult(ID, to), recorded);
  assert.deepEqual(importResults([ID], from, to), [{ id: ID, action: "unchanged" }]);
});

test("a recorded file that differs is kept unless forced; an incomplete run is skipped", () => {
  const from = tempDir(), to = tempDir();
  writeRaw(to, ID, recordedWith(ID, { final: { test_acc: 0.5 } }));
  writeRaw(from, ID, recordedWith(ID, { final: { test_acc: 0.25 } }));
  assert.deepEqual(importResults([ID], from, to), [{ id: ID, action: "kept" }]);
  assert.equal(readResult(ID, to)?.final.test_acc, 0.5);
  assert.deepEqual(importResults([ID], from, to, { force: true }), [{ id: ID, action: "replaced" }]);
  assert.equal(readResult(ID, to)?.final.test_acc, 0.25);
  writeRaw(from, ID, recordedWith(ID, { status: "running (1/10 epochs)" }));
  assert.deepEqual(importResults([ID], from, to, { force: true }), [{ id: ID, action: "skipped-incomplete" }]);
  assert.equal(readResult(ID, to)?.final.test_acc, 0.25);
});

test("a file that does not match its format is refused with the field named, and nothing is written", () => {
  const from = tempDir(), to = tempDir();
  writeRaw(from, ID, { ...recordedWith(ID, {}), surplus_field: 1 });
  assert.throws(() => importResults([ID], from, to), /surplus_field/);
  assert.equal(fs.existsSync(resultPath(ID, to)), false);
  assert.throws(() => importResults(["seeds/cnn-mnist-s2"], from, to), /does not exist/);
});

test("familyIds lists a family's files, sorted, and nothing for a missing folder", () => {
  const dir = tempDir();
  writeRaw(dir, "seeds/b-s2", {});
  writeRaw(dir, "seeds/a-s1", {});
  assert.deepEqual(familyIds(dir, "seeds"), ["seeds/a-s1", "seeds/b-s2"]);
  assert.deepEqual(familyIds(dir, "cifar-recipe"), []);
});
