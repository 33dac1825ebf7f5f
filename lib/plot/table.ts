/**
 * Tables: rows of plain objects → a danfojs DataFrame, shown in the notebook (HTML, plus plain text so the
 * stored notebook reads well anywhere) and saved as CSV under figures/.
 */
import * as path from "node:path";
import { atomicWriteFile } from "../results";
import { FIGURES_DIR, inNotebook } from "./index";

type Row = Record<string, string | number | boolean | null | undefined>;

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function htmlTable(rows: Row[], columns: string[], title?: string): string {
  const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
  const body = rows.map((r) => `<tr>${columns.map((c) => `<td>${escapeHtml(String(r[c] ?? ""))}</td>`).join("")}</tr>`).join("");
  return `${title ? `<p><b>${escapeHtml(title)}</b></p>` : ""}<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** Shows a table (and writes figures/<csv>.csv when a name is given); returns the danfojs DataFrame. */
export async function showTable(rows: Row[], opts: { title?: string; csv?: string } = {}) {
  const dfd = require("danfojs-node");
  const columns = rows.length ? Object.keys(rows[0]) : [];
  const df = new dfd.DataFrame(rows.map((r) => columns.map((c) => r[c] ?? null)), { columns });
  if (opts.csv) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(opts.csv)) throw new Error(`invalid table name ${JSON.stringify(opts.csv)}`);
    atomicWriteFile(path.join(FIGURES_DIR, `${opts.csv}.csv`), dfd.toCSV(df, { download: false }) as string);
  }
  if (inNotebook()) {
    require("tslab").display.html(htmlTable(rows, columns, opts.title));
  } else if (opts.title) {
    console.log(opts.title);
  }
  return df;
}
