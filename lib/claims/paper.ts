/** The paper's numbers as the claims registry holds them, for code that shows or uses one (never typed elsewhere). */
import { DatasetName } from "../data/types";
import { CLAIMS } from "./registry";

/** The number a Table 1 claim expects (its `approx`, `equals` or `contains`), i.e. the cell as the paper printed it. */
export function paperTable1Value(dataset: DatasetName, model: "cnn" | "hqnn", quantity: "train-loss" | "test-loss" | "test-acc" | "params"): number {
  const id = `table1-${dataset}-${model}-${quantity}`;
  const claim = CLAIMS.find((c) => c.id === id);
  const expect = claim?.check.kind === "measure" ? claim.check.expect : undefined;
  const value = expect && ("approx" in expect ? expect.approx : "equals" in expect ? expect.equals : "contains" in expect ? expect.contains : undefined);
  if (typeof value !== "number") throw new Error(`claims registry: ${id} does not hold a single Table 1 number`);
  return value;
}
