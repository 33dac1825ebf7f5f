/**
 * Every recorded result file has a catalogue entry and matches its format (lib/results/catalogue.ts,
 * lib/results/formats), and a file that drifted is refused with the file and the field named.
 */
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { catalogueEntry, readResult, RESULTS_DIR, ResultId, writeResult } from "../../lib/results";

/** The recorded result ids: every results/**.json except the git-ignored local/ and quick/ folders. */
function recordedIds(dir = RESULTS_DIR, prefix = ""): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const rel = prefix + e.name;
    if (e.isDirectory()) return rel === "local" || rel === "quick" ? [] : recordedIds(path.join(dir, e.name), `${rel}/`);
    return e.name.endsWith(".json") ? [rel.slice(0, -".json".length)] : [];
  });
}

test("every recorded result is in the catalogue and matches its format", () => {
  const ids = recordedIds();
  assert.ok(ids.length >= 30, `found only ${ids.length} result files`);
  const uncatalogued = ids.filter((id) => !catalogueEntry(id));
  assert.deepEqual(uncatalogued, [], "result files without a catalogue entry");
  for (const id of ids) assert.ok(readResult(id as ResultId), id);
});

test("a result that drifted from its format is refused on read and on write, naming the file and the field", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hqnn-catalogue-"));
  const drifted = (value: object) => fs.writeFileSync(path.join(dir, "param-counts.json"), JSON.stringify(value));
  try {
    const good = readResult("param-counts")!;
    const wrongType = { ...good, models: { "cnn-mnist": { ...good.models["cnn-mnist"], ours: "many" } } };
    drifted(wrongType);
    assert.throws(() => readResult("param-counts", dir), /param-counts\.json does not match the param-counts format.*models\.cnn-mnist\.ours: expected a number, got "many"/);
    assert.throws(() => writeResult("param-counts", wrongType as never, dir), /refusing to write .*param-counts\.json.*models\.cnn-mnist\.ours: expected a number/);
    drifted({ ...good, extra: 1 });
    assert.throws(() => readResult("param-counts", dir), /extra: not a field of this result/);
    const { search_note: _, ...missing } = good;
    drifted(missing);
    assert.throws(() => readResult("param-counts", dir), /search_note: missing \(expected a string\)/);
    writeResult("param-counts", good, dir);
    assert.deepEqual(readResult("param-counts", dir), good, "a valid result is written and read back unchanged");
    assert.equal(readResult("fourier", dir), undefined, "an experiment not run reads as undefined");
    assert.throws(() => readResult("no-such-experiment" as ResultId, dir), /not in the experiment catalogue/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
