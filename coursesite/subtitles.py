"""Subtitle files (SRT and WebVTT) in, cues and diagnostics out.

One tolerant, line-based reader serves both formats: the files we meet are hand-edited, exported by
odd tools or downloaded from YouTube, and the libraries we measured each lose words on some of them
(see ``scripts/check_subtitle_corpus.py``). The rules, in the order the reader applies them:

1. Bytes become text: a BOM wins, then strict UTF-8, then a guess (charset-normalizer).
2. Every line holding ``-->`` is a timing line; a cue runs from its timing line to the next one.
   Timestamps may lack hours or milliseconds and use ``,`` or ``.``; settings after them are ignored.
3. The line just before a timing line is the cue's index or identifier when a blank line precedes it
   (VTT: any text; SRT: digits), or when it is the next index number (a blank line was forgotten).
4. Text after a blank line inside a cue (a cue that lost its timing line, stray lines) stays with the
   cue above, with a warning: words are never dropped silently. VTT NOTE/STYLE/REGION blocks are skipped.
5. Markup with a known tag name, ASS ``{\\...}`` overrides and inline timestamps are removed, entities
   decoded; ``<v Name>`` becomes the cue's speaker. Anything else (``a < b``, ``{x: 1}``) is text.
6. YouTube rolling captions (inline timestamps, each line repeated in the next cue) lose the repeats.

For speed (``scripts/bench_subtitles.py``), ordinary cues (timing line, text, blank line) are read by
one regex, a whole cue per match (a tighter one when the file writes ``hh:mm:ss,fff``); the file's first
cue and anything irregular go through the rules above line by line. All give the same cues and
warnings: tests read every fixture each way.
"""

from __future__ import annotations

import codecs
import functools
import html
import itertools
import operator
import re
from collections.abc import Callable
from typing import NamedTuple

from .model import Cue, Diagnostic

# --- The grammar, stated once ----------------------------------------------------------------------


def _timestamp(name: str) -> str:
    """``[hh:]mm:ss[,.]fff`` with 1–3 hour digits and 1–3 fraction digits, as named groups."""
    return (
        rf"(?:(?P<{name}_h>\d{{1,3}}):)?(?P<{name}_m>\d{{1,2}}):(?P<{name}_s>\d{{1,2}})(?:[,.](?P<{name}_f>\d{{1,3}}))?"
    )


def _canonical_timestamp(name: str) -> str:
    """``hh:mm:ss,fff`` (or ``.fff``) exactly, the same named groups: what nearly every file writes."""
    return rf"(?P<{name}_h>\d\d):(?P<{name}_m>\d\d):(?P<{name}_s>\d\d)[,.](?P<{name}_f>\d\d\d)"


RGX_TIMESTAMP = r"(?:\d{1,3}:)?\d{1,2}:\d{1,2}(?:[,.]\d{1,3})?"
RGX_ARROW = r"[ \t]*-->[ \t]*"
RGX_SETTINGS = r"(?:[ \t][^\n]*)?"  # SRT coordinates (X1:…) or VTT cue settings (align:start …)
RGX_TIMING_LINE = rf"[ \t]*{_timestamp('start')}{RGX_ARROW}{_timestamp('end')}(?P<settings>{RGX_SETTINGS})"
RGX_ARROW_LINE = r"(?P<malformed>[^\n]*-->[^\n]*)"  # a timing line we could not read as one
RGX_VTT_SIGNATURE = r"\A\s*WEBVTT(?:[ \t]|$)"
RGX_VTT_BLOCK = r"(?:NOTE|STYLE|REGION)(?:[ \t]|$)"
RGX_HEADER_LIKE = r"\s*(?:[\w-]+[ \t]*:|[{}]|::cue|##|/\*)"  # "Kind: captions", CSS, "Region: id=…"

# No pattern below may match NUL: clean_texts joins all cue texts with it, and a tag left open in one
# cue must not swallow the cue boundary and the words up to a ">" in the next cue.
RGX_CLASSES = r"(?:\.[\w-]+)*"
# Tags as written after their "<": RGX_TAG puts one "<" before them all (see MARKUP)
RGX_PLAIN_TAG = rf"/?(?:[ibus]|c|ruby|rp){RGX_CLASSES}[ \t]*/?>"  # these never carry attributes
RGX_RUBY_TEXT = rf"(?P<rt>/?)rt{RGX_CLASSES}[ \t]*>"  # the reading of a ruby base: kept, in brackets
RGX_ANNOTATED_TAG = rf"(?:v|lang|font|span){RGX_CLASSES}(?:[ \t]+[^<>\n\x00]*)?>|/(?:v|lang|font|span)[ \t]*>"
RGX_TIMESTAMP_TAG = rf"{RGX_TIMESTAMP}>"
RGX_BREAK_TAG = r"(?P<br>br)[ \t]*/?>"  # the group tells _markup to break the line
RGX_TAG = rf"<(?:{RGX_PLAIN_TAG}|{RGX_RUBY_TEXT}|{RGX_ANNOTATED_TAG}|{RGX_TIMESTAMP_TAG}|{RGX_BREAK_TAG})"
RGX_ASS_OVERRIDE = r"\{\\[^{}\n\x00]*\}"  # {\an8}, {\i1}; a brace without a backslash is text
RGX_ASS_BREAK = r"\\N"  # ASS forced line break, seen in SRT files; lower-case \n stays: courses quote code
RGX_ASS_HARD_SPACE = r"\\h"
RGX_ENTITY = r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
RGX_VOICE = rf"<v{RGX_CLASSES}[ \t]+([^<>\n\x00]+)>"

# An ordinary cue, the shape nearly every cue has: timing line, text lines, blank line(s), then the next
# cue's timing line (perhaps after its index or identifier), or the end of the file.
RGX_TEXT_LINE = r"[^\n]++"  # a line holding "-->" is a timing line or an arrow: _Reader checks the text for it
RGX_SRT_INDEX_LINE = r"[^\S\n]*+(\d++)[^\S\n]*+"
RGX_VTT_ID_LINE = r"(?![^\n]*-->)[^\S\n]*+(\S[^\n]*+)"


def _ordinary_cue(identifier_line: str, timestamp: Callable[[str], str] = _timestamp) -> re.Pattern[str]:
    """A whole ordinary cue in one match: its timing line's parts, its text, the next cue's identifier.

    Possessive quantifiers keep a failed attempt linear. A match is only a cue if a timing line follows
    it (the next match) or the file ends: ``_Reader.read_ordinary`` checks that.
    """
    timing = rf"[ \t]*{timestamp('start')}{RGX_ARROW}{timestamp('end')}{RGX_SETTINGS}"
    text = rf"{RGX_TEXT_LINE}(?:\n{RGX_TEXT_LINE})*+"
    ending = rf"\n\n++(?:{identifier_line}\n(?!\Z))?|\n*+\Z"  # an identifier ending the file is text
    return re.compile(rf"^{timing}\n({text})(?:{ending})", re.MULTILINE)


TIMING_OR_ARROW = re.compile(rf"^(?:{RGX_TIMING_LINE}|{RGX_ARROW_LINE})$", re.MULTILINE)
ORDINARY_SRT_CUE = _ordinary_cue(RGX_SRT_INDEX_LINE)
ORDINARY_VTT_CUE = _ordinary_cue(RGX_VTT_ID_LINE)
# The same for a file whose first timing line is canonical: a third faster (a cue written otherwise ends
# its run of ordinary cues and is read carefully)
CANONICAL_SRT_CUE = _ordinary_cue(RGX_SRT_INDEX_LINE, _canonical_timestamp)
CANONICAL_VTT_CUE = _ordinary_cue(RGX_VTT_ID_LINE, _canonical_timestamp)
CANONICAL_TIMING = re.compile(rf"[ \t]*{_canonical_timestamp('start')}{RGX_ARROW}{_canonical_timestamp('end')}")
END_OF_TEXT = re.compile(r"\Z")  # its match closes the list of ordinary cues
TIMESTAMP = re.compile(rf"(?<![\d:.,]){_timestamp('t')}(?![\w:.,])")  # a whole timestamp, not a piece
VTT_SIGNATURE = re.compile(RGX_VTT_SIGNATURE, re.MULTILINE)
VTT_BLOCK = re.compile(RGX_VTT_BLOCK)
HEADER_LIKE = re.compile(RGX_HEADER_LIKE)
MARKUP = re.compile(rf"{RGX_TAG}|{RGX_ASS_OVERRIDE}", re.IGNORECASE)
# The same where no "{\" occurs (nearly always): a pattern that starts with one literal character lets re
# jump from one "<" to the next, which it cannot do for alternatives starting with "<" or "{" (twice as fast).
TAGS = re.compile(RGX_TAG, re.IGNORECASE)
MARKUP_NOT_REMOVED = re.compile(r"<(?:br|/?rt)", re.IGNORECASE)  # without these, all markup becomes ""
# Where either of the two above may start: a quick test of one or two characters after each "<"
RARE_TAG = re.compile(r"<(?:\d|[bB][rR]|[rR][tT]|/[rR][tT])")
ASS_ESCAPE = re.compile(rf"(?P<br>{RGX_ASS_BREAK})|{RGX_ASS_HARD_SPACE}")
ENTITY_PIECES = re.compile(f"({RGX_ENTITY})")  # split() hands over the text between entities and each one
VOICE = re.compile(RGX_VOICE, re.IGNORECASE)
TIMESTAMP_TAG = re.compile(f"<{RGX_TIMESTAMP_TAG}")
LINE_BREAK_SPACE = re.compile(r"[^\S\n\x00]*\n[^\S\x00]*")  # blanks around a newline, and empty lines
# The same where no blank comes before a newline (the usual case); starting with "\n", it is much faster.
LINE_BREAK_THEN_SPACE = re.compile(r"\n[^\S\x00]*")
BLANK_BEFORE_LINE_BREAK = re.compile(r"\n(?<=[^\S\n\x00]\n)")
# a newline with a blank before or after it; starting with the newline lets re skip ahead to each one
SPACE_AT_LINE_BREAK = re.compile(r"\n(?:(?<=\s\n)|(?=\s))")
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
_DELETE_CONTROLS = dict.fromkeys([*range(0x00, 0x09), *range(0x0E, 0x20)])  # str.translate: CONTROL's characters

CUE_SEPARATOR = "\x00"  # joins all cue texts for one markup pass; NUL never survives decoding

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

PROBLEM_EMPTY = "The file is empty."
PROBLEM_BINARY = "The file is not text (binary data or an unknown encoding)."
PROBLEM_NO_TIMING = "The file has no timing lines (like 00:00:01,000 --> 00:00:04,000), so it is not a subtitle file."
PROBLEM_NO_TEXT = "The file has timing lines but none of its cues contains any text."


class SubtitleResult(NamedTuple):
    cues: tuple[Cue, ...]
    format: str  # "srt" or "vtt"
    diagnostics: tuple[Diagnostic, ...]
    problem: str  # "" if readable; else one sentence saying why nothing could be read


class DecodedText(NamedTuple):
    text: str  # newlines normalised to "\n"; one line per line of the original file
    encoding: str
    problem: str
    notes: tuple[str, ...]  # recoverable decoding trouble, for warnings


# A cue as read: (start_ms, end_ms, line of its timing line, its text lines as written joined with "\n").
# A plain tuple: the reader makes one per cue, tens of thousands a file, and a named tuple's constructor
# costs a tenth of the reading time.
RawCue = tuple[int, int, int, str]


_new_cue = functools.partial(tuple.__new__, Cue)  # Cue((…)) without NamedTuple's Python-level __new__


# --- Bytes to text ---------------------------------------------------------------------------------


def decode_subtitle_bytes(data: bytes, normalize_newlines: bool = True) -> DecodedText:
    """Text from bytes: BOM, then strict UTF-8 (the common, fast case), then a charset guess."""
    notes: list[str] = []
    for bom, encoding in BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(encoding, errors="replace")
            if "\ufffd" in text:
                notes.append(f"some bytes are not valid {encoding}; they are shown as \ufffd")
            break
    else:
        text, encoding = _decode_without_bom(data, notes)
        if text is None:
            return DecodedText("", "", PROBLEM_BINARY, ())
    text = text.removeprefix("\ufeff")
    sample = text[:65536]
    if _controls(sample) * 20 > len(sample):  # more than 5 % control characters: not text
        return DecodedText("", encoding, PROBLEM_BINARY, ())
    if "\x00" in text:
        notes.append(f"{text.count(chr(0))} NUL character(s) removed")
        text = text.replace("\x00", "")
    if normalize_newlines and "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return DecodedText(text, encoding, "", tuple(notes))


def _controls(text: str) -> int:
    """How many characters of ``text`` CONTROL matches; for ASCII text, by deleting them (8x faster)."""
    if text.isascii():
        return len(text) - len(text.translate(_DELETE_CONTROLS))
    return len(CONTROL.findall(text))


def _decode_without_bom(data: bytes, notes: list[str]) -> tuple[str | None, str]:
    if b"\x00" not in data:  # ASCII-looking UTF-16 without a BOM is valid UTF-8 full of NULs
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes  # only files that are not UTF-8 need it (and it takes 12 ms to load)

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None, ""
    # On short files several single-byte code pages tie; Windows-1252 is by far the likeliest of them.
    tied = [match for match in matches if match.chaos <= best.chaos and match.encoding == "cp1252"]
    best = tied[0] if tied else best
    notes.append(f"the file is not UTF-8; it was read as {best.encoding} (a guess: convert it to UTF-8 to be sure)")
    return str(best), best.encoding


# --- Text to raw cues ------------------------------------------------------------------------------


FRACTION_SCALE = (0, 100, 10, 1)  # ".5" is half a second, ".05" fifty milliseconds


def _digit_values(max_digits: int, scale: int) -> dict[str | None, int]:
    """Milliseconds for every 1- to ``max_digits``-digit ASCII string ("7", "07", "007"): a dict lookup
    costs half an ``int()``, and ``read_ordinary`` makes eight a cue. An absent part (None) is 0."""
    values: dict[str | None, int] = {None: 0}
    for digits in range(1, max_digits + 1):
        for number in range(10**digits):
            values[f"{number:0{digits}d}"] = number * scale
    return values


HOURS_MS, MINUTES_MS, SECONDS_MS = _digit_values(3, 3600000), _digit_values(2, 60000), _digit_values(2, 1000)
FRACTIONS_MS = {None: 0} | {
    text: value * FRACTION_SCALE[len(text)] for text, value in _digit_values(3, 1).items() if text
}


def _to_ms(hours: str | None, minutes: str, seconds: str, fraction: str | None) -> int:
    ms = (int(minutes) * 60 + int(seconds)) * 1000
    if hours:
        ms += int(hours) * 3600000
    if fraction:
        ms += int(fraction) * FRACTION_SCALE[len(fraction)]
    return ms


def _ms(match: re.Match[str], name: str) -> int:
    return _to_ms(*match.group(f"{name}_h", f"{name}_m", f"{name}_s", f"{name}_f"))


def _salvage_timing(line: str) -> tuple[int, int] | None:
    """Start and end from a timing line with a broken part: whatever timestamps it still holds."""
    before, _, after = line.partition("-->")
    start = TIMESTAMP.search(before)
    end = TIMESTAMP.search(after)
    if start is None and end is None:
        return None
    start_ms = _ms(start, "t") if start else _ms(end, "t")  # type: ignore[arg-type]
    return start_ms, _ms(end, "t") if end else start_ms


MAX_INDEX_DIGITS = 18  # no real file numbers its cues beyond this; int() refuses 4,300+ digit strings


def _index_value(text: str) -> int | None:
    """A cue index as a number, or None for text that is not one (absurdly long digit runs included)."""
    return int(text) if text.isdecimal() and len(text) <= MAX_INDEX_DIGITS else None


def _take_identifier(lines: list[str], vtt: bool, previous_index: int | None, at_start: bool = False) -> str | None:
    """The last line of a block when it names the next cue rather than belonging to the one above.

    ``at_start``: the block opens the file, so its first line counts as following a blank line; a
    block after a timing line does not (its only line is that cue's text).
    """
    if not lines or not lines[-1].strip():
        return None
    last = lines[-1].strip()
    after_blank = at_start if len(lines) == 1 else not lines[-2].strip()
    if after_blank:
        return last if vtt or last.isdecimal() else None
    # No blank line before it: only the next number in sequence is taken for an index.
    if previous_index is not None and _index_value(last) == previous_index + 1:
        return last
    return None


def _simple_block(block: str, vtt: bool) -> tuple[str, str | None] | None:
    """(cue text, next identifier) for the common shape "text…, empty line(s), [identifier]"; else None.

    A fast path: most cues look like this, and reading them needs no split into lines.
    """
    cut = block.find("\n\n")
    if cut <= 0:
        return None
    tail = block[cut + 2 :].lstrip("\n")
    if not tail:
        return block[:cut], None
    newline = tail.find("\n")
    if newline != len(tail) - 1:
        return None
    identifier = tail[:-1].strip()
    if not identifier or not (vtt or identifier.isdecimal()):
        return None
    return block[:cut], identifier


def _strays(lines: list[str], vtt: bool) -> tuple[list[str], int | None, bool]:
    """Lines after a blank line that are neither a new cue nor a VTT block: (lines, first offset, lost index)."""
    kept: list[str] = []
    first = None
    lost_index = False
    skipping = False
    block_start = True
    for offset, line in enumerate(lines):
        if not line.strip():
            block_start, skipping = True, False
            continue
        if block_start:
            block_start = False
            if vtt and VTT_BLOCK.match(line):
                skipping = True
            elif line.strip().isdecimal() and offset + 1 < len(lines) and lines[offset + 1].strip():
                lost_index = True  # an index followed by text: a cue that lost its timing line
                continue
        if not skipping:
            kept.append(line)
            first = offset if first is None else first
    return kept, first, lost_index


class _Reader:
    """Reads the cues of one decoded file and collects warnings.

    Runs of ordinary cues are read by one regex (``ORDINARY_*_CUE``, or ``CANONICAL_*_CUE`` when the first
    timing line is ``hh:mm:ss,fff``), a whole cue per match; the first cue, text before it, and anything
    irregular go through the careful, line-based reader. Each gives the same cues and warnings for an
    ordinary cue (``tests/test_subtitles.py`` reads every fixture all three ways).
    """

    def __init__(self, text: str, vtt: bool, path: str) -> None:
        self.text = text
        self.vtt = vtt
        self.path = path
        self.cues: list[RawCue] = []
        self.diagnostics: list[Diagnostic] = []
        self.previous_index: int | None = None  # the last cue index read: an index without a blank line before it
        self.arrows_as_text: list[int] = []  # lines holding '-->' but no timestamp, warned about once

    def warn(self, message: str, line: int | None, column: int | None = None) -> None:
        self.diagnostics.append(Diagnostic.warning(self.path, message, line, column))

    def read(self, careful_only: bool = False, general_only: bool = False) -> None:
        """All cues and warnings. The options are for tests: each way of reading gives the same result."""
        first = TIMING_OR_ARROW.search(self.text)
        if careful_only or first is None or first.group("malformed") is not None:
            self.read_carefully(0, len(self.text), 1, followed=False)
        else:  # from after the first timing line: the first cue may take text before it, so it is read carefully
            canonical = not general_only and CANONICAL_TIMING.match(self.text, first.start()) is not None
            if self.vtt:
                self.read_ordinary(first.end(), CANONICAL_VTT_CUE if canonical else ORDINARY_VTT_CUE)
            else:
                self.read_ordinary(first.end(), CANONICAL_SRT_CUE if canonical else ORDINARY_SRT_CUE)
        if self.arrows_as_text:  # first, as if warned while scanning: the order of warnings on one line stays
            lines = _count(self.arrows_as_text, "line")
            warning = f"line holds '-->' but no timestamp ({lines}); kept as text"
            self.diagnostics.insert(0, Diagnostic.warning(self.path, warning, self.arrows_as_text[0]))

    def read_ordinary(self, begin: int, pattern: re.Pattern[str]) -> None:
        """Ordinary cues by regex from ``begin`` on; the text before the first, and irregular stretches, carefully.

        A match is taken for a cue once the next match starts where it ends (so the next cue's timing line
        follows it) or it ends the file; otherwise it is read again, carefully, with the text after it.
        """
        text = self.text
        add = self.cues.append
        done, line = 0, 1  # the text before ``done`` is read; ``line`` is the line number at ``done``
        pending, pending_end = None, -1  # the last match, until we know what follows it
        last_identifier = None  # only the careful reader needs it: converted when that takes over
        hours_ms, minutes_ms, seconds_ms, fractions_ms = HOURS_MS, MINUTES_MS, SECONDS_MS, FRACTIONS_MS
        matches = pattern.finditer(text, begin)
        for match in itertools.chain(matches, [END_OF_TEXT.search(text, len(text))]):
            start = match.start()
            if start == pending_end:
                sh, sm, ss, sf, eh, em, es, ef, cue_text, identifier = pending.groups()
                if "-->" not in cue_text:  # else it ran into a timing line or holds an arrow: read carefully
                    try:  # _to_ms by lookups: this runs once per cue
                        start_ms = hours_ms[sh] + minutes_ms[sm] + seconds_ms[ss] + fractions_ms[sf]
                        end_ms = hours_ms[eh] + minutes_ms[em] + seconds_ms[es] + fractions_ms[ef]
                    except KeyError:  # digits of another script ("٠١"): \d matches them, int() reads them
                        start_ms, end_ms = _to_ms(sh, sm, ss, sf), _to_ms(eh, em, es, ef)
                    add((start_ms, end_ms, line, cue_text))
                    last_identifier = identifier or last_identifier
                    line += text.count("\n", done, start)
                    done = start
            if start > done:
                if last_identifier is not None:
                    self.index_read(last_identifier)
                    last_identifier = None
                line = self.read_carefully(done, start, line, followed=start < len(text))
                done = start
            pending, pending_end = match, match.end()

    def index_read(self, identifier: str) -> None:
        identifier = identifier.strip()
        self.previous_index = _index_value(identifier)

    def timings(self, start: int, end: int, line: int) -> tuple[str, list[tuple[int, int, int, str]]]:
        """The text before the first timing line, and (line number, start ms, end ms, text after) per timing line.

        For the text from ``start`` (a line start, on line ``line``) to ``end``. ``re.split`` does the
        scanning in C and hands over the text between timing lines directly; each "text after" starts
        with the newline that ends its timing line.
        """
        pieces = TIMING_OR_ARROW.split(self.text[start:end])
        found: list[tuple[int, int, int, list[str]]] = [(0, 0, 0, [pieces[0]])]  # the preamble first
        line += pieces[0].count("\n")
        for index in range(1, len(pieces), 11):
            *stamps, _settings, malformed, after = pieces[index : index + 11]
            if malformed is None:
                found.append((line, _to_ms(*stamps[:4]), _to_ms(*stamps[4:]), [after]))
            elif (salvaged := _salvage_timing(malformed)) is not None:
                self.warn(f"malformed timing line {malformed.strip()[:60]!r}; read as far as it goes", line)
                found.append((line, *salvaged, [after]))
            else:  # no timestamp at all: the line is text of the cue above (a list: no quadratic joining)
                self.arrows_as_text.append(line)
                found[-1][3].extend((malformed, after))
            line += after.count("\n")
        return "".join(found[0][3]), [(line, start, end, "".join(parts)) for line, start, end, parts in found[1:]]

    def read_carefully(self, start: int, end: int, line: int, followed: bool) -> int:
        """The cues from ``start`` (0, or a timing line's start on line ``line``) to ``end``; the line at ``end``.

        ``followed``: a timing line follows ``end``, so the last cue here may end with the next one's index.
        """
        end_line = line + self.text.count("\n", start, end)
        before, timings = self.timings(start, end, line)
        leading: list[str] = []
        if start == 0:
            if not timings:
                return end_line
            leading, identifier = self.preamble(before.split("\n")[:-1])
            self.previous_index = _index_value(identifier) if identifier else None
        vtt = self.vtt
        cues = self.cues
        last = len(timings) if followed else len(timings) - 1
        for number, (line, start_ms, end_ms, after) in enumerate(timings):
            block = after[1:]  # from the line after the timing line to the next timing line
            has_next = number < last
            simple = _simple_block(block, vtt) if has_next and not leading else None
            if simple is not None:
                cue_text, identifier = simple
                if identifier is not None:
                    self.index_read(identifier)
                cues.append((start_ms, end_ms, line, cue_text))
                continue
            lines = block.split("\n")
            if has_next or block.endswith("\n"):
                lines.pop()  # the piece after the last newline belongs to the next timing line
            identifier = _take_identifier(lines, vtt, self.previous_index) if has_next else None
            if identifier is not None:
                lines.pop()
                self.index_read(identifier)
            cue_lines = self.cue_lines(lines, line)
            if leading:
                cue_lines, leading = leading + cue_lines, []
            cues.append((start_ms, end_ms, line, "\n".join(cue_lines)))
        return end_line

    def cue_lines(self, lines: list[str], line: int) -> list[str]:
        """The text of one cue: its lines up to the first empty one, plus stray text after it."""
        if "" not in lines:
            return lines
        cut = lines.index("")
        strays, first, lost_index = _strays(lines[cut:], self.vtt)
        if first is not None:
            where = line + 1 + cut + first
            if lost_index:
                self.warn(f"a cue without a timing line; its text is kept with the cue at line {line}", where)
            else:
                self.warn(f"text after a blank line is not a cue of its own; kept with the cue at line {line}", where)
        return lines[:cut] + strays

    def preamble(self, lines: list[str]) -> tuple[list[str], str | None]:
        """Lines before the first timing line: the VTT header, blocks, the first identifier, stray text."""
        offset = 0
        if lines and VTT_SIGNATURE.match(lines[0]):
            offset = lines.index("") if "" in lines else len(lines)  # the header runs to the first empty line
        identifier = _take_identifier(lines[offset:], self.vtt, None, at_start=offset == 0)
        if identifier is not None:
            lines = lines[:-1]
        strays: list[str] = []
        for block_start, block in _blocks(lines, offset):
            if self.vtt and VTT_BLOCK.match(block[0]):
                continue
            if self.vtt and all(HEADER_LIKE.match(text) for text in block):
                self.warn("lines before the first cue look like header settings; ignored", block_start + 1)
                continue
            self.warn("text before the first cue; kept with the first cue", block_start + 1)
            strays.extend(block)
        return strays, identifier


def _blocks(lines: list[str], offset: int) -> list[tuple[int, list[str]]]:
    """Runs of non-blank lines from ``offset`` on, with the 0-based index of each run's first line."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    for index in range(offset, len(lines)):
        if lines[index].strip():
            if not current:
                blocks.append((index, current))
            current.append(lines[index])
        else:
            current = []
    return blocks


# --- Raw cues to cues ------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _unescape(entity: str) -> str:
    return html.unescape(entity)  # a file repeats a few entities many times; unescape costs a regex pass


def _markup(match: re.Match[str]) -> str:
    if match.group("br"):
        return "\n"
    ruby = match.group("rt")
    return "" if ruby is None else ")" if ruby else "("


def _ass_escape(match: re.Match[str]) -> str:
    return "\n" if match.group("br") else "\xa0"


def clean_texts(texts: list[str]) -> tuple[list[str], bool]:
    """Markup stripped, entities decoded, lines trimmed and empty lines dropped; one regex pass for all.

    Also whether any text held an inline timestamp tag (``<00:00:01.500>``: YouTube's rolling captions).
    """
    joined = CUE_SEPARATOR.join(texts)
    timestamps = False
    if "<" in joined or "{" in joined:
        rare = RARE_TAG.search(joined)  # one scan; each kind is looked for again only if one is there
        keep = rare is not None and MARKUP_NOT_REMOVED.search(joined, rare.start()) is not None
        timestamps = rare is not None and TIMESTAMP_TAG.search(joined, rare.start()) is not None
        # a string replacement runs in C; the function is for <br> and ruby text only
        markup = MARKUP if "{\\" in joined else TAGS
        joined = markup.sub(_markup if keep else "", joined)
    if "\\" in joined:
        joined = ASS_ESCAPE.sub(_ass_escape, joined)
    if "&" in joined:
        pieces = ENTITY_PIECES.split(joined)  # text, entity, text, …: no Python call per entity, as sub makes
        pieces[1::2] = [_unescape(entity) for entity in pieces[1::2]]
        joined = "".join(pieces)
    if SPACE_AT_LINE_BREAK.search(joined):
        blank_before = BLANK_BEFORE_LINE_BREAK.search(joined)
        joined = (LINE_BREAK_SPACE if blank_before else LINE_BREAK_THEN_SPACE).sub("\n", joined)
    return [text.strip() for text in joined.split(CUE_SEPARATOR)], timestamps


def _speakers(texts: tuple[str, ...]) -> list[str | None]:
    """Each cue's speaker: the name in its first voice span ``<v Name>``, blanks collapsed, else None."""
    names: dict[str, str] = {}  # a file names few speakers, many times
    speakers: list[str | None] = []
    search = VOICE.search
    for text in texts:
        match = search(text) if "<v" in text or "<V" in text else None
        if match is None:
            speakers.append(None)
            continue
        written = match[1]
        name = names.get(written)
        if name is None:
            name = names[written] = " ".join(written.split())
        speakers.append(name)
    return speakers


def _drop_rolled_lines(cues: list[RawCue], texts: list[str]) -> list[str]:
    """YouTube rolling captions repeat the previous cue's last line(s) first; keep each line once.

    Only a cue that follows the previous one in time rolls: overlapping cues with equal text are
    separate captions shown at once (the WebVTT acid test has hundreds).
    """
    result = []
    previous: list[str] = []
    previous_end = -1
    for (start_ms, end_ms, _, _), text in zip(cues, texts, strict=True):
        lines = text.split("\n") if text else []
        repeated = 0
        rolls = start_ms >= previous_end
        previous_end = end_ms
        for size in range(min(len(lines), len(previous)) if rolls else 0, 0, -1):
            if lines[:size] == previous[-size:]:
                repeated = size
                break
        result.append("\n".join(lines[repeated:]))
        previous = lines or previous
    return result


def _timing_warnings(cues: list[RawCue], starts: tuple[int, ...], ends: tuple[int, ...], reader: _Reader) -> None:
    """Backwards and overlapping cues, looked for in C first (``starts``/``ends``: the cues' columns)."""
    if any(map(operator.lt, ends, starts)):
        backwards = [line for start_ms, end_ms, line, _ in cues if end_ms < start_ms]
        reader.warn(f"cue ends before it starts ({_count(backwards)}); kept as written", backwards[0])
    if any(map(operator.lt, starts[1:], ends)):
        pairs = itertools.pairwise(cues)
        overlaps = [line for (_, previous_end, _, _), (start_ms, _, line, _) in pairs if start_ms < previous_end]
        reader.warn(f"cue starts before the previous cue ends ({_count(overlaps)}); kept as written", overlaps[0])


# No caption stays on screen ten minutes. Coursera ends each file's last cue at 99:59:59,000 (11 of 40 files in
# one real archive), which made each such video "100 h 00 min" long and its course 1,106 hours.
MAX_CUE_MS = 10 * 60 * 1000
READING_MS_PER_CHARACTER = 1000 // 15  # 15 characters a second, a usual reading speed for subtitles
MIN_READING_MS = 2000


def _cap_long_cues(cues: list[RawCue], starts: tuple[int, ...], ends: tuple[int, ...], reader: _Reader) -> list[RawCue]:
    """Cues that last longer than MAX_CUE_MS end when their text has been read (or the next cue starts), with a
    warning on the first; starts, and so paragraphs and their timestamps, are kept. Checked in C first."""
    if max(map(operator.sub, ends, starts)) <= MAX_CUE_MS:
        return cues
    capped, lines = [], []
    for index, (start_ms, end_ms, line, text) in enumerate(cues):
        if end_ms - start_ms > MAX_CUE_MS:
            read_ms = max(MIN_READING_MS, len(text) * READING_MS_PER_CHARACTER)
            following = [cue[0] for cue in cues[index + 1 : index + 2] if cue[0] > start_ms]
            new_end = min([start_ms + read_ms, *following])
            if not lines:
                first = (end_ms, new_end)
            lines.append(line)
            capped.append((start_ms, new_end, line, text))
        else:
            capped.append((start_ms, end_ms, line, text))
    several = f" ({_count(lines)})" if len(lines) > 1 else ""
    reader.warn(
        f"cue ends at {_clock(first[0])}, more than {MAX_CUE_MS // 60000} minutes after it starts{several}; "
        f"taken as ending at {_clock(first[1])}, once its text is read, so the video's length stays true",
        lines[0],
    )
    return capped


def _clock(ms: int) -> str:
    """``hh:mm:ss,fff`` as SRT writes it."""
    seconds, fraction = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d},{fraction:03d}"


def _count(lines: list[int], noun: str = "cue") -> str:
    return f"1 {noun}" if len(lines) == 1 else f"{len(lines)} {noun}s, the first here"


def parse_subtitles(data: bytes, path: str) -> SubtitleResult:
    """Cues from an SRT or WebVTT file; every recoverable problem becomes a warning, never an exception."""
    hinted = "vtt" if path.lower().endswith(".vtt") else "srt"
    if not data.strip():
        return SubtitleResult((), hinted, (), PROBLEM_EMPTY)
    decoded = decode_subtitle_bytes(data)
    diagnostics = [Diagnostic.warning(path, note, 1) for note in decoded.notes]
    if decoded.problem:
        return SubtitleResult((), hinted, tuple(diagnostics), decoded.problem)
    text = decoded.text
    if not text.strip():
        return SubtitleResult((), hinted, tuple(diagnostics), PROBLEM_EMPTY)
    vtt = VTT_SIGNATURE.match(text) is not None or hinted == "vtt"
    if hinted == "vtt" and not VTT_SIGNATURE.match(text):
        diagnostics.append(Diagnostic.warning(path, "no WEBVTT line at the start of the file; read anyway", 1, 1))
    reader = _Reader(text, vtt, path)
    reader.read()
    fmt = "vtt" if vtt else "srt"
    if not reader.cues:
        return SubtitleResult((), fmt, tuple(diagnostics + reader.diagnostics), PROBLEM_NO_TIMING)
    raw = reader.cues
    starts, ends, lines, raw_texts = zip(*raw, strict=True)  # the cues' columns, transposed in C
    capped = _cap_long_cues(raw, starts, ends, reader)
    if capped is not raw:
        raw = capped
        ends = tuple(cue[1] for cue in raw)
    _timing_warnings(raw, starts, ends, reader)
    texts, timestamps = clean_texts(list(raw_texts))
    if vtt and timestamps:
        texts = _drop_rolled_lines(raw, texts)
    speakers = _speakers(raw_texts) if vtt else [None] * len(raw)
    columns = zip(starts, ends, texts, lines, speakers, strict=True)
    # the usual case: every cue has text left, so the cues are built in C
    cues = tuple(map(_new_cue, columns)) if all(texts) else tuple([_new_cue(row) for row in columns if row[2]])
    problem = "" if cues else PROBLEM_NO_TEXT
    diagnostics.extend(sorted(reader.diagnostics, key=lambda d: d.line or 0))
    return SubtitleResult(cues, fmt, tuple(diagnostics), problem)
