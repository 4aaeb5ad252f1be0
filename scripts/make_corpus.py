"""Generate a deterministic synthetic course for benchmarks.

    .venv/bin/python scripts/make_corpus.py OUT [--scale N] [--jobs J]

Scale 1 is the full specialization: 4 courses, 15 weeks (4, 4, 3, 4), 240 transcripts of about six
minutes, 60 notebooks of about 50 cells with HTML tables, PNG plots and printed output, and 60 other
lab files (.py, .sql, .yaml, .tf). Scale N repeats the course set N times under other numbers (10: 40
courses; 100: 400 courses, 24,000 transcripts, 12,000 lab items, 1.4 GB, written in about a
minute on two cores). Each copy of the course set has its own seeded random generator, so copies can
be written by several processes (``--jobs``) and the same arguments always give byte-identical files
(no clock); copy K is the same at every scale.
The text is synthetic, not meaningful prose: half of it from 85 common words, half from a Zipf-distributed
tail of 20,000 made-up words, so a phrase from one video matches few pages, as in real speech.
"""

from __future__ import annotations

import argparse
import base64
import itertools
import json
import multiprocessing
import os
import random
import struct
import zlib
from pathlib import Path

WEEKS = [4, 4, 3, 4]
WORDS = (
    "data pipeline table query stream batch storage schema warehouse lake event source sink model join "
    "index partition column row file object format cluster engine latency throughput window watermark "
    "owner contract quality test check freshness lineage catalog metric dashboard feature label replica "
    "transaction snapshot change capture ingest transform serve load extract orchestrate task graph retry "
    "the a of to and in is that we it for on with as this you be are can when each every our your"
).split()


# Real speech is half common words and half a long tail of rarer ones, whose frequencies fall off as
# 1/rank (Zipf). Without the tail every query matches nearly every page, which tells nothing about
# search. The tail is 20,000 made-up words of two or three syllables, the same in every run.
SYLLABLES = "ka lo mi ser tan vel dor pen ri qua zen bor lin mar tos fe gul ny ox ra sun dal ke po vi tar mu len gos hir".split()
TAIL = [a + b for a in SYLLABLES for b in SYLLABLES] + [
    a + b + c for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES
]
random.Random(7).shuffle(TAIL)
TAIL = TAIL[:20_000]
TAIL_WEIGHTS = list(itertools.accumulate(1 / rank for rank in range(1, len(TAIL) + 1)))


def sentence(rng: random.Random) -> str:
    words = [
        rng.choice(WORDS) if rng.random() < 0.5 else rng.choices(TAIL, cum_weights=TAIL_WEIGHTS)[0]
        for _ in range(rng.randint(7, 16))
    ]
    return " ".join(words).capitalize() + rng.choice([".", ".", ".", "?", "!"])


def stamp(seconds: float) -> str:
    ms = round(seconds * 1000)
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"


def transcript(rng: random.Random, vtt: bool) -> str:
    """About six minutes: ~900 words in cues of one or two lines at 2.5 words a second."""
    blocks, clock, words = [], 0.5, 0
    while words < 900:
        text = sentence(rng)
        words += len(text.split())
        length = len(text.split()) / 2.5
        start, end = stamp(clock), stamp(clock + length)
        if vtt:
            blocks.append(f"{start.replace(',', '.')} --> {end.replace(',', '.')}\n{text}\n")
        else:
            blocks.append(f"{len(blocks) + 1}\n{start} --> {end}\n{text}\n")
        clock += length + (1.8 if rng.random() < 0.15 else 0.1)
    return ("WEBVTT\n\n" if vtt else "") + "\n".join(blocks)


# Noise levels 0-11 from random bytes, and a colour per (channel kind, noise): with them a whole image's
# pixels come from one random draw, one bitwise OR and one translation, all in C (drawing each pixel's
# noise in Python took 0.19 s an image, 98 % of generating the corpus).
NOISE = bytes(value * 12 // 256 for value in range(256))
INSIDE, OUTSIDE = (63, 81, 181), (250, 250, 250)
COLOURS = bytes(
    min(255, base + noise) if noise < 12 else 0
    for base in (*INSIDE, *OUTSIDE, 0, 0)  # kinds 0-2: a bar's channels, 3-5: the background's
    for noise in range(32)
)


def png(rng: random.Random, width: int = 360, height: int = 180) -> bytes:
    """A bar chart with some noise, as a real PNG (about 45 KB, like a small matplotlib figure)."""
    bars = [rng.random() for _ in range(8)]
    rows: dict[tuple[bool, ...], bytes] = {}  # a row's kinds by the bars it crosses: a few different rows

    def row(tall: tuple[bool, ...]) -> bytes:
        kinds = bytearray(b"\xe0")  # the row's filter byte: kind 7, always 0
        for x in range(width):
            inside = tall[x * len(bars) // width] and x % (width // len(bars)) > 4
            kinds += b"\x00\x20\x40" if inside else b"\x60\x80\xa0"
        return bytes(kinds)

    kinds = b"".join(
        rows.get(tall) or rows.setdefault(tall, row(tall))
        for tall in (tuple((height - y) < bar * height for bar in bars) for y in range(height))
    )
    noise = rng.randbytes(width * height).translate(NOISE)  # one level a pixel, the same in its three channels
    channels = bytearray(3 * width * height)
    channels[0::3] = channels[1::3] = channels[2::3] = noise
    line = 3 * width
    levels = b"".join(b"\x00" + channels[start : start + line] for start in range(0, len(channels), line))
    pixels = (int.from_bytes(levels, "big") | int.from_bytes(kinds, "big")).to_bytes(len(kinds), "big")
    image = pixels.translate(COLOURS)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(image, 3)) + chunk(b"IEND", b"")


def html_table(rng: random.Random) -> str:
    head = "".join(f"<th>{name}</th>" for name in ("", "region", "orders", "revenue"))
    body = "".join(
        f"<tr><th>{i}</th><td>{rng.choice(WORDS)}</td><td>{rng.randint(1, 500)}</td><td>{rng.uniform(1, 9999):.2f}</td></tr>"
        for i in range(15)
    )
    return f'<table border="1" class="dataframe"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def notebook(rng: random.Random, title: str) -> str:
    cells = [{"cell_type": "markdown", "id": "c0", "metadata": {}, "source": f"# Lab: {title}\n\n{sentence(rng)}"}]
    count = 0
    for index in range(1, 50):
        if index % 2:
            cells.append(
                {
                    "cell_type": "markdown",
                    "id": f"c{index}",
                    "metadata": {},
                    "source": f"## Step {index // 2 + 1}\n\n{sentence(rng)} {sentence(rng)}",
                }
            )
            continue
        count += 1
        outputs: list[dict] = [{"output_type": "stream", "name": "stdout", "text": sentence(rng) + "\n"}]
        if count % 3 == 0:
            outputs.append(
                {
                    "output_type": "execute_result",
                    "execution_count": count,
                    "metadata": {},
                    "data": {"text/html": html_table(rng), "text/plain": "DataFrame"},
                }
            )
        if count % 8 == 0:
            outputs.append(
                {
                    "output_type": "display_data",
                    "metadata": {},
                    "data": {"image/png": base64.b64encode(png(rng)).decode(), "text/plain": "<Figure>"},
                }
            )
        source = f"df_{count} = load('{rng.choice(WORDS)}')\nprint(df_{count}.describe())"
        cells.append(
            {
                "cell_type": "code",
                "id": f"c{index}",
                "metadata": {},
                "execution_count": count,
                "source": source,
                "outputs": outputs,
            }
        )
    nb = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "cells": cells,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    }
    return json.dumps(nb, indent=1, sort_keys=True)


LAB_FILES = {
    ".py": lambda rng: "\n".join(
        f'def step_{i}(rows):\n    """{sentence(rng)}"""\n    return [r for r in rows if r]\n' for i in range(12)
    ),
    ".sql": lambda rng: "\n".join(
        f"-- {sentence(rng)}\nSELECT region, SUM(amount) FROM t_{i} GROUP BY region;\n" for i in range(12)
    ),
    ".yaml": lambda rng: (
        "tasks:\n"
        + "".join(
            f'  task_{i}:\n    description: "{sentence(rng)}"\n    depends_on: [task_{max(0, i - 1)}]\n'
            for i in range(12)
        )
    ),
    ".tf": lambda rng: "\n".join(
        f'resource "aws_s3_bucket" "b{i}" {{\n  bucket = "bucket-{i}"\n}}\n' for i in range(12)
    ),
}


def course_names(scale: int) -> list[list[str]]:
    """Each copy's course folders, numbered in one sequence wide enough for the last (01-40, 001-400)."""
    width = max(2, len(str(scale * len(WEEKS))))
    return [
        [
            f"{copy * len(WEEKS) + course_index:0{width}d}-course-{copy + 1}-{course_index}"
            for course_index in range(1, len(WEEKS) + 1)
        ]
        for copy in range(scale)
    ]


def write_copy(out: Path, copy: int, courses: list[str]) -> dict[str, int]:
    """One copy of the course set, from its own generator: the same files whichever process writes it."""
    rng = random.Random(f"coursesite corpus copy {copy}")
    counts = {"transcripts": 0, "notebooks": 0, "files": 0}
    for course, weeks in zip(courses, WEEKS, strict=True):
        for week in range(1, weeks + 1):
            week_dir = f"week-{week}"
            videos = out / "transcripts" / course / week_dir
            videos.mkdir(parents=True, exist_ok=True)
            for video in range(1, 17):  # 16 videos a week: 240 for 15 weeks
                vtt = video % 4 == 0
                name = f"{video:02d}-lecture-{video}.en.{'vtt' if vtt else 'srt'}"
                (videos / name).write_text(transcript(rng, vtt), encoding="utf-8")
                counts["transcripts"] += 1
            labs = out / "labs" / course / week_dir
            labs.mkdir(parents=True, exist_ok=True)
            for lab in range(1, 5):  # 4 notebooks and 4 other files a week: 60 of each
                (labs / f"{lab:02d}-notebook-lab-{lab}.ipynb").write_text(
                    notebook(rng, f"notebook {lab}"), encoding="utf-8"
                )
                extension = list(LAB_FILES)[lab - 1]
                (labs / f"{lab + 4:02d}-file-lab-{lab}{extension}").write_text(
                    LAB_FILES[extension](rng), encoding="utf-8"
                )
                counts["notebooks"] += 1
                counts["files"] += 1
    return counts


def generate(out: Path, scale: int, jobs: int = 1) -> dict[str, int]:
    names = course_names(scale)
    work = [(out, copy, courses) for copy, courses in enumerate(names)]
    if jobs > 1 and scale > 1:
        with multiprocessing.get_context("spawn").Pool(jobs) as pool:
            written = pool.starmap(write_copy, work, chunksize=1)
    else:
        written = [write_copy(*arguments) for arguments in work]
    return {key: sum(counts[key] for counts in written) for key in ("transcripts", "notebooks", "files")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--scale", type=int, default=1, help="copies of the four-course set (1, 10, 100 …)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes writing copies")
    args = parser.parse_args()
    if args.scale < 1:
        parser.error("--scale must be at least 1")
    counts = generate(args.out, args.scale, max(1, args.jobs))
    print(
        f"wrote {counts['transcripts']} transcripts, {counts['notebooks']} notebooks and "
        f"{counts['files']} other lab files into {args.out}"
    )


if __name__ == "__main__":
    main()
