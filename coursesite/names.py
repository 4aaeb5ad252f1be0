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
PLAYABLE = (".mp4", ".webm")  # video formats every current browser plays in <video>
RGX_VIDEO_ID = re.compile(r"\s*\[(?P<id>[A-Za-z0-9_-]{6,})\]$")
# Duration notes: "(7 min)", "(12 mins)", "(3:45)", "(90 s)".
RGX_DURATION_NOTE = re.compile(
    r"\s*\(\s*(?:\d+\s*(?:min|mins|minutes|m|sec|secs|seconds|s)|\d{1,2}:\d{2}(?::\d{2})?)\s*\)",
    re.IGNORECASE,
)
# Order numbers before the title: "01-", "3 - ", "c1_", "C2 ", "1.", and several at once: coursera-dl's
# "2 - 8 - " (lecture 8 of week 2), "1.2_", "4_1_1_" (the last orders the name among its siblings).
RGX_LEADING_NUMBER = re.compile(r"^(?:[cC](?=\d))?(?P<number>\d+)(?:[\s._-]+|$)")
RGX_LEADING_NUMBERS = re.compile(
    r"^(?P<numbers>\d+(?:[._]\d+)+)(?:[\s._-]+|$)|^(?P<week>\d+)[ \t]+-[ \t]+(?P<lecture>\d+)[ \t]+-[ \t]+"
)
# A course and week code, Coursera's "C1_W2_" or a slug's "c1w2_": the week the name belongs to.
RGX_COURSE_WEEK = re.compile(r"^[cC](?P<course>\d+)[\s._-]*[wW](?P<week>\d+)(?=[\s._-]|$)[\s._-]*")
# A kind of part and its number: "week-2", "Week 3", "wk2", "module1", "Lab 3 - Joins", "a1", "C2_W1_Lab_1".
RGX_KIND_NUMBER = re.compile(
    r"(?P<kind>week|wk|module|mod|course|lab|assignment|homework|hw|exercise|ex|lesson|lecture|unit|part"
    r"|project|chapter|day|session|[wcam])[\s._-]*(?P<number>\d+)(?=[\s._-]|$)",
    re.IGNORECASE,
)
# The one-letter kinds are read only as a whole name ("a1", "w2"): "a1_intro" may be anything.
KIND_WORDS = {
    "week": "Week",
    "wk": "Week",
    "w": "Week",
    "module": "Module",
    "mod": "Module",
    "m": "Module",
    "course": "Course",
    "c": "Course",
    "lab": "Lab",
    "assignment": "Assignment",
    "a": "Assignment",
    "homework": "Homework",
    "hw": "Homework",
    "exercise": "Exercise",
    "ex": "Exercise",
    "lesson": "Lesson",
    "lecture": "Lecture",
    "unit": "Unit",
    "part": "Part",
    "project": "Project",
    "chapter": "Chapter",
    "day": "Day",
    "session": "Session",
}
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
            "dbt",
            "dlt",
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
            "BigQuery",
            "CLI",
            "EC2",
            "EMR",
            "GCP",
            "GCS",
            "IAM",
            "LLM",
            "LLMs",
            "MCP",
            "MySQL",
            "NYC",
            "PostgreSQL",
            "PySpark",
            "RAG",
            "RDS",
            "VPC",
        ]
    )
}


# Words a slug spells with hyphens that the title keeps: "end-to-end-pipelines" is "End-to-End Pipelines".
COMPOUNDS = {
    tuple(word.lower().split("-")): word
    for word in (
        "End-to-End",
        "Well-Architected",
        "Step-by-Step",
        "Real-Time",
        "Point-in-Time",
        "Key-Value",
        "One-to-One",
        "One-to-Many",
        "Many-to-Many",
        "Peer-to-Peer",
        "E-Commerce",
    )
}


@dataclass(frozen=True)
class Name:
    """The parts of one source name."""

    number: int | None  # the number that orders it among its siblings and matches it across trees, if any
    title: str  # humanised: "Introduction to Data Engineering"
    slug: str  # URL-safe and stable: "introduction-to-data-engineering"
    stem: str  # the name without extension and language, used as a metadata key
    language: str | None = None
    # Every number the name orders by, most significant first: "2 - 8 - Title" → (2, 8), "Lab 3 - Joins" → (3,).
    order: tuple[int, ...] = ()
    week: int | None = None  # the week the name says it belongs to: "c1w2_…", "C2_W1_Lab_1", "2 - 8 - …"
    # "lab1", "Week2", "a1": a kind and a number, no words of the author's; a first heading may title it better.
    generic: bool = False


def natural_key(text: str) -> tuple:
    """Sort key that puts "week-10" after "week-9"."""
    return tuple(int(part) if part.isdigit() else part.casefold() for part in RGX_DIGITS.split(text))


def split_language(stem: str) -> tuple[str, str | None]:
    """``"01-welcome.en"`` → ``("01-welcome", "en")``; names without a language tag are returned whole."""
    match = RGX_LANGUAGE.search(stem)
    if not match:
        return stem, None
    return stem[: match.start()], match["lang"].replace("_", "-")


def video_id(stem: str) -> str | None:
    """The id yt-dlp put in a name: ``Title [dQw4w9WgXcQ]`` → ``dQw4w9WgXcQ`` (``video_url_template``'s ``{id}``)."""
    match = RGX_VIDEO_ID.search(stem)
    return match["id"] if match else None


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
    order, week, label = _leading_numbers(label)
    number = order[-1] if order else None
    kind = _kind_number(label)
    generic = kind is not None and kind[2]
    if kind and kind[0] == "Week":
        number = week = kind[1]  # "02_week-2": the number after "week" wins
    elif kind and number is None and kind[0] in NUMBERED_KINDS:
        number = kind[1]
    if not order:
        order = (number,) if number is not None else (kind[1],) if kind else ()
    if generic and kind:
        title = f"{kind[0]} {kind[1]}"
    else:
        title = humanise(label) if label else (str(number) if number is not None else stem)
    return Name(number, title, slugify(title), stem, language, order, week, generic)


# Kinds whose number orders and matches folders as the sequence of a course (a course's weeks or modules, a
# specialization's courses); a lab's number only orders it ("Lab 3 - Joins" is no week of its course).
NUMBERED_KINDS = frozenset({"Week", "Module", "Course", "Unit", "Part", "Chapter", "Day", "Session", "Lesson"})


def _leading_numbers(label: str) -> tuple[tuple[int, ...], int | None, str]:
    """The order numbers before the title, the week they name, and the label without them.

    ``"2 - 8 - What_'s Next"`` → ``((2, 8), 2, "What_'s Next")``; a slug's course and week code is an order
    number too (``c1w2_data-lifecycle``: week 2), but Coursera's ``C1_W2_Dashboard`` is the author's text, kept.
    """
    match = RGX_LEADING_NUMBERS.match(label)
    if match and match.end() < len(label):
        rest = label[match.end() :].lstrip(" -_.")
        if match["numbers"]:
            return tuple(int(n) for n in re.split(r"[._]", match["numbers"])), None, rest
        return (int(match["week"]), int(match["lecture"])), int(match["week"]), rest
    code = RGX_COURSE_WEEK.match(label)
    if code:
        if code.end() == len(label):
            return (), int(code["week"]), f"week-{code['week']}"  # "c1w2": week 2, as its course holds it
        return (), int(code["week"]), label[code.end() :] if _is_slug(label) else label
    match = RGX_LEADING_NUMBER.match(label)
    if match and match.end() < len(label):
        return (int(match["number"]),), None, label[match.end() :].lstrip(" -_.")
    return (), None, label


def _kind_number(label: str) -> tuple[str, int, bool] | None:
    """``"wk2"`` → ``("Week", 2, True)``; ``"Lab 3 - Joins"`` → ``("Lab", 3, False)``; the last says the whole
    label is the kind and its number. Coursera's ``C2_W1_Lab_1`` is lab 1."""
    code = RGX_COURSE_WEEK.match(label)
    rest = label[code.end() :] if code else label
    match = RGX_KIND_NUMBER.match(rest)
    if not match:
        return None
    kind = match["kind"].lower()
    whole = match.end() == len(rest) and not code
    if len(kind) == 1 and not whole:
        return None  # "a1_intro", "w2-notes" may be anything: a one-letter kind counts only as the whole name
    return KIND_WORDS[kind], int(match["number"]), whole


def _is_slug(label: str) -> bool:
    """All lower-case, words joined by separators: a name made for machines, whose title is ours to write."""
    return not any(char.isupper() or char.isspace() for char in label)


def humanise(label: str) -> str:
    """``"introduction-to-data-engineering"`` → ``"Introduction to Data Engineering"``.

    A slug (lower-case, no spaces) is titled: separators become spaces, words are capitalised except small
    ones, abbreviations are spelled as their owners spell them (``AWS``, ``dbt``), known compounds keep their
    hyphens (``End-to-End``). Anything else is the author's text, kept as written (hyphens, case): only
    underscores become spaces; lower-case words written with spaces are capitalised.
    """
    if _is_slug(label):
        return " ".join(_title_words(_compounds([w for w in re.split(r"[-_]+", label) if w])))
    text = re.sub(r"_+(?=['’])|(?<=['’])_+", "", label)  # coursera-dl: "What_'s Next"
    text = " ".join(text.replace("_", " ").split())
    if any(char.isupper() for char in text):
        return text
    return " ".join(_title_words(text.split(" ")))


def _compounds(words: list[str]) -> list[str]:
    """Words of a slug with known compounds joined: ``["end", "to", "end", "etl"]`` → ``["end-to-end", "etl"]``."""
    joined, index = [], 0
    while index < len(words):
        for size in (4, 3, 2):
            if tuple(words[index : index + size]) in COMPOUNDS:
                joined.append("-".join(words[index : index + size]))
                index += size
                break
        else:
            joined.append(words[index])
            index += 1
    return joined


def _title_words(words: list[str]) -> list[str]:
    titled = []
    for index, word in enumerate(words):
        parts = word.split("-")
        if tuple(parts) in COMPOUNDS:
            titled.append(COMPOUNDS[tuple(parts)])
            continue
        titled.append("-".join(_title_word(part, index == 0 and position == 0) for position, part in enumerate(parts)))
    return titled


def _title_word(word: str, first: bool) -> str:
    lower = word.lower()
    if lower in ABBREVIATIONS:
        return ABBREVIATIONS[lower]
    if not first and lower in SMALL_WORDS:
        return lower
    kind = RGX_KIND_NUMBER.fullmatch(word)
    if kind and len(kind["kind"]) > 1:
        return f"{KIND_WORDS[kind['kind'].lower()]} {kind['number']}"  # "week2_notes": "Week 2 Notes"
    return word[:1].upper() + word[1:]


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
