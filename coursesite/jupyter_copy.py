"""A notebook made safe for the alternative renderer, mkdocs-jupyter (``notebook_renderer: mkdocs-jupyter``).

mkdocs-jupyter (nbconvert's HTML exporter) copies HTML from Markdown cells and outputs as it is and
turns JavaScript outputs into scripts. The copy it is given holds only what coursesite's own renderer
would show, sanitised the same way: Markdown cells as sanitised HTML under Markdown headings (so its
table of contents still works), outputs as escaped text, checked images, sanitised SVG and HTML, the
static fallback of interactive outputs, raw cells as sanitised HTML or text, no output metadata (image
sizes are written into attributes) and, of the notebook's metadata, only the kernel's name and language.
"""

from __future__ import annotations

import base64
from typing import Any

from .islands import one_line_islands
from .model import Diagnostic
from .render_notebook import (
    IMAGE_EXTENSIONS,
    MAGIC,
    STATIC_FALLBACK,
    Page,
    _decode_base64,
    _joined,
    interactive_kind,
    markdown_to_html,
    notebook_language,
    render_markdown_cell,
    render_raw_cell,
    terminal_text,
)
from .sanitize import sanitize_html, sanitize_svg

KERNEL_KEYS = {"kernelspec": ("name", "display_name", "language"), "language_info": ("name", "pygments_lexer")}


def safe_copy(
    nb: dict, *, path: str, asset_dir: str, link_base: str
) -> tuple[dict, dict[str, bytes], list[Diagnostic]]:
    """The notebook to hand to mkdocs-jupyter, the files its Markdown cells refer to, and what was dropped."""
    page = Page(path, asset_dir, heading_offset=0, language=notebook_language(nb), link_base=link_base)
    cells = []
    for index, cell in enumerate(nb.get("cells") or []):
        try:
            safe = _cell(cell, index, page)
        except Exception as error:  # one cell must not cost the rest of the notebook
            page.warn(index, f"could not be shown ({type(error).__name__}: {error})")
            safe = _markdown(f"<p><em>Cell {index + 1} could not be shown.</em></p>")
        cells.append({"id": f"cell-{index + 1}", **safe})
    copy = {"nbformat": 4, "nbformat_minor": 5, "metadata": _metadata(nb.get("metadata")), "cells": cells}
    return copy, dict(sorted(page.assets.items())), list(page.diagnostics)


def _metadata(metadata: Any) -> dict:
    kept: dict[str, dict] = {}
    for key, fields in KERNEL_KEYS.items():
        value = metadata.get(key) if isinstance(metadata, dict) else None
        if isinstance(value, dict):
            kept[key] = {name: value[name] for name in fields if isinstance(value.get(name), str)}
    return kept


def _markdown(source: str) -> dict:
    """A Markdown cell for nbconvert: headings as Markdown, every block of HTML on a line of its own."""
    return {"cell_type": "markdown", "metadata": {}, "source": one_line_islands(source)}


def _cell(cell: dict, index: int, page: Page) -> dict:
    kind = cell.get("cell_type")
    source = _joined(cell.get("source"))
    if kind == "markdown":  # Markdown headings (mkdocs-jupyter's table of contents) and sanitised HTML
        return _markdown(render_markdown_cell(source, cell.get("attachments") or {}, index, page))
    if kind == "code":
        count = cell.get("execution_count")
        outputs = [safe for output in cell.get("outputs") or [] if (safe := _output(output, index, page))]
        return {
            "cell_type": "code",
            "execution_count": count if isinstance(count, int) else None,
            "metadata": {},
            "source": source,
            "outputs": outputs,
        }
    return _markdown(render_raw_cell(source, cell.get("metadata") or {}, index, page))


def _output(output: dict, index: int, page: Page) -> dict | None:
    kind = output.get("output_type")
    if kind == "stream":
        name = "stderr" if output.get("name") == "stderr" else "stdout"
        return {"output_type": "stream", "name": name, "text": terminal_text(_joined(output.get("text")))}
    if kind == "error":
        lines = [terminal_text(_joined(line)) for line in output.get("traceback") or []]
        ename, evalue = _joined(output.get("ename")), _joined(output.get("evalue"))
        return {"output_type": "error", "ename": ename, "evalue": evalue, "traceback": lines or [f"{ename}: {evalue}"]}
    if kind in ("display_data", "execute_result"):
        data = _bundle(output.get("data") or {}, index, page)
        if not data:
            return None
        safe: dict[str, Any] = {"output_type": kind, "data": data, "metadata": {}}
        if kind == "execute_result":
            count = output.get("execution_count")
            safe["execution_count"] = count if isinstance(count, int) else None
        return safe
    return None


def _bundle(data: dict, index: int, page: Page) -> dict[str, str]:
    """The representations nbconvert may show, each made safe; interactive ones give way to static ones."""
    interactive = interactive_kind(data)
    kept: dict[str, str] = {}
    for mime, value in data.items():
        if interactive and mime not in STATIC_FALLBACK:
            continue
        if mime in IMAGE_EXTENSIONS:
            decoded = _decode_base64(value)
            if decoded is not None and decoded.startswith(MAGIC[mime]):
                kept[mime] = base64.b64encode(decoded).decode("ascii")
            else:
                page.warn(index, f"a {mime} output is not a {IMAGE_EXTENSIONS[mime].upper()} image; not shown")
        elif mime == "image/svg+xml":
            if safe := sanitize_svg(_joined(value)):
                kept[mime] = safe
        elif mime == "text/html":
            kept[mime] = sanitize_html(_joined(value))
        elif mime == "text/markdown":
            if "text/html" not in data:  # nbconvert would render it with raw HTML passed through
                chunks = markdown_to_html(_joined(value), {}, index, page)
                kept["text/html"] = "".join(chunk for chunk in chunks if isinstance(chunk, str))
        elif mime in ("text/latex", "text/plain"):
            kept[mime] = _joined(value)
        elif not interactive:
            page.warn(index, f"output of type {mime} not shown")
    if interactive and not any(mime != "text/plain" for mime in kept):
        note = f"Interactive output ({interactive}) not shown; run the notebook to see it."
        kept["text/plain"] = f"{kept['text/plain']}\n\n{note}" if kept.get("text/plain") else note
    return kept


__all__ = ["safe_copy"]
