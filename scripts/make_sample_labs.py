"""Write and run the notebooks of the bundled sample labs, so their pages show real outputs.

The plain lab files (READMEs, .py, .sql, .yaml, .tf, .csv) are kept in labs/ as they are; only the
notebooks are generated, from the cells in scripts/sample_labs_notebooks.py.

    python scripts/make_sample_labs.py [ROOT]

Running the notebooks needs a Python with nbclient, ipykernel, pandas and matplotlib, kept apart from
the project's .venv, for example:

    python3 -m venv /tmp/labenv && /tmp/labenv/bin/pip install nbclient ipykernel pandas matplotlib
    /tmp/labenv/bin/python scripts/make_sample_labs.py

Outputs are deterministic (fixed seeds, no clock, no timing metadata), so running it again gives the
same notebooks. The labs are original sample content written for coursesite.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sample_labs_notebooks import NOTEBOOKS, SETUP_PLOTS


def notebook(cells: list[tuple[str, str]]) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }
    for number, (kind, text) in enumerate(cells, 1):
        text = text.replace("SETUP_PLOTS", SETUP_PLOTS)
        cell = nbformat.v4.new_markdown_cell(text) if kind == "md" else nbformat.v4.new_code_cell(text)
        cell.id = f"cell-{number}"
        nb.cells.append(cell)
    return nb


def run(nb: nbformat.NotebookNode, folder: Path) -> None:
    NotebookClient(
        nb, timeout=120, kernel_name="python3", record_timing=False, resources={"metadata": {"path": str(folder)}}
    ).execute()
    nb.metadata.pop("widgets", None)
    nb.metadata["language_info"] = {"name": "python"}  # no interpreter version: the same on every machine
    for cell in nb.cells:
        cell.metadata.pop("execution", None)


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent
    labs = root / "labs"
    for name, cells in NOTEBOOKS.items():
        path = labs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        nb = notebook(cells)
        run(nb, path.parent)
        nbformat.write(nb, str(path))
        print("ran", name)
    print(f"wrote and ran {len(NOTEBOOKS)} notebooks in {labs}")


if __name__ == "__main__":
    main()
