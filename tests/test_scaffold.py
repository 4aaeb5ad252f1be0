from coursesite.cli import main
from coursesite.discover import discover


def test_new_course_week_and_lab_are_numbered_and_discovered(tmp_path, capsys):
    assert main(["new", "course", "Streaming Systems", "--root", str(tmp_path)]) == 0
    assert main(["new", "week", "1", "Windows and Watermarks", "--root", str(tmp_path)]) == 0
    assert main(["new", "week", "streaming-systems", "--root", str(tmp_path)]) == 0
    assert main(["new", "lab", "1", "2", "Count Late Events", "--root", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "created transcripts/01-streaming-systems/" in out
    assert "created labs/01-streaming-systems/week-2/01-count-late-events/README.md" in out
    (course,) = discover(tmp_path).courses
    assert course.title == "Streaming Systems"
    assert [w.title for w in course.weeks] == ["Windows and Watermarks", "Week 2"]
    assert [lab.title for lab in course.weeks[1].labs] == ["Count Late Events"]


def test_new_names_what_is_missing(tmp_path, capsys):
    assert main(["new", "week", "7", "--root", str(tmp_path)]) == 2
    assert "no course '7'" in capsys.readouterr().err
