import pytest

from coursesite.names import natural_key, parse_name, slugify, unique_slugs


@pytest.mark.parametrize(
    ("name", "is_file", "number", "title", "slug", "language"),
    [
        (
            "01-introduction-to-data-engineering",
            False,
            1,
            "Introduction to Data Engineering",
            "introduction-to-data-engineering",
            None,
        ),
        ("c1_source-systems", False, 1, "Source Systems", "source-systems", None),
        ("week-2", False, 2, "Week 2", "week-2", None),
        ("02_week-2", False, 2, "Week 2", "week-2", None),
        ("Week 3", False, 3, "Week 3", "week-3", None),
        ("03 - Batch vs Streaming (7 min).en.srt", True, 3, "Batch vs Streaming", "batch-vs-streaming", "en"),
        ("01_welcome.en.srt", True, 1, "Welcome", "welcome", "en"),
        ("Data Lakes Explained [dQw4w9WgXcQ].en.vtt", True, None, "Data Lakes Explained", "data-lakes-explained", "en"),
        ("02-etl-vs-elt.pt-BR.vtt", True, 2, "ETL vs ELT", "etl-vs-elt", "pt-BR"),
        ("04-what-is-a-dag (3:45).vtt", True, 4, "What Is a DAG", "what-is-a-dag", None),
        ("01-ingest-a-csv-with-sqlite.ipynb", True, 1, "Ingest a CSV with SQLite", "ingest-a-csv-with-sqlite", None),
        ("05 Données & caractères.fr.srt", True, 5, "Données & caractères", "données-caractères", "fr"),
    ],
)
def test_names_give_order_title_slug_and_language(name, is_file, number, title, slug, language):
    parsed = parse_name(name, is_file=is_file)
    assert (parsed.number, parsed.title, parsed.slug, parsed.language) == (number, title, slug, language)


def test_week_10_sorts_after_week_9():
    names = ["week-10", "week-9", "week-1", "Week-2"]
    assert sorted(names, key=natural_key) == ["week-1", "Week-2", "week-9", "week-10"]


def test_slugs_are_url_safe_and_never_empty():
    assert slugify('a "quoted" #hash ?query %percent') == "a-quoted-hash-query-percent"
    assert slugify("...") == "untitled"
    assert len(slugify("x" * 500)) <= 80


def test_sibling_slugs_are_made_unique_in_a_stable_way():
    assert unique_slugs(["intro", "Intro", "intro", "other"]) == ["intro", "Intro-2", "intro-3", "other"]


@pytest.mark.parametrize(
    ("name", "is_file", "title"),
    [
        # the author's text keeps its hyphens and case
        ("AWS Well-Architected", False, "AWS Well-Architected"),
        ("Lab 2 - AWS Well-Architected", False, "Lab 2 - AWS Well-Architected"),
        ("Building End-to-End Pipelines.ipynb", True, "Building End-to-End Pipelines"),
        ("Data-Lakes-Explained.en.srt", True, "Data-Lakes-Explained"),
        ("Intro to dbt", False, "Intro to dbt"),
        ("Batch - Streaming", False, "Batch - Streaming"),
        ("Testing_with_Great_Expectations", False, "Testing with Great Expectations"),
        # lower-case words with spaces are capitalised, hyphens kept
        ("end-to-end pipelines with dbt", False, "End-to-End Pipelines with dbt"),
        ("state-of-the-art models", False, "State-of-the-Art Models"),
        # slugs are titled, abbreviations spelled as their owners do, known compounds hyphenated
        ("c1_introduction-to-data-engineering", False, "Introduction to Data Engineering"),
        ("aws-well-architected-framework", False, "AWS Well-Architected Framework"),
        ("03-end-to-end-etl", False, "End-to-End ETL"),
        ("dbt-models", False, "dbt Models"),
        ("4_1_2_what_is_dbt.md", True, "What Is dbt"),
        ("03-nyc-taxi-pipeline.md", True, "NYC Taxi Pipeline"),
        ("week2_notes", False, "Week 2 Notes"),
        # Coursera's codes are the author's text; a slug's code is an order number
        ("C1_W2_Dashboard.ipynb", True, "C1 W2 Dashboard"),
        ("C2_W1_Lab_1.ipynb", True, "C2 W1 Lab 1"),
        ("c1w2_data-engineering-lifecycle", False, "Data Engineering Lifecycle"),
        ("C2 Data Pipelines", False, "Data Pipelines"),
        # coursera-dl
        ("2 - 8 - What_'s Next.srt", True, "What's Next"),
        ("1 - 3 - Part A - Why Pipelines Fail (7 min).en.srt", True, "Part A - Why Pipelines Fail"),
    ],
)
def test_titles_keep_what_the_author_wrote(name, is_file, title):
    assert parse_name(name, is_file=is_file).title == title


@pytest.mark.parametrize(
    ("name", "title", "number"),
    [
        ("lab1", "Lab 1", None),
        ("a1", "Assignment 1", None),
        ("hw3", "Homework 3", None),
        ("wk2", "Week 2", 2),
        ("w2", "Week 2", 2),
        ("week2", "Week 2", 2),
        ("Week2", "Week 2", 2),
        ("week-2", "Week 2", 2),
        ("02_week-2", "Week 2", 2),
        ("course1", "Course 1", 1),
        ("c1", "Course 1", 1),
        ("module1", "Module 1", 1),
        ("Module1", "Module 1", 1),
        ("c1w2", "Week 2", 2),
    ],
)
def test_generic_names_become_readable_titles(name, title, number):
    parsed = parse_name(name)
    assert (parsed.title, parsed.number, parsed.generic) == (title, number, True)


@pytest.mark.parametrize(
    "name",
    ["Lab 1 - Joins", "week2_notes", "a1_intro", "C1_W2_Dashboard", "01-welcome", "2023", "Labs", "assignment"],
)
def test_names_with_words_of_their_own_are_not_generic(name):
    assert not parse_name(name).generic


@pytest.mark.parametrize(
    ("name", "is_file", "number", "order", "week"),
    [
        ("wk2", False, 2, (2,), 2),
        ("c1w2_lifecycle", False, None, (), 2),
        ("C2_W1_Lab_1.ipynb", True, None, (1,), 1),  # lab 1 of week 1; a lab's number orders, never makes a week
        ("C4_W4_Assignment_2.ipynb", True, None, (2,), 4),
        ("C1_W2_Dashboard.ipynb", True, None, (), 2),
        ("Lab 3 - Joins", False, None, (3,), None),
        ("Week 3 - Batch", False, 3, (3,), 3),
        ("1.2_intro.ipynb", True, 2, (1, 2), None),
        ("4_1_1_analytics_engineering_basics.md", True, 1, (4, 1, 1), None),
        ("2 - 8 - What_'s Next.srt", True, 8, (2, 8), 2),  # coursera-dl: lecture 8 of week 2
        ("12 - 10 - Wrap-up.en.srt", True, 10, (12, 10), 12),
        ("03 - Batch vs Streaming (7 min).en.srt", True, 3, (3,), None),
        ("c3_data-storage", False, 3, (3,), None),
        ("module4", False, 4, (4,), None),
    ],
)
def test_names_give_numbers_in_every_shape(name, is_file, number, order, week):
    parsed = parse_name(name, is_file=is_file)
    assert (parsed.number, parsed.order, parsed.week) == (number, order, week)


def test_coursera_dl_lectures_sort_by_week_then_lecture():
    names = ["2 - 10 - Wrap-up.srt", "1 - 2 - B.srt", "2 - 8 - What_'s Next.srt", "2 - 9 - C.srt", "1 - 10 - A.srt"]
    ordered = sorted(names, key=lambda n: parse_name(n, is_file=True).order)
    assert ordered == [
        "1 - 2 - B.srt",
        "1 - 10 - A.srt",
        "2 - 8 - What_'s Next.srt",
        "2 - 9 - C.srt",
        "2 - 10 - Wrap-up.srt",
    ]
