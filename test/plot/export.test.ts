import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { closeRenderer, exportFigure, renderFigure, sortedSvgAttributes, stableSvgIds } from "../../lib/plot";
import { imageGrid } from "../../lib/plot/image-grid";

after(closeRenderer);

const fig = { data: [{ x: [1, 2, 3], y: [3, 1, 2], type: "scatter", name: "a" }], layout: { title: { text: "export test" } }, width: 400, height: 300 };

test("exportFigure writes a valid PNG (signature, IHDR size at 2x scale) and an SVG", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hqnn-fig-"));
  const { png, svg } = await exportFigure(fig, "export-test", dir);
  const bytes = fs.readFileSync(png);
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(bytes.toString("ascii", 12, 16), "IHDR");
  assert.equal(bytes.readUInt32BE(16), 800);
  assert.equal(bytes.readUInt32BE(20), 600);
  const text = fs.readFileSync(svg, "utf8");
  assert.match(text, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(text, /export test/);
  assert.ok(text.trimEnd().endsWith("</svg>"));
  assert.deepEqual(fs.readdirSync(dir).sort(), ["export-test.png", "export-test.svg"], "no temporary files left");
});

test("the same figure renders to the same SVG and PNG bytes", async () => {
  assert.equal(await renderFigure(fig, "svg"), await renderFigure(fig, "svg"));
  assert.deepEqual(await renderFigure(fig, "png"), await renderFigure(fig, "png"));
});

test("sortedSvgAttributes puts every element's attributes in one order, leaving text and values alone", () => {
  assert.equal(sortedSvgAttributes('<svg width="4" style="" viewBox="0 0 4 4"><text y="2" x="1" style="a: b;">x="9"</text><g/><rect b="1" a="2"/></svg>'),
    '<svg style="" viewBox="0 0 4 4" width="4"><text style="a: b;" x="1" y="2">x="9"</text><g/><rect a="2" b="1"/></svg>');
});

test("stableSvgIds renumbers plotly's random ids consistently", () => {
  assert.equal(stableSvgIds('<g clip-path="url(#clipab12cdx)"/><clipPath id="clipab12cdx"/><g class="trace 9f8e7d"/>'),
    '<g clip-path="url(#clipu00000x)"/><clipPath id="clipu00000x"/><g class="trace 9f8e7d"/>');
});

test("an image grid of grey and colour tiles renders", async () => {
  const grey = { pixels: new Uint8Array(16).fill(200), height: 4, width: 4, channels: 1, caption: "grey" };
  const rgb = { pixels: new Uint8Array(48).fill(100), height: 4, width: 4, channels: 3, caption: "rgb" };
  const png = (await renderFigure(imageGrid([grey, rgb], { cols: 2 }), "png")) as Uint8Array;
  assert.ok(png.length > 1000);
});

test("an invalid figure name is refused", async () => {
  await assert.rejects(exportFigure(fig, "../escape"), /invalid figure name/);
});
