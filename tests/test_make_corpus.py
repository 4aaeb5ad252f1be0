"""The benchmark corpus is deterministic and realistic in size."""

import json
import random

from coursesite.paragraphs import make_paragraphs
from coursesite.subtitles import parse_subtitles
from scripts.make_corpus import notebook, png, transcript


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
