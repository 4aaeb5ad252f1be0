"""Cues into paragraphs: whole sentences, breaks at pauses and speaker changes, every word kept."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from coursesite.model import Cue
from coursesite.paragraphs import MARK, SENTENCE_END, SEPARATOR, _marked, _one_space_apart, make_paragraphs


def cues(*items: tuple[float, float, str] | tuple[float, float, str, str]) -> list[Cue]:
    return [Cue(round(a * 1000), round(b * 1000), text, 0, *rest) for a, b, text, *rest in items]


def test_cues_join_into_one_sentence_with_single_spaces():
    paragraphs = make_paragraphs(cues((1, 2, "A buffer\nresists"), (2, 3, "  changes in pH.  ")))
    assert [(p.start_ms, p.text) for p in paragraphs] == [(1000, "A buffer resists changes in pH.")]


def test_long_pause_after_a_sentence_starts_a_new_paragraph_at_the_next_cue():
    paragraphs = make_paragraphs(cues((1, 2, "First idea."), (4.5, 5, "Second idea.")))
    assert [(p.start_ms, p.text) for p in paragraphs] == [(1000, "First idea."), (4500, "Second idea.")]


def test_long_pause_mid_sentence_does_not_break_it():
    paragraphs = make_paragraphs(cues((1, 2, "The answer is"), (9, 10, "forty-two.")))
    assert [p.text for p in paragraphs] == ["The answer is forty-two."]


def test_short_pause_keeps_the_paragraph():
    assert len(make_paragraphs(cues((1, 2, "One."), (3, 4, "Two.")))) == 1


def test_many_sentences_make_a_new_paragraph_at_a_sentence_end():
    items = [(i, i + 1, f"Sentence number {i}.") for i in range(12)]
    paragraphs = make_paragraphs(cues(*items))
    assert [p.text.count(".") for p in paragraphs] == [5, 5, 2]
    assert [p.start_ms for p in paragraphs] == [0, 5000, 10000]


def test_many_words_break_at_the_next_sentence_end_not_before():
    items = [(i, i + 1, "word " * 30) for i in range(3)] + [(3, 4, "end."), (4, 5, "Next one.")]
    paragraphs = make_paragraphs(cues(*items))
    assert [p.text.split()[-1] for p in paragraphs] == ["end.", "one."]


def test_unpunctuated_auto_captions_are_still_split_at_a_cue_boundary():
    items = [(i, i + 1, "so we keep talking without any stops") for i in range(60)]
    paragraphs = make_paragraphs(cues(*items))
    assert len(paragraphs) > 1
    assert all(len(p.text.split()) <= 150 + 8 for p in paragraphs)
    assert paragraphs[1].start_ms % 1000 == 0


def test_speaker_change_starts_a_paragraph_even_mid_sentence():
    paragraphs = make_paragraphs(cues((1, 2, "So what is", "Ada"), (2, 3, "a buffer?", "Grace"), (3, 4, "Good one.")))
    assert [(p.speaker, p.text) for p in paragraphs] == [("Ada", "So what is"), ("Grace", "a buffer? Good one.")]


def test_ellipsis_does_not_end_a_sentence():
    paragraphs = make_paragraphs(cues((1, 2, "And then..."), (5, 6, "it exploded.")))
    assert [p.text for p in paragraphs] == ["And then... it exploded."]


def test_sentence_end_before_a_closing_quote_counts():
    paragraphs = make_paragraphs(cues((1, 2, 'He said "stop."'), (5, 6, "Everyone stopped.")))
    assert len(paragraphs) == 2


def test_empty_cues_are_skipped_and_no_cues_give_no_paragraphs():
    assert make_paragraphs([]) == []
    assert [p.start_ms for p in make_paragraphs(cues((1, 2, "  "), (2, 3, "Words.")))] == [2000]


TEXT = st.text(alphabet=st.sampled_from(list("ab .?!\n\t\"'é漢")), max_size=40)
CUES = st.lists(
    st.builds(
        lambda start, length, text, speaker: Cue(start, start + length, text, 0, speaker),
        st.integers(0, 100000),
        st.integers(0, 5000),
        TEXT,
        st.sampled_from([None, None, "Ada", "Grace"]),
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(CUES)
def test_every_word_of_every_cue_appears_in_order(items):
    paragraphs = make_paragraphs(items)
    assert [w for p in paragraphs for w in p.text.split()] == [w for c in items for w in c.text.split()]
    starts = {c.start_ms for c in items}
    assert all(p.start_ms in starts for p in paragraphs)


BLANKS = st.text(alphabet=st.sampled_from(list("ab. \n\t\r\xa0\u2028\u3000\x1c\x85\u200b")), max_size=30)


@settings(max_examples=500, deadline=None)
@given(BLANKS)
def test_paragraph_text_has_single_spaces_like_split_and_join(text):
    assert _one_space_apart(text) == " ".join(text.split())


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("ab .?!。…\n\t\"'”)»]")), max_size=12), min_size=1, max_size=5))
def test_sentence_ends_are_counted_as_if_marked_after_each_one(texts):
    after = SENTENCE_END.sub(lambda m: m.group() + MARK, SEPARATOR.join(texts)).split(SEPARATOR)
    counted = _marked(texts)
    assert [t.count(MARK) for t in counted] == [t.count(MARK) for t in after]
    assert [t.rstrip().endswith(MARK) for t in counted] == [t.rstrip().endswith(MARK) for t in after]
