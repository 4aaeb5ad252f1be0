"""Reading notebooks: every fixture is one quirk; the reader repairs it with a warning or says why it cannot."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import nbformat
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursesite.model import Severity
from coursesite.notebooks import read_notebook

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"
READER_FIXTURES = sorted(
    p for p in FIXTURES.glob("*.ipynb") if p.name not in ("empty_file.ipynb", "truncated_json.ipynb")
)


def read(name: str):
    return read_notebook((FIXTURES / name).read_bytes(), f"labs/{name}")


def messages(result) -> str:
    return "\n".join(d.message for d in result.diagnostics)


def assert_valid(notebook: dict) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        nbformat.validate(nbformat.from_dict(notebook))


@pytest.mark.parametrize("path", [p for p in READER_FIXTURES if p.name != "json_not_a_notebook.ipynb"], ids=str)
def test_every_repairable_fixture_reads_as_a_valid_v4_5_notebook(path: Path):
    result = read_notebook(path.read_bytes(), path.name)
    assert result.problem == ""
    assert result.notebook["nbformat"] == 4 and result.notebook["nbformat_minor"] == 5
    assert_valid(result.notebook)
    assert all(d.severity == Severity.WARNING for d in result.diagnostics)


def test_a_well_formed_notebook_reads_without_warnings():
    result = read("sources_as_string_lists.ipynb")
    assert result.diagnostics == ()
    markdown, code = result.notebook["cells"]
    assert markdown["source"] == "## Part one\ntext"  # line lists joined into one string
    assert code["outputs"][0]["text"] == "1\n"


def test_utf8_bom_is_skipped_quietly():
    result = read("utf8_bom.ipynb")
    assert result.diagnostics == ()
    assert result.notebook["cells"][0]["source"].startswith("# Café")


def test_empty_file_is_unreadable_with_a_reason():
    result = read("empty_file.ipynb")
    assert result.notebook is None
    assert result.problem == "The notebook file is empty."
    assert result.diagnostics[-1].severity == Severity.ERROR


def test_truncated_json_names_the_line_and_column():
    result = read("truncated_json.ipynb")
    assert result.notebook is None
    assert "not valid JSON" in result.problem
    error = result.diagnostics[-1]
    assert (error.line, error.column) == (5, 14)
    assert "line 5, column 14" in error.message


def test_json_that_is_not_a_notebook_is_unreadable():
    result = read("json_not_a_notebook.ipynb")
    assert result.notebook is None
    assert "not a notebook" in result.problem


def test_invalid_utf8_is_read_with_a_warning():
    result = read("latin1_bytes.ipynb")
    assert result.notebook["cells"][0]["source"] == "caf\ufffd"
    assert "not valid UTF-8" in messages(result)


def test_v3_notebook_is_upgraded_keeping_headings_code_and_outputs():
    result = read("v3_with_heading_cells.ipynb")
    heading, code = result.notebook["cells"]
    assert heading == {"id": "cell-1", "cell_type": "markdown", "metadata": {}, "source": "# Old title"}
    assert code["source"] == "print('hi')\nx = 1"
    assert [o["output_type"] for o in code["outputs"]] == ["stream", "execute_result"]
    assert "old nbformat 3" in messages(result)


def test_v3_notebook_without_worksheets_reads_as_empty():
    result = read("v3_no_worksheets.ipynb")
    assert result.notebook["cells"] == []
    assert "no worksheets" in messages(result)


def test_v2_notebook_is_upgraded():
    result = read("v2_notebook.ipynb")
    cells = result.notebook["cells"]
    assert [c["cell_type"] for c in cells] == ["markdown", "code"]
    assert cells[1]["outputs"][0]["data"]["text/plain"] == "2"


def test_upgraded_cell_ids_are_numbered_not_random():
    first, second = read("v3_with_heading_cells.ipynb"), read("v3_with_heading_cells.ipynb")
    assert first.notebook == second.notebook
    assert [c["id"] for c in first.notebook["cells"]] == ["cell-1", "cell-2"]


def test_missing_source_reads_as_empty_and_names_the_cell():
    result = read("missing_source.ipynb")
    assert result.notebook["cells"][0]["source"] == ""
    assert messages(result) == "cell 1: 'source' is missing; read as empty"


def test_invalid_and_duplicate_cell_ids_are_renumbered():
    result = read("invalid_and_duplicate_cell_ids.ipynb")
    assert [c["id"] for c in result.notebook["cells"]] == ["cell-1", "same", "cell-3"]
    assert "cell 1: cell id '$bad id' is not a valid id" in messages(result)
    assert "cell 3: cell id 'same' is used by an earlier cell" in messages(result)


def test_missing_minor_version_is_read_as_4_5():
    result = read("no_nbformat_minor.ipynb")
    assert "'nbformat_minor' is missing" in messages(result)


def test_missing_metadata_is_filled_in():
    result = read("missing_metadata.ipynb")
    assert result.notebook["metadata"] == {}
    assert result.notebook["cells"][0]["metadata"] == {}
    assert "notebook metadata is missing" in messages(result)
    assert "cell 1: cell metadata is missing" in messages(result)


def test_kernelspec_that_is_a_string_is_dropped():
    result = read("kernelspec_is_a_string.ipynb")
    assert "kernelspec" not in result.notebook["metadata"]
    assert result.notebook["metadata"]["language_info"] == {"name": "python"}
    assert "'kernelspec' is not an object" in messages(result)


def test_outputs_missing_fields_are_completed():
    result = read("outputs_missing_fields.ipynb")
    stream, value, error = result.notebook["cells"][0]["outputs"]
    assert stream["name"] == "stdout"
    assert value["metadata"] == {} and value["execution_count"] is None
    assert error["traceback"] == []
    assert "cell 1: an error output has no valid traceback" in messages(result)


def test_bad_base64_image_drops_only_that_image():
    result = read("bad_base64_image.ipynb")
    bad, good = result.notebook["cells"][0]["outputs"]
    assert bad["data"] == {"text/plain": "<Figure>"}  # the rest of the bundle stays
    assert "image/png" in good["data"]
    assert messages(result) == "cell 1: a image/png output is empty or not valid base64 and was dropped"


def test_invalid_cell_metadata_entries_are_dropped_others_kept():
    result = read("bad_cell_metadata.ipynb")
    assert result.notebook["cells"][0]["metadata"] == {"keep": 1}
    assert "cell 1: metadata 'tags' has an invalid value" in messages(result)


def test_future_minor_version_and_unknown_cell_type_are_read():
    result = read("future_minor_version.ipynb")
    assert [c["cell_type"] for c in result.notebook["cells"]] == ["markdown", "raw"]
    assert "cell 2: unknown cell type 'widget' shown as a raw cell" in messages(result)


def test_the_same_repair_in_many_cells_is_one_warning():
    cells = [{"cell_type": "markdown", "id": f"m{i}", "metadata": {}} for i in range(12)]
    data = nbformat.writes(nbformat.from_dict({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    data = data.replace('"cells": []', '"cells": ' + __import__("json").dumps(cells))
    result = read_notebook(data.encode(), "many.ipynb")
    assert [d.message for d in result.diagnostics] == [
        "cells 1, 2, 3, 4, 5, 6, 7, 8 and 4 more: 'source' is missing; read as empty"
    ]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_raise(data: bytes):
    result = read_notebook(data, "fuzz.ipynb")
    assert (result.notebook is None) == bool(result.problem)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=12,
)
keys = st.sampled_from(["cells", "metadata", "nbformat", "nbformat_minor", "worksheets", "source", "outputs"])


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(keys, json_values, max_size=5),
    st.lists(st.dictionaries(st.sampled_from(["cell_type", "source", "outputs", "id", "metadata"]), json_values)),
)
def test_arbitrary_notebook_shaped_json_never_raises_and_is_valid_when_read(top: dict, cells: list):
    top.setdefault("cells", cells)
    result = read_notebook(__import__("json").dumps(top).encode(), "fuzz.ipynb")
    if result.notebook is not None:
        assert_valid(result.notebook)


def _is_json(path: Path) -> bool:
    try:
        json.loads(path.read_bytes().decode("utf-8-sig"))
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("path", [p for p in READER_FIXTURES if _is_json(p)], ids=str)
def test_the_fast_schema_check_agrees_with_jsonschema(path: Path):
    """Notebooks are checked by fastjsonschema first; only its "invalid" sends them to jsonschema's full report."""
    from nbformat.validator import get_validator

    notebook = json.loads(path.read_bytes().decode("utf-8-sig"))
    fast = get_validator(version=4, version_minor=5, name="fastjsonschema")
    full = get_validator(version=4, version_minor=5, name="jsonschema")
    for candidate in (notebook, read_notebook(path.read_bytes(), path.name).notebook):
        if isinstance(candidate, dict):
            assert (not fast.iter_errors(candidate)) == (not list(full.iter_errors(candidate)))
