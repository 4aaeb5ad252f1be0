"""Write the bundled sample transcripts (transcripts/) from the original lecture text in this folder.

    .venv/bin/python scripts/make_sample_transcripts.py [ROOT]

Paragraphs become cues of at most two 42-character lines, timed at about 2.5 words a second (150 a minute) with a
longer pause between paragraphs, as speech is. The output is deterministic: running it again gives
byte-identical files. The lecture text is original sample content written for coursesite.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sample_lectures_c1c2 import COURSE_1, COURSE_2
from sample_lectures_c3c4 import COURSE_3, COURSE_4

COURSES = [COURSE_1, COURSE_2, COURSE_3, COURSE_4]
LINE = 42  # characters per caption line, as broadcasters recommend
WORDS_PER_SECOND = 2.5  # 150 words a minute
CUE_GAP = 0.08
PARAGRAPH_PAUSE = 1.6
SENTENCE_PAUSE = 0.35  # speakers breathe between sentences


def yaml_text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def cue_texts(paragraph: str) -> list[str]:
    """Split a paragraph into caption texts of one or two lines, preferring to end at a sentence."""
    cues, lines, line = [], [], ""
    for word in paragraph.split():
        if line and len(line) + 1 + len(word) > LINE:
            lines.append(line)
            line = ""
            if len(lines) == 2:
                cues.append("\n".join(lines))
                lines = []
        line = f"{line} {word}" if line else word
        if word.endswith((".", "?", "!")) and (lines or len(line) > LINE * 0.6):
            lines.append(line)
            cues.append("\n".join(lines))
            lines, line = [], ""
    if line:
        lines.append(line)
    if lines:
        cues.append("\n".join(lines))
    return cues


def timed_cues(paragraphs: list[str]) -> list[tuple[float, float, str]]:
    timed, clock = [], 0.5
    for paragraph in paragraphs:
        for text in cue_texts(paragraph):
            length = max(1.4, len(text.split()) / WORDS_PER_SECOND + 0.2)
            timed.append((clock, clock + length, text))
            clock += length + CUE_GAP + (SENTENCE_PAUSE if text.endswith((".", "?", "!")) else 0)
        clock += PARAGRAPH_PAUSE
    return timed


def stamp(seconds: float, separator: str) -> str:
    ms = round(seconds * 1000)
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}{separator}{ms % 1000:03d}"


def srt(cues: list[tuple[float, float, str]]) -> str:
    blocks = [f"{i}\n{stamp(a, ',')} --> {stamp(b, ',')}\n{text}\n" for i, (a, b, text) in enumerate(cues, 1)]
    return "\n".join(blocks)


def vtt(cues: list[tuple[float, float, str]], voice: str | None) -> str:
    prefix = f"<v {voice}>" if voice else ""
    blocks = [f"{stamp(a, '.')} --> {stamp(b, '.')}\n{prefix}{text}\n" for a, b, text in cues]
    return "WEBVTT\n\n" + "\n".join(blocks)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent
    total = 0.0
    for course in COURSES:
        course_dir = root / "transcripts" / course["folder"]
        write(
            course_dir / "_meta.yml",
            f"title: {yaml_text(course['title'])}\ndescription: {yaml_text(course['description'])}\n",
        )
        for week in course["weeks"]:
            week_dir = course_dir / week["folder"]
            write(
                week_dir / "_meta.yml",
                f"title: {yaml_text(week['title'])}\ndescription: {yaml_text(week['description'])}\n",
            )
            for lecture in week["lectures"]:
                cues = timed_cues(lecture["paragraphs"])
                total += cues[-1][1]
                name = f"{lecture['file']}.en.{lecture['format']}"
                voice = "Instructor" if lecture.get("voices") else None
                write(week_dir / name, srt(cues) if lecture["format"] == "srt" else vtt(cues, voice))
                if "spanish" in lecture:
                    write(week_dir / f"{lecture['file']}.es.srt", srt(timed_cues(lecture["spanish"])))
    print(
        f"wrote {sum(len(w['lectures']) for c in COURSES for w in c['weeks'])} lectures, "
        f"{total / 60:.0f} minutes of video, into {root / 'transcripts'}"
    )


if __name__ == "__main__":
    main()
