"""Check that the subtitle parser loses no words on a folder of real-world subtitle files.

    python scripts/check_subtitle_corpus.py [FOLDER] [--compare]

For every ``.srt``/``.vtt`` file the script reads the text lines itself, with rules simpler than the
parser's (timing lines, indexes, VTT identifiers and header/NOTE/STYLE/REGION blocks left out, markup
removed, a line repeating the previous text line counted once), and checks that every word of them
appears, in order, in the cues ``parse_subtitles`` returns. Words are compared on their letters and
digits only, so spacing and punctuation differences do not count. A file the parser calls unreadable
passes only if it has no timing line at all.

``--compare`` runs the same check on the libraries we considered (srt, webvtt-py, pysrt, pysubs2) when
they are installed, fed the same decoded text, so the choice of parser rests on evidence.
Exit status 1 when our parser loses a word or raises.
"""

from __future__ import annotations

import argparse
import html
import io
import re
import sys
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coursesite.subtitles import decode_subtitle_bytes, parse_subtitles

DEFAULT_FOLDER = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "subtitles"

# Any tag name or inline timestamp, broader than the parser's list: the check may only ask for fewer words.
ANY_TAG = re.compile(r"<(?:/?[A-Za-z]|\d+:\d)[^<>\n]*>")
ASS_OVERRIDE = re.compile(r"\{\\[^{}\n]*\}")
ASS_ESCAPE = re.compile(r"\\[Nh]")
VTT_BLOCK = re.compile(r"(?:NOTE|STYLE|REGION)(?:\s|$)")
WORD = re.compile(r"\w+")


class FileCheck(NamedTuple):
    name: str
    words: int  # words the file's text lines hold
    lost: int
    example: str  # the first few lost words, or the error
    error: bool = False


def clean(line: str) -> str:
    line = ASS_ESCAPE.sub(" ", ASS_OVERRIDE.sub("", ANY_TAG.sub("", line)))
    return html.unescape(line).strip()


def expected_lines(text: str) -> list[str]:
    """The text lines of a decoded file, as a careful reader would list them."""
    lines = text.split("\n")
    timing = ["-->" in line for line in lines]
    if True not in timing:
        return []  # not a subtitle file: nothing to read, and the parser must say so
    vtt = bool(lines) and lines[0].lstrip().startswith("WEBVTT")
    first_timing = timing.index(True) if True in timing else len(lines)
    result: list[str] = []
    in_block = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        blank_before = index == 0 or not lines[index - 1].strip()
        next_line = lines[index + 1].strip() if index + 1 < len(lines) else ""
        if not stripped:
            in_block = False
            continue
        if timing[index] or (vtt and index < first_timing):  # timing lines; the VTT header and its blocks
            continue
        if vtt and blank_before and VTT_BLOCK.match(stripped):
            in_block = True
        next_is_timing = index + 1 < len(lines) and timing[index + 1]
        identifier = next_is_timing and (stripped.isdecimal() or (vtt and blank_before))
        lost_index = stripped.isdecimal() and blank_before and bool(next_line) and not next_is_timing
        if in_block or identifier or lost_index:
            continue
        cleaned = clean(stripped)
        if cleaned and (not result or cleaned != result[-1]):  # rolling captions repeat the line above
            result.append(cleaned)
    return result


def lost_words(expected: Iterable[str], output: Iterable[str]) -> list[str]:
    """Expected words not found, in order, in the output's letters and digits."""
    stream = "".join(WORD.findall(" ".join(output).casefold()))
    lost, position = [], 0
    for word in WORD.findall(" ".join(expected).casefold()):
        found = stream.find(word, position)
        if found < 0:
            lost.append(word)
        else:
            position = found + len(word)
    return lost


def _ours(text: str, data: bytes, name: str) -> list[str]:
    result = parse_subtitles(data, name)
    if result.problem and "-->" in text:
        raise AssertionError(f"called unreadable although it has timing lines: {result.problem}")
    return [cue.text for cue in result.cues]


def _srt(text: str, data: bytes, name: str) -> list[str]:
    import srt

    texts: list[str] = []
    try:
        for subtitle in srt.parse(text):  # strict: stops at the first block it cannot read
            texts.append(clean(subtitle.content))
    except srt.SRTParseException as error:
        texts.append(f"\0{type(error).__name__}")
    return texts


def _webvtt(text: str, data: bytes, name: str) -> list[str]:
    import webvtt

    fmt = "vtt" if text.lstrip("\ufeff").startswith("WEBVTT") else "srt"
    return [caption.text for caption in webvtt.from_buffer(io.StringIO(text), format=fmt)]


def _pysrt(text: str, data: bytes, name: str) -> list[str]:
    import pysrt

    return [clean(item.text) for item in pysrt.from_string(text)]


def _pysubs2(text: str, data: bytes, name: str) -> list[str]:
    import pysubs2

    return [event.plaintext for event in pysubs2.SSAFile.from_string(text).events]


PARSERS: dict[str, Callable[[str, bytes, str], list[str]]] = {
    "coursesite": _ours,
    "srt": _srt,
    "webvtt-py": _webvtt,
    "pysrt": _pysrt,
    "pysubs2": _pysubs2,
}


def check_file(path: Path, parser: str = "coursesite") -> FileCheck:
    data = path.read_bytes()
    decoded = decode_subtitle_bytes(data, normalize_newlines=False)
    expected = expected_lines(decode_subtitle_bytes(data).text)
    words = len(WORD.findall(" ".join(expected)))
    try:
        output = PARSERS[parser](decoded.text, data, path.name)
    except Exception as error:  # the point of the check: any exception is a finding
        detail = traceback.format_exception_only(error)[-1].strip()
        return FileCheck(path.name, words, words, detail[:70], error=True)
    partial = [text for text in output if text.startswith("\0")]
    lost = lost_words(expected, [text for text in output if not text.startswith("\0")])
    example = partial[0][1:] if partial else " ".join(lost[:6])
    return FileCheck(path.name, words, len(lost), example, error=bool(partial))


def subtitle_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in (".srt", ".vtt"))


def check_corpus(folder: Path, parser: str = "coursesite") -> list[FileCheck]:
    return [check_file(path, parser) for path in subtitle_files(folder)]


def available_parsers() -> list[str]:
    names = ["coursesite"]
    for name, module in (("srt", "srt"), ("webvtt-py", "webvtt"), ("pysrt", "pysrt"), ("pysubs2", "pysubs2")):
        try:
            __import__(module)
        except ImportError:
            continue
        names.append(name)
    return names


def print_table(checks: list[FileCheck]) -> None:
    width = max((len(c.name) for c in checks), default=10)
    print(f"{'file':<{width}}  {'words':>6}  {'lost':>5}  first lost words / error")
    for check in checks:
        mark = "  " if not check.lost and not check.error else "!!"
        print(f"{check.name:<{width}}  {check.words:>6}  {check.lost:>5}  {mark} {check.example}")


def print_comparison(folder: Path, parsers: list[str]) -> None:
    print("\nwords lost per parser, same decoded text for all (files with a loss / words lost / files raised)")
    for parser in parsers:
        checks = check_corpus(folder, parser)
        for suffix in (".srt", ".vtt"):
            group = [c for c in checks if c.name.endswith(suffix)]
            bad = [c for c in group if c.lost or c.error]
            print(
                f"  {parser:<10} {suffix}: {len(bad):>2} of {len(group)} files, {sum(c.lost for c in group):>5} of"
                f" {sum(c.words for c in group)} words, {sum(c.error for c in group):>2} raised"
                f"   {', '.join(c.name.split('__')[-1] for c in bad[:5])}{' …' if len(bad) > 5 else ''}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--compare", action="store_true", help="also check srt, webvtt-py, pysrt, pysubs2")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"no such folder: {args.folder}", file=sys.stderr)
        return 2
    checks = check_corpus(args.folder)
    print_table(checks)
    failed = [c for c in checks if c.lost or c.error]
    print(f"\n{len(checks)} files, {sum(c.words for c in checks)} words, {sum(c.lost for c in checks)} lost")
    if args.compare:
        print_comparison(args.folder, available_parsers())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
