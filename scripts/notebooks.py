#!/usr/bin/python3
"""Build and execute the TypeScript notebooks, headless, top to bottom.

Each notebook's source is `notebooks/<name>.ts` in the "percent" format (cells start with `// %%`,
markdown cells with `// %% [markdown]` and lines prefixed by `// `), beside the `notebooks/<name>.ipynb` this
script turns it into (jupytext's pairing: formats "ipynb,ts:percent"). It executes the notebook with the
project's tslab kernel, which runs at the repository root whoever starts it (its kernelspec, written by
scripts/setup.sh, says so: tslab type-checks and compiles every imported .ts file under its working directory
and refuses files outside it), so a notebook imports `./lib/...`; `tsc` resolves the same imports from
`notebooks/` through the "rootDirs" of tsconfig.json, which puts `notebooks/` and the root in one virtual folder.
It always saves the executed notebook. On a failing cell it prints the cell and its error (tslab writes
tracebacks to the kernel's stderr, which is captured here) and exits 1.

usage: notebooks.py [--out DIR] [NAME_OR_PATH ...]   (default: every notebooks/NN-*.ts, into notebooks/)
"""
import os
import re
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "notebooks"
CELL = re.compile(r"^// %%(?: \[(markdown)\])?[ \t]*$", re.M)
TIMEOUT_S = int(os.environ.get("HQNN_CELL_TIMEOUT", "3600"))


def parse(text):
    """Splits a percent-format source into nbformat cells."""
    cells = []
    marks = list(CELL.finditer(text))
    for i, m in enumerate(marks):
        body = text[m.end():marks[i + 1].start() if i + 1 < len(marks) else len(text)].strip("\n")
        if m.group(1) == "markdown":
            lines = [re.sub(r"^// ?", "", line) for line in body.splitlines()]
            cells.append(nbformat.v4.new_markdown_cell("\n".join(lines)))
        elif body.strip():
            cells.append(nbformat.v4.new_code_cell(body))
    for index, cell in enumerate(cells):
        cell.id = f"cell-{index:02d}"  # by position, so re-executing a notebook does not rewrite every cell's id
    return cells


def build(src):
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"name": "hqnn-ts", "display_name": "TypeScript (hqnn-ts)", "language": "typescript"},
        "language_info": {"name": "typescript", "file_extension": ".ts"},
        "jupytext": {"formats": "ipynb,ts:percent"},
    }
    nb.cells = parse(src.read_text())
    return nb


def display(path):
    return os.path.relpath(path, ROOT)


def cell_error_text(cell):
    """What a failed cell printed: tslab reports errors as stderr stream output, others as error output."""
    parts = []
    for o in cell.get("outputs", []):
        if o.get("output_type") == "stream" and o.get("name") == "stderr":
            parts.append(o.get("text", ""))
        elif o.get("output_type") == "error":
            parts.append(f"{o.get('ename')}: {o.get('evalue')}")
    return "".join(parts).strip()


def without_machine_paths(cell):
    """Stream outputs name files relative to the repository, not by this machine's absolute path."""
    for o in cell.get("outputs", []):
        if o.get("output_type") == "stream":
            o["text"] = o.get("text", "").replace(str(ROOT) + os.sep, "")


def execute(nb, cwd):
    """Executes cells in order in a kernel started from `cwd` (as Jupyter starts it from the notebook's folder; the
    kernelspec then moves to the repository root), numbering them as Jupyter does; returns the index of the failing
    cell, or None."""
    client = NotebookClient(nb, kernel_name="hqnn-ts", timeout=TIMEOUT_S, record_timing=False,
                            resources={"metadata": {"path": str(cwd)}})
    count = 0
    with client.setup_kernel(cwd=str(cwd)):
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            count += 1
            try:
                client.execute_cell(cell, index)
            except CellExecutionError:
                return index
            finally:
                cell.execution_count = count  # tslab replies without execution counts
                without_machine_paths(cell)
    return None


def run(src, out_dir):
    out = out_dir / (src.stem + ".ipynb")
    nb = build(src)
    print(f"running {display(out)} (PROFILE={os.environ.get('PROFILE', 'quick')})", file=sys.stderr)
    failed_at = execute(nb, src.resolve().parent)
    tmp = out.with_suffix(".ipynb.tmp")
    nbformat.write(nb, str(tmp))
    tmp.replace(out)
    if failed_at is None:
        print(f"ok: {display(out)}", file=sys.stderr)
        return True
    cell = nb.cells[failed_at]
    print(f"\nFAILED: {display(out)}, cell {failed_at}\n--- cell source ---\n{cell.source}"
          f"\n--- error ---\n{cell_error_text(cell)[-5000:]}\n", file=sys.stderr)
    return False


def main(args):
    os.environ["JUPYTER_PATH"] = str(ROOT / ".jupyter" / "share" / "jupyter")
    out_dir = ROOT / "notebooks"
    if args[:1] == ["--out"]:
        out_dir, args = Path(args[1]).resolve(), args[2:]
        out_dir.mkdir(parents=True, exist_ok=True)
    sources = []
    for a in args or sorted(str(p) for p in SRC.glob("[0-9][0-9]-*.ts")):
        p = Path(a)
        if not p.exists():
            p = SRC / (Path(a).stem + ".ts")
        if not p.exists():
            sys.exit(f"notebook source not found: {a}")
        sources.append(p)
    failed = [s.name for s in sources if not run(s, out_dir)]
    if failed:
        sys.exit(f"{len(failed)} notebook(s) failed: {', '.join(failed)}")


if __name__ == "__main__":
    main(sys.argv[1:])
