"""Site bytes on real notebooks: coursesite against Material + mkdocs-jupyter, on the notebooks both build.

    .venv/bin/python scripts/bench_notebook_bytes.py [FOLDER]

FOLDER defaults to ``../shared/corpus/notebooks`` next to the repository (notebooks written by others,
read where they are, never copied into the project). ``scripts/bench.py`` measures site bytes on the
synthetic corpus, whose notebooks were made image-heavy on purpose (three 45 KB plots each); this
measures the same ratio on notebooks people wrote.

The baseline is ``scripts/bench.py``'s (its pinned environment under ``.bench/baseline-venv``). One
notebook it cannot build stops its whole build, so both sites are built from the notebooks it can
build (``bench.notebooks_the_baseline_builds``: each built alone once, the answers remembered).
Prints the bytes of each site by kind (pages, images, notebook downloads, theme assets, search index)
and the ratio.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import (
    BENCH,
    COURSESITE,
    REAL_NOTEBOOKS,
    baseline_builds,
    baseline_project,
    notebooks_the_baseline_builds,
)

WORK = BENCH / "notebook-bytes"
IMAGES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}


def ours_project(root: Path, notebooks: list[Path]) -> Path:
    shutil.rmtree(root, ignore_errors=True)
    week = root / "labs" / "01-notebooks" / "week-1"
    week.mkdir(parents=True)
    for notebook in notebooks:
        shutil.copyfile(notebook, week / notebook.name)
    return root


def kind(path: Path, site: Path) -> str:
    top = path.relative_to(site).parts[0]
    if top == "search" or path.name == "search_index.json":
        return "search index"
    if top == "assets":
        return "theme assets"
    if path.suffix == ".html":
        return "pages"
    if path.suffix.lower() in IMAGES:
        return "images"
    if path.suffix == ".ipynb":
        return "notebook downloads"
    return "other"


def bytes_by_kind(site: Path) -> Counter:
    sizes: Counter = Counter()
    for path in site.rglob("*"):
        if path.is_file():
            sizes[kind(path, site)] += path.stat().st_size
    return sizes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=REAL_NOTEBOOKS)
    args = parser.parse_args()
    notebooks = sorted(args.folder.glob("*.ipynb"))
    if not notebooks:
        print(f"no notebooks in {args.folder}")
        return 1
    buildable = notebooks_the_baseline_builds(notebooks)
    baseline_root = baseline_project(WORK / "baseline", {notebook.name: notebook for notebook in buildable})
    if not baseline_builds(baseline_root):
        print("the baseline failed on the notebooks it built one by one")
        return 1
    ours_root = ours_project(WORK / "ours", buildable)
    subprocess.run([*COURSESITE, "build", "--root", str(ours_root), "-q"], check=True)
    theirs, ours = bytes_by_kind(baseline_root / "site"), bytes_by_kind(ours_root / "site")
    print(f"\n{len(buildable)} notebooks ({sum(nb.stat().st_size for nb in buildable) / 1e6:.1f} MB of .ipynb)\n")
    print("| bytes | coursesite | baseline |")
    print("|---|---|---|")
    for name in ("pages", "images", "notebook downloads", "theme assets", "search index", "other"):
        print(f"| {name} | {ours[name] / 1e6:.2f} MB | {theirs[name] / 1e6:.2f} MB |")
    total_ours, total_theirs = sum(ours.values()), sum(theirs.values())
    print(f"| **site** | **{total_ours / 1e6:.2f} MB** | **{total_theirs / 1e6:.2f} MB** |")
    without = total_ours - ours["notebook downloads"]
    print(f"\nsite bytes: 1/{total_theirs / total_ours:.1f} of the baseline's")
    print(f"without the .ipynb downloads (the baseline offers none): 1/{total_theirs / without:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
