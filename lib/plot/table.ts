/**
 * Tables: rows of plain objects, shown in the notebook as HTML and saved as RFC 4180 CSV under figures/.
 */
import * as path from "node:path";
import { atomicWriteFile } from "../results";
import { FIGURES_DIR, inNotebook } from "./index";

type Cell = string | number | boolean | null | undefined;
type Row = Record<string, Cell>;

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function htmlTable(rows: Row[], columns: string[], title?: string): string {
  const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
  const body = rows.map((r) => `<tr>${columns.map((c) => `<td>${escapeHtml(String(r[c] ?? ""))}</td>`).join("")}</tr>`).join("");
  return `${title ? `<p><b>${escapeHtml(title)}</b></p>` : ""}<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** One CSV field: empty for a missing value, numbers as `String` prints them; quoted (embedded quotes doubled) when it holds a comma, quote, CR or LF. */
function csvField(value: Cell): string {
  const text = value == null ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record; a lone empty field is written `""` so that the line is not read as a blank line. */
function csvRecord(cells: Cell[]): string {
  const fields = cells.map(csvField);
  return fields.length === 1 && fields[0] === "" ? '""' : fields.join(",");
}

/** A table as CSV text: the header record, then one record per row, every record ended by LF. */
export function csvText(rows: Row[], columns: string[]): string {
  return [columns, ...rows.map((r) => columns.map((c) => r[c]))].map((cells) => csvRecord(cells) + "\n").join("");
}

/** Shows a table (and writes figures/<csv>.csv when a name is given). */
export function showTable(rows: Row[], opts: { title?: string; csv?: string } = {}): void {
  const columns = rows.length ? Object.keys(rows[0]) : [];
  if (opts.csv) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(opts.csv)) throw new Error(`invalid table name ${JSON.stringify(opts.csv)}`);
    atomicWriteFile(path.join(FIGURES_DIR, `${opts.csv}.csv`), csvText(rows, columns));
  }
  if (inNotebook()) {
    require("tslab").display.html(htmlTable(rows, columns, opts.title));
  } else if (opts.title) {
    console.log(opts.title);
  }
}
