// Preloaded into the notebook kernel (see scripts/setup.sh). tslab type-checks each cell with a TypeScript
// watch program whose debounce timer it allows only one of; when any file it watches changes while a cell
// runs (a dataset cache being written, a figure saved, an edit to lib/), TypeScript schedules a second timer
// and the next cell fails with "Unexpected pending rebuildTimer". The notebooks never need live re-checking
// of files on disk (restart the kernel after editing lib/), so the watchers are switched off.
const ts = require("@tslab/typescript-for-tslab");
const noWatcher = () => ({ close() {} });
ts.sys.watchFile = noWatcher;
ts.sys.watchDirectory = noWatcher;
