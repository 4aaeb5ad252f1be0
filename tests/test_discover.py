import json
from pathlib import Path

from coursesite.discover import discover
from tests.conftest import srt

CUE = srt((1, 3, "Hello."))


def titles(plan):
    return [
        (c.title, [(w.title, [v.title for v in w.videos], [lab.title for lab in w.labs]) for w in c.weeks])
        for c in plan.courses
    ]


def test_standard_layout_matches_courses_and_weeks_across_transcripts_and_labs(tree):
    root = tree(
        {
            "transcripts/01-intro-to-data/week-1/02-second.en.srt": CUE,
            "transcripts/01-intro-to-data/week-1/01-first.en.srt": CUE,
            "transcripts/01-intro-to-data/week-10/01-late.en.srt": CUE,
            "transcripts/01-intro-to-data/week-9/01-earlier.en.srt": CUE,
            "labs/c1_intro/01_week-1/01-first-lab.ipynb": "{}",
            "labs/c1_intro/01_week-1/02-folder-lab/README.md": "# Lab",
            "labs/c1_intro/01_week-1/02-folder-lab/query.sql": "select 1;",
        }
    )
    plan = discover(root)
    assert titles(plan) == [
        (
            "Intro to Data",
            [
                ("Week 1", ["First", "Second"], ["First Lab", "Folder Lab"]),
                ("Week 9", ["Earlier"], []),
                ("Week 10", ["Late"], []),
            ],
        )
    ]
    lab = plan.courses[0].weeks[0].labs[1]
    assert lab.is_folder and lab.files == [
        "labs/c1_intro/01_week-1/02-folder-lab/README.md",
        "labs/c1_intro/01_week-1/02-folder-lab/query.sql",
    ]


def test_languages_of_one_video_are_one_item(tree):
    root = tree(
        {
            "transcripts/01-c/week-1/01-welcome.es.srt": CUE,
            "transcripts/01-c/week-1/01-welcome.en.srt": CUE,
        }
    )
    (video,) = discover(root).courses[0].weeks[0].videos
    assert sorted(video.files) == [
        ("en", "transcripts/01-c/week-1/01-welcome.en.srt"),
        ("es", "transcripts/01-c/week-1/01-welcome.es.srt"),
    ]


def test_coursera_dl_download_folder_without_config(tree):
    root = tree(
        {
            "01_week-1/01_introduction/01_welcome.en.srt": CUE,
            "01_week-1/01_introduction/02_what-is-data-engineering.en.srt": CUE,
            "01_week-1/02_lifecycle/01_the-lifecycle.en.srt": CUE,
            "02_week-2/01_sources/01_databases.en.srt": CUE,
            "02_week-2/01_sources/01_databases.mp4": b"",
        }
    )
    plan = discover(root)
    assert titles(plan) == [
        (
            "Project",
            [
                ("Week 1", ["Welcome", "What Is Data Engineering", "The Lifecycle"], []),
                ("Week 2", ["Databases"], []),
            ],
        )
    ]
    assert plan.settings.site_name == "Project"
    assert plan.unpublished == []
    # The video file beside its subtitles goes with them: offered on the video's page, not dropped.
    (databases,) = plan.courses[0].weeks[1].videos
    assert databases.extras == ["02_week-2/01_sources/01_databases.mp4"]


def test_metadata_overrides_titles_order_descriptions_and_video_urls(tree):
    root = tree(
        {
            "course.yml": "site_name: My Notes\n",
            "transcripts/01-c/_meta.yml": "title: 'Source Systems, Data Ingestion, and Pipelines'\ndescription: About.\n",
            "transcripts/01-c/week-1/_meta.yml": (
                "title: 'Week 1: Sources'\nitems:\n  01-a:\n    title: Custom A\n    url: https://youtu.be/abc\n"
                "  02-b:\n    order: 0\n"
            ),
            "transcripts/01-c/week-1/01-a.en.srt": CUE,
            "transcripts/01-c/week-1/02-b.en.srt": CUE,
        }
    )
    plan = discover(root)
    course = plan.courses[0]
    assert plan.settings.site_name == "My Notes"
    assert (course.title, course.description) == ("Source Systems, Data Ingestion, and Pipelines", "About.")
    week = course.weeks[0]
    assert week.title == "Week 1: Sources"
    assert [(v.title, v.url) for v in week.videos] == [("B", None), ("Custom A", "https://youtu.be/abc")]


def test_bad_metadata_is_reported_with_line_and_the_build_goes_on(tree):
    root = tree(
        {
            "transcripts/01-c/_meta.yml": "title: ok\ndescription: [unclosed\n",
            "transcripts/01-c/week-1/01-a.en.srt": CUE,
        }
    )
    plan = discover(root)
    (problem,) = [d for d in plan.diagnostics if d.path.endswith("_meta.yml")]
    assert problem.path == "transcripts/01-c/_meta.yml" and problem.line is not None and problem.line >= 2
    assert "invalid YAML" in problem.message
    assert plan.courses[0].weeks[0].videos[0].title == "A"


def test_unknown_metadata_keys_are_named(tree):
    root = tree({"transcripts/01-c/_meta.yml": "titel: typo\n", "transcripts/01-c/week-1/01-a.srt": CUE})
    messages = [d.message for d in discover(root).diagnostics]
    assert any("unknown key 'titel'" in m for m in messages)


def test_two_sources_with_the_same_slug_get_unique_urls_and_a_warning(tree):
    root = tree(
        {
            "transcripts/01-c/week-1/01-intro.srt": CUE,
            "transcripts/01-c/week-1/02-Intro.srt": CUE,
        }
    )
    plan = discover(root)
    assert [v.slug for v in plan.courses[0].weeks[0].videos] == ["intro", "intro-2"]
    assert any("same URL name" in d.message for d in plan.diagnostics)


def test_no_symbolic_link_is_followed_inside_or_outside_the_root(tree, tmp_path: Path):
    """A link inside the root can point at a secret too (.env, .git/config): no link is a source, each is reported."""
    outside = tmp_path / "secret.srt"
    outside.write_bytes(CUE)
    root = tree({"transcripts/01-c/week-1/01-a.srt": CUE, ".env.srt": CUE, "labs/01-c/week-1/01-lab/a.py": "x = 1\n"})
    week = root / "transcripts/01-c/week-1"
    (week / "02-link.srt").symlink_to(outside)
    (week / "03-inside.srt").symlink_to(root / ".env.srt")
    (week / "04-folder").symlink_to(tmp_path)
    (root / "labs/01-c/week-1/01-lab/token.txt").symlink_to(root / ".env.srt")
    (root / "labs/01-c/week-1/02-lab").symlink_to(root / "labs/01-c/week-1/01-lab")
    plan = discover(root)
    week_plan = plan.courses[0].weeks[0]
    assert [v.title for v in week_plan.videos] == ["A"]
    assert [(lab.slug, lab.files) for lab in week_plan.labs] == [("lab", ["labs/01-c/week-1/01-lab/a.py"])]
    reported = sorted(d.path for d in plan.diagnostics if "symbolic link, not published" in d.message)
    assert reported == [
        "labs/01-c/week-1/01-lab/token.txt",
        "labs/01-c/week-1/02-lab",
        "transcripts/01-c/week-1/02-link.srt",
        "transcripts/01-c/week-1/03-inside.srt",
        "transcripts/01-c/week-1/04-folder",
    ]


def test_linked_metadata_and_source_folders_are_not_read(tree, tmp_path: Path):
    secret = tmp_path / "outside.yml"
    secret.write_text("title: Read from outside\n")
    root = tree({"elsewhere/01-c/week-1/01-a.srt": CUE, "labs/01-c/week-1/01-a.sql": "select 1;\n"})
    (root / "transcripts").symlink_to(root / "elsewhere")
    (root / "labs/01-c/_meta.yml").symlink_to(secret)
    plan = discover(root)
    assert [course.title for course in plan.courses] == ["C"]
    assert [week.videos for week in plan.courses[0].weeks] == [[]]
    reported = sorted(d.path for d in plan.diagnostics if "symbolic link" in d.message)
    assert reported == ["labs/01-c/_meta.yml", "transcripts"]


def test_hidden_files_and_metadata_are_not_sources(tree):
    root = tree(
        {
            "labs/01-c/week-1/.DS_Store": b"\0",
            "labs/01-c/week-1/_meta.yml": "title: W\n",
            "labs/01-c/week-1/01-lab.py": "print(1)\n",
        }
    )
    week = discover(root).courses[0].weeks[0]
    assert [lab.source for lab in week.labs] == ["labs/01-c/week-1/01-lab.py"] and week.title == "W"


def test_metadata_naming_a_missing_item_is_reported_in_its_file(tree):
    root = tree(
        {
            "transcripts/01-c/week-1/_meta.yml": "items:\n  99-ghost:\n    title: Ghost\n",
            "transcripts/01-c/week-1/01-a.srt": CUE,
        }
    )
    (problem,) = discover(root).diagnostics
    assert problem.path == "transcripts/01-c/week-1/_meta.yml"
    assert "'99-ghost', which is not a video or lab" in problem.message


def test_names_that_make_awkward_urls_are_reported_and_still_get_clean_slugs(tree):
    root = tree({"transcripts/01-c/week-1/01 What's #1? 100%.en.srt": CUE})
    plan = discover(root)
    assert plan.courses[0].weeks[0].videos[0].slug == "what-s-1-100"
    (problem,) = plan.diagnostics
    assert "name contains '#' '%' \"'\" '?'" in problem.message


def test_hidden_subtitle_files_are_reported_not_silently_dropped(tree):
    root = tree({"transcripts/01-c/week-1/.01-draft.en.srt": CUE, "transcripts/01-c/week-1/02-b.en.srt": CUE})
    plan = discover(root)
    assert any("hidden file" in d.message and d.path.endswith(".01-draft.en.srt") for d in plan.diagnostics)


def test_missing_translation_is_reported(tree):
    root = tree(
        {
            "transcripts/01-c/week-1/01-a.en.srt": CUE,
            "transcripts/01-c/week-1/01-a.es.srt": CUE,
            "transcripts/01-c/week-1/02-b.en.srt": CUE,
            "transcripts/01-c/week-1/02-b.es.srt": CUE,
            "transcripts/01-c/week-1/03-c.en.srt": CUE,
        }
    )
    (problem,) = discover(root).diagnostics
    assert problem.path == "transcripts/01-c/week-1/03-c.en.srt"
    assert "missing translation: no 'es' transcript" in problem.message


def test_files_outside_week_folders_are_listed_under_other_videos(tree):
    root = tree(
        {
            "transcripts/01-c/00-loose.en.srt": CUE,
            "transcripts/01-c/week-1/01-a.en.srt": CUE,
            "labs/01-c/stray.sql": "select 1;\n",
        }
    )
    plan = discover(root)
    assert [w.title for w in plan.courses[0].weeks] == ["Week 1", "Other labs", "Other videos"]
    assert sum("not inside a week folder" in d.message for d in plan.diagnostics) == 2


def test_a_project_with_mkdocs_yml_is_not_scanned_as_a_download_folder(tree):
    root = tree({"mkdocs.yml": "site_name: x\n", "tests/fixtures/01-quirk.srt": CUE})
    assert discover(root).courses == []


def notebook(*cells: tuple[str, str]) -> str:
    """A notebook from (cell type, source) pairs."""
    return json.dumps(
        {
            "cells": [
                {"cell_type": kind, "metadata": {}, "source": source.splitlines(keepends=True)}
                for kind, source in cells
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


def test_generic_names_take_the_first_heading_of_their_readme_or_notebook(tree):
    root = tree(
        {
            "course1/README.md": "Notes first.\n\n# Module 1: Foundations\n",
            "course1/wk1/README.md": "# Week week1 - Coming Soon\n",  # a placeholder is no title
            "course1/wk1/01-intro.ipynb": notebook(("markdown", "# Intro")),
            "course1/wk2/README.md": "```bash\n# install first\n```\n\n# Batch *Processing*\n",
            "course1/wk2/lab1/README.md": "# Lab 1: Joins\n",
            "course1/wk2/lab1/query.sql": "select 1;",
            "course1/wk2/lab2/solution.ipynb": notebook(("code", "print(1)"), ("markdown", "## Window Functions\n")),
            "course1/wk2/a1.ipynb": notebook(("markdown", "# Ranking Customers")),
            "course1/wk2/labs/lab3.py": "# a comment is no title\n",
            "course2/README.md": "# Streaming Systems\n",
            "course2/wk1/notes.md": "# Overview\n",  # says no more than the name
            "course2/wk1/01-kafka.ipynb": notebook(("markdown", "# Kafka")),
        }
    )
    assert titles(discover(root)) == [
        (
            "Module 1: Foundations",
            [
                ("Week 1", [], ["Intro"]),
                (
                    "Week 2: Batch Processing",
                    [],
                    ["Assignment 1: Ranking Customers", "Lab 1: Joins", "Lab 2: Window Functions", "Lab 3"],
                ),
            ],
        ),
        ("Course 2: Streaming Systems", [("Week 1", [], ["Kafka"])]),
    ]


def test_metadata_titles_override_headings(tree):
    root = tree(
        {
            "course1/README.md": "# Foundations\n",
            "course1/_meta.yml": "title: Data Foundations\n",
            "course1/week2/README.md": "# Batch\n",
            "course1/week2/_meta.yml": "title: Second Week\nitems:\n  lab1:\n    title: Joining Tables\n",
            "course1/week2/lab1/README.md": "# Joins\n",
        }
    )
    assert titles(discover(root)) == [("Data Foundations", [("Second Week", [], ["Joining Tables"])])]


def test_a_notebook_heading_is_read_from_its_first_256_kb_only(tree):
    output = {"output_type": "stream", "name": "stdout", "text": "x" * 300_000}
    big = json.loads(notebook(("code", "print('x')"), ("markdown", "# Too Far")))
    big["cells"][0]["outputs"] = [output]
    root = tree(
        {
            "course1/week1/lab1/big.ipynb": json.dumps(big),
            "course1/week1/lab2/broken.ipynb": '{"cells": [{"cell_type": "markdown", "source": "# Cut',
            "course1/week1/lab3/first.ipynb": notebook(("markdown", "Words, then\n\n# Heading Later")),
        }
    )
    (week,) = discover(root).courses[0].weeks
    assert [lab.title for lab in week.labs] == ["Lab 1", "Lab 2", "Lab 3: Heading Later"]


def test_names_order_items_in_every_shape(tree):
    root = tree(
        {
            "course1/wk2/C2_W1_Lab_10.ipynb": "{}",
            "course1/wk2/C2_W1_Lab_9.ipynb": "{}",
            "course1/wk2/C2_W1_Dashboard.ipynb": "{}",
            "course1/wk11/Lab 3 - Joins/query.sql": "select 1;",
            "course1/wk11/Lab 3 - Joins/README.md": "# Joins",
            "course1/wk11/Lab 10 - Views/README.md": "# Views",
            "course1/wk11/Lab 1 - Select/README.md": "# Select",
            "course1/wk10/1.10_later.ipynb": "{}",
            "course1/wk10/1.9_earlier.ipynb": "{}",
        }
    )
    assert titles(discover(root)) == [
        (
            "Course 1",
            [
                ("Week 2", [], ["C2 W1 Lab 9", "C2 W1 Lab 10", "C2 W1 Dashboard"]),
                ("Week 10", [], ["Earlier", "Later"]),
                ("Week 11", [], ["Lab 1 - Select", "Lab 3 - Joins", "Lab 10 - Views"]),
            ],
        )
    ]


def test_coursera_dl_lectures_are_titled_and_ordered_within_their_week(tree):
    root = tree(
        {
            "week-2/2 - 10 - Wrap-up.srt": CUE,
            "week-2/2 - 8 - What_'s Next.srt": CUE,
            "week-2/2 - 9 - Batch vs Streaming.srt": CUE,
        }
    )
    (course,) = discover(root).courses
    assert [video.title for video in course.weeks[0].videos] == ["What's Next", "Batch vs Streaming", "Wrap-up"]


def languages(video):
    return sorted(
        (language, source.rsplit("/", 2)[-2] + "/" + source.rsplit("/", 1)[-1]) for language, source in video.files
    )


def test_a_caption_archive_keeps_a_folder_per_language_of_one_video(tree):
    root = tree(
        {
            "gradient-descent/arabic/community.srt": CUE,
            "gradient-descent/hebrew/community.srt": CUE,
            "gradient-descent/hebrew/auto_generated.srt": CUE,
            "gradient-descent/chinese-simplified/auto_generated.srt": CUE,
            "gradient-descent/portuguese-brazil/community.srt": CUE,
            "gradient-descent/english/captions.srt": CUE,
            "gradient-descent/english/title.json": '{"title": "Gradient descent"}',
        }
    )
    plan = discover(root)
    (video,) = [video for week in plan.courses[0].weeks for video in week.videos]
    assert video.title == "Gradient Descent"
    assert languages(video) == [
        ("ar", "arabic/community.srt"),
        ("en", "english/captions.srt"),
        ("he", "hebrew/community.srt"),  # the community's captions, not the machine's
        ("pt-BR", "portuguese-brazil/community.srt"),
        ("zh-Hans", "chinese-simplified/auto_generated.srt"),  # the only Chinese one
    ]
    reasons = {path: reason for path, reason, _ in plan.unpublished}
    assert "second transcript" in reasons["gradient-descent/hebrew/auto_generated.srt"]
    assert "gradient-descent/english/title.json" in {
        f for w in plan.courses[0].weeks for lab in w.labs for f in lab.files
    }


def test_videos_of_an_archive_are_one_each_whatever_their_languages(tree):
    root = tree(
        {
            "archive/alpha-video/arabic/community.srt": CUE,
            "archive/alpha-video/english/community.srt": CUE,
            "archive/alpha-video/polish_community.srt": CUE,
            "archive/beta-video/he/community.srt": CUE,
            "archive/beta-video/ar/community.srt": CUE,
        }
    )
    plan = discover(root / "archive")
    videos = {video.slug: video for week in plan.courses[0].weeks for video in week.videos}
    assert sorted(videos) == ["alpha-video", "beta-video"]
    assert [language for language, _ in sorted(videos["alpha-video"].files)] == ["ar", "en", "pl"]
    assert [language for language, _ in sorted(videos["beta-video"].files)] == ["ar", "he"]  # codes beside codes


def test_a_file_in_a_language_folder_takes_its_language_and_keeps_its_own_video(tree):
    root = tree(
        {
            "transcripts/c1/week-1/01-welcome.en.srt": CUE,
            "transcripts/c1/week-1/hebrew/01-welcome.srt": CUE,
            "transcripts/c1/week-1/hebrew/02-lifecycle.srt": CUE,
            "transcripts/c1/week-1/ml/03-models.srt": CUE,  # "ml" alone is no language folder
        }
    )
    (week,) = discover(root).courses[0].weeks
    assert [(video.title, sorted(lang for lang, _ in video.files)) for video in week.videos] == [
        ("Welcome", ["en", "he"]),
        ("Lifecycle", ["he"]),
        ("Models", [None]),
    ]
