/** The pure parts of lib/report: CSV reading, section grouping, result summaries, notebook post-processing. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { CLAIMS } from "../../lib/claims";
import { csvText } from "../../lib/plot/table";
import { parseCsv, figureTitle } from "../../lib/report/figures";
import { escapeHtml, inlineMarkdown, scriptJson } from "../../lib/report/html";
import { extractImages, markMentions, notebookTitle, prepareNotebook, siteLinks } from "../../lib/report/notebooks";
import { MathSpan, protectMath, renderMath } from "../../lib/report/maths";
import { notebookBundle, PLOTLY_MIME } from "../../lib/plot";
import { formatWallTime, provenanceOf, valueHtml } from "../../lib/report/results";
import { groupOfFigureFile, groupOfPaperSection, groupOfResult } from "../../lib/report/sections";
import { figureSources } from "../../lib/report/figure-sources";
import { writeResult } from "../../lib/results";
import { recordedWith } from "../results/fixtures";
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
  const run = recordedWith("cnn-cifar10", { dataset: { name: "cifar10", source: { lossy: true } }, provenance: { seeds: [1], profile: "full", git_commit: "0123456789" } });
  writeResult("cnn-cifar10", { ...run, epochs: run.epochs.slice(0, 2) }, dir);
  const caption = figureSources("fig6-cifar10-acc", dir)!;
  assert.match(caption, /cnn-cifar10: seed 1, profile full, 2 epochs, cifar10 \(lossy JPEG copy\), commit 0123456/);
  assert.match(caption, /hqnn-parallel-cifar10: not recorded/);
  assert.match(figureSources("fig10-fourier-violins", dir)!, /^Shows: fourier: not recorded/);
  assert.match(figureSources("fig1a-mnist-samples", dir)!, /dataset files/);
});

test("TeX in markdown: $…$ and $$…$$ become placeholders, code and prices stay; KaTeX typesets the placeholders", () => {
  const spans: MathSpan[] = [];
  const md = "cost $5 and $6; `a $x$ b`; \\$ sign; $a_i + b$ and\n\n$$\\sum_k x_k$$\n\n$x\n\ny$";
  assert.equal(protectMath(md, spans), "cost $5 and $6; `a $x$ b`; \\$ sign; HQNNMATH0X and\n\nHQNNMATH1X\n\n$x\n\ny$");
  assert.deepEqual(spans, [{ tex: "a_i + b", display: false }, { tex: "\\sum_k x_k", display: true }]);
  const html = renderMath(`<p id="HQNNMATH0X">HQNNMATH0X</p><p>HQNNMATH1X</p>`, spans, "test");
  assert.match(html, /^<p id="a_i \+ b"><span class="katex">/);
  assert.match(html, /<span class="katex-display">/);
  assert.match(html, /<annotation encoding="application\/x-tex">\\sum_k x_k<\/annotation>/);
  assert.throws(() => renderMath("HQNNMATH0X", [{ tex: "\\frac{1", display: false }], "nb.ipynb"), /^Error: nb\.ipynb: KaTeX cannot typeset "\\\\frac\{1"/);
  assert.throws(() => renderMath("", spans, "nb.ipynb"), /nb\.ipynb: 2 of 2 TeX spans missing/);
});

test("a notebook prepared for nbconvert: a figure output becomes a chart element holding its PNG, TeX placeholders", () => {
  const figure = { data: [{ type: "scatter", y: [1, 2] }], layout: { title: { text: "t" } } };
  const pictures = { data: [{ type: "image", z: [[[0, 0, 0]]] }] };
  assert.deepEqual(Object.keys(notebookBundle(figure, "UE5H")), [PLOTLY_MIME, "image/png"]);
  assert.deepEqual(notebookBundle(pictures, "UE5H"), { "image/png": "UE5H" }, "a grid of pictures stays a PNG");
  const ipynb = {
    metadata: { kept: true },
    cells: [
      { cell_type: "markdown", source: ["# T\n", "with $x^2$"] },
      { cell_type: "code", source: "", outputs: [{ output_type: "display_data", data: notebookBundle(figure, "UE5H\n") },
        { output_type: "display_data", data: { "text/markdown": "$y$" } }, { output_type: "stream", text: "$ 1" }] },
    ],
  };
  const p = prepareNotebook(ipynb);
  assert.deepEqual(p.ipynb.cells.map((c) => c.source), ["# T\nwith HQNNMATH0X", ""]);
  assert.deepEqual(p.ipynb.cells[1].outputs!.map((o) => o.data), [
    { "text/html": '<div class="chart" data-chart="0"><img src="data:image/png;base64,UE5H"></div>' }, { "text/markdown": "HQNNMATH1X" }, undefined]);
  assert.deepEqual((p.ipynb as typeof ipynb).metadata, { kept: true });
  assert.deepEqual(p.charts, [{ data: figure.data, layout: { font: { family: "Helvetica, Arial, sans-serif", size: 13 }, title: { text: "t" }, width: 900, height: 500 } }]);
  assert.deepEqual(p.maths.map((m) => m.tex), ["x^2", "y"]);
});
