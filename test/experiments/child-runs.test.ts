/** experiments/child-runs.ts: the study's ETA from finished runs, running runs and the queue, slot by slot. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { studyEta } from "../../experiments/child-runs";

test("studyEta: running runs end a mean duration after they started, queued runs take the slot that frees first", () => {
  // One slot just freed, the other's run has 90 s to go: the first queued run ends at 100, the second at 90 + 100.
  assert.equal(studyEta([100], [10], 2, 2), 190);
  // Two runs finished together with nothing running: the next two go side by side, not one after the other.
  assert.equal(studyEta([100, 100], [], 2, 2), 100);
  // A run that has already run longer than the mean is taken to end now.
  assert.equal(studyEta([60], [300], 1, 2), 60);
  // One slot: strictly one after another; nothing left: 0.
  assert.equal(studyEta([50, 70], [], 3, 1), 180);
  assert.equal(studyEta([50], [], 0, 2), 0);
});
