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
