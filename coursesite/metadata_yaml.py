"""The YAML a metadata file (``course.yml``, ``_meta.yml``) may hold: mappings, lists and scalars, written out.

Metadata comes from strangers' pull requests and is read first, in the main process, by ``coursesite
check``. Two things YAML allows would let a few hundred bytes take that process down, and metadata never
needs either:

* anchors and aliases (``&a``, ``*a``): nine lines of nine aliases each stand for 9⁹ strings (a
  "billion laughs"); the first ``str()`` of such a title took ``check`` past 6.5 GB;
* deep nesting: PyYAML composes nodes by recursion, so ``[[[[…`` raised RecursionError.

``MetadataLoader`` refuses both where they appear, with the line and column, and ``load_metadata`` refuses
a file larger than ``MAX_BYTES`` before parsing it.
"""

from __future__ import annotations

from pathlib import Path

import yaml

# A course's _meta.yml with a title, a description and a URL for each of 300 videos is about 100 KB. PyYAML's
# pure-Python parser reads the worst 256 KB (one flow list of 130,000 one-letter items) in about 2 s and
# 100 MB; 1 MB of it took 8.4 s and 380 MB.
MAX_BYTES = 256 * 1024
# items → video → title is three levels; lists of lists nest a few more.
MAX_DEPTH = 32


class MetadataRefused(yaml.MarkedYAMLError):
    """Valid YAML that metadata may not use (an anchor, an alias, nesting too deep)."""


class MetadataTooLarge(Exception):
    """The file is larger than ``MAX_BYTES``; it was not parsed."""


class MetadataLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` without anchors and aliases, and with at most ``MAX_DEPTH`` levels of nesting."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise MetadataRefused(
                problem="anchors and aliases (&name, *name) are not allowed in metadata; write the value out",
                problem_mark=event.start_mark,
            )
        if self.depth >= MAX_DEPTH:
            raise MetadataRefused(
                problem=f"metadata is nested more than {MAX_DEPTH} levels deep", problem_mark=event.start_mark
            )
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def load_metadata(path: Path) -> object:
    """The data in a metadata file. Raises MetadataTooLarge, yaml.YAMLError (MetadataRefused among them),
    UnicodeDecodeError or OSError."""
    with open(path, "rb") as stream:
        data = stream.read(MAX_BYTES + 1)  # never more, whatever the file's size
    if len(data) > MAX_BYTES:
        raise MetadataTooLarge(f"metadata file is larger than {MAX_BYTES // 1024} KB; it is ignored")
    return yaml.load(data.decode("utf-8-sig"), Loader=MetadataLoader)
