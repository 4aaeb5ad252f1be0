"""Throughput of reading subtitles into pages, on generated lecture subtitles (deterministic).

    python scripts/bench_subtitles.py [MEGABYTES]

Prints MB/s for an SRT file, a VTT file with voices and markup, and a YouTube rolling-caption VTT, the
median of five rounds each: of parse_subtitles + make_paragraphs, and of what a build does per file,
parsing it and rendering its page and downloads (render_transcript: paragraphs, HTML, plain text). The
target is 20 MB/s on a 2-core machine. In the same run it measures the
baseline the target was set against, a plain pysrt loop writing one Markdown line per cue of the SRT
file (when pysrt is installed: ``pip install pysrt==1.1.2``; it is not a dependency of coursesite).
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coursesite.model import Course, Settings, Transcript, Video, Week
from coursesite.paragraphs import make_paragraphs
from coursesite.render import render_transcript
from coursesite.subtitles import parse_subtitles

WORDS = (
    "the acid base buffer titration of a weak solution is measured in moles per litre and we add "
    "sodium hydroxide slowly while the indicator changes colour so you can see the equivalence point"
).split()


def stamp(ms: int, separator: str) -> str:
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}{separator}{ms % 1000:03d}"


def sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(5, 12))
    return " ".join(words).capitalize() + rng.choice([".", ",", "", "?"])


def generate_srt(size: int, rng: random.Random) -> bytes:
    blocks, ms, index, total = [], 0, 1, 0
    while total < size:
        lines = [sentence(rng) for _ in range(rng.randint(1, 2))]
        block = f"{index}\n{stamp(ms, ',')} --> {stamp(ms + 2500, ',')}\n" + "\n".join(lines) + "\n\n"
        blocks.append(block)
        total += len(block)
        ms += rng.randint(2500, 4000)
        index += 1
    return "".join(blocks).encode("utf-8")


def generate_vtt(size: int, rng: random.Random) -> bytes:
    blocks, ms, total = ["WEBVTT\n\n"], 0, 0
    while total < size:
        speaker = rng.choice(["Ada", "Grace"])
        text = f"<v {speaker}>{sentence(rng)} <i>{sentence(rng)}</i> &amp; more"
        block = f"{stamp(ms, '.')} --> {stamp(ms + 2500, '.')} align:start position:10%\n{text}\n\n"
        blocks.append(block)
        total += len(block)
        ms += rng.randint(2500, 4000)
    return "".join(blocks).encode("utf-8")


def generate_rolling(size: int, rng: random.Random) -> bytes:
    blocks, ms, total, previous = ["WEBVTT\nKind: captions\nLanguage: en\n\n"], 0, 0, ""
    while total < size:
        words = rng.choices(WORDS, k=7)
        timed = words[0] + "".join(f"<{stamp(ms + 200 * i, '.')}><c> {w}</c>" for i, w in enumerate(words[1:], 1))
        block = (
            f"{stamp(ms, '.')} --> {stamp(ms + 2000, '.')} align:start position:0%\n{previous}\n{timed}\n\n"
            f"{stamp(ms + 2000, '.')} --> {stamp(ms + 2010, '.')} align:start position:0%\n{' '.join(words)}\n \n\n"
        )
        blocks.append(block)
        total += len(block)
        previous = " ".join(words)
        ms += 2010
    return "".join(blocks).encode("utf-8")


def transcript_page(data: bytes, name: str) -> dict[str, bytes]:
    """What a build does with one subtitle file: parse it, then render its page and its downloads."""
    result = parse_subtitles(data, name)
    transcript = Transcript(name, "en", result.format, result.cues, data)
    video = Video("lecture", "Lecture", (transcript,))
    week = Week("w1", "Week 1", 1, (video,))
    course = Course("c1", "Course 1", 1, (week,))
    return render_transcript(course, week, video, Settings())


def measure(name: str, data: bytes, rounds: int = 5) -> tuple[float, float]:
    """MB/s of parse + paragraphs, and of parse + the whole page (paragraphs, HTML, plain text)."""
    times, page_times = [], []
    for _ in range(rounds):
        began = time.perf_counter()
        result = parse_subtitles(data, name)
        paragraphs = make_paragraphs(result.cues)
        times.append(time.perf_counter() - began)
        began = time.perf_counter()
        transcript_page(data, name)
        page_times.append(time.perf_counter() - began)
    rate = len(data) / statistics.median(times) / 1e6
    page_rate = len(data) / statistics.median(page_times) / 1e6
    print(
        f"{name:<14} {len(data) / 1e6:4.1f} MB {len(result.cues):>7} cues {len(paragraphs):>6} paragraphs"
        f"  parse+paragraphs {rate:5.1f} MB/s  parse+page {page_rate:5.1f} MB/s"
    )
    return rate, page_rate


def pysrt_to_markdown(data: bytes) -> str:
    """The naive baseline: pysrt parses, one Markdown line per cue."""
    import pysrt

    return "".join(f"- **{item.start}** {item.text}\n" for item in pysrt.from_string(data.decode("utf-8")))


def measure_baseline(data: bytes, rounds: int = 3) -> float | None:
    try:
        import pysrt  # noqa: F401
    except ImportError:
        print("baseline skipped (pysrt not installed)")
        return None
    times = []
    for _ in range(rounds):
        began = time.perf_counter()
        pysrt_to_markdown(data)
        times.append(time.perf_counter() - began)
    rate = len(data) / statistics.median(times) / 1e6
    print(f"{'pysrt loop':<14} {len(data) / 1e6:6.1f} MB  (lecture.srt, one Markdown line per cue)  {rate:6.1f} MB/s")
    return rate


def main(argv: list[str]) -> int:
    size = int(float(argv[0]) * 1e6) if argv else 4_000_000
    rng = random.Random(2024)
    srt = generate_srt(size, rng)
    rates = [
        measure("lecture.srt", srt),
        measure("lecture.vtt", generate_vtt(size, rng)),
        measure("rolling.en.vtt", generate_rolling(size, rng)),
    ]
    baseline = measure_baseline(srt)
    slowest, slowest_page = min(rate for rate, _ in rates), min(page for _, page in rates)
    print(f"slowest: parse+paragraphs {slowest:.1f} MB/s, parse+page {slowest_page:.1f} MB/s (target 20)")
    if baseline:
        print(
            f"vs pysrt loop: lecture.srt page {rates[0][1] / baseline:.1f}x, slowest page {slowest_page / baseline:.1f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
