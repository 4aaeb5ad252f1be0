"""Cues merged into paragraphs for reading: whole sentences, a new paragraph at a pause or a new speaker.

Paragraphs start at cue boundaries only, so each paragraph's ``start_ms`` is the start of its first cue
(the time a link jumps to). Every word of every cue is kept, in order.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence

from .model import Cue, Paragraph

PAUSE_MS = 2000  # a silence this long between cues ends a paragraph (at a sentence end)
SENTENCES_PER_PARAGRAPH = 5
WORDS_PER_PARAGRAPH = 80  # reached mid-sentence, the paragraph ends at the next sentence end
WORDS_WITHOUT_SENTENCE_END = 150  # auto-captions have no punctuation: break at a cue boundary anyway

RGX_CLOSERS = r"""["'”’»)\]]*"""
RGX_STOP = r"[.?!。？！](?<!\.\.)"  # an ellipsis ("and then...") does not end a sentence
SENTENCE_END = re.compile(rf"{RGX_STOP}{RGX_CLOSERS}(?![^\s\x00])")  # a character class first: fast scan
SEPARATOR = "\x00"
MARK = "\x01"  # stands for each sentence end, so each cue needs only str.count and str.endswith


def _marked(texts: list[str]) -> list[str]:
    """Each text with every sentence end replaced by MARK, and newlines by spaces; one pass over all cues.

    For counting only: the words are taken from the cues. A plain replacement string keeps ``re.sub`` in C.
    """
    if not texts:
        return []
    return SENTENCE_END.sub(MARK, SEPARATOR.join(texts)).replace("\n", " ").split(SEPARATOR)


_new_paragraph = functools.partial(tuple.__new__, Paragraph)  # without NamedTuple's Python-level __new__


def _paragraph(start_ms: int, texts: list[str], speaker: str | None) -> Paragraph:
    return _new_paragraph((start_ms, _one_space_apart(" ".join(texts).replace("\n", " ")), speaker))


def _one_space_apart(text: str) -> str:
    """``" ".join(text.split())``, without splitting text whose only blank is single spaces (the usual case)."""
    # isprintable() is False for every whitespace character but the space
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def make_paragraphs(cues: Sequence[Cue]) -> list[Paragraph]:
    """Cue texts joined into paragraphs; a paragraph never starts inside a cue or (unforced) mid-sentence."""
    paragraphs: list[Paragraph] = []
    texts: list[str] = []  # of the paragraph being built
    start_ms = end_ms = words = sentences = 0
    speaker: str | None = None
    at_sentence_end = False
    marked = _marked([cue.text for cue in cues])
    # what the loop needs of each cue's text, counted in C: words (near enough for the limits: spaces and
    # newlines, split() is slower), sentence ends, and whether the text ends at one
    word_counts = map(str.count, marked, itertools.repeat(" "))
    sentence_counts = map(str.count, marked, itertools.repeat(MARK))
    at_sentence_ends = map(str.endswith, map(str.rstrip, marked), itertools.repeat(MARK))
    # one pass, the hottest loop of a transcript page: fields unpacked, the paragraph rules inline
    for (cue_start, cue_end, text, _line, cue_speaker), count, sentence_ends, at_end in zip(
        cues, word_counts, sentence_counts, at_sentence_ends, strict=True
    ):
        if not text or text.isspace():
            continue
        if texts and (
            (cue_speaker is not None and cue_speaker != speaker)
            # is the paragraph so far complete before this cue (of the same speaker)?
            or (
                (cue_start - end_ms >= PAUSE_MS or sentences >= SENTENCES_PER_PARAGRAPH or words >= WORDS_PER_PARAGRAPH)
                if at_sentence_end
                else words >= WORDS_WITHOUT_SENTENCE_END
            )
        ):
            paragraphs.append(_paragraph(start_ms, texts, speaker))
            texts = []
        if not texts:
            start_ms, speaker, words, sentences = cue_start, cue_speaker, 0, 0
        texts.append(text)
        words += count + 1
        sentences += sentence_ends
        at_sentence_end = at_end
        end_ms = cue_end
    if texts:
        paragraphs.append(_paragraph(start_ms, texts, speaker))
    return paragraphs
