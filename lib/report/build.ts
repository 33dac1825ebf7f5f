/**
 * `make report`: one offline site of every notebook, figure, result file and claim (scripts/report.ts runs it).
 * Reads notebooks/*.ipynb (rendered by nbconvert's basic template, TeX by KaTeX), results/*.json, figures/ and the claims
 * registry; trains nothing and writes nothing outside the output folder. The pages are built by the other
 * modules of lib/report, one per page kind.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { evaluateClaims, renderHeadline } from "../claims";
import { FIGURES_DIR, PLOTLY_JS } from "../plot";
import { REPO_ROOT, RESULTS_DIR, startProvenance } from "../results";
import type { NamedFigure } from "../figures";
import { architectureSectionFigures, parallelFigures } from "../figures/sections";
import { seedFigures } from "../figures/seeds";
import { quanvFigures } from "../figures/quanv";
import { zxPlotlyFigures } from "../figures/zx";
import { fourierFigures } from "../figures/fourier";
import { claimRow, claimsPage, ClaimRow, Mentions } from "./claims";
import { CsvTable, FigureEntry, figurePage, figuresIndexPage, parseCsv, sectionsWithFigures } from "./figures";
import { figureSources } from "./figure-sources";
import { frontPage } from "./front";
import type { NotebookLink } from "./html";
import { copyKatex } from "./maths";
import { Ipynb, notebookPage, notebookTitle, PreparedNotebook, prepareNotebook } from "./notebooks";
import { ClaimRef, provenanceOf, ResultFile, resultPage } from "./results";

type Log = (s: string) => void;

export interface BuildOptions {
  /** The site's folder; created, or emptied when it holds a previous report. */
  out: string;
  log?: Log;
  /** The Python that has Jupyter's nbconvert (default: $JUPYTER_PY, else /usr/bin/python3). */
  python?: string;
}

export interface BuildSummary { out: string; pages: number; files: number; bytes: number; interactive: number; seconds: number }

/** Written into every report folder: only a folder holding it (or an empty one) is ever emptied. */
const MARKER = ".hqnn-report";
const NOTEBOOKS_DIR = path.join(REPO_ROOT, "notebooks");
const ASSETS_DIR = path.join(__dirname, "assets");

/** The lib/figures builders that need only results/ (Figures 1-3 need the datasets and stay static). */
const INTERACTIVE_BUILDERS: { section: string; build(log: Log): Promise<NamedFigure[]> }[] = [
  { section: "2.2 architecture", build: () => architectureSectionFigures() },
  { section: "2.2 training curves", build: parallelFigures },
  { section: "2.2 seed study", build: () => seedFigures() },
  { section: "2.3 HQNN-Quanv", build: quanvFigures },
  { section: "A.1 Jacobian rank", build: zxPlotlyFigures },
  { section: "A.2 Fourier", build: fourierFigures },
];

/** A report folder to (re)write: refuses a non-empty folder that is not a previous report. */
function prepareOut(out: string): void {
  if (fs.existsSync(out)) {
    const entries = fs.readdirSync(out);
    if (entries.length > 0 && !entries.includes(MARKER)) throw new Error(`refusing to write into ${out}: not empty and not a previous report (no ${MARKER})`);
    for (const e of entries) fs.rmSync(path.join(out, e), { recursive: true, force: true });
  }
  for (const dir of ["assets", "notebooks/img", "figures", "results"]) fs.mkdirSync(path.join(out, dir), { recursive: true });
  fs.writeFileSync(path.join(out, MARKER), "written by make report (scripts/report.ts); the folder is rewritten on every build\n");
}

function write(out: string, file: string, content: string | Buffer): void {
  fs.writeFileSync(path.join(out, file), content);
}

/** The files of a folder with an extension, in natural order (fig2 before fig10). */
function listFiles(dir: string, ext: string): string[] {
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(ext)) : [];
  return files.sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
}

const readIpynb = (name: string): Ipynb => JSON.parse(fs.readFileSync(path.join(NOTEBOOKS_DIR, `${name}.ipynb`), "utf8"));

/** nbconvert's basic HTML (cells and outputs, no head, no external asset) of every notebook, by name. */
function convertNotebooks(notebooks: Map<string, Ipynb>, python: string, log: Log): Map<string, string> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hqnn-report-nb-"));
  const names = [...notebooks.keys()];
  try {
    log(`nbconvert: ${names.length} notebooks`);
    const files = names.map((n) => path.join(tmp, `${n}.ipynb`));
    names.forEach((n, i) => fs.writeFileSync(files[i], JSON.stringify(notebooks.get(n))));
    try {
      execFileSync(python, ["-m", "nbconvert", "--to", "html", "--template", "basic", "--output-dir", tmp, ...files], { stdio: ["ignore", "ignore", "pipe"], timeout: 10 * 60_000 });
    } catch (e) {
      const stderr = String((e as { stderr?: Buffer }).stderr ?? "").trim().split("\n").pop();
      throw new Error(`nbconvert failed (${python} -m nbconvert): ${stderr || (e as Error).message}`);
    }
    return new Map(names.map((n) => [n, fs.readFileSync(path.join(tmp, `${n}.html`), "utf8")]));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function writeNotebooks(out: string, notebooks: NotebookLink[], claimIds: ReadonlySet<string>, python: string, log: Log): Mentions {
  const prepared = new Map<string, PreparedNotebook>(notebooks.map((n) => [n.name, prepareNotebook(readIpynb(n.name))]));
  const converted = convertNotebooks(new Map([...prepared].map(([name, p]) => [name, p.ipynb])), python, log);
  const mentions: Mentions = new Map();
  for (const n of notebooks) {
    const p = notebookPage(n, converted.get(n.name)!, prepared.get(n.name)!, claimIds, notebooks);
    write(out, `notebooks/${n.name}.html`, p.html);
    fs.copyFileSync(path.join(NOTEBOOKS_DIR, `${n.name}.ipynb`), path.join(out, "notebooks", `${n.name}.ipynb`));
    for (const img of p.images) write(out, `notebooks/${img.file}`, img.bytes);
    for (const [claim, anchor] of p.mentions) {
      if (!mentions.has(claim)) mentions.set(claim, new Map());
      mentions.get(claim)!.set(n.name, anchor);
    }
  }
  return mentions;
}

function readResults(): ResultFile[] {
  return listFiles(RESULTS_DIR, ".json").map((f) => {
    const text = fs.readFileSync(path.join(RESULTS_DIR, f), "utf8");
    return { id: f.slice(0, -".json".length), data: JSON.parse(text), bytes: Buffer.byteLength(text) };
  });
}

/** Result id -> the claims that read it. */
function claimsReading(rows: ClaimRow[]): Map<string, ClaimRef[]> {
  const readers = new Map<string, ClaimRef[]>();
  for (const r of rows) {
    for (const ev of r.evidence) readers.set(ev.id, [...(readers.get(ev.id) ?? []), { id: r.id, verdict: r.verdict }]);
  }
  return readers;
}

async function interactiveFigures(log: Log): Promise<Map<string, NamedFigure["figure"]>> {
  const figures = new Map<string, NamedFigure["figure"]>();
  for (const b of INTERACTIVE_BUILDERS) {
    try {
      for (const f of await b.build(log)) figures.set(f.name, f.figure);
    } catch (e) {
      log(`interactive figures of ${b.section} not rebuilt (the PNG is shown): ${(e as Error).message}`);
    }
  }
  return figures;
}

async function figureEntries(log: Log): Promise<FigureEntry[]> {
  const interactive = await interactiveFigures(log);
  return listFiles(FIGURES_DIR, ".png").map((f) => {
    const name = f.slice(0, -".png".length);
    return { name, hasSvg: fs.existsSync(path.join(FIGURES_DIR, `${name}.svg`)), interactive: interactive.get(name), sources: figureSources(name) };
  });
}

function csvTables(): CsvTable[] {
  return listFiles(FIGURES_DIR, ".csv").map((f) => ({ name: f.slice(0, -".csv".length), rows: parseCsv(fs.readFileSync(path.join(FIGURES_DIR, f), "utf8")) }));
}

function copyFigureFiles(out: string, figures: FigureEntry[], tables: CsvTable[]): void {
  const files = [...figures.flatMap((f) => [`${f.name}.png`, ...(f.hasSvg ? [`${f.name}.svg`] : [])]), ...tables.map((t) => `${t.name}.csv`)];
  for (const f of files) fs.copyFileSync(path.join(FIGURES_DIR, f), path.join(out, "figures", f));
}

function copyAssets(out: string): void {
  for (const f of fs.readdirSync(ASSETS_DIR)) fs.copyFileSync(path.join(ASSETS_DIR, f), path.join(out, "assets", f));
  fs.copyFileSync(PLOTLY_JS, path.join(out, "assets", "plotly.js"));
  copyKatex(out);
}

function folderSize(dir: string): { files: number; bytes: number } {
  let files = 0, bytes = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      const sub = folderSize(p);
      files += sub.files; bytes += sub.bytes;
    } else {
      files++; bytes += fs.statSync(p).size;
    }
  }
  return { files, bytes };
}

/** Builds the whole site into o.out; returns what it wrote. */
export async function buildReport(o: BuildOptions): Promise<BuildSummary> {
  const started = Date.now(), log = o.log ?? (() => {});
  const out = path.resolve(o.out);
  prepareOut(out);
  const notebooks = listFiles(NOTEBOOKS_DIR, ".ipynb").map((f) => {
    const name = f.slice(0, -".ipynb".length);
    return { name, title: notebookTitle(readIpynb(name), name) };
  });
  const evaluated = evaluateClaims(RESULTS_DIR);
  const claimIds = new Set(evaluated.map((e) => e.claim.id));
  const mentions = writeNotebooks(out, notebooks, claimIds, o.python ?? process.env.JUPYTER_PY ?? "/usr/bin/python3", log);
  const rows = evaluated.map((e) => claimRow(e, mentions, RESULTS_DIR));
  const readers = claimsReading(rows);

  const results = readResults();
  for (const r of results) {
    fs.copyFileSync(path.join(RESULTS_DIR, `${r.id}.json`), path.join(out, "results", `${r.id}.json`));
    write(out, `results/${r.id}.html`, resultPage(r, readers.get(r.id) ?? [], notebooks));
  }

  const figures = await figureEntries(log), tables = csvTables();
  copyFigureFiles(out, figures, tables);
  figures.forEach((_, i) => write(out, `figures/${figures[i].name}.html`, figurePage(figures, i, notebooks)));
  write(out, "figures.html", figuresIndexPage(figures, tables, notebooks));
  write(out, "claims.html", claimsPage(rows, renderHeadline(evaluated), sectionsWithFigures(figures, tables), notebooks));

  const code = startProvenance({ backend: "none", seeds: [] });
  write(out, "index.html", frontPage({
    headline: renderHeadline(evaluated), rows, provenance: results.map(provenanceOf), claimsReading: readers, notebooks,
    built: { commit: code.gitCommit, dirty: code.gitDirty, at: code.startedAt.slice(0, 16).replace("T", " ") + " UTC" },
  }));
  copyAssets(out);

  const size = folderSize(out);
  const pages = 3 + notebooks.length + results.length + figures.length;
  log(`report: ${pages} pages, ${rows.length} claims, ${figures.filter((f) => f.interactive).length} interactive figures -> ${out}`);
  return { out, pages, ...size, interactive: figures.filter((f) => f.interactive).length, seconds: (Date.now() - started) / 1000 };
}
