"""Cues merged into paragraphs for reading: whole sentences, a new paragraph at a pause or a new speaker.

Paragraphs start at cue boundaries only, so each paragraph's ``start_ms`` is the start of its first cue
(the time a link jumps to). Every word of every cue is kept, in order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .model import Cue, Paragraph

PAUSE_MS = 2000  # a silence this long between cues ends a paragraph (at a sentence end)
SENTENCES_PER_PARAGRAPH = 5
WORDS_PER_PARAGRAPH = 80  # reached mid-sentence, the paragraph ends at the next sentence end
WORDS_WITHOUT_SENTENCE_END = 150  # auto-captions have no punctuation: break at a cue boundary anyway

RGX_CLOSERS = r"""["'”’»)\]]*"""
RGX_STOP = r"(?:(?<!\.)\.|[?!。？！])"  # an ellipsis ("and then...") does not end a sentence
SENTENCE_END = re.compile(rf"{RGX_STOP}{RGX_CLOSERS}(?=\s|$)")
ENDS_SENTENCE = re.compile(rf"{RGX_STOP}{RGX_CLOSERS}\s*$")


class _Draft:
    """The paragraph being built."""

    def __init__(self, cue: Cue) -> None:
        self.start_ms = cue.start_ms
        self.speaker = cue.speaker
        self.texts: list[str] = []
        self.words = 0
        self.sentences = 0
        self.at_sentence_end = False
        self.end_ms = cue.end_ms

    def add(self, cue: Cue, words: int) -> None:
        self.texts.append(cue.text)
        self.words += words
        self.sentences += len(SENTENCE_END.findall(cue.text))
        self.at_sentence_end = ENDS_SENTENCE.search(cue.text) is not None
        self.end_ms = cue.end_ms

    def ends_before(self, cue: Cue) -> bool:
        if cue.speaker is not None and cue.speaker != self.speaker:
            return True
        if not self.at_sentence_end:
            return self.words >= WORDS_WITHOUT_SENTENCE_END
        return (
            cue.start_ms - self.end_ms >= PAUSE_MS
            or self.sentences >= SENTENCES_PER_PARAGRAPH
            or self.words >= WORDS_PER_PARAGRAPH
        )

    def paragraph(self) -> Paragraph:
        return Paragraph(self.start_ms, " ".join(" ".join(self.texts).split()), self.speaker)


def make_paragraphs(cues: Sequence[Cue]) -> list[Paragraph]:
    """Cue texts joined into paragraphs; a paragraph never starts inside a cue or (unforced) mid-sentence."""
    paragraphs: list[Paragraph] = []
    draft: _Draft | None = None
    for cue in cues:
        words = len(cue.text.split())
        if not words:
            continue
        if draft is not None and draft.ends_before(cue):
            paragraphs.append(draft.paragraph())
            draft = None
        if draft is None:
            draft = _Draft(cue)
        draft.add(cue, words)
    if draft is not None:
        paragraphs.append(draft.paragraph())
    return paragraphs
