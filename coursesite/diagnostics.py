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
