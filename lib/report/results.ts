/**
 * Result files in the report: the provenance table of the front page (one row per results/<id>.json) and a
 * readable page per file (its top-level fields as a table, long arrays summarised, a link to the raw JSON
 * copied next to it).
 */
import { escapeHtml, NotebookLink, page, table, verdictBadge } from "./html";
import { groupOfResult } from "./sections";

export interface ResultFile {
  /** results/<id>.json */
  id: string;
  data: unknown;
  bytes: number;
}

/** A claim that reads a result file, as its page lists it. */
export interface ClaimRef { id: string; verdict: string }

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: unknown): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);
const isScalar = (v: unknown) => v === null || typeof v !== "object";

export function formatWallTime(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds - 60 * minutes)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** "2026-11-24 22:59 UTC" from an ISO time; anything else as given. */
export function formatDate(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

export interface ProvenanceRow {
  id: string;
  startedAt?: string;
  commit?: string;
  dirty?: boolean;
  profile?: string;
  backend?: string;
  wallS?: number;
  /** How many runs wrote the file (a resumed run records one invocation per start). */
  invocations: number;
}

/** The provenance fields of a result (results/*.json carry them under "provenance", lib/results). */
export function provenanceOf(file: ResultFile): ProvenanceRow {
  const p = isObject(file.data) && isObject(file.data.provenance) ? file.data.provenance : {};
  const text = (v: Json | undefined) => (typeof v === "string" ? v : undefined);
  return {
    id: file.id,
    startedAt: text(p.started_at),
    commit: text(p.git_commit),
    dirty: typeof p.git_dirty === "boolean" ? p.git_dirty : undefined,
    profile: text(p.profile),
    backend: text(p.backend),
    wallS: typeof p.wall_s === "number" ? p.wall_s : undefined,
    invocations: Array.isArray(p.invocations) ? p.invocations.length : 1,
  };
}

function commitCell(r: ProvenanceRow): string {
  if (!r.commit) return "—";
  const dirty = r.dirty ? ` <span class="flag">dirty</span>` : r.dirty === undefined ? " (dirty: not recorded)" : "";
  return `<code title="${escapeHtml(r.commit)}">${escapeHtml(r.commit.slice(0, 7))}</code>${dirty}`;
}

/** The front page's table: every result file with the date, commit, profile, backend and wall time of its run. */
export function provenanceTable(rows: ProvenanceRow[], claimsReading: Map<string, ClaimRef[]>): string {
  const dash = (v: string | undefined) => (v ? escapeHtml(v) : "—");
  return table(["result file", "section", "date (started)", "commit", "profile", "backend", "wall time", "claims reading it"], rows.map((r) => [
    `<a href="results/${r.id}.html">${escapeHtml(r.id)}</a> <a class="raw" href="results/${r.id}.json">json</a>`,
    escapeHtml(groupOfResult(r.id)?.id ?? "—"),
    r.startedAt ? escapeHtml(formatDate(r.startedAt)) : "—",
    commitCell(r),
    r.profile === "quick" ? `<span class="flag">quick</span>` : dash(r.profile),
    dash(r.backend),
    r.wallS === undefined ? "—" : escapeHtml(formatWallTime(r.wallS)) + (r.invocations > 1 ? ` (${r.invocations} runs)` : ""),
    String(claimsReading.get(r.id)?.length ?? 0),
  ]), `class="provenance"`);
}

const MAX_TEXT = 300;
const MAX_INLINE_ITEMS = 8;
/** Arrays of up to this many objects are shown as a table (one row per object), longer ones summarised. */
const MAX_TABLE_ROWS = 30;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Numbers with at most 6 significant digits (the raw file keeps every digit). */
function numberText(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6)));
}

function scalarText(v: Json): string {
  const text = typeof v === "string" ? v : typeof v === "number" ? numberText(v) : JSON.stringify(v);
  return text.length > MAX_TEXT ? `${escapeHtml(text.slice(0, MAX_TEXT))}… <span class="note">(${text.length} characters)</span>` : escapeHtml(text);
}

function compactJson(v: Json): string {
  return `<code class="json">${scalarText(JSON.stringify(v, (_k, x) => (typeof x === "number" ? Number(numberText(x)) : x)))}</code>`;
}

function numbersSummary(xs: number[]): string {
  const finite = xs.filter(Number.isFinite);
  const range = finite.length ? `, from ${numberText(Math.min(...finite))} to ${numberText(Math.max(...finite))}` : "";
  return `<span class="note">${plural(xs.length, "number")}${range}; first: ${xs.slice(0, 4).map(numberText).join(", ")}, …</span>`;
}

function objectsTable(xs: Record<string, Json>[], depth: number): string {
  const keys = [...new Set(xs.flatMap((x) => Object.keys(x)))];
  const rows = xs.map((x) => keys.map((k) => (k in x ? valueHtml(x[k], depth + 1) : "")));
  return `<div class="scroll">${table(keys.map((k) => `<code>${escapeHtml(k)}</code>`), rows, `class="fields"`)}</div>`;
}

function arrayHtml(xs: Json[], depth: number): string {
  if (xs.every(isScalar) && xs.length <= MAX_INLINE_ITEMS) return compactJson(xs);
  if (xs.every((x) => typeof x === "number")) return numbersSummary(xs as number[]);
  if (depth < 2 && xs.length <= MAX_TABLE_ROWS && xs.every(isObject)) return objectsTable(xs as Record<string, Json>[], depth);
  const keys = [...new Set(xs.filter(isObject).flatMap((x) => Object.keys(x)))];
  const kinds = keys.length ? `${plural(xs.length, "object")} with keys ${keys.slice(0, 12).join(", ")}${keys.length > 12 ? ", …" : ""}` : plural(xs.length, "item");
  return `<span class="note">${escapeHtml(kinds)}; first: </span>${compactJson(xs[0])}`;
}

/** A field's value: scalars as text, arrays as a table or summarised, objects as a nested table down to `depth` 2. */
export function valueHtml(v: Json, depth = 0): string {
  if (Array.isArray(v)) return arrayHtml(v, depth);
  if (!isObject(v)) return scalarText(v);
  if (depth >= 2) return compactJson(v);
  const rows = Object.entries(v).map(([k, x]) => [`<code>${escapeHtml(k)}</code>`, valueHtml(x, depth + 1)]);
  return table(["field", "value"], rows, `class="fields"`);
}

function readersList(readers: ClaimRef[]): string {
  if (readers.length === 0) return "<p>No claim of the registry reads this file.</p>";
  const items = readers.map((c) => `<li><a href="../claims.html#${c.id}">${escapeHtml(c.id)}</a> ${verdictBadge(c.verdict)}</li>`);
  return `<p>Claims that read this file:</p><ul class="readers">${items.join("")}</ul>`;
}

/** results/<id>.html */
export function resultPage(file: ResultFile, readers: ClaimRef[], notebooks: NotebookLink[]): string {
  const group = groupOfResult(file.id);
  const body = `<h1>results/${escapeHtml(file.id)}.json</h1>
<p class="lead">Raw file: <a href="${file.id}.json">${escapeHtml(file.id)}.json</a> (${(file.bytes / 1024).toFixed(1)} kB).` +
    `${group ? ` Paper section: <a href="../figures.html#section-${group.id}">${escapeHtml(group.title)}</a>.` : ""}</p>
${readersList(readers)}
<h2>Fields</h2>
${valueHtml(file.data as Json)}`;
  return page({ title: `results/${file.id}.json`, root: "../", body, notebooks });
}
