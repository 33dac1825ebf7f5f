/**
 * Writes the README's benchmark tables from the recorded results (no number typed by hand): the training-speed
 * table and the study-scheduling table (experiments/bench-training-table.ts, from results/bench-training.json and
 * results/bench-schedule.json) and the ZX T-count table
 * (experiments/bench-zx-table.ts, from results/bench-zx.json), each between its markers. `make claims` runs it.
 *
 *   node --import tsx scripts/bench-tables.ts
 *
 * Prints {"written", "training_recorded", "zx_recorded"} on stdout.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { withGeneratedBlock } from "../lib/io/generated-block";
import { atomicWriteFile, REPO_ROOT } from "../lib/results";
import { recordedScheduleBench, recordedTrainingBench, renderScheduleTable, renderTrainingTable, SCHEDULE_TABLE, TRAINING_TABLE } from "../experiments/bench-training-table";
import { recordedZxBench, renderZxTable, ZX_TABLE } from "../experiments/bench-zx-table";

const readme = path.join(REPO_ROOT, "README.md");
const training = recordedTrainingBench(), zx = recordedZxBench();
let text = fs.readFileSync(readme, "utf8");
text = withGeneratedBlock(text, TRAINING_TABLE, renderTrainingTable(training));
text = withGeneratedBlock(text, SCHEDULE_TABLE, renderScheduleTable(recordedScheduleBench()));
text = withGeneratedBlock(text, ZX_TABLE, renderZxTable(zx));
atomicWriteFile(readme, text);
process.stdout.write(JSON.stringify({ written: path.relative(REPO_ROOT, readme), training_recorded: Boolean(training?.cases), zx_recorded: zx !== undefined }) + "\n");
