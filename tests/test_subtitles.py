"""The subtitle stage: one fixture per quirk, named for it; each test says what a reader would notice."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursesite.model import Cue, Severity, Transcript
from coursesite.subtitles import (
    PROBLEM_BINARY,
    PROBLEM_EMPTY,
    PROBLEM_NO_TIMING,
    VTT_SIGNATURE,
    _Reader,
    decode_subtitle_bytes,
    parse_subtitles,
)
from tests.conftest import srt

FIXTURES = Path(__file__).parent / "fixtures" / "subtitles"
WEEK_TWO = ["Welcome to week two.", "Today we titrate an acid."]


def parse(name: str):
    return parse_subtitles((FIXTURES / name).read_bytes(), f"transcripts/c1/w2/{name}")


def texts(name: str) -> list[str]:
    return [cue.text for cue in parse(name).cues]


def messages(name: str) -> list[tuple[int | None, str]]:
    return [(d.line, d.message) for d in parse(name).diagnostics]


# --- Encodings -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["utf16_le_bom.srt", "utf16_be_bom.srt", "utf32_le_bom.srt", "utf32_be_bom.srt"])
def test_utf16_and_utf32_with_bom_are_read(name):
    result = parse(name)
    assert [c.text for c in result.cues] == ["Welcome to week two.", "Today we titrate an ácido."]
    assert result.diagnostics == ()


def test_utf8_bom_does_not_become_part_of_the_first_index():
    result = parse("utf8_bom.srt")
    assert [c.text for c in result.cues] == WEEK_TWO
    assert result.cues[0].line == 2


def test_cp1252_accents_survive_and_the_guess_is_reported():
    result = parse("cp1252_legacy_encoding.srt")
    assert result.cues[0].text == "Le café est prêt, dit-il « naïvement »."
    assert result.cues[1].text == "À bientôt, élèves ! Ça coûte 5 €."
    assert any("not UTF-8" in d.message and "cp1252" in d.message for d in result.diagnostics)


def test_gb2312_chinese_is_read():
    assert texts("gb2312_legacy_encoding.srt")[1] == "今天我们要学习酸和碱的反应。"


# --- Newlines --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["crlf_newlines.srt", "cr_only_newlines.srt", "mixed_newlines.srt"])
def test_any_newline_convention_gives_the_same_cues(name):
    result = parse(name)
    assert [(c.start_ms, c.end_ms, c.text, c.line) for c in result.cues] == [
        (1000, 3500, "Welcome to week two.", 2),
        (4000, 6000, "Today we titrate an acid.", 6),
    ]
    assert result.diagnostics == ()


# --- Timing lines ----------------------------------------------------------------------------------


def test_missing_indexes():
    result = parse("missing_indexes.srt")
    assert [(c.start_ms, c.text, c.line) for c in result.cues] == [
        (1000, "Welcome to week two.", 1),
        (4000, "Today we titrate an acid.", 4),
    ]


def test_dot_or_comma_before_milliseconds():
    assert [(c.start_ms, c.end_ms) for c in parse("dot_before_milliseconds.srt").cues] == [(1250, 3500), (4000, 6750)]


def test_missing_hours():
    assert [(c.start_ms, c.end_ms) for c in parse("missing_hours.vtt").cues] == [(1250, 3500), (3598000, 3602000)]


def test_one_or_two_digit_milliseconds_are_fractions_and_may_be_missing():
    assert [(c.start_ms, c.end_ms) for c in parse("short_milliseconds.srt").cues] == [(1500, 3250), (4000, 6075)]


def test_srt_coordinates_after_the_timing_are_ignored():
    result = parse("coordinates_after_timing.srt")
    assert [(c.end_ms, c.text) for c in result.cues] == [(3500, WEEK_TWO[0]), (6000, WEEK_TWO[1])]
    assert result.diagnostics == ()


def test_vtt_cue_settings_are_ignored():
    result = parse("cue_settings.vtt")
    assert [(c.end_ms, c.text) for c in result.cues] == [(3500, WEEK_TWO[0]), (6000, WEEK_TWO[1])]


def test_overlapping_cues_are_kept_and_warned_about_once():
    result = parse("overlapping_cues.srt")
    assert [c.start_ms for c in result.cues] == [1000, 3000, 6000]
    assert messages("overlapping_cues.srt") == [(6, "cue starts before the previous cue ends (1 cue); kept as written")]
    assert result.diagnostics[0].severity is Severity.WARNING


def test_backwards_cue_is_kept_and_warned_about():
    result = parse("backwards_cue.srt")
    assert (result.cues[1].start_ms, result.cues[1].end_ms) == (9000, 4000)
    assert messages("backwards_cue.srt") == [(6, "cue ends before it starts (1 cue); kept as written")]


def test_malformed_end_time_keeps_the_cue_at_its_start():
    result = parse("malformed_timing.vtt")
    assert [(c.start_ms, c.end_ms, c.text) for c in result.cues][1] == (4000, 4000, "A cue with a broken end time.")
    assert result.diagnostics[0].line == 6
    assert "malformed timing line" in result.diagnostics[0].message


def test_arrow_without_timestamps_is_text_not_a_cue():
    result = parse("arrow_without_timestamp.vtt")
    assert texts("arrow_without_timestamp.vtt") == ["The first cue.\nBROKEN -->\nWords that belong to no timing."]
    assert {d.line for d in result.diagnostics} == {6}


# --- Cue structure ---------------------------------------------------------------------------------


def test_empty_cue_is_left_out_without_losing_its_neighbours():
    assert texts("empty_cue.srt") == ["Before the silence.", "After the silence."]


def test_multi_line_cue_keeps_its_lines():
    assert texts("multi_line_cue.srt") == ["A buffer resists\nchanges in pH\nwhen acid is added."]


def test_missing_blank_line_the_next_index_and_timing_start_a_new_cue():
    result = parse("missing_blank_line.srt")
    assert [(c.text, c.line) for c in result.cues] == [
        ("The first cue.", 2),
        ("The second cue.", 5),
        ("The third cue.", 8),
    ]
    assert result.diagnostics == ()


def test_text_after_a_blank_line_stays_with_its_cue_and_is_reported_at_its_line():
    assert texts("text_after_blank_line.srt") == ["The first line.\nA line someone split off.", "The second cue."]
    result = parse("text_after_blank_line.srt")
    (diagnostic,) = result.diagnostics
    assert (diagnostic.path, diagnostic.line) == ("transcripts/c1/w2/text_after_blank_line.srt", 5)
    assert "kept with the cue at line 2" in diagnostic.message


def test_cue_without_timing_line_keeps_its_words_but_not_its_index():
    assert texts("cue_without_timing.srt") == ["The first cue.\nThis cue lost its timing line.", "The third cue."]
    assert messages("cue_without_timing.srt")[0][0] == 6


def test_stray_text_before_the_first_cue_is_kept_and_reported():
    assert texts("stray_text_before_first_cue.srt") == ["Transcribed by the course team\nWelcome to week two."]
    assert messages("stray_text_before_first_cue.srt") == [(1, "text before the first cue; kept with the first cue")]


def test_numbers_as_cue_text_are_not_taken_for_indexes():
    assert texts("digits_as_text.vtt") == ["3", "2", "1"]


# --- Markup ----------------------------------------------------------------------------------------


def test_html_tags_are_stripped_and_br_breaks_the_line():
    assert texts("html_tags.srt") == ["Italic and bold and underlined\nred words\nend"]


def test_vtt_class_ruby_and_lang_spans_are_stripped_ruby_reading_kept():
    assert texts("vtt_span_tags.vtt") == ["Classy 漢(kan) colour loud"]


def test_ass_override_blocks_are_stripped_and_forced_breaks_honoured():
    assert texts("ass_overrides.srt") == ["Top of the screen", "slanted text\nsecond line"]


def test_html_entities_are_decoded_but_bare_ampersands_stay():
    assert texts("html_entities.srt") == ["Salt & pepper <3 > 2\xa0mol 'quoted' ☺ AT&T &notation"]


def test_literal_text_that_only_looks_like_markup_survives():
    assert texts("literal_text.srt") == [
        "if a < b and c > d",
        "config = {x: 1}",
        "WHERE a <> b",
        "x->y while a<b, and I <3 chemistry",
        "print 'a\\nb' and a<b and b>c",
    ]


def test_entity_that_spells_a_tag_is_text_not_markup():
    data = b"1\n00:00:01,000 --> 00:00:02,000\nwrite &lt;i&gt; for italics\n"
    assert parse_subtitles(data, "x.srt").cues[0].text == "write <i> for italics"


# --- WebVTT blocks ---------------------------------------------------------------------------------


def test_vtt_header_metadata_and_css_are_not_text():
    result = parse("vtt_header_metadata.vtt")
    assert (result.format, texts("vtt_header_metadata.vtt")) == ("vtt", ["Welcome to week two."])
    assert result.diagnostics == ()


def test_vtt_note_style_and_region_blocks_are_skipped_silently():
    result = parse("vtt_note_style_region.vtt")
    assert [c.text for c in result.cues] == WEEK_TWO
    assert result.diagnostics == ()


def test_vtt_cue_identifiers_are_not_text():
    assert texts("vtt_identifiers.vtt") == [*WEEK_TWO, "A cue without identifier."]


def test_voice_spans_become_the_speaker():
    result = parse("voice_spans.vtt")
    assert [(c.speaker, c.text) for c in result.cues] == [
        ("Dr. Ada Lovelace", "Good morning, everyone."),
        ("Student", "Good morning!"),
        (None, "No voice here."),
    ]


def test_vtt_without_header_is_read_and_reported():
    result = parse("no_webvtt_header.vtt")
    assert (result.format, [c.text for c in result.cues]) == ("vtt", ["Welcome to week two."])
    assert messages("no_webvtt_header.vtt") == [(1, "no WEBVTT line at the start of the file; read anyway")]


def test_format_comes_from_the_content_not_the_extension():
    data = (FIXTURES / "cue_settings.vtt").read_bytes()
    assert parse_subtitles(data, "lecture.srt").format == "vtt"
    assert parse("missing_indexes.srt").format == "srt"


def test_youtube_rolling_captions_say_each_sentence_once():
    result = parse("youtube_rolling.en.vtt")
    assert [(c.start_ms, c.text) for c in result.cues] == [
        (0, "today we look at acids"),
        (2010, "and bases in water"),
        (4010, "water is neutral"),
    ]
    assert result.diagnostics == ()


def test_repeated_line_is_kept_when_the_file_has_no_inline_timestamps():
    # Rolling captions are recognised by their inline word timestamps; a shouted "No!" twice is no repeat.
    assert texts("repeated_line_without_inline_timestamps.vtt") == ["No!", "No!"]


def test_overlapping_cues_with_the_same_text_are_not_rolling_repeats():
    data = b"WEBVTT\n\n00:01.000 --> 00:02.000\n<00:01.500>Left\n\n00:01.000 --> 00:02.000\nLeft\n"
    assert [c.text for c in parse_subtitles(data, "x.vtt").cues] == ["Left", "Left"]


# --- Unreadable files ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["empty.srt", "blank_lines_only.srt"])
def test_empty_file_is_a_problem_not_an_error(name):
    result = parse(name)
    assert (result.cues, result.problem) == ((), PROBLEM_EMPTY)


def test_text_without_timing_lines_is_not_a_subtitle():
    result = parse("not_a_subtitle.srt")
    assert (result.cues, result.problem, result.format) == ((), PROBLEM_NO_TIMING, "srt")


def test_random_binary_is_a_problem_and_no_exception():
    data = random.Random(7).randbytes(4096)
    result = parse_subtitles(data, "transcripts/broken.srt")
    assert result.cues == ()
    assert result.problem in (PROBLEM_BINARY, PROBLEM_NO_TIMING)


def test_nul_padded_file_is_binary():
    assert parse_subtitles(b"\x00" * 100 + b"\x01\x02", "x.srt").problem == PROBLEM_BINARY


def test_a_file_of_control_characters_is_binary_in_any_script():
    controls = "\x01\x02\x03\x1b" * 10
    for text in ("1\n00:00:01,000 --> 00:00:02,000\nhi\n", "1\n00:00:01,000 --> 00:00:02,000\nнет\n"):
        assert parse_subtitles((text + controls).encode(), "x.srt").problem == PROBLEM_BINARY
        assert parse_subtitles(text.encode(), "x.srt").cues[0].text in ("hi", "нет")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x500), max_size=60))
def test_control_characters_are_counted_alike_in_ascii_and_other_text(text):
    from coursesite.subtitles import CONTROL, _controls

    assert _controls(text) == len(CONTROL.findall(text))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(data):
    result = parse_subtitles(data, "x.srt")
    assert result.problem or result.cues


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["1", "", "00:00:01,000 --> 00:00:02,000", "text", "<i>x</i>", "NOTE", "-->", " "])))
def test_arbitrary_subtitle_shaped_lines_never_raise(lines):
    for newline in ("\n", "\r\n", "\r"):
        parse_subtitles(newline.join(lines).encode(), "x.vtt")
        parse_subtitles(("WEBVTT\n\n" + "\n".join(lines)).encode(), "x.vtt")


# --- Round trip ------------------------------------------------------------------------------------


def compose_srt(cues: list[Cue]) -> bytes:
    """A minimal SRT writer: the inverse of the parser for plain text."""

    def stamp(ms: int) -> str:
        return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"

    blocks = [f"{i}\n{stamp(c.start_ms)} --> {stamp(c.end_ms)}\n{c.text}\n" for i, c in enumerate(cues, 1)]
    return "\n".join(blocks).encode("utf-8")


WORD = st.text(
    alphabet=st.characters(categories=["L", "N", "P", "S"], exclude_characters="<>&{}\\-"), min_size=1, max_size=8
)
LINE = st.lists(WORD, min_size=1, max_size=6).map(" ".join)
CUE = st.builds(
    lambda start, length, lines: Cue(start, start + length, "\n".join(lines)),
    st.integers(0, 10 * 3600 * 1000),
    st.integers(0, 60000),
    st.lists(LINE, min_size=1, max_size=3),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(CUE, max_size=12))
def test_parse_of_compose_gives_back_times_and_texts(cues):
    result = parse_subtitles(compose_srt(cues), "x.srt")
    assert [(c.start_ms, c.end_ms, c.text) for c in result.cues] == [(c.start_ms, c.end_ms, c.text) for c in cues]


# --- Size ------------------------------------------------------------------------------------------


def test_one_huge_cue_is_read_whole():
    data = b"1\n00:00:01,000 --> 00:00:02,000\n" + b"word " * 2_000_000 + b"\n"
    (cue,) = parse_subtitles(data, "x.srt").cues
    assert cue.text.count("word") == 2_000_000


def test_two_hour_transcript_keeps_every_cue():
    blocks = [
        f"{i}\n00:{i // 60 % 60:02d}:{i % 60:02d},000 --> 00:{i // 60 % 60:02d}:{i % 60:02d},900\nline {i}\n"
        for i in range(7200)
    ]
    result = parse_subtitles("\n".join(blocks).encode(), "x.srt")
    assert len(result.cues) == 7200


def test_many_arrow_lines_without_timestamps_give_one_warning_and_keep_their_text():
    data = b"1\n00:00:01,000 --> 00:00:02,000\nhi\n" + b"a --> b\n" * 50_000
    result = parse_subtitles(data, "x.srt")
    assert result.cues[0].text.count("a --> b") == 50_000
    assert [(d.line, d.message) for d in result.diagnostics] == [
        (4, "line holds '-->' but no timestamp (50000 lines, the first here); kept as text")
    ]


def test_an_unclosed_voice_tag_does_not_swallow_the_next_cue():
    """Found by scripts/fuzz_readers.py: '<v.loud Name' with no '>' matched up to a '>' in the next cue."""
    data = b"WEBVTT\n\n00:00.000 --> 00:01.000\n<v.loud Studying!\n\n00:01.000 --> 00:02.000\nNo voice here>\n"
    result = parse_subtitles(data, "unclosed.vtt")
    assert [cue.text for cue in result.cues] == ["<v.loud Studying!", "No voice here>"]


# --- The ordinary-cue fast path reads like the careful reader ---------------------------------------


def both_readings(data: bytes, path: str):
    """(cues, warnings) from the reader with its ordinary-cue regex, and from the careful reader alone.

    The ordinary-cue regex for canonical timestamps (hh:mm:ss,fff) is checked against the general one too.
    """
    text = decode_subtitle_bytes(data).text
    vtt = path.endswith(".vtt") or VTT_SIGNATURE.match(text) is not None
    readings = []
    for options in ({}, {"careful_only": True}, {"general_only": True}):
        reader = _Reader(text, vtt, path)
        reader.read(**options)
        # ordered by line, as parse_subtitles orders them (the careful reader alone warns about bad timing
        # lines first: it reads all of them before the cues)
        readings.append((reader.cues, sorted(reader.diagnostics, key=lambda d: d.line or 0)))
    fast, careful, general = readings
    assert fast == general, "the canonical-timestamp regex reads otherwise than the general one"
    return fast, careful


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.iterdir()))
def test_fast_and_careful_readings_agree_on_every_fixture(name):
    data = (FIXTURES / name).read_bytes()
    fast, careful = both_readings(data, name)
    assert fast == careful
    if name.endswith((".srt", ".vtt")):  # the same file with its last cue before the first: a cue mid-file
        fast, careful = both_readings(data + b"\n\n" + data, name)
        assert fast == careful


SHAPED_LINE = st.sampled_from(
    ["1", "2", "3", "07", " 4 ", "", " ", "00:00:01,000 --> 00:00:02,000", "00:03.5 --> 00:04.250 align:start",
     "1:02:03.004 --> 1:02:04.000", "00:00:05,000 --> 00:00:0", "text", "two words", "a --> b", "<i>x</i>",
     "NOTE", "NOTE x", "STYLE", "WEBVTT", "id-1", "Kind: captions", "x -- y", "-->", "<v Ada>hi", "-", "\t",
     "\u0661\u0662", "\u3000", "00:0\u0661.000 --> 00:02.000", "a\u2028b"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(SHAPED_LINE, max_size=24), st.sampled_from(["x.srt", "x.vtt"]), st.sampled_from(["", "\n", "\n\n"]))
def test_fast_and_careful_readings_agree_on_subtitle_shaped_files(lines, path, end):
    data = ("\n".join(lines) + end).encode()
    fast, careful = both_readings(data, path)
    assert fast == careful
    fast, careful = both_readings(b"WEBVTT\n\n" + data, path)
    assert fast == careful


@settings(max_examples=200, deadline=None)
@given(st.lists(CUE, max_size=12))
def test_fast_and_careful_readings_agree_on_composed_srt(cues):
    fast, careful = both_readings(compose_srt(cues), "x.srt")
    assert fast == careful


def test_an_index_line_with_thousands_of_digits_does_not_raise():
    """Python's int() refuses digit strings over 4,300 characters; such a line is text, not an index."""
    data = b"1\n00:00:01,000 --> 00:00:02,000\nhi\n\n" + b"7" * 5000 + b"\n00:00:03,000 --> 00:00:04,000\nthere\n"
    result = parse_subtitles(data, "long_index.srt")
    # After a blank line, a line of digits stands where an index stands: it is read as one.
    assert [cue.text for cue in result.cues] == ["hi", "there"]


def test_cues_built_fast_are_the_same_as_cues_built_by_the_constructor():
    from coursesite.subtitles import _new_cue

    fast, slow = _new_cue((1, 2, "text", 3, "Ada")), Cue(1, 2, "text", 3, "Ada")
    assert type(fast) is Cue and fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
    assert (fast.start_ms, fast.end_ms, fast.text, fast.line, fast.speaker) == (1, 2, "text", 3, "Ada")
    with pytest.raises(AttributeError):
        fast.text = "changed"


def test_coursera_last_cue_ending_at_99_59_59_is_capped_and_warned_about_at_its_line():
    result = parse("coursera_last_cue_ends_at_99_59_59.srt")
    assert texts("coursera_last_cue_ends_at_99_59_59.srt") == WEEK_TWO
    assert [(cue.start_ms, cue.end_ms) for cue in result.cues] == [(1000, 4000), (430000, 432000)]
    assert messages("coursera_last_cue_ends_at_99_59_59.srt") == [
        (
            6,
            "cue ends at 99:59:59,000, more than 10 minutes after it starts; taken as ending at 00:07:12,000, "
            "once its text is read, so the video's length stays true",
        )
    ]
    assert Transcript("t.srt", "en", "srt", result.cues).duration_ms == 432000


def test_long_cues_mid_file_end_once_read_and_one_warning_counts_them():
    data = srt((1, 3000, "A pause."), (4, 6, "Two."), (7, 1000, "Another pause that is long to read, " * 5))
    result = parse_subtitles(data, "w.srt")
    assert [(cue.start_ms, cue.end_ms) for cue in result.cues] == [(1000, 3000), (4000, 6000), (7000, 18880)]
    ((line, message),) = [(d.line, d.message) for d in result.diagnostics]
    assert line == 2 and "(2 cues, the first here)" in message and "taken as ending at 00:00:03,000" in message


def test_a_cue_of_ten_minutes_is_kept_as_written():
    result = parse_subtitles(srt((0, 1, "Hi."), (1, 601, "Music plays.")), "m.srt")
    assert result.cues[-1].end_ms == 601000 and not result.diagnostics


def test_a_capped_cue_never_runs_into_the_next():
    result = parse_subtitles(
        srt((1, 3000, "A very long sentence that takes a while to read aloud."), (2, 4, "Next.")), "o.srt"
    )
    assert [(cue.start_ms, cue.end_ms) for cue in result.cues] == [(1000, 2000), (2000, 4000)]
