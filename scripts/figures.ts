/** `make figures`: regenerate every covered figure from data and results/ (no training). */
import { buildAllFigures } from "../lib/figures";
import { closeRenderer } from "../lib/plot";

(async () => {
  const { written, skipped } = await buildAllFigures();
  await closeRenderer();
  process.stdout.write(JSON.stringify({ written: written.length, figures: written, skipped }) + "\n");
  if (written.length === 0) process.exit(1);
})().catch(async (e) => {
  await closeRenderer();
  process.stderr.write(`error: ${e.message}\n`);
  process.exit(1);
});
