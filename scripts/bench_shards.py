"""A sharded build measured: each shard built cold, one after another, then the merge; what a CI matrix
with one runner per shard would take (the slowest shard, then the merge) against the shards in a row.

    .venv/bin/python scripts/bench_shards.py ROOT [--shards 4] [--keep]

ROOT is a project folder (a corpus made by ``scripts/make_corpus.py --scale 100``, say); its earlier
output (``site-shards/``, ``site/``, ``docs/``, ``.coursesite-cache/``) is removed first, so every shard
starts cold. Each shard runs alone, with every core of this machine, as a runner of its own would. Prints
one line per shard (its courses, time, CPU time, peak memory, bytes), the merge, and the totals.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import COURSESITE, folder_bytes, machine, measure


def reset(root: Path) -> None:
    for name in ("site", "site-shards", "docs", ".coursesite-cache"):
        shutil.rmtree(root / name, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--shards", type=int, default=4)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--keep", action="store_true", help="keep the shards and the merged site")
    args = parser.parse_args()
    root, count = args.root.resolve(), args.shards
    reset(root)
    print(machine(), flush=True)
    shards = []
    for number in range(1, count + 1):
        command = [*COURSESITE, "build", "--root", str(root), "-q", "--shard", f"{number}/{count}"]
        figures = measure(command, step=f"shard {number}/{count}")
        folder = root / "site-shards" / f"{number}-of-{count}"
        manifest = json.loads((folder / "coursesite-shard.json").read_text("utf-8"))
        figures.update(courses=len(manifest.get("courses", [])), bytes=folder_bytes(folder))
        shards.append(figures)
    folders = [str(root / "site-shards" / f"{number}-of-{count}") for number in range(1, count + 1)]
    merge = measure(
        [*COURSESITE, "merge", "--root", str(root), "-q", "--site-dir", str(root / "site"), *folders], step="merge"
    )
    merge["bytes"] = folder_bytes(root / "site")
    slowest = max(shard["wall"] for shard in shards)
    in_a_row = sum(shard["wall"] for shard in shards)
    print()
    print("| part | courses | wall | CPU | peak memory | bytes |")
    print("|---|--:|--:|--:|--:|--:|")
    for number, shard in enumerate(shards, 1):
        print(
            f"| shard {number}/{count} | {shard['courses']} | {shard['wall']:.1f} s | {shard['cpu']:.1f} s "
            f"| {shard['rss_mb']:.0f} MB | {shard['bytes'] / 1e6:.0f} MB |"
        )
    print(
        f"| merge | | {merge['wall']:.1f} s | {merge['cpu']:.1f} s | {merge['rss_mb']:.0f} MB "
        f"| {merge['bytes'] / 1e6:.0f} MB |"
    )
    print()
    print(f"matrix (slowest shard + merge): {slowest + merge['wall']:.1f} s")
    print(f"the shards in a row + merge, on this machine: {in_a_row + merge['wall']:.1f} s")
    if args.json:
        args.json.write_text(json.dumps({"shards": shards, "merge": merge}, indent=1), "utf-8")
    if not args.keep:
        reset(root)


if __name__ == "__main__":
    main()
