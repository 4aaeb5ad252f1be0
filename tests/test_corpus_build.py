"""All of ../shared/corpus/notebooks build in ONE site build: no traceback, one page each (the plain
MkDocs + mkdocs-jupyter setup stopped on 8 of them)."""

from __future__ import annotations

import shutil

import pytest

from coursesite.cli import main
from coursesite.discover import discover
from tests.conftest import CORPUS

pytestmark = [pytest.mark.corpus, pytest.mark.e2e]


def test_every_corpus_notebook_gets_a_page_in_one_build(tmp_path, capsys):
    notebooks = sorted((CORPUS / "notebooks").glob("*.ipynb"))
    if not notebooks:
        pytest.skip(f"no corpus at {CORPUS / 'notebooks'}")
    week = tmp_path / "labs" / "01-corpus" / "week-1"
    week.mkdir(parents=True)
    for number, notebook in enumerate(notebooks, 1):
        shutil.copyfile(notebook, week / f"{number:02d}-{notebook.name}")  # a copy in a temporary folder only
    status = main(["build", "--root", str(tmp_path), "-q"])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    # Exit 0, not 1: the odd notebooks of the corpus (nbformat 3 and "4.99", missing fields, invalid
    # metadata, empty images, outputs of unknown types) are all repaired with a warning (37 of them);
    # none is beyond repair. An error here would be a page saying "could not be read" where a reader
    # used to see the notebook.
    assert status == 0, [line for line in err.splitlines() if ": error:" in line]
    labs = discover(tmp_path).courses[0].weeks[0].labs
    assert len(labs) == len(notebooks)
    for lab in labs:
        page = tmp_path / "site" / "courses" / "corpus" / "week-1" / lab.slug / "index.html"
        text = page.read_text("utf-8")
        assert "could not be read" not in text and "could not be shown" not in text, lab.source
