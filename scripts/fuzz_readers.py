"""Fuzz the source readers: mutate our own fixtures and random bytes, and check nothing ever raises.

    .venv/bin/python scripts/fuzz_readers.py [--iterations N] [--seed S]

Each input goes through parse_subtitles + make_paragraphs and read_notebook + render_notebook. Any
exception is a bug: bad content must come back as diagnostics. Prints a summary; exits 1 on a crash
and writes the crashing input to fuzz-crash-<n>.bin.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coursesite.notebooks import read_notebook  # noqa: E402
from coursesite.paragraphs import make_paragraphs  # noqa: E402
from coursesite.render_notebook import render_notebook  # noqa: E402
from coursesite.subtitles import parse_subtitles  # noqa: E402

TOKENS = [
    b"-->",
    b"\n\n",
    b"\r",
    b"WEBVTT",
    b"<v ",
    b"<i>",
    b"{\\an8}",
    b"&amp;",
    b"00:00:01,000",
    b"\xef\xbb\xbf",
    b'"cells"',
    b'"outputs"',
    b'"image/png"',
    b"{",
    b"}",
    b"[",
    b"]",
    b'"',
    b"\\u0000",
    b"<script>",
]


def seeds() -> list[bytes]:
    fixtures = sorted((ROOT / "tests" / "fixtures").rglob("*"))
    return [p.read_bytes() for p in fixtures if p.is_file() and p.suffix in (".srt", ".vtt", ".ipynb")]


def mutate(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data or b" ")
    for _ in range(rng.randint(1, 8)):
        choice = rng.random()
        position = rng.randrange(len(data) + 1)
        if choice < 0.3 and data:
            del data[position : position + rng.randint(1, 16)]
        elif choice < 0.6:
            data[position:position] = rng.choice(TOKENS)
        elif choice < 0.8 and data:
            data[min(position, len(data) - 1)] = rng.randrange(256)
        else:
            data[position:position] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 32)))
    return bytes(data)


def exercise(data: bytes) -> None:
    result = parse_subtitles(data, "fuzz.srt")
    make_paragraphs(result.cues)
    notebook = read_notebook(data, "fuzz.ipynb")
    if notebook.notebook is not None:
        render_notebook(notebook.notebook, path="fuzz.ipynb", asset_dir="files")


def run(iterations: int, seed: int) -> int:
    rng = random.Random(seed)
    corpus = seeds() or [b""]
    crashes = 0
    started = time.perf_counter()
    for number in range(iterations):
        data = mutate(rng.choice(corpus), rng) if rng.random() < 0.9 else rng.randbytes(rng.randint(0, 4096))
        try:
            exercise(data)
        except Exception:
            crashes += 1
            Path(f"fuzz-crash-{number}.bin").write_bytes(data)
            traceback.print_exc()
    print(
        f"{iterations} inputs from {len(corpus)} fixtures, seed {seed}: {crashes} crashes, "
        f"{time.perf_counter() - started:.1f} s"
    )
    return crashes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    sys.exit(1 if run(args.iterations, args.seed) else 0)


if __name__ == "__main__":
    main()
