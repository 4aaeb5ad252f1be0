"""A small repository as people keep one, built whole: titles as the author wrote them, honest figures."""

import json
import re

import pytest

from coursesite.cli import main
from tests.conftest import srt

pytestmark = pytest.mark.e2e

NOTEBOOK = json.dumps(
    {
        "cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# Pipelines from source to dashboard\n"]}],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
)
PLACEHOLDER_END = b"1\n00:00:01,000 --> 00:00:04,000\nWhat comes next.\n\n2\n00:03:10,000 --> 99:59:59,000\nBye.\n"


def titles(page: str) -> list[str]:
    """What a reader sees as titles: the <title>, the <h1> and the navigation's labels."""
    found = re.findall(r"<title>(.*?)</title>|<h1[^>]*>(.*?)</h1>|md-ellipsis\">\s*(.*?)\s*</span>", page, re.S)
    return [re.sub(r"<[^>]+>", "", "".join(groups)).strip() for groups in found]


def test_a_repository_as_it_stands_shows_its_authors_titles_and_true_lengths(tree, capsys):
    root = tree(
        {
            "course1/README.md": "# Cloud Foundations\n\nMy notes.\n",
            "course1/week1/Lab 1 - AWS Well-Architected/README.md": "# Review a workload\n\nRun `review.py`.\n",
            "course1/week1/Lab 1 - AWS Well-Architected/review.py": "print('pillars')\n",
            "course1/week1/end-to-end-pipelines.ipynb": NOTEBOOK,
            "course1/week2/2 - 8 - What_'s Next.en.srt": PLACEHOLDER_END,
            "course1/week2/2 - 7 - Welcome.en.srt": srt((0, 60, "Welcome back.")),
            "course2/wk1/lab1/README.md": "# Streaming with Kafka\n",
            "course2/wk1/lab1/producer.py": "print('event')\n",
        }
    )
    assert main(["build", "--root", str(root)]) == 0
    site = root / "site"
    week1 = (site / "courses/course-1/week-1/index.html").read_text()
    lab = (site / "courses/course-1/week-1/lab-1-aws-well-architected/index.html").read_text()
    notebook = (site / "courses/course-1/week-1/end-to-end-pipelines/index.html").read_text()
    assert "Lab 1 - AWS Well-Architected" in titles(lab) and "End-to-End Pipelines" in titles(notebook)
    assert "Lab 1 - AWS Well-Architected" in titles(week1) and "End-to-End Pipelines" in titles(week1)
    assert not any("Well Architected" in t or "End to End" in t for t in titles(lab) + titles(notebook))

    week2 = (site / "courses/course-1/week-2/index.html").read_text()
    assert week2.index('href="welcome/') < week2.index('href="what-s-next/')  # "2 - 7 -" before "2 - 8 -"
    assert "What&#39;s Next" in week2 or "What's Next" in week2
    assert "2 videos · 0 labs · 4 min of video" in week2  # 1 min, and 3 min 12 s: not 100 h
    assert " h " not in (site / "courses/index.html").read_text().split('class="cs-meta"')[1].split("</p>")[0]

    assert "Course 1: Cloud Foundations" in titles(week1)  # a generic name titled by its README; its URL stays
    course2 = (site / "courses/course-2/index.html").read_text()
    assert "Lab 1: Streaming with Kafka" in course2
    assert "of video" not in course2 and "0 videos" not in course2
    err = capsys.readouterr().err
    assert "course1/week2/2 - 8 - What_'s Next.en.srt:6: warning: cue ends at 99:59:59,000" in err
