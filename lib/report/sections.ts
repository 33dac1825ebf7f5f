/**
 * The paper's sections as the report groups them: each group has the notebook that discusses it, and claims,
 * figures and result files are sorted into groups by their paper section, figure number or result id.
 */

export interface SectionGroup { id: string; title: string; notebook: string }

export const SECTION_GROUPS: readonly SectionGroup[] = [
  { id: "front", title: "Abstract, introduction, discussion", notebook: "00-claims" },
  { id: "2.1", title: "2.1 Datasets", notebook: "01-datasets" },
  { id: "2.2", title: "2.2 HQNN-Parallel", notebook: "02-hqnn-parallel" },
  { id: "2.3", title: "2.3 HQNN-Quanv", notebook: "03-hqnn-quanv" },
  { id: "A.1", title: "A.1 ZX-calculus reduction", notebook: "04-zx-reduction" },
  { id: "A.2", title: "A.2 Fourier expressivity", notebook: "05-fourier-expressivity" },
];

const FRONT = SECTION_GROUPS[0];

export function groupById(id: string): SectionGroup {
  return SECTION_GROUPS.find((g) => g.id === id) ?? FRONT;
}

/** The group of the paper's Figure n (Figures 1-3 in 2.1, 4-6 in 2.2, 7-8 in 2.3, 9 in A.1, 10 in A.2). */
function groupOfFigureNumber(n: number): SectionGroup | undefined {
  const id = n <= 3 ? "2.1" : n <= 6 ? "2.2" : n <= 8 ? "2.3" : n === 9 ? "A.1" : n === 10 ? "A.2" : undefined;
  return id ? groupById(id) : undefined;
}

/**
 * The group of a claim's paper location ("2.2.4 Training and results", "Figure 6 caption", "Table 1",
 * "A.1 ZX-calculus reduction"); the abstract, introduction, discussion and anything unknown go to the front group.
 */
export function groupOfPaperSection(section: string): SectionGroup {
  const numbered = /^(2\.[123]|A\.[12])\b/.exec(section);
  if (numbered) return groupById(numbered[1]);
  const figure = /^Figure (\d+)/.exec(section);
  if (figure) return groupOfFigureNumber(Number(figure[1])) ?? FRONT;
  if (/^Table 1\b/.test(section)) return groupById("2.2");
  return FRONT;
}

/** The group of a file under figures/ by its name (fig<n>..., seeds-*, table-*), undefined when unknown. */
export function groupOfFigureFile(name: string): SectionGroup | undefined {
  const figure = /^fig(\d+)/.exec(name);
  if (figure) return groupOfFigureNumber(Number(figure[1]));
  if (/^(seeds-|table1-|table-param-counts)/.test(name)) return groupById("2.2");
  if (/^table-(counts|datasets)/.test(name)) return groupById("2.1");
  return undefined;
}

/** The group of a result file by its id (results/<id>.json), undefined when unknown. */
export function groupOfResult(id: string): SectionGroup | undefined {
  if (id === "datasets") return groupById("2.1");
  if (/^(hqnn-parallel-|cnn-|seeds|param-counts|bench-training)/.test(id)) return groupById("2.2");
  if (/^(quanv-|gradient-scaling)/.test(id)) return groupById("2.3");
  if (id.startsWith("zx-")) return groupById("A.1");
  if (id === "fourier") return groupById("A.2");
  return undefined;
}
