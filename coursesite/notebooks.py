"""Read a notebook file into a valid nbformat 4.5 dict, repairing what can be repaired.

Bytes in, a ``NotebookResult`` out: the repaired notebook, one warning per kind of repair, and a
``problem`` sentence when nothing could be recovered. Nothing here raises on bad content.

Reading is a chain of small steps, each with one job, in the spirit of nbconvert's preprocessors:

    decode → parse JSON → upgrade to v4 → repair structure (cells, sources, outputs, ids)
           → drop undecodable images → fix what the nbformat schema still rejects

Every step takes the notebook and a ``Report`` that collects what it changed. The normal form is
nbformat 4.5 with cell ids; ids the file lacks are numbered (``cell-3``), never random, so the same
file always reads the same.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import warnings
from collections.abc import Callable
from typing import Any, NamedTuple

from .model import Diagnostic

NBFORMAT_MINOR = 5  # what every notebook is read as
CELL_TYPES = ("code", "markdown", "raw")
OUTPUT_TYPES = ("stream", "display_data", "execute_result", "error")
CELL_ID = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")
# Output data stored base64-encoded; everything else is text (or JSON for "+json" types).
BINARY_MIME_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp", "application/pdf")
MAX_CELLS_NAMED = 8  # a grouped warning lists this many cell numbers, then "and N more"


class NotebookResult(NamedTuple):
    notebook: dict | None  # a repaired, valid nbformat v4 notebook, or None if nothing could be recovered
    diagnostics: tuple[Diagnostic, ...]
    problem: str  # "" if usable; else one sentence saying why


class Unreadable(Exception):
    """Raised by a step when nothing can be recovered; carries the sentence shown on the lab page."""

    def __init__(self, problem: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(problem)
        self.problem, self.line, self.column = problem, line, column


class Report:
    """What the steps repaired. Repairs of the same kind in many cells become one warning naming them."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.notes: dict[str, list[int]] = {}  # message -> 1-based cell numbers (empty: the whole notebook)

    def note(self, message: str, cell: int | None = None) -> None:
        cells = self.notes.setdefault(message, [])
        if cell is not None:
            cells.append(cell + 1)

    def diagnostics(self) -> list[Diagnostic]:
        return [Diagnostic.warning(self.path, _where(cells) + message) for message, cells in self.notes.items()]


def _where(cells: list[int]) -> str:
    if not cells:
        return ""
    unique = sorted(set(cells))
    named = ", ".join(str(n) for n in unique[:MAX_CELLS_NAMED])
    more = f" and {len(unique) - MAX_CELLS_NAMED} more" if len(unique) > MAX_CELLS_NAMED else ""
    return f"cell{'s' if len(unique) > 1 else ''} {named}{more}: "


def read_notebook(data: bytes, path: str) -> NotebookResult:
    report = Report(path)
    try:
        text = decode(data, report)
        notebook = parse_json(text)
        for step in STEPS:
            notebook = step(notebook, report)
    except Unreadable as reason:
        diagnostics = [*report.diagnostics(), Diagnostic.error(path, reason.problem, reason.line, reason.column)]
        return NotebookResult(None, tuple(diagnostics), reason.problem)
    except Exception as error:  # a bug in a repair step must not stop the build: report it as unreadable
        problem = f"The notebook could not be read ({type(error).__name__}: {error})."
        return NotebookResult(None, (*report.diagnostics(), Diagnostic.error(path, problem)), problem)
    return NotebookResult(notebook, tuple(report.diagnostics()), "")


# -- bytes to JSON ---------------------------------------------------------------------------------
def decode(data: bytes, report: Report) -> str:
    if not data.strip():
        raise Unreadable("The notebook file is empty." if not data else "The notebook file holds only whitespace.")
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            if encoding != "utf-8":
                report.note(f"file is {encoding.upper()[:6]}-encoded; notebooks should be UTF-8")
            return data[len(bom) :].decode(encoding, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        report.note(f"file is not valid UTF-8 (first bad byte at offset {error.start}); bad bytes shown as �")
        return data.decode("utf-8", "replace")


# A lone surrogate written as a JSON escape ("\\ud800") decodes to a str no page can hold (UTF-8 has no
# encoding for it); the parse never sees it as an error, so the escapes are made replacement characters first.
RGX_LONE_SURROGATE = re.compile(
    r"(?<!\\)((?:\\\\)*)\\u(d[89ab][0-9a-f]{2})(?!\\u(?:d[c-f][0-9a-f]{2}))"
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})(?<!\\)((?:\\\\)*)\\u(d[c-f][0-9a-f]{2})",
    re.IGNORECASE,
)


def parse_json(text: str) -> Any:
    if "\\u" in text:
        text = RGX_LONE_SURROGATE.sub(lambda m: (m[1] or m[3] or "") + "\\ufffd", text)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise Unreadable(
            f"The notebook is not valid JSON ({error.msg} at line {error.lineno}, column {error.colno}); "
            "it may have been cut short or edited by hand.",
            error.lineno,
            error.colno,
        ) from None
    except RecursionError:
        raise Unreadable("The notebook is not valid JSON (nested too deeply).") from None


# -- versions --------------------------------------------------------------------------------------
def upgrade(notebook: Any, report: Report) -> dict:
    """Any nbformat version in, a v4 dict out (its minor version and cells are fixed by later steps)."""
    if not isinstance(notebook, dict):
        raise Unreadable(f"The file is JSON but not a notebook (its top level is a {_json_type(notebook)}).")
    version = notebook.get("nbformat")
    if isinstance(version, str) and version.strip().isdigit():
        version = int(version)
        report.note("'nbformat' is a string; read as a number")
    if not isinstance(version, int) or isinstance(version, bool):
        if "cells" in notebook:
            version = 4
        elif "worksheets" in notebook:
            version = 3
        else:
            raise Unreadable("The file is JSON but not a notebook (it has no 'nbformat' version and no cells).")
        report.note(f"'nbformat' version is missing; read as version {version}")
    notebook["nbformat"] = version
    if version == 4:
        return notebook
    if version > 4:
        report.note(f"written in nbformat {version}, newer than this reader knows; read as version 4")
        notebook["nbformat"] = 4
        return notebook
    return _upgrade_old(notebook, version, report)


def _upgrade_old(notebook: dict, version: int, report: Report) -> dict:
    import nbformat

    if version == 3 and not isinstance(notebook.get("worksheets"), list):
        report.note("nbformat 3 notebook has no worksheets, so it has no cells")
        notebook["worksheets"] = []
    if version == 3:
        for sheet in notebook["worksheets"]:
            if isinstance(sheet, dict) and not isinstance(sheet.get("cells"), list):
                sheet["cells"] = []
    notebook.setdefault("metadata", {})
    if not isinstance(notebook["metadata"], dict):
        notebook["metadata"] = {}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # The version's own reader first: it joins line lists and decodes what the converter expects.
            converted = nbformat.convert(nbformat.versions[version].to_notebook_json(notebook), 4)
    except Exception as error:
        raise Unreadable(
            f"The notebook is in the old nbformat {version} and could not be upgraded ({error})."
        ) from None
    report.note(f"notebook is in the old nbformat {version}; upgraded to version 4 (re-save it in Jupyter)")
    plain = _plain(converted)
    for cell in plain.get("cells", []):
        if isinstance(cell, dict):
            cell.pop("id", None)  # the converter's ids are random; numbered ones are assigned below
    plain["nbformat_minor"] = 0
    return plain


def _plain(value: Any) -> Any:
    """NotebookNode (or anything JSON-like) to plain dicts and lists, so results pickle and compare simply."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def set_minor_version(notebook: dict, report: Report) -> dict:
    minor = notebook.get("nbformat_minor")
    if isinstance(minor, str) and minor.strip().isdigit():
        minor = int(minor)
    if not isinstance(minor, int) or isinstance(minor, bool) or minor < 0:
        report.note("'nbformat_minor' is missing or not a number; read as 4.5")
    elif minor > NBFORMAT_MINOR:
        report.note(f"written in nbformat 4.{minor}, newer than this reader knows; read as 4.5")
    notebook["nbformat_minor"] = NBFORMAT_MINOR
    return notebook


# -- structure -------------------------------------------------------------------------------------
def repair_top_level(notebook: dict, report: Report) -> dict:
    if not isinstance(notebook.get("metadata"), dict):
        report.note("notebook metadata is missing or not an object; read as empty")
        notebook["metadata"] = {}
    cells = notebook.get("cells")
    if not isinstance(cells, list):
        report.note("'cells' is missing or not a list; read as no cells")
        cells = []
    kept = [cell for cell in cells if isinstance(cell, dict)]
    if len(kept) != len(cells):
        report.note(f"{len(cells) - len(kept)} cell(s) are not objects and were dropped")
    notebook["cells"] = kept
    for key in [k for k in notebook if k not in ("metadata", "cells", "nbformat", "nbformat_minor")]:
        report.note(f"unknown top-level field '{key}' ignored")
        del notebook[key]
    return notebook


def repair_metadata(notebook: dict, report: Report) -> dict:
    metadata = notebook["metadata"]
    kernelspec = metadata.get("kernelspec")
    if kernelspec is not None and not isinstance(kernelspec, dict):
        report.note("metadata 'kernelspec' is not an object; ignored")
        metadata.pop("kernelspec")
    elif isinstance(kernelspec, dict):
        for key in ("name", "display_name"):
            if not isinstance(kernelspec.get(key), str):
                kernelspec[key] = str(kernelspec.get("name") or kernelspec.get("display_name") or "")
                report.note(f"metadata kernelspec '{key}' is missing; filled in")
    language = metadata.get("language_info")
    if language is not None and not (isinstance(language, dict) and isinstance(language.get("name"), str)):
        report.note("metadata 'language_info' has no language name; ignored")
        metadata.pop("language_info")
    return notebook


def repair_cells(notebook: dict, report: Report) -> dict:
    for index, cell in enumerate(notebook["cells"]):
        _repair_cell(cell, index, report)
    return notebook


def _repair_cell(cell: dict, index: int, report: Report) -> None:
    kind = cell.get("cell_type")
    if kind == "heading":  # an nbformat 3 heading cell left in a v4 file
        level = cell.pop("level", 1)
        level = level if isinstance(level, int) and 1 <= level <= 6 else 1
        cell["source"] = "#" * level + " " + _text(cell.get("source", "")).replace("\n", " ")
        cell["cell_type"] = kind = "markdown"
        report.note("old-style heading cell read as a Markdown heading", index)
    elif kind not in CELL_TYPES:
        report.note(f"unknown cell type {kind!r} shown as a raw cell", index)
        cell["cell_type"] = kind = "raw"
    if "source" not in cell:
        report.note("'source' is missing; read as empty", index)
    elif not isinstance(cell["source"], str) and not _is_string_list(cell["source"]):
        report.note("'source' is not text; read as its JSON", index)
    cell["source"] = _text(cell.get("source", ""))
    if not isinstance(cell.get("metadata"), dict):
        report.note("cell metadata is missing or not an object; read as empty", index)
        cell["metadata"] = {}
    allowed = {"id", "cell_type", "metadata", "source"} | (
        {"outputs", "execution_count"} if kind == "code" else {"attachments"}
    )
    for key in sorted(set(cell) - allowed):
        report.note(f"field '{key}' does not belong in a {kind} cell; ignored", index)
        del cell[key]
    if "attachments" in cell and not isinstance(cell["attachments"], dict):
        report.note("'attachments' is not an object; ignored", index)
        del cell["attachments"]
    if kind == "code":
        count = cell.get("execution_count")
        if count is not None and (not isinstance(count, int) or isinstance(count, bool) or count < 0):
            report.note("'execution_count' is not a number; ignored", index)
            count = None
        cell["execution_count"] = count
        outputs = cell.get("outputs")
        if not isinstance(outputs, list):
            if outputs is not None:
                report.note("'outputs' is not a list; ignored", index)
            outputs = []
        cell["outputs"] = [out for out in (_repair_output(o, index, report) for o in outputs) if out is not None]


def _repair_output(output: Any, index: int, report: Report) -> dict | None:
    if not isinstance(output, dict):
        report.note("an output is not an object; dropped", index)
        return None
    kind = output.get("output_type")
    if kind not in OUTPUT_TYPES:
        report.note(f"an output of unknown type {kind!r} was dropped", index)
        return None
    if kind == "stream":
        name = output.get("name")
        if name not in ("stdout", "stderr"):
            report.note("a stream output has no stdout/stderr name; read as stdout", index)
        if "text" not in output:
            report.note("a stream output has no 'text'; read as empty", index)
        return {"output_type": kind, "name": name if name in ("stdout", "stderr") else "stdout",
                "text": _text(output.get("text", ""))}  # fmt: skip
    if kind == "error":
        traceback = output.get("traceback")
        if not isinstance(traceback, list) or not all(isinstance(line, str) for line in traceback):
            report.note("an error output has no valid traceback; shown without one", index)
            traceback = [] if not isinstance(traceback, list) else [_text(line) for line in traceback]
        return {"output_type": kind, "ename": _text(output.get("ename", "")), "evalue": _text(output.get("evalue", "")),
                "traceback": traceback}  # fmt: skip
    repaired: dict = {"output_type": kind, "data": output.get("data"), "metadata": output.get("metadata")}
    if not isinstance(repaired["data"], dict):
        report.note(f"a {kind} output has no 'data' object; read as empty", index)
        repaired["data"] = {}
    if not isinstance(repaired["metadata"], dict):
        if "metadata" in output:
            report.note(f"a {kind} output has metadata that is not an object; ignored", index)
        repaired["metadata"] = {}
    repaired["data"] = {str(mime): _mime_value(mime, value) for mime, value in repaired["data"].items()}
    if kind == "execute_result":
        count = output.get("execution_count")
        repaired["execution_count"] = count if isinstance(count, int) and not isinstance(count, bool) else None
    return repaired


def _mime_value(mime: str, value: Any) -> Any:
    if mime.endswith("json"):
        return value  # JSON payloads stay structured
    return _text(value)


def _is_string_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(part, str) for part in value)


def _text(value: Any) -> str:
    """A multiline string as nbformat stores it (a string or a list of strings) joined into one string."""
    if isinstance(value, str):
        return value
    if _is_string_list(value):
        return "".join(value)
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def assign_cell_ids(notebook: dict, report: Report) -> dict:
    seen: set[str] = set()
    for index, cell in enumerate(notebook["cells"]):
        given = cell.get("id")
        if "id" not in cell:
            pass  # older minor versions have no ids: numbering them is not a repair
        elif not isinstance(given, str) or not CELL_ID.match(given):
            report.note(f"cell id {given!r} is not a valid id; renumbered", index)
        elif given in seen:
            report.note(f"cell id {given!r} is used by an earlier cell; renumbered", index)
        if isinstance(given, str) and CELL_ID.match(given) and given not in seen:
            seen.add(given)
            continue
        number = index + 1
        while f"cell-{number}" in seen or any(c.get("id") == f"cell-{number}" for c in notebook["cells"][index + 1 :]):
            number += 1000
        cell["id"] = f"cell-{number}"
        seen.add(cell["id"])
    for cell in notebook["cells"]:  # the schema wants "id" first among equals; keep key order stable
        cell_id = cell.pop("id")
        items = list(cell.items())
        cell.clear()
        cell.update([("id", cell_id), *items])
    return notebook


# -- images ------------------------------------------------------------------------------------------
def drop_undecodable_data(notebook: dict, report: Report) -> dict:
    """Binary output data and attachments must be base64; a bad one is dropped, the rest of the bundle kept."""
    for index, cell in enumerate(notebook["cells"]):
        if "outputs" in cell:
            cell["outputs"] = [o for o in cell["outputs"] if _keep_decodable(o, index, report)]
        attachments = cell.get("attachments")
        for name in list(attachments or {}):
            bundle = attachments[name]
            if not isinstance(bundle, dict) or not all(
                isinstance(v, str) and (m not in BINARY_MIME_TYPES or _is_base64(v)) for m, v in bundle.items()
            ):
                report.note(f"attachment {name!r} is not valid base64 data and was dropped", index)
                del attachments[name]
    return notebook


def _keep_decodable(output: dict, index: int, report: Report) -> bool:
    """Drop undecodable binary entries; False when nothing of the output is left."""
    data = output.get("data")
    if not data:
        return True
    for mime in [m for m in data if m in BINARY_MIME_TYPES and not _is_base64(data[m])]:
        del data[mime]
        report.note(f"a {mime} output is empty or not valid base64 and was dropped", index)
    return bool(data)


def _is_base64(value: Any) -> bool:
    if not isinstance(value, str) or not value.strip():
        return False  # empty data is no image either
    try:
        base64.b64decode("".join(value.split()), validate=True)
    except (binascii.Error, ValueError):
        return False
    return True


# -- the schema ------------------------------------------------------------------------------------
def fix_schema_errors(notebook: dict, report: Report) -> dict:
    """Whatever the schema still rejects: invalid metadata entries are dropped; anything else is reported."""
    for _ in range(20):  # each round drops at least one entry; a bound guards against a loop
        errors = _schema_errors(notebook)
        if not errors:
            return notebook
        fixed = False
        for error in errors:
            for detail in _with_context(error):
                fixed |= _drop_bad_metadata(notebook, list(detail.absolute_path), report)
        if not fixed:
            break
    for error in _schema_errors(notebook)[:5]:
        where = "/".join(str(p) for p in error.absolute_path) or "notebook"
        report.note(f"does not match the nbformat schema at {where}: {_short(error.message)}")
    return notebook


def _schema_errors(notebook: dict) -> list:
    """Every schema error, by jsonschema (it finds all of them, with their paths) when there is one.

    jsonschema takes about 60 ms for a notebook of 50 cells, more than rendering it; fastjsonschema (an
    nbformat dependency) answers "valid" in 1 ms, and nearly every notebook is, so it is asked first.
    """
    from nbformat.validator import get_validator

    fast = get_validator(version=4, version_minor=NBFORMAT_MINOR, name="fastjsonschema")
    if fast is not None and not fast.iter_errors(notebook):
        return []
    validator = get_validator(version=4, version_minor=NBFORMAT_MINOR, name="jsonschema")
    if validator is None:  # pragma: no cover - jsonschema comes with nbformat
        return []
    return list(validator.iter_errors(notebook))


def _with_context(error: Any) -> list:
    """An error and the errors under it: a cell failing "oneOf" hides the metadata entry at fault there."""
    found = [error]
    for sub in error.context or ():
        found.extend(_with_context(sub))
    return found


def _drop_bad_metadata(notebook: dict, path: list, report: Report) -> bool:
    """Delete the metadata entry an error points into (``cells/3/metadata/tags`` drops ``tags``)."""
    if "metadata" not in path:
        return False
    at = path.index("metadata")
    if at + 1 >= len(path):
        return False
    container: Any = notebook
    for part in path[: at + 1]:
        container = container[part]
    key = path[at + 1]
    if not isinstance(container, dict) or key not in container:
        return False
    del container[key]
    cell = path[1] if path[0] == "cells" and len(path) > 1 and isinstance(path[1], int) else None
    owner = "output metadata" if "outputs" in path else "metadata"
    report.note(f"{owner} '{key}' has an invalid value; ignored", cell)
    return True


def _short(message: str, limit: int = 120) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"


def _json_type(value: Any) -> str:
    return {list: "list", str: "string", int: "number", float: "number", bool: "boolean"}.get(type(value), "null")


STEPS: tuple[Callable[[Any, Report], Any], ...] = (
    upgrade,
    set_minor_version,
    repair_top_level,
    repair_metadata,
    repair_cells,
    assign_cell_ids,
    drop_undecodable_data,
    fix_schema_errors,
)
