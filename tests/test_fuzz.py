"""A short fuzz run over the readers in every test run (scripts/fuzz_readers.py runs longer ones)."""

from scripts.fuzz_readers import run


def test_a_short_fuzz_run_finds_no_crash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a crashing input would be written here
    assert run(iterations=400, seed=20261125) == 0
