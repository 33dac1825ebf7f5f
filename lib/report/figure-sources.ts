/**
 * Which recorded runs each figure shows, as a caption line: for every result file behind it, the seeds, the
 * profile, the epochs, the data (and whether it is a lossy copy) and the commit, read from the file itself.
 */
import { readResult, ResultId } from "../results";

/** Result files behind each figure (by name prefix); a string instead says what the figure is drawn from. */
const SOURCES: [RegExp, ResultId[] | string][] = [
  [/^fig(1[a-z]|[23]-)/, "the dataset files themselves (data/manifests, lib/data), no run"],
  [/^fig4|^fig7/, "the model definitions (lib/nn), no run"],
  [/^fig5a/, ["hqnn-parallel-mnist"]], [/^fig5b/, ["cnn-mnist"]], [/^fig5c/, ["hqnn-parallel-mnist", "cnn-mnist", "seeds-summary"]],
  [/^fig6a|^fig6b|^fig6-medmnist/, ["hqnn-parallel-medmnist", "cnn-medmnist"]],
  [/^fig6c|^fig6d|^fig6-cifar10/, ["hqnn-parallel-cifar10", "cnn-cifar10"]],
  [/^fig8d/, ["quanv-hqnn", "quanv-cnn1", "quanv-cnn4", "quanv-stride2-hqnn", "quanv-lr1e-2-hqnn"]],
  [/^fig8e/, ["quanv-subsets"]], [/^fig8/, ["quanv-hqnn", "quanv-cnn1", "quanv-cnn4"]],
  [/^cifar10-(recipe|jpeg)/, ["cifar-recipe-summary"]],
  [/^fig9/, ["zx-reduction"]], [/^fig10/, ["fourier"]], [/^seeds-/, ["seeds-summary"]],
];

/** The fields this caption reads, which every result format has or lacks in these shapes. */
interface Recorded {
  status?: string;
  seeds?: number[];
  epochs?: unknown[];
  dataset?: { name?: string; source?: { id?: string; lossy?: boolean } };
  models?: Record<string, { seeds: number[] }>;
  code_versions?: string[];
  provenance?: { seeds?: number[]; profile?: string; git_commit?: string };
}

function describeRun(id: ResultId, r: Recorded): string {
  const p = r.provenance ?? {};
  const seeds = r.models ? `${Object.keys(r.models).length} models × ${Math.max(...Object.values(r.models).map((m) => m.seeds.length))} seeds`
    : `seed${(r.seeds ?? p.seeds ?? []).length === 1 ? "" : "s"} ${(r.seeds ?? p.seeds ?? []).join(", ") || "none"}`;
  const data = r.dataset?.name ? `, ${r.dataset.name}${r.dataset.source?.lossy ? " (lossy JPEG copy)" : ""}` : "";
  const epochs = Array.isArray(r.epochs) ? `, ${r.epochs.length} epochs` : "";
  const commits = r.code_versions?.length ? `, commits ${r.code_versions.map((c) => c.slice(0, 7)).join(", ")}` : p.git_commit ? `, commit ${p.git_commit.slice(0, 7)}` : "";
  return `${id}: ${seeds}, profile ${p.profile ?? "?"}${epochs}${data}${commits}`;
}

/** "Shows: ..." for a figure, or undefined when the figure is not in the table. */
export function figureSources(name: string, resultsDir?: string): string | undefined {
  const entry = SOURCES.find(([pattern]) => pattern.test(name));
  if (!entry) return undefined;
  const [, sources] = entry;
  if (typeof sources === "string") return `Drawn from ${sources}.`;
  const runs = sources.flatMap((id) => {
    const r = readResult(id, resultsDir) as Recorded | undefined;
    return r ? [describeRun(id, r)] : [`${id}: not recorded`];
  });
  return `Shows: ${runs.join("; ")}.`;
}
