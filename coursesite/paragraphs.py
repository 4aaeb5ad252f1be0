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
RGX_STOP = r"[.?!。？！](?<!\.\.)"  # an ellipsis ("and then...") does not end a sentence
SENTENCE_END = re.compile(rf"{RGX_STOP}{RGX_CLOSERS}(?![^\s\x00])")  # a character class first: fast scan
SEPARATOR = "\x00"
MARK = "\x01"  # stands for each sentence end, so each cue needs only str.count and str.endswith


def _marked(texts: list[str]) -> list[str]:
    """Each text with every sentence end replaced by MARK; one regex pass over all cues, not one per cue.

    For counting only: the words are taken from the cues. A plain replacement string keeps ``re.sub`` in C.
    """
    if not texts:
        return []
    return SENTENCE_END.sub(MARK, SEPARATOR.join(texts)).split(SEPARATOR)


def _ends_paragraph(words: int, sentences: int, at_sentence_end: bool, pause_ms: int) -> bool:
    """Whether the paragraph so far is complete before the next cue (of the same speaker)."""
    if not at_sentence_end:
        return words >= WORDS_WITHOUT_SENTENCE_END
    return pause_ms >= PAUSE_MS or sentences >= SENTENCES_PER_PARAGRAPH or words >= WORDS_PER_PARAGRAPH


def _paragraph(start_ms: int, texts: list[str], speaker: str | None) -> Paragraph:
    return Paragraph(start_ms, _one_space_apart(" ".join(texts).replace("\n", " ")), speaker)


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
    for cue, marked in zip(cues, _marked([cue.text for cue in cues]), strict=True):
        text = cue.text
        if not text or text.isspace():
            continue
        count = text.count(" ") + text.count("\n") + 1  # words, near enough for the limits; split() is slower
        if texts and (
            (cue.speaker is not None and cue.speaker != speaker)
            or _ends_paragraph(words, sentences, at_sentence_end, cue.start_ms - end_ms)
        ):
            paragraphs.append(_paragraph(start_ms, texts, speaker))
            texts = []
        if not texts:
            start_ms, speaker, words, sentences = cue.start_ms, cue.speaker, 0, 0
        texts.append(text)
        words += count
        sentences += marked.count(MARK)
        at_sentence_end = marked.rstrip().endswith(MARK)
        end_ms = cue.end_ms
    if texts:
        paragraphs.append(_paragraph(start_ms, texts, speaker))
    return paragraphs
