"""Print diagnostics the way compilers do, or as GitHub workflow annotations."""

from __future__ import annotations

from collections.abc import Iterable

from .model import Diagnostic, Severity


def sort_key(diagnostic: Diagnostic) -> tuple:
    return (diagnostic.path, diagnostic.line or 0, diagnostic.column or 0, diagnostic.message)


def format_diagnostic(diagnostic: Diagnostic) -> str:
    """``transcripts/c1/w2/03-acid.srt:57:1: warning: message``."""
    where = diagnostic.path
    if diagnostic.line:
        where += f":{diagnostic.line}"
        if diagnostic.column:
            where += f":{diagnostic.column}"
    return f"{where}: {diagnostic.severity.value}: {diagnostic.message}"


def _escape_property(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(":", "%3A").replace(",", "%2C")


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def format_github(diagnostic: Diagnostic) -> str:
    """``::warning file=…,line=…,col=…::message`` — GitHub shows it on the pull request's diff."""
    props = [f"file={_escape_property(diagnostic.path)}"]
    if diagnostic.line:
        props.append(f"line={diagnostic.line}")
    if diagnostic.column:
        props.append(f"col={diagnostic.column}")
    return f"::{diagnostic.severity.value} {','.join(props)}::{_escape_data(diagnostic.message)}"


def report(diagnostics: Iterable[Diagnostic], style: str = "text") -> list[str]:
    formatter = format_github if style == "github" else format_diagnostic
    return [formatter(d) for d in sorted(set(diagnostics), key=sort_key)]


def counts(diagnostics: Iterable[Diagnostic]) -> tuple[int, int]:
    """(errors, warnings)."""
    items = list(set(diagnostics))
    errors = sum(1 for d in items if d.severity is Severity.ERROR)
    return errors, len(items) - errors


def unpublished_summary(entries: Iterable[tuple[str, str, int]]) -> str | None:
    """One line for the files under the root that no page shows, each group by reason with its paths
    (backquoted; a folder ends in "/"): ``9 files not published: 7 in hidden folders `a/.terraform/`, …``.
    None when every file is published."""
    groups: dict[str, list[tuple[str, int]]] = {}
    for path, reason, count in entries:
        groups.setdefault(reason, []).append((path, count))
    total = sum(count for _, _, count in entries)
    if not total:
        return None
    parts = []
    for reason, members in sorted(groups.items()):
        number = sum(count for _, count in members)
        paths = ", ".join(f"`{path}`" for path, _ in sorted(members))
        parts.append(f"{number} ({reason}) {paths}")
    return f"{total} {'file' if total == 1 else 'files'} not published: " + "; ".join(parts)
