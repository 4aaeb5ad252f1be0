"""Where MkDocs begins. coursesite compiles the pages; MkDocs and Material assemble them into a site.

Only this subpackage imports ``mkdocs`` or ``material``: ``plugin`` (MkDocs' events), ``build`` (the
commands that run MkDocs), ``material`` (what we assume about the theme's HTML and files), ``pagefind``
(the search index), ``stamp`` (what the last build was made from) and ``live`` (what ``serve`` watches).
Importing it imports MkDocs: the CLI does so only for commands that build.
"""

from .build import (
    BuildError,
    build_offline_zip,
    build_site,
    config_file_for,
    docs_dir_of,
    load_config,
    refuse_foreign_output,
    serve,
)

__all__ = [
    "BuildError",
    "build_offline_zip",
    "build_site",
    "config_file_for",
    "docs_dir_of",
    "load_config",
    "refuse_foreign_output",
    "serve",
]
