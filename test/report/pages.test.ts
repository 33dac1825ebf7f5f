/** The pure parts of lib/report: CSV reading, section grouping, result summaries, notebook post-processing. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { CLAIMS } from "../../lib/claims";
import { csvText } from "../../lib/plot/table";
import { parseCsv, figureTitle } from "../../lib/report/figures";
import { escapeHtml, inlineMarkdown, scriptJson } from "../../lib/report/html";
import { extractImages, markMentions, notebookTitle, siteLinks } from "../../lib/report/notebooks";
import { formatWallTime, provenanceOf, valueHtml } from "../../lib/report/results";
import { groupOfFigureFile, groupOfPaperSection, groupOfResult } from "../../lib/report/sections";
import { figureSources } from "../../lib/report/figure-sources";
import { writeResult } from "../../lib/results";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

test("parseCsv reads back what lib/plot/table writes (commas, quotes, line breaks, empty cells)", () => {
  const rows = [{ a: "x,y", b: 'say "hi"', c: "one\ntwo" }, { a: "", b: "crlf\r\nend", c: 99.21 }];
  assert.deepEqual(parseCsv(csvText(rows, ["a", "b", "c"])), [["a", "b", "c"], ["x,y", 'say "hi"', "one\ntwo"], ["", "crlf\r\nend", "99.21"]]);
  assert.deepEqual(parseCsv("h\r\n1\r\n"), [["h"], ["1"]]);
});

test("every claim's paper section falls in a group; abstract, introduction and discussion go to the front group", () => {
  const groups = CLAIMS.map((c) => [c.where.section, groupOfPaperSection(c.where.section).id]);
  for (const [section, group] of groups) {
    const front = /^(Abstract|1\. Introduction|3\. Discussion)/.test(section);
    assert.equal(group === "front", front, `${section} -> ${group}`);
  }
  assert.equal(groupOfPaperSection("Figure 6 caption").id, "2.2");
  assert.equal(groupOfPaperSection("Table 1").id, "2.2");
  assert.equal(groupOfPaperSection("Figure 9 caption").id, "A.1");
  assert.equal(groupOfFigureFile("fig10b-fourier-spectrum-sel-vs-basic")?.id, "A.2");
  assert.equal(groupOfFigureFile("fig1a-mnist-samples")?.id, "2.1");
  assert.equal(groupOfFigureFile("table-counts-mnist")?.id, "2.1");
  assert.equal(groupOfFigureFile("unknown-name"), undefined);
  assert.equal(groupOfResult("quanv-stride2-hqnn")?.id, "2.3");
  assert.equal(groupOfResult("seeds-summary")?.id, "2.2");
});

test("result pages: provenance fields read, long arrays summarised, short arrays of objects as tables", () => {
  const file = { id: "x", bytes: 10, data: { provenance: { started_at: "2026-01-02T03:04:05Z", git_commit: "abcdef0123", git_dirty: true, profile: "full", backend: "wasm", wall_s: 3725, invocations: [{}, {}] } } };
  assert.deepEqual(provenanceOf(file), { id: "x", startedAt: "2026-01-02T03:04:05Z", commit: "abcdef0123", dirty: true, profile: "full", backend: "wasm", wallS: 3725, invocations: 2 });
  assert.deepEqual(provenanceOf({ id: "y", bytes: 0, data: [] }).invocations, 1);
  assert.equal(formatWallTime(3725), "1 h 2 min");
  assert.equal(formatWallTime(1167.3), "19 min 27 s");
  const long = valueHtml(Array.from({ length: 100 }, (_, i) => i / 3));
  assert.match(long, /100 numbers, from 0 to 33; first: 0, 0\.333333, 0\.666667, 1, …/);
  const epochs = valueHtml({ epochs: [{ epoch: 1, acc: 0.5 }, { epoch: 2, acc: 0.75 }] });
  assert.match(epochs, /<th><code>epoch<\/code><\/th><th><code>acc<\/code><\/th>/);
  assert.match(valueHtml("<script>"), /^&lt;script&gt;$/);
});

test("notebook pages: images moved to files, repository links turned into site links, first mention anchored", () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString("base64");
  const { html, images } = extractImages(`<img src="data:image/png;base64,${png}"\n>`, "02-x");
  assert.equal(html, `<img loading="lazy" alt="output image 1" src="img/02-x-1.png"\n>`);
  assert.deepEqual(images.map((i) => [i.file, [...i.bytes]]), [["img/02-x-1.png", [0x89, 0x50, 0x4e, 0x47]]]);
  assert.equal(siteLinks('<a href="../CLAIMS.md#a-b">x</a><a href="../CLAIMS.md">y</a><a href="../results/cnn-mnist.json">z</a>'),
    '<a href="../claims.html#a-b">x</a><a href="../claims.html">y</a><a href="../results/cnn-mnist.html">z</a>');
  const marked = markMentions('<td>a-b</td><td>not-a-claim</td><a href="../claims.html#a-b">again</a>', new Set(["a-b"]));
  assert.equal(marked.html, '<td><a id="mention-a-b" href="../claims.html#a-b">a-b</a></td><td>not-a-claim</td><a href="../claims.html#a-b">again</a>');
  assert.deepEqual([...marked.mentions], [["a-b", "mention-a-b"]]);
  assert.equal(notebookTitle({ cells: [{ cell_type: "code", source: "1" }, { cell_type: "markdown", source: ["intro\n", "# 01 · Data\n"] }] }, "n"), "01 · Data");
  assert.equal(notebookTitle({ cells: [] }, "n"), "n");
});

test("HTML helpers escape what they are given", () => {
  assert.equal(escapeHtml(`<a href="x">&</a>`), "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
  assert.equal(inlineMarkdown("**Measured claims: 3** (*partial*) `a<b`"), "<strong>Measured claims: 3</strong> (<em>partial</em>) <code>a&lt;b</code>");
  assert.equal(scriptJson({ s: "</script>" }), '{"s":"\\u003c/script>"}');
  assert.equal(figureTitle({ data: [], layout: { title: { text: "a<br>b <i>c</i>" } } }), "a b c");
});

test("figure captions say which recorded runs a figure shows", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hqnn-sources-"));
  writeResult("cnn-cifar10", { seeds: [1], epochs: [{}, {}], dataset: { name: "cifar10", source: { lossy: true } }, provenance: { seeds: [1], profile: "full", git_commit: "0123456789" } }, dir);
  const caption = figureSources("fig6-cifar10-acc", dir)!;
  assert.match(caption, /cnn-cifar10: seed 1, profile full, 2 epochs, cifar10 \(lossy JPEG copy\), commit 0123456/);
  assert.match(caption, /hqnn-parallel-cifar10: not recorded/);
  assert.match(figureSources("fig10-fourier-violins", dir)!, /^Shows: fourier: not recorded/);
  assert.match(figureSources("fig1a-mnist-samples", dir)!, /dataset files/);
});
