"""The corpus check as a test: no word of any real-world subtitle file is lost (skipped without the corpus)."""

from __future__ import annotations

import pytest

from scripts.check_subtitle_corpus import DEFAULT_FOLDER, check_corpus, expected_lines, lost_words

pytestmark = pytest.mark.corpus


@pytest.mark.skipif(not DEFAULT_FOLDER.is_dir(), reason=f"no corpus at {DEFAULT_FOLDER}")
def test_no_word_of_the_corpus_is_lost():
    checks = check_corpus(DEFAULT_FOLDER)
    assert checks, "the corpus folder holds no subtitle files"
    assert [c for c in checks if c.lost or c.error] == []


def test_the_check_itself_notices_a_lost_word():
    text = "1\n00:00:01,000 --> 00:00:02,000\n<i>Hello</i> brave\n\n2\n00:00:02,000 --> 00:00:03,000\nnew world\n"
    assert expected_lines(text) == ["Hello brave", "new world"]
    assert lost_words(expected_lines(text), ["Hello brave", "world"]) == ["new"]
    assert lost_words(expected_lines(text), ["Hello", "brave new world"]) == []
