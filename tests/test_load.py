"""Reading sources into the model: what `check` says about notebooks, and lab file limits."""

import json

from coursesite.discover import discover
from coursesite.load import load_lab


def notebook(*cells) -> str:
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": list(cells)})


def code(source, outputs=()):
    return {
        "cell_type": "code",
        "id": f"c{abs(hash(source)) % 1000}",
        "metadata": {},
        "source": source,
        "execution_count": None,
        "outputs": list(outputs),
    }


def lab_diagnostics(tree, files, settings=""):
    root = tree({**files, "course.yml": settings or "site_name: x\n"})
    plan = discover(root)
    diagnostics = []
    lab = plan.courses[0].weeks[0].labs[0]
    load_lab(root, lab, diagnostics, plan.settings.warn_missing_outputs)
    return [d.message for d in diagnostics]


def test_a_notebook_committed_without_outputs_is_reported(tree):
    messages = lab_diagnostics(tree, {"labs/01-c/week-1/01-lab.ipynb": notebook(code("print(1)"))})
    assert any("no saved outputs" in m for m in messages)


def test_the_missing_outputs_warning_can_be_turned_off(tree):
    messages = lab_diagnostics(
        tree, {"labs/01-c/week-1/01-lab.ipynb": notebook(code("print(1)"))}, "warn_missing_outputs: false\n"
    )
    assert not any("no saved outputs" in m for m in messages)


def test_an_oversized_output_is_reported_with_its_cell(tree):
    big = {"output_type": "stream", "name": "stdout", "text": "x" * (2 * 1024 * 1024)}
    messages = lab_diagnostics(tree, {"labs/01-c/week-1/01-lab.ipynb": notebook(code("print(1)", [big]))})
    assert any(m.startswith("cell 1: an output of 2048 KB") for m in messages)


def test_a_notebook_with_outputs_is_fine(tree):
    out = {"output_type": "stream", "name": "stdout", "text": "1\n"}
    assert lab_diagnostics(tree, {"labs/01-c/week-1/01-lab.ipynb": notebook(code("print(1)", [out]))}) == []


def test_a_lab_that_is_only_listed_offers_its_files_up_to_a_total(tree, monkeypatch):
    from coursesite import load
    from coursesite.discover import LabPlan

    monkeypatch.setattr(load, "MAX_LISTED_BYTES", 250)
    files = [f"labs/c/w/lab/{name}" for name in ("a.py", "b.py", "c.py")]
    root = tree({name: b"x" * 100 for name in files})
    plan = LabPlan("lab", "Lab", (1,), "labs/c/w/lab", files, True)
    lab = load.listed_lab(root, plan, "Not shown.")
    assert [f.data for f in lab.files] == [b"x" * 100, b"x" * 100, None]
    assert [f.size for f in lab.files] == [100, 100, 100] and lab.problem == "Not shown."
