/**
 * Blocks of a text file (the README) that code writes between two marker lines, so that no number in them is
 * typed by hand: the findings paragraph (lib/claims/findings.ts) and the benchmark tables (experiments/*-table.ts).
 */
export interface BlockMarkers { start: string; end: string }

/** `text` with the block between `markers` replaced by `block` (the markers stay); an error when they are missing. */
export function withGeneratedBlock(text: string, markers: BlockMarkers, block: string): string {
  const a = text.indexOf(markers.start), b = text.indexOf(markers.end);
  if (a < 0 || b < a) throw new Error(`README.md lacks the markers ${markers.start} ... ${markers.end}`);
  return `${text.slice(0, a + markers.start.length)}\n${block}\n${text.slice(b)}`;
}
