/**
 * The report site (lib/report, `make report`) built into a temporary folder and opened page by page in headless
 * Chromium (lib/plot's launchBrowser: Debian's /usr/bin/chromium, offline flags): no console error, no request
 * that leaves file://, every plotly chart drawn (figure pages and the notebooks' charts), the notebooks' TeX typeset,
 * every link of the claims table resolving, the filters working.
 * Screenshots of the front page, the claims table and one chart page go to <report folder>/screenshots/; set
 * HQNN_REPORT_DIR to build into (and keep) a folder of your choice, otherwise the temporary folder is removed.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Browser, launchBrowser, PLOTLY_MIME } from "../../lib/plot";
import { buildReport, BuildSummary } from "../../lib/report/build";

const KEEP = process.env.HQNN_REPORT_DIR;
const out = KEEP ? path.resolve(KEEP) : fs.mkdtempSync(path.join(os.tmpdir(), "hqnn-report-test-"));
const WAIT_MS = 60_000;

let summary: BuildSummary;
let browser: Browser | undefined;

before(async () => {
  summary = await buildReport({ out });
  browser = await launchBrowser();
  await browser.page.setViewportSize({ width: 1400, height: 900 });
});

after(async () => {
  try {
    await browser?.close();
  } finally {
    if (!KEEP) fs.rmSync(out, { recursive: true, force: true });
  }
});

/** The file:// URL of a site file, with its #fragment kept. */
function url(file: string): string {
  const [name, fragment] = file.split("#");
  return pathToFileURL(path.join(out, name)).href + (fragment === undefined ? "" : `#${fragment}`);
}
const listHtml = (dir: string) => fs.readdirSync(path.join(out, dir)).filter((f) => f.endsWith(".html")).sort().map((f) => path.posix.join(dir, f));
const allPages = () => [...listHtml("."), ...listHtml("notebooks"), ...listHtml("results"), ...listHtml("figures")].map((p) => p.replace(/^\.\//, ""));

interface Visit { errors: string[]; requests: string[] }

/** Opens a page and records console errors, page errors, failed requests and every requested URL. */
async function visit(file: string, then?: (page: any) => Promise<void>): Promise<Visit> {
  const page = browser!.page, seen: Visit = { errors: [], requests: [] };
  const onConsole = (m: any) => { if (m.type() === "error") seen.errors.push(`console: ${m.text()}`); };
  const onPageError = (e: Error) => seen.errors.push(`page error: ${e.message}`);
  const onRequest = (r: any) => seen.requests.push(r.url());
  // A request cut short because the test moves on (ERR_ABORTED) is no fault of the page; a missing file is
  // caught by the check that every requested file exists.
  const onFailed = (r: any) => {
    const reason = r.failure()?.errorText ?? "";
    if (reason !== "net::ERR_ABORTED") seen.errors.push(`request failed: ${r.url()} ${reason}`);
  };
  page.on("console", onConsole); page.on("pageerror", onPageError); page.on("request", onRequest); page.on("requestfailed", onFailed);
  try {
    await page.goto(url(file), { waitUntil: "load", timeout: WAIT_MS });
    if (then) await then(page);
  } finally {
    page.off("console", onConsole); page.off("pageerror", onPageError); page.off("request", onRequest); page.off("requestfailed", onFailed);
  }
  return seen;
}

/** How many chart elements (lib/report/html.ts, chartElement) a page of the site holds. */
const chartsIn = (file: string) => (fs.readFileSync(path.join(out, file), "utf8").match(/ data-chart="/g) ?? []).length;

/** Waits until all `charts` plotly charts of the page are drawn and returns how many traces each drew. */
async function chartTraces(page: any, charts: number): Promise<number[]> {
  await page.waitForFunction((n: number) => (globalThis as any).document.querySelectorAll("[data-chart].rendered").length === n, charts, { timeout: WAIT_MS });
  return page.$$eval("[data-chart]", (elements: any[]) => elements.map((e) => e.querySelectorAll(".main-svg .trace").length));
}

test("the site has a page for every notebook, result file and figure, and names no http(s) resource", () => {
  const repo = path.resolve(__dirname, "..", "..");
  const stems = (dir: string, ext: string) => fs.readdirSync(dir).filter((f) => f.endsWith(ext)).map((f) => f.slice(0, -ext.length)).sort();
  const pages = allPages();
  assert.ok(["index.html", "claims.html", "figures.html"].every((p) => pages.includes(p)));
  for (const [dir, ext] of [["notebooks", ".ipynb"], ["results", ".json"], ["figures", ".png"]]) {
    assert.deepEqual(stems(path.join(out, dir), ".html"), stems(path.join(repo, dir), ext), `pages under ${dir}/`);
  }
  assert.equal(summary.pages, pages.length);
  assert.ok(summary.interactive > 0, "at least one figure is rebuilt as an interactive chart");
  const external = pages.filter((p) => /\b(src|href)="(https?:)?\/\//i.test(fs.readFileSync(path.join(out, p), "utf8")));
  assert.deepEqual(external, [], "pages that load or link a resource over the network");
});

test("every page opens from file:// with no console error and no request outside file://, every chart drawn", async () => {
  const problems: string[] = [];
  const drawn = new Map<string, number>();
  for (const file of allPages()) {
    const charts = chartsIn(file);
    const seen = await visit(file, async (page) => {
      if (charts === 0) return;
      const traces = await chartTraces(page, charts);
      drawn.set(file, traces.length);
      problems.push(...traces.flatMap((t, i) => (t < 1 ? [`${file}: chart ${i} has no trace`] : [])));
    });
    problems.push(...seen.errors.map((e) => `${file}: ${e}`));
    problems.push(...seen.requests.filter((u) => !u.startsWith("file://")).map((u) => `${file}: requested ${u}`));
    problems.push(...seen.requests.filter((u) => u.startsWith("file://") && !fs.existsSync(fileURLToPath(u.split(/[?#]/)[0]))).map((u) => `${file}: no file for ${u}`));
  }
  assert.deepEqual(problems, []);
  const figurePages = [...drawn.keys()].filter((f) => f.startsWith("figures/"));
  assert.equal(figurePages.length, summary.interactive);
  const notebookCharts = [...drawn].filter(([f]) => f.startsWith("notebooks/")).reduce((n, [, k]) => n + k, 0);
  assert.equal(notebookCharts, plotlyOutputs(), "every plotly output of the committed notebooks is drawn");
});

/** The outputs of the committed notebooks that hold a plotly figure (lib/plot's showFigure). */
function plotlyOutputs(): number {
  const dir = path.resolve(__dirname, "..", "..", "notebooks");
  const outputs = fs.readdirSync(dir).filter((f) => f.endsWith(".ipynb"))
    .flatMap((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")).cells.flatMap((c: any) => c.outputs ?? []));
  return outputs.filter((o: any) => o.data?.[PLOTLY_MIME] !== undefined).length;
}

test("the notebooks' TeX is typeset by KaTeX: no dollar sign is left in their markdown", () => {
  const pages = listHtml("notebooks").map((f) => fs.readFileSync(path.join(out, f), "utf8"));
  assert.ok(pages.some((html) => html.includes('class="katex"')), "no notebook page holds typeset TeX");
  const markdown = pages.flatMap((html) => html.split('data-mime-type="text/markdown"').slice(1).map((part) => part.split("</div>")[0]));
  assert.deepEqual(markdown.filter((m) => m.includes("$")), []);
});

/** A link of the site's pages resolves when its file exists and, with a fragment, holds an element of that id. */
function linkProblem(fromFile: string, href: string): string | undefined {
  const [target, fragment] = href.split("#");
  const file = target === "" ? fromFile : path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), target.split("?")[0]));
  const full = path.join(out, file);
  if (!fs.existsSync(full)) return `${href}: no file ${file}`;
  if (fragment === undefined) return undefined;
  const id = decodeURIComponent(fragment);
  return fs.readFileSync(full, "utf8").includes(`id="${id}"`) ? undefined : `${href}: no element with id ${id} in ${file}`;
}

test("every link in the claims table resolves to a file of the site or an anchor in it", async () => {
  let hrefs: string[] = [];
  await visit("claims.html", async (page) => {
    hrefs = await page.$$eval("#claims a[href]", (links: any[]) => links.map((a) => a.getAttribute("href")));
  });
  assert.ok(hrefs.length > 3 * 50, `only ${hrefs.length} links`);
  assert.ok(hrefs.some((h) => h.startsWith("results/")) && hrefs.some((h) => h.startsWith("figures.html#")) && hrefs.some((h) => h.includes("notebooks/")));
  assert.deepEqual(hrefs.map((h) => linkProblem("claims.html", h)).filter((p) => p !== undefined), []);
});

test("the verdict filter changes the rows shown; a claim's anchor opens its details", async () => {
  await visit("claims.html", async (page) => {
    const visibleVerdicts = () => page.$$eval("#claims tbody tr:not([hidden])", (rows: any[]) => rows.map((r) => r.dataset.verdict));
    const all: string[] = await visibleVerdicts();
    await page.selectOption("select[data-filter=verdict]", "reproduced");
    const filtered: string[] = await visibleVerdicts();
    assert.ok(filtered.length > 0 && filtered.length < all.length, `${filtered.length} of ${all.length} rows after filtering`);
    assert.ok(filtered.every((v) => v === "reproduced"));
    assert.match(await page.textContent("#claims-count"), new RegExp(`^${filtered.length} of ${all.length} claims shown`));
  });
  await visit("claims.html#mnist-hqnn-outperforms-cnn", async (page) => {
    await page.waitForSelector("tr#mnist-hqnn-outperforms-cnn:not([hidden]) details[open]", { timeout: WAIT_MS });
  });
});

test("screenshots of the front page, the claims table and a chart page", async () => {
  const dir = path.join(out, "screenshots");
  fs.mkdirSync(dir, { recursive: true });
  const charts = listHtml("figures").filter((f) => chartsIn(f) > 0);
  const chart = charts.find((f) => f.endsWith("fig8c-quanv-test-accuracy.html")) ?? charts[0];
  const shots: [string, string, boolean][] = [["index.html", "front.png", true], ["claims.html", "claims.png", false], [chart, "chart.png", false]];
  for (const [file, name, fullPage] of shots) {
    await visit(file, async (page) => {
      if (file === chart) await chartTraces(page, 1);
      await page.screenshot({ path: path.join(dir, name), fullPage });
    });
  }
  assert.deepEqual(fs.readdirSync(dir).sort(), ["chart.png", "claims.png", "front.png"]);
});
