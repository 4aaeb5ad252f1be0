"""The command as people run it: exit codes, error messages naming file and line, the summary."""

import pytest

from coursesite.cli import main
from tests.conftest import srt

pytestmark = pytest.mark.e2e

GOOD = srt((0, 2.5, "Data engineering turns raw data into useful data."), (3, 6, "Let us see how."))


def test_build_of_a_coursera_dl_folder_without_config(tree, capsys):
    root = tree(
        {
            "01_week-1/01_introduction/01_welcome.en.srt": GOOD,
            "01_week-1/01_introduction/02_what-is-data-engineering.en.srt": srt((0, 2, "A definition.")),
            "02_week-2/01_sources/01_databases.en.srt": srt((0, 2, "Databases store rows.")),
        }
    )
    assert main(["build", "--root", str(root)]) == 0
    site = root / "site"
    home = (site / "index.html").read_text()
    assert "Project" in home and "2 weeks · 3 videos · 0 labs" in home
    welcome = (site / "courses/project/week-1/welcome/index.html").read_text()
    assert "Data engineering turns raw data into useful data." in welcome
    assert (site / "courses/project/week-1/what-is-data-engineering/index.html").is_file()
    assert "Databases store rows." in (site / "courses/project/week-2/databases/index.html").read_text()
    assert (site / "courses/project/week-1/welcome/welcome.en.srt").read_bytes() == GOOD
    summary = capsys.readouterr().err
    assert "1 course · 2 weeks · 3 videos · 0 labs · 0 errors · 0 warnings" in summary


# A cue whose timing line (line 6) is broken, between two good ones.
BROKEN_TIMING = (
    b"1\n00:00:00,000 --> 00:00:02,000\nFine words here.\n\n"
    b"2\n00:00:03,000 --> garbage\nHalf a cue\n\n"
    b"3\n00:00:05,000 --> 00:00:07,000\nThe end of it.\n"
)
BAD_CONTENT = {
    "transcripts/01-c/week-1/01-good.en.srt": GOOD,
    "transcripts/01-c/week-1/02-empty.en.srt": b"",
    "transcripts/01-c/week-1/03-broken.en.srt": BROKEN_TIMING,
    "transcripts/01-c/_meta.yml": "title: [broken\n",  # the list is still open at the end, line 2
}


def test_bad_content_is_reported_at_its_file_and_line_and_the_rest_still_builds(tree, capsys):
    root = tree(BAD_CONTENT)
    status = main(["build", "--root", str(root)])
    lines = capsys.readouterr().err.splitlines()
    assert [line for line in lines if line.startswith("transcripts/")] == [
        "transcripts/01-c/_meta.yml:2:1: error: invalid YAML: expected ',' or ']', but got '<stream end>'",
        "transcripts/01-c/week-1/02-empty.en.srt: warning: The file is empty.",
        "transcripts/01-c/week-1/03-broken.en.srt:6: warning: malformed timing line '00:00:03,000 --> garbage'; "
        "read as far as it goes",
    ]
    assert "1 course · 1 week · 3 videos · 0 labs · 1 error · 2 warnings" in lines[-1]
    assert status == 1  # an error was reported
    assert "Data engineering turns raw data" in (root / "site/courses/c/week-1/good/index.html").read_text()
    assert "could not be read" in (root / "site/courses/c/week-1/empty/index.html").read_text()
    broken = (root / "site/courses/c/week-1/broken/index.html").read_text()
    assert "Fine words here." in broken and "The end of it." in broken  # the cues around it are kept


def test_strict_turns_warnings_into_a_failing_exit_code(tree, capsys):
    root = tree(
        {
            "transcripts/01-c/week-1/01-a.en.srt": GOOD,
            "transcripts/01-c/week-1/02-A.en.srt": GOOD,  # same URL name: a warning
        }
    )
    assert main(["check", "--root", str(root)]) == 0
    assert main(["check", "--root", str(root), "--strict"]) == 1
    assert "same URL name" in capsys.readouterr().err


def test_check_writes_nothing(tree):
    root = tree({"transcripts/01-c/week-1/01-a.en.srt": GOOD})
    main(["check", "--root", str(root)])
    assert sorted(p.name for p in root.iterdir()) == ["transcripts"]


def test_check_prints_github_annotations_at_the_line_they_are_about(tree, capsys):
    root = tree(BAD_CONTENT)
    assert main(["check", "--root", str(root), "--format", "github"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "::error file=transcripts/01-c/_meta.yml,line=2,col=1::invalid YAML: expected ',' or ']', but got '<stream end>'",
        "::warning file=transcripts/01-c/week-1/02-empty.en.srt::The file is empty.",
        "::warning file=transcripts/01-c/week-1/03-broken.en.srt,line=6::malformed timing line "
        "'00:00:03,000 --> garbage'; read as far as it goes",
    ]


def test_usage_errors_exit_2(tmp_path, capsys):
    assert main(["build", "--root", str(tmp_path / "missing")]) == 2
    assert "is not a folder" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["frobnicate"])
    assert exit_.value.code == 2


def test_check_can_report_only_the_files_a_commit_changed(tree, capsys, monkeypatch):
    root = tree(
        {
            "transcripts/01-c/week-1/01-a.en.srt": b"",
            "transcripts/01-c/week-1/02-b.en.srt": b"",
        }
    )
    monkeypatch.chdir(root)
    assert main(["check", "transcripts/01-c/week-1/02-b.en.srt"]) == 0
    reported = [line for line in capsys.readouterr().err.splitlines() if line.startswith("transcripts/")]
    assert reported == ["transcripts/01-c/week-1/02-b.en.srt: warning: The file is empty."]


def test_edit_links_open_the_source_file_never_generated_markdown(tree):
    root = tree(
        {
            "course.yml": "repo_url: https://github.com/example/notes\nrepo_branch: trunk\n",
            "transcripts/01-c/week-1/01-a.en.srt": GOOD,
            "labs/01-c/week-1/02-lab/README.md": "# Lab\n",
            "labs/01-c/week-1/02-lab/q.sql": "select 1;\n",
        }
    )
    assert main(["build", "--root", str(root), "-q"]) == 0
    site = root / "site/courses/c/week-1"
    edit = 'href="https://github.com/example/notes/edit/trunk/'
    assert edit + 'transcripts/01-c/week-1/01-a.en.srt"' in (site / "a/index.html").read_text()
    assert edit + 'labs/01-c/week-1/02-lab/README.md"' in (site / "lab/index.html").read_text()
    assert 'href="https://github.com/example/notes/raw/trunk/transcripts/' in (site / "a/index.html").read_text()
    assert "/edit/" not in (site / "index.html").read_text()  # week pages have no source file to edit


def test_links_to_a_transcript_moment_are_checked_against_the_page(tree, caplog):
    """Transcript paragraphs pass through Markdown unparsed (coursesite/islands.py); MkDocs still knows their anchors."""
    config = "site_name: Notes\ntheme:\n  name: material\nplugins: [coursesite]\nvalidation:\n  anchors: warn\n"
    notes = (
        "# Notes\n\n[a moment](courses/c/week-1/a/index.md#t-0m00s) and [none](courses/c/week-1/a/index.md#t-9m59s)\n"
    )
    root = tree({"transcripts/01-c/week-1/01-a.en.srt": GOOD, "mkdocs.yml": config, "docs/notes.md": notes})
    assert main(["build", "--root", str(root)]) == 0
    assert "does not contain an anchor '#t-9m59s'" in caplog.text and "#t-0m00s'" not in caplog.text
    assert 'href="../courses/c/week-1/a/#t-0m00s"' in (root / "site/notes/index.html").read_text()


def test_the_summary_counts_what_mkdocs_warned_about(tree, capsys):
    root = tree({"transcripts/01-c/week-1/01-a.en.srt": GOOD, "docs/notes.md": "# Notes\n\n[gone](missing.md)\n"})
    assert main(["build", "--root", str(root)]) == 0
    assert "1 course · 1 week · 1 video · 0 labs · 0 errors · 1 warning" in capsys.readouterr().err


def test_a_mkdocs_yml_without_the_plugin_is_reported(tree, capsys, caplog):
    config = "site_name: Notes\ntheme:\n  name: material\nplugins: [search]\n"
    root = tree({"transcripts/01-c/week-1/01-a.en.srt": GOOD, "mkdocs.yml": config})
    assert main(["build", "--root", str(root)]) == 0
    assert "mkdocs.yml does not list the coursesite plugin" in caplog.text
    assert "1 warning" in capsys.readouterr().err
