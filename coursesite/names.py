"""What a file or folder name says: its order number, its human title, its slug and its language.

Names arrive in many shapes: ``01-introduction-to-data-engineering``, ``c1_intro``, ``02_week-2``,
``Week 3``, ``03 - Batch vs Streaming (7 min).en.srt``, coursera-dl's ``01_welcome.en.srt`` and
yt-dlp's ``Title [dQw4w9WgXcQ].en.vtt``. Order comes from the leading number, compared naturally.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

SUBTITLE_EXTENSIONS = (".srt", ".vtt")

# A language tag as subtitle tools write it before the extension: en, es, pt-BR, zh-Hans, en_US.
RGX_LANGUAGE = re.compile(r"\.(?P<lang>[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?)$")
# yt-dlp appends the video id in brackets: "Title [dQw4w9WgXcQ]".
RGX_VIDEO_ID = re.compile(r"\s*\[[A-Za-z0-9_-]{6,}\]$")
# Duration notes: "(7 min)", "(12 mins)", "(3:45)", "(90 s)".
RGX_DURATION_NOTE = re.compile(
    r"\s*\(\s*(?:\d+\s*(?:min|mins|minutes|m|sec|secs|seconds|s)|\d{1,2}:\d{2}(?::\d{2})?)\s*\)",
    re.IGNORECASE,
)
# A leading order number, optionally after a course letter: "01-", "3 - ", "c1_", "C2 ", "1.".
RGX_LEADING_NUMBER = re.compile(r"^(?:[cC](?=\d))?(?P<number>\d+)(?:[\s._-]+|$)")
# A week folder says so: "week-2", "Week 3", "02_week-2" (number after "week" wins).
RGX_WEEK = re.compile(r"\bweek[\s._-]*(?P<number>\d+)\b", re.IGNORECASE)
RGX_DIGITS = re.compile(r"(\d+)")

# Lower-case small words inside titles; upper-case well-known abbreviations.
SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "the",
        "to",
        "vs",
        "via",
        "with",
    ]
)
ABBREVIATIONS = {
    word.lower(): word
    for word in (
        [
            "ACID",
            "API",
            "APIs",
            "AWS",
            "CDC",
            "CI",
            "CD",
            "CPU",
            "CSV",
            "DAG",
            "DAGs",
            "DataOps",
            "DevOps",
            "DBT",
            "ELT",
            "ETL",
            "GPU",
            "HTTP",
            "IaC",
            "IoT",
            "JSON",
            "ML",
            "OLAP",
            "OLTP",
            "S3",
            "SQL",
            "SQLite",
            "NoSQL",
            "YAML",
            "XML",
            "AI",
            "BI",
            "ER",
            "UI",
            "URL",
            "URLs",
            "EDA",
            "KPI",
            "KPIs",
        ]
    )
}


@dataclass(frozen=True)
class Name:
    """The parts of one source name."""

    number: int | None  # the leading order number, if any
    title: str  # humanised: "Introduction to Data Engineering"
    slug: str  # URL-safe and stable: "introduction-to-data-engineering"
    stem: str  # the name without extension and language, used as a metadata key
    language: str | None = None


def natural_key(text: str) -> tuple:
    """Sort key that puts "week-10" after "week-9"."""
    return tuple(int(part) if part.isdigit() else part.casefold() for part in RGX_DIGITS.split(text))


def split_language(stem: str) -> tuple[str, str | None]:
    """``"01-welcome.en"`` → ``("01-welcome", "en")``; names without a language tag are returned whole."""
    match = RGX_LANGUAGE.search(stem)
    if not match:
        return stem, None
    return stem[: match.start()], match["lang"].replace("_", "-")


def parse_name(name: str, *, is_file: bool = False) -> Name:
    """Read order, title and slug from one file or folder name."""
    stem = name
    language = None
    if is_file:
        stem, dot, extension = name.rpartition(".")
        if not dot or not stem:
            stem = name
        elif f".{extension.lower()}" in SUBTITLE_EXTENSIONS:
            stem, language = split_language(stem)
    label = RGX_VIDEO_ID.sub("", stem)
    label = RGX_DURATION_NOTE.sub("", label).strip()
    number = None
    match = RGX_LEADING_NUMBER.match(label)
    if match and match.end() < len(label):
        number = int(match["number"])
        label = label[match.end() :].lstrip(" -_.")
    week = RGX_WEEK.fullmatch(label) if label else None
    if week:
        number = int(week["number"])
    title = humanise(label) if label else (str(number) if number is not None else stem)
    return Name(number=number, title=title, slug=slugify(title), stem=stem, language=language)


def humanise(label: str) -> str:
    """``"introduction-to-data-engineering"`` → ``"Introduction to Data Engineering"``.

    A label that already has capitals ("Batch vs Streaming") is taken as written, only separators
    are turned into spaces.
    """
    words = [word for word in re.split(r"[\s_]+|(?<=\w)-(?=\w)|\s-\s", label) if word]
    if any(char.isupper() for char in label):
        return " ".join(words)
    titled = []
    for index, word in enumerate(words):
        lower = word.lower()
        if lower in ABBREVIATIONS:
            titled.append(ABBREVIATIONS[lower])
        elif index > 0 and lower in SMALL_WORDS:
            titled.append(lower)
        else:
            titled.append(word[:1].upper() + word[1:])
    return " ".join(titled)


def slugify(title: str) -> str:
    """A lower-case, hyphenated, URL-safe slug; letters of any script are kept, never empty."""
    text = unicodedata.normalize("NFKC", title).casefold()
    text = re.sub(r"[^\w]+|_", "-", text)
    text = re.sub(r"-{2,}", "-", text).strip("-")
    return text[:80].rstrip("-") or "untitled"


def unique_slugs(slugs: list[str]) -> list[str]:
    """Make sibling slugs unique in a stable way: the second "intro" becomes "intro-2"."""
    seen: set[str] = set()
    result = []
    for slug in slugs:
        candidate, counter = slug, 1
        while candidate.casefold() in seen:
            counter += 1
            candidate = f"{slug}-{counter}"
        seen.add(candidate.casefold())
        result.append(candidate)
    return result
