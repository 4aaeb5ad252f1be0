"""Benchmark coursesite against the plain pipeline, on the same synthetic corpus, in the same run.

    .venv/bin/python scripts/bench.py [--scales 1 10] [--baseline-scales 1] [--skip-baseline]

For each scale it generates the corpus (scripts/make_corpus.py, cached under .bench/), then measures:
cold build, nothing-changed rebuild, one-transcript-changed rebuild, convert-only times (cold, nothing
changed, one transcript changed), CPU/wall of the cold convert (all cores used?), peak memory (largest
process), site bytes and search-index bytes. The baseline is what one would set up by hand: Material
for MkDocs with mkdocs-jupyter rendering the same notebooks, plus one Markdown page per transcript
written by a pysrt loop (one line per cue). It runs in its own virtual environment, created on first
use under .bench/baseline-venv with pinned versions. Prints a table, the ratios and PASS/FAIL per target.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.site_browser, for the search measurement
BENCH = ROOT / ".bench"
BASELINE_VENV = BENCH / "baseline-venv"
BASELINE_PINS = ["mkdocs==1.6.1", "mkdocs-material==9.8.2", "mkdocs-jupyter==0.26.3", "pysrt==1.1.2"]
COURSESITE = [sys.executable, "-m", "coursesite.cli"]

# Runs a command and reports its wall time, CPU time and the peak RSS of its largest process.
MEASURE = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
status = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
wall = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"status": status, "wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024}))
"""

PYSRT_TO_MARKDOWN = """
import pathlib, re, sys, pysrt
src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for path in sorted(src.rglob("*.srt")) + sorted(src.rglob("*.vtt")):
    target = out / path.relative_to(src).with_suffix(".md")
    target.parent.mkdir(parents=True, exist_ok=True)
    text = re.sub(r"(\\d\\d:\\d\\d:\\d\\d)\\.(\\d{3})", r"\\1,\\2", path.read_text("utf-8").replace("WEBVTT", "", 1))
    subs = pysrt.from_string(text)
    target.write_text("# " + path.stem + "\\n\\n" + "\\n\\n".join(s.text for s in subs) + "\\n", "utf-8")
"""

BASELINE_MKDOCS = """site_name: Baseline
theme:
  name: material
plugins:
  - search
  - mkdocs-jupyter
"""


def measure(command: list[str], cwd: Path | None = None) -> dict:
    # Earlier steps' writes and deletions (a reset removes 100 MB) are flushed first, not during the
    # measured command: on this machine's disk they made the same build 20-40 % slower.
    os.sync()
    output = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout
    result = json.loads(output)
    if result["status"] != 0:
        raise SystemExit(f"command failed ({result['status']}): {' '.join(command)}")
    return result


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def corpus(scale: int) -> Path:
    target = BENCH / f"corpus-{scale}"
    generator = ROOT / "scripts" / "make_corpus.py"
    version = hashlib.sha256(generator.read_bytes()).hexdigest()  # a changed generator makes a new corpus
    marker = target / ".complete"
    if not marker.exists() or marker.read_text() != version:
        shutil.rmtree(target, ignore_errors=True)
        print(f"generating the corpus at {scale}x …", flush=True)
        subprocess.run([sys.executable, str(generator), str(target), "--scale", str(scale)], check=True)
        marker.write_text(version)
    return target


def reset(root: Path) -> None:
    for name in ("site", "docs", ".coursesite-cache"):
        shutil.rmtree(root / name, ignore_errors=True)


def touch_one_transcript(root: Path) -> None:
    path = sorted((root / "transcripts").rglob("*.srt"))[0]
    text = path.read_text("utf-8")
    number = text.count("-->") + 1
    path.write_text(
        text + f"\n{number}\n01:00:00,000 --> 01:00:02,000\nAn added sentence number {time.time_ns()}.\n", "utf-8"
    )


def spoken_phrase(root: Path) -> tuple[str, list[str]]:
    """Five words from the third cue of one video, and what the address of that video's page holds."""
    path = sorted((root / "transcripts").rglob("*.srt"))[-1]
    cue = path.read_text("utf-8").split("\n\n")[2].splitlines()[2:]
    words = [word.strip(".?!,") for word in " ".join(cue).split()[1:6]]
    course = re.sub(r"^\d+[-_ ]*", "", path.parts[-3])
    video = re.sub(r"^\d+[-_ ]*", "", path.name.split(".")[0])
    return " ".join(words), [course, path.parts[-2], video]


def first_search(root: Path, site: Path) -> dict:
    """Issue 5's figure: a phrase spoken in one video, typed into the site's own search box on a loaded
    page (Chromium): milliseconds to the first result, bytes fetched for search, and whether that video
    is the first result."""
    from tests.site_browser import CHROMIUM, CHROMIUM_ARGS, serve_folder

    if not Path(CHROMIUM).exists():
        return {}
    from bench_search import first_query
    from playwright.sync_api import sync_playwright

    query, expected = spoken_phrase(root)
    with sync_playwright() as playwright, serve_folder(site) as base:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        result = first_query(browser, base, query)
        browser.close()
    return {
        "first search ms": result["ms"],
        "first search ms settled": result["ms_settled"],
        "first search bytes": result["kb_fetched"] * 1024,
        "first search lands": all(part in (result["first"] or "") for part in expected),
        "first search query": query,
    }


def bench_ours(scale: int) -> dict:
    root = corpus(scale)
    reset(root)
    figures = {}
    convert = [*COURSESITE, "convert", "--root", str(root), "-q"]
    build = [*COURSESITE, "build", "--root", str(root), "-q"]
    figures["convert cold"] = measure(convert)
    figures["convert unchanged"] = measure(convert)
    touch_one_transcript(root)
    figures["convert one changed"] = measure(convert)
    reset(root)
    figures["build cold"] = measure(build)
    figures["build unchanged"] = measure(build)
    touch_one_transcript(root)
    figures["build one changed"] = measure(build)
    figures["site bytes"] = folder_bytes(root / "site")
    # All of search/: Pagefind's chunks, of which a query loads a few (scripts/bench_search.py measures it).
    figures["search index bytes"] = folder_bytes(root / "site" / "search")
    pages = list((root / "site" / "courses").rglob("index.html"))
    figures["pages"] = len(pages)
    notebook_pages = sorted(p.stat().st_size for p in pages if "notebook-lab" in str(p))
    figures["median notebook page bytes"] = notebook_pages[len(notebook_pages) // 2] if notebook_pages else 0
    figures.update(first_search(root, root / "site"))
    return figures


def ensure_baseline_venv() -> Path:
    python = BASELINE_VENV / "bin" / "python"
    if not python.exists():
        print("creating the baseline environment (pinned: " + ", ".join(BASELINE_PINS) + ") …", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(BASELINE_VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", *BASELINE_PINS], check=True)
    return python


def bench_baseline(scale: int) -> dict:
    python = ensure_baseline_venv()
    source = corpus(scale)
    root = BENCH / f"baseline-{scale}"
    shutil.rmtree(root, ignore_errors=True)
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(BASELINE_MKDOCS, "utf-8")
    for notebook in sorted((source / "labs").rglob("*.ipynb")):
        target = root / "docs" / "labs" / notebook.relative_to(source / "labs")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(notebook, target)
    (root / "docs" / "index.md").write_text("# Baseline\n", "utf-8")
    mkdocs = [str(python), "-m", "mkdocs", "build", "-q"]
    convert = [str(python), "-c", PYSRT_TO_MARKDOWN, str(source / "transcripts"), str(root / "docs" / "transcripts")]
    figures = {"convert cold": measure(convert)}
    build = measure(mkdocs, cwd=root)
    figures["build cold"] = {
        **build,
        "wall": build["wall"] + figures["convert cold"]["wall"],
        "cpu": build["cpu"] + figures["convert cold"]["cpu"],
    }
    figures["build unchanged"] = measure(mkdocs, cwd=root)
    figures["site bytes"] = folder_bytes(root / "site")
    figures["search index bytes"] = (root / "site" / "search" / "search_index.json").stat().st_size
    notebook_pages = sorted(p.stat().st_size for p in (root / "site" / "labs").rglob("index.html"))
    figures["median notebook page bytes"] = notebook_pages[len(notebook_pages) // 2] if notebook_pages else 0
    figures.update(first_search(source, root / "site"))
    return figures


def seconds(figure: dict | None) -> str:
    return "–" if figure is None else f"{figure['wall']:.2f} s"


def kilobytes(value: int | None) -> str:
    return "–" if value is None else f"{value / 1000:.0f} KB"


def megabytes(value: int | None) -> str:
    return "–" if value is None else f"{value / 1_000_000:.1f} MB"


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        (
            int(line.split()[1]) // 1024 // 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    return f"{os.cpu_count()} cores ({cpu}), {memory} GiB RAM, Python {platform.python_version()}, {platform.system()}"


def report(results: dict[int, dict], baselines: dict[int, dict]) -> list[str]:
    lines = [f"Machine: {machine()}", ""]
    header = (
        "| figure | "
        + " | ".join(f"ours {s}x" for s in results)
        + " | "
        + " | ".join(f"baseline {s}x" for s in baselines)
        + " |"
    )
    lines += [header, "|" + "---|" * (1 + len(results) + len(baselines))]
    rows = [
        "build cold",
        "build unchanged",
        "build one changed",
        "convert cold",
        "convert unchanged",
        "convert one changed",
    ]
    for row in rows:
        cells = [seconds(results[s].get(row)) for s in results] + [seconds(baselines[s].get(row)) for s in baselines]
        lines.append(f"| {row} | " + " | ".join(cells) + " |")
    for row in ("site bytes", "search index bytes", "median notebook page bytes"):
        size = kilobytes if row.startswith("median") else megabytes
        cells = [size(results[s].get(row)) for s in results] + [size(baselines[s].get(row)) for s in baselines]
        lines.append(f"| {row} | " + " | ".join(cells) + " |")
    cells = [f"{results[s]['build cold']['rss_mb']:.0f} MB" for s in results] + [
        f"{baselines[s]['build cold']['rss_mb']:.0f} MB" for s in baselines
    ]
    lines.append("| peak memory (largest process, cold build) | " + " | ".join(cells) + " |")
    every = [*results.values(), *baselines.values()]
    if any("first search ms" in figures for figures in every):
        lines.append(
            "| first search: ms from the last key to the answer | "
            + " | ".join(
                f"{f['first search ms']} ms (settled {f['first search ms settled']} ms)"
                if "first search ms" in f
                else "–"
                for f in every
            )
            + " |"
        )
        lines.append(
            "| first search: bytes fetched | "
            + " | ".join(megabytes(f.get("first search bytes")) for f in every)
            + " |"
        )
        lines.append(
            "| first search: the video is the first result | "
            + " | ".join(
                ("yes" if f["first search lands"] else "no") if "first search lands" in f else "–" for f in every
            )
            + " |"
        )
    cells = [f"{results[s]['convert cold']['cpu'] / results[s]['convert cold']['wall']:.2f}" for s in results]
    lines.append("| CPU time / wall time, cold convert | " + " | ".join(cells) + " |" + " – |" * len(baselines))
    lines += ["", "Targets:"]

    def target(name: str, ok: bool, detail: str) -> None:
        lines.append(f"- {'PASS' if ok else 'FAIL'}: {name} ({detail})")

    if 1 in results and 1 in baselines:
        ratio = baselines[1]["build cold"]["wall"] / results[1]["build cold"]["wall"]
        target("cold full build at least 4x faster than the baseline", ratio >= 4, f"{ratio:.1f}x")
        ratio = baselines[1]["site bytes"] / results[1]["site bytes"]
        target("site bytes at most 1/10 of the baseline", ratio >= 10, f"1/{ratio:.1f}")
        ratio = baselines[1]["build unchanged"]["wall"] / results[1]["build unchanged"]["wall"]
        lines.append(f"- info: nothing-changed build {ratio:.1f}x faster than the baseline's")
    if 1 in results:
        one = results[1]
        target(
            "nothing-changed convert at most 0.5 s at full scale",
            one["convert unchanged"]["wall"] <= 0.5,
            seconds(one["convert unchanged"]),
        )
        target(
            "convert after one transcript changed at most 0.5 s",
            one["convert one changed"]["wall"] <= 0.5,
            seconds(one["convert one changed"]),
        )
        usage = one["convert cold"]["cpu"] / one["convert cold"]["wall"]
        target(
            "conversion uses all cores (CPU/wall > 1.5 on 2 cores)",
            usage > 1.5 or (os.cpu_count() or 1) < 2,
            f"{usage:.2f}",
        )
        target(
            "median notebook page at most 60 KB of HTML",
            one["median notebook page bytes"] <= 60_000,
            f"{one['median notebook page bytes'] / 1000:.0f} KB",
        )
    if 1 in results and 10 in results:
        time_ratio = results[10]["build cold"]["wall"] / results[1]["build cold"]["wall"]
        byte_ratio = results[10]["site bytes"] / results[1]["site bytes"]
        target("10x costs at most 11x in time", time_ratio <= 11, f"{time_ratio:.1f}x")
        target("10x costs at most 11x in site bytes", byte_ratio <= 11, f"{byte_ratio:.1f}x")
        if "first search ms" in results[10]:
            ten = results[10]
            target(
                "first search at 10x within 150 ms, at most 1 MB, lands on the video",
                ten["first search ms"] <= 150 and ten["first search bytes"] <= 1 << 20 and ten["first search lands"],
                f"{ten['first search ms']} ms, {megabytes(ten['first search bytes'])}, "
                f'{"right" if ten["first search lands"] else "wrong"} video first: "{ten["first search query"]}"',
            )
        target(
            "peak memory at most 500 MB at 10x",
            results[10]["build cold"]["rss_mb"] <= 500,
            f"{results[10]['build cold']['rss_mb']:.0f} MB",
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10], choices=(1, 10))
    parser.add_argument(
        "--baseline-scales",
        type=int,
        nargs="*",
        default=[1],
        choices=(1, 10),
        help="the baseline at 10x takes many minutes (default: 1x only)",
    )
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    args = parser.parse_args()
    results = {}
    for scale in args.scales:
        print(f"measuring coursesite at {scale}x …", flush=True)
        results[scale] = bench_ours(scale)
    baselines = {}
    for scale in [] if args.skip_baseline else args.baseline_scales:
        print(f"measuring the baseline at {scale}x …", flush=True)
        baselines[scale] = bench_baseline(scale)
    print("\n".join(report(results, baselines)))
    if args.json:
        args.json.write_text(json.dumps({"ours": results, "baseline": baselines}, indent=1), "utf-8")


if __name__ == "__main__":
    main()
