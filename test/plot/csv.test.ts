import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { csvText } from "../../lib/plot/table";
import { FIGURES_DIR } from "../../lib/plot";

const hasPython = spawnSync("python3", ["--version"]).status === 0;
const noPython = !hasPython && "python3 is not on PATH: the CSV files cannot be checked against Python's csv module";

/** Reads CSV text with Python's csv module (stdin taken as bytes, so CR and LF inside fields stay as written). */
function pythonCsvRows(text: string): string[][] {
  const script = "import csv, io, json, sys; print(json.dumps(list(csv.reader(io.TextIOWrapper(sys.stdin.buffer, encoding='utf-8', newline='')))))";
  const r = spawnSync("python3", ["-c", script], { input: text, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

const awkwardRows = [
  { "name, with comma": "a,b", "say \"hi\"": "say \"hi\"", lines: "one\ntwo", crlf: "cr\r\nlf", cr: "lone\rcr", number: 99.21 },
  { "name, with comma": "ünïcødé × → 😀", "say \"hi\"": "\"", lines: "", crlf: " padded ", cr: null, number: -0.5 },
  { "name, with comma": "trailing,", "say \"hi\"": "\"\"", lines: "\n", crlf: true, cr: 1e21, number: 45194 },
];

test("csvText: Python's csv module reads back every header and cell (commas, quotes, CR, LF, unicode, numbers)", { skip: noPython }, () => {
  const columns = Object.keys(awkwardRows[0]);
  const expected = [columns, ...awkwardRows.map((r) => columns.map((c) => String((r as Record<string, unknown>)[c] ?? "")))];
  assert.deepEqual(pythonCsvRows(csvText(awkwardRows, columns)), expected);
});

test("csvText: plain fields unquoted, numbers as String prints them, every record ended by LF", () => {
  assert.equal(csvText([{ a: 1, b: 0.1 + 0.2, c: null }, { a: "x", b: -0, c: "y" }], ["a", "b", "c"]),
    "a,b,c\n1,0.30000000000000004,\nx,0,y\n");
});

test("csvText: a one-column table keeps its empty cells as records", { skip: noPython }, () => {
  assert.deepEqual(pythonCsvRows(csvText([{ v: "" }, { v: 1 }], ["v"])), [["v"], [""], ["1"]]);
});

/** The records of a CSV file whose field count differs from its header's, numbered from 1 (the header). */
function raggedRecords(file: string): { record: number; fields: number; header: number }[] {
  const [header, ...records] = pythonCsvRows(fs.readFileSync(file, "utf8"));
  return records.map((r, i) => ({ record: i + 2, fields: r.length, header: header.length })).filter((r) => r.fields !== r.header);
}

test("every CSV in figures/ reads with Python's csv module into records as long as its header", { skip: noPython }, () => {
  const files = fs.readdirSync(FIGURES_DIR).filter((f) => f.endsWith(".csv")).sort();
  assert.ok(files.length > 0, `no CSV files in ${FIGURES_DIR}`);
  const ragged = files.map((f) => ({ file: f, records: raggedRecords(path.join(FIGURES_DIR, f)) })).filter((f) => f.records.length);
  assert.deepEqual(ragged, []);
});
