"""The benchmark corpus is deterministic and realistic in size."""

import json
import random
from pathlib import Path

from coursesite.paragraphs import make_paragraphs
from coursesite.subtitles import parse_subtitles
from scripts.make_corpus import course_names, generate, notebook, png, transcript, write_copy


def test_the_same_seed_gives_the_same_files():
    assert transcript(random.Random(1), vtt=False) == transcript(random.Random(1), vtt=False)
    assert notebook(random.Random(2), "x") == notebook(random.Random(2), "x")


def test_a_transcript_is_about_six_minutes_and_parses_cleanly():
    for vtt in (False, True):
        result = parse_subtitles(transcript(random.Random(3), vtt).encode(), "t.vtt" if vtt else "t.srt")
        assert not result.problem and not result.diagnostics
        assert 300_000 <= result.cues[-1].end_ms <= 480_000
        assert len(make_paragraphs(result.cues)) > 5


def test_a_notebook_has_about_fifty_cells_with_tables_and_plots():
    nb = json.loads(notebook(random.Random(4), "x"))
    assert len(nb["cells"]) == 50
    mimes = {m for c in nb["cells"] for o in c.get("outputs", []) for m in o.get("data", {})}
    assert {"text/html", "image/png"} <= mimes
    assert 10_000 <= len(png(random.Random(5))) <= 60_000


def test_course_numbers_are_wide_enough_for_the_last_course_and_sort_in_order():
    assert course_names(1) == [["01-course-1-1", "02-course-1-2", "03-course-1-3", "04-course-1-4"]]
    names = [name for copy in course_names(100) for name in copy]
    assert len(names) == len(set(names)) == 400
    assert names == sorted(names)  # 001 … 400: the order a listing shows
    assert names[-1] == "400-course-100-4"


def test_a_copy_is_the_same_whichever_process_writes_it_and_at_any_scale(tmp_path):
    # Scale 2 written by two processes, and copy 1 written alone: the same bytes (a copy's generator is its own).
    together = generate(tmp_path / "together", 2, jobs=2)
    assert together == {"transcripts": 480, "notebooks": 120, "files": 120}
    write_copy(tmp_path / "alone", 1, course_names(2)[1])

    def files(folder: Path) -> dict[str, bytes]:
        return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}

    second = {name: data for name, data in files(tmp_path / "together").items() if "course-2-" in name}
    assert second == files(tmp_path / "alone")
    first = [data for name, data in files(tmp_path / "together").items() if "course-1-" in name and "lecture" in name]
    assert not set(first) & set(second.values())  # each copy's videos say other things
