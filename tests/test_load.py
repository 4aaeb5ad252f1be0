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
