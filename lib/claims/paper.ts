/** The paper's numbers as the claims registry holds them, for code that shows or uses one (never typed elsewhere). */
import { DatasetName } from "../data/types";
import { CLAIMS } from "./registry";

/** The single number a claim expects (its `approx`, `equals` or `contains`), i.e. the paper's value as printed. */
export function paperNumber(id: string): number {
  const claim = CLAIMS.find((c) => c.id === id);
  const expect = claim?.check.kind === "measure" ? claim.check.expect : undefined;
  const value = expect && ("approx" in expect ? expect.approx : "equals" in expect ? expect.equals : "contains" in expect ? expect.contains : undefined);
  if (typeof value !== "number") throw new Error(`claims registry: ${id} does not hold a single paper number`);
  return value;
}

/** A Table 1 cell as the paper printed it. */
export function paperTable1Value(dataset: DatasetName, model: "cnn" | "hqnn", quantity: "train-loss" | "test-loss" | "test-acc" | "params"): number {
  return paperNumber(`table1-${dataset}-${model}-${quantity}`);
}
