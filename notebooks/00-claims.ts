// %% [markdown]
// # 00 · Claims audit
//
// Every numeric or checkable claim of Senokosov et al. 2024, with a verdict **computed** from the result files
// in `results/` or from computations over the paper's own numbers. The registry (where each claim stands in the
// paper, how it is checked, the tolerance) is `lib/claims/registry.ts`; `make claims` writes the same table,
// with the details of every computation, to [CLAIMS.md](../CLAIMS.md). Nothing here trains a model: the verdicts
// change when a result file changes.

// %%
import { getProfile } from "./lib/results";
console.log("profile:", getProfile());

// %%
import * as path from "path";
import * as tslab from "tslab";
import { REPO_ROOT, RESULTS_DIR } from "./lib/results";
import { evaluateClaims, renderSummary, renderTable, renderTolerances, renderVerdictMeanings } from "./lib/claims";

const evaluated = evaluateClaims(RESULTS_DIR);
console.log("results read from:", path.relative(REPO_ROOT, RESULTS_DIR) || ".");
tslab.display.markdown(renderSummary(evaluated) + "\n\n" + renderVerdictMeanings());

// %% [markdown]
// ## Tolerances
//
// Chosen before looking at our results; each claim's entry names the one it uses.

// %%
tslab.display.markdown(renderTolerances());

// %% [markdown]
// ## Claims
//
// Accuracies in percent. *Ours* is the final epoch of a run; italic labels flag partial runs and lossy dataset
// copies. Each claim links to its details (quote, check, computations) in CLAIMS.md.

// %%
const notebooksDir = path.join(REPO_ROOT, "notebooks");
tslab.display.markdown(renderTable(evaluated, { linkBase: notebooksDir, detailsFile: path.join(REPO_ROOT, "CLAIMS.md") }));
