import assert from "node:assert/strict";
import { test } from "node:test";
import { PAPER_STUDY, runFourierStudy, studyDifferences } from "../../lib/fourier";
import { fourierFigures, spectrumFigure, violinFigure } from "../../lib/figures/fourier";
import { readResult } from "../../lib/results";

const study = runFourierStudy({ ...PAPER_STUDY, nSamples: 20 });

test("Figure 10: one violin trace per panel, 9 coefficients x samples each, Im c(0,0) identically 0", () => {
  const fig = violinFigure(study);
  assert.equal(fig.data.length, 2);
  const [re, im] = fig.data as { type: string; x: string[]; y: number[] }[];
  for (const t of [re, im]) {
    assert.equal(t.type, "violin");
    assert.equal(t.y.length, 9 * 20);
    assert.deepEqual([...new Set(t.x)], ["(-1,-1)", "(-1,0)", "(-1,1)", "(0,-1)", "(0,0)", "(0,1)", "(1,-1)", "(1,0)", "(1,1)"]);
  }
  assert.ok(im.y.filter((_, i) => im.x[i] === "(0,0)").every((v) => v === 0));
});

test("spectrum figure: both templates in three panels, orders 0..5", () => {
  const fig = spectrumFigure(study);
  const bars = fig.data.filter((t) => (t as { type: string }).type === "bar") as { x: string[]; name: string }[];
  assert.equal(bars.length, 6);
  for (const b of bars) assert.deepEqual(b.x, ["0", "1", "2", "3", "4", "5"]);
  assert.ok(bars.some((b) => b.name.startsWith("BasicEntanglerLayers")));
  // plotly shows TeX-like subscripts (c_ω, Σ_ω) literally: axis titles use plain Unicode instead.
  const titles = ["yaxis", "yaxis2", "yaxis3", "xaxis"].map((a) => (fig.layout![a] as { title: { text: string } }).title.text);
  assert.ok(titles.every((t) => !t.includes("_")), titles.join(" | "));
  assert.match(titles[0], /\|c\(ω\)\|/);
});

test("fourierFigures names the two figures and is deterministic", async () => {
  const a = await fourierFigures(() => {}), b = await fourierFigures(() => {});
  assert.deepEqual(a.map((f) => f.name), ["fig10-fourier-violins", "fig10b-fourier-spectrum-sel-vs-basic"]);
  assert.equal(JSON.stringify(a), JSON.stringify(b));
});

test("results/fourier.json, when present, is what the current code computes (to 1e-9)", (t) => {
  const stored = readResult("fourier");
  if (!stored) return t.skip("results/fourier.json not written yet");
  const { provenance, ...rest } = stored;
  assert.ok(provenance.seeds.length === 3 && provenance.backend === "engine");
  assert.deepEqual(studyDifferences(rest, JSON.parse(JSON.stringify(runFourierStudy(PAPER_STUDY)))), []);
  assert.deepEqual(studyDifferences({ a: [1, 2] }, { a: [1, 2 + 1e-6] }), [".a[1]: 2 vs 2.000001"]);
});
