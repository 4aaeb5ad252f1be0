"""The ``coursesite`` command: argument parsing, progress, summary and exit codes; no logic of its own."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from . import __version__
from .diagnostics import counts, report, unpublished_summary
from .markup import count
from .pdf import INSTALL_HINT, PdfError, find_chromium
from .pipeline import Conversion, GeneratedDirError, convert, refuse_linked_outputs
from .shards import ShardError

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="coursesite", description="Turn a course's subtitle files and lab solutions into a study site."
    )
    main.add_argument("--version", action="version", version=f"coursesite {__version__}")
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--root", type=Path, default=Path("."), help="project or download folder (default: .)")
        sub.add_argument("-q", "--quiet", action="store_true", help="print only problems and the summary")
        return sub

    build = command("build", "convert the sources, then build the site into ROOT/site/")
    build.add_argument("--strict", action="store_true", help="exit 1 on any warning (for CI)")
    build.add_argument("--offline", action="store_true", help="also write SITE-offline.zip beside it for file:// use")
    build.add_argument(
        "--pdf", action="store_true", help="also print one PDF per course into SITE-pdf/ (needs Chromium)"
    )
    build.add_argument("--site-dir", type=Path, help="where to build the site (default: ROOT/site)")
    build.add_argument(
        "--force", action="store_true", help="build even when nothing changed since the last build (it is skipped)"
    )
    build.add_argument(
        "--shard",
        metavar="K/N",
        help="build only the K-th of N parts of the courses, into ROOT/site-shards/K-of-N (join them with merge)",
    )
    shard_key = command("shard-key", "print the content key of shard K/N (a CI cache keys on it)")
    shard_key.add_argument("shard", metavar="K/N")
    merge = command("merge", "join shards built with build --shard into one site, without building them again")
    merge.add_argument("shards", nargs="+", type=Path, metavar="SHARD_DIR", help="the N shards' folders")
    merge.add_argument("--site-dir", type=Path, help="where to write the site (default: ROOT/site)")
    merge.add_argument("--strict", action="store_true", help="exit 1 on any warning (for CI)")
    convert_ = command("convert", "write the generated Markdown pages only")
    convert_.add_argument("--strict", action="store_true", help="exit 1 on any warning")
    check = command("check", "validate the sources without building anything")
    check.add_argument("--strict", action="store_true", help="exit 1 on any warning")
    check.add_argument(
        "--format", choices=("text", "github"), default="text", help="'github' prints workflow annotations"
    )
    check.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="report only problems in these files or folders (e.g. the files a commit changes)",
    )
    new = command("new", "create the folders and metadata of a new course, week or lab")
    new.add_argument("kind", choices=("course", "week", "lab"))
    new.add_argument(
        "names",
        nargs="+",
        metavar="NAME",
        help="course: TITLE; week: COURSE [TITLE]; lab: COURSE WEEK TITLE (COURSE and WEEK by number or name)",
    )
    serve = command("serve", "live preview that re-renders pages when sources change")
    serve.add_argument("--address", default="127.0.0.1:8000", help="host:port to serve on")
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    root = args.root.expanduser().resolve()
    if not root.is_dir():
        print(f"coursesite: error: --root {args.root} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    logging.basicConfig(format="%(levelname)s - %(message)s", level=logging.WARNING)
    progress = None if args.quiet else (lambda message: print(f"… {message}", file=sys.stderr, flush=True))
    try:
        if args.command == "check":
            return run_check(root, args.strict, args.format, progress, args.paths)
        if args.command == "new":
            return run_new(root, args.kind, args.names)
        if args.command in ("shard-key", "merge") or getattr(args, "shard", None):
            return run_shards(args, root, progress)
        return run_site(args, root, progress)
    except GeneratedDirError as error:
        print(f"coursesite: error: {error}", file=sys.stderr)
        return EXIT_CONTENT
    except ShardError as error:
        print(f"coursesite: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("coursesite: interrupted; the previous site and pages are unchanged", file=sys.stderr)
        return 130


def run_site(args: argparse.Namespace, root: Path, progress) -> int:
    from . import assemble as site  # MkDocs is imported only by commands that need it
    from .assemble import paper
    from .discover import discover

    started = time.perf_counter()
    plan = discover(root)  # once: the site's name comes from it, and so do the pages
    config_file, temporary = site.config_file_for(root, plan.settings.site_name)
    try:
        docs_dir = site.docs_dir_of(config_file)
        conversion = convert(root, docs_dir, progress, plan=plan)
        status = print_diagnostics(conversion, getattr(args, "strict", False), "text")
        if args.command == "serve":  # the plugin converts again on every change it sees
            # MkDocs' server says when the site is ready, at which address, and when it saw a change.
            logging.getLogger("mkdocs.livereload").setLevel(logging.INFO)
            site.serve(config_file, args.address)
            return EXIT_OK
        site_warnings, site_dir = 0, None
        if args.command == "build":
            site_dir = (args.site_dir.expanduser() if args.site_dir else root / "site").absolute()  # a link stays one
            zip_path = site_dir.with_name(f"{site_dir.name}-offline.zip")
            pdf_dir = paper.pdf_dir_for(site_dir)
            refuse_linked_outputs(site_dir, zip_path, pdf_dir)
            try:
                site.refuse_foreign_output(site_dir, zip_path if args.offline else None)
                if args.pdf:
                    paper.refuse_foreign_pdf_dir(pdf_dir)
                site_warnings = site.build_site(
                    conversion,
                    config_file,
                    site_dir,
                    args.strict,
                    progress,
                    offline_zip=zip_path if args.offline else None,
                    force=args.force,
                )
            except SystemExit as error:  # MkDocs aborts (e.g. on --strict warnings) with a SystemExit
                print(f"coursesite: error: MkDocs stopped: {error}", file=sys.stderr)
                return EXIT_CONTENT
            except (site.BuildError, PdfError) as error:
                print(f"coursesite: error: {error}; the previous site is unchanged", file=sys.stderr)
                return EXIT_CONTENT
            if args.pdf:
                status = max(status, print_course_pdfs(conversion, site_dir, progress))
            site_warnings += warn_if_too_large(site_dir, "site")
        print_summary(conversion, time.perf_counter() - started, args.command, root, site_warnings, site_dir)
        return status
    finally:
        if temporary:
            config_file.unlink(missing_ok=True)


def run_shards(args: argparse.Namespace, root: Path, progress) -> int:
    """``build --shard K/N``, ``shard-key K/N`` and ``merge``: see coursesite/shards.py."""
    from . import assemble as site
    from .assemble import shards as shard_site
    from .assemble.stamp import shard_key
    from .discover import discover
    from .pipeline import part_inputs
    from .shards import frame_part, parse_shard, shard_part

    started = time.perf_counter()
    shard = parse_shard(args.shard) if args.command != "merge" else None  # before anything is read
    if getattr(args, "offline", False) or getattr(args, "pdf", False):
        raise ShardError("--offline and --pdf need the whole site: build them without --shard")
    plan = discover(root)
    config_file, temporary = site.config_file_for(root, plan.settings.site_name)
    try:
        docs = site.docs_dir_of(config_file)
        part = shard_part(plan, shard) if shard else frame_part()
        if shard is not None:
            key = shard_key(config_file, root, docs, {"shard": str(shard)}, part_inputs(plan, part))
            if args.command == "shard-key":
                print(f"{shard.name}-{key}")
                return EXIT_OK
        site_dir = (args.site_dir.expanduser() if args.site_dir else _default_site(root, shard)).absolute()
        refuse_linked_outputs(site_dir)
        site.refuse_foreign_output(site_dir)
        if shard is not None and not args.force and shard_site.reusable(site_dir, key):
            if progress:
                progress(f"Shard {shard} is as its key says ({key[:12]}…): {site_dir} reused, nothing built")
            return EXIT_OK
        shards = shard_site.read_shards([folder.absolute() for folder in args.shards], plan) if shard is None else []
        docs_dir = shard_site.docs_folder(root, part, docs)
        summaries = shard_site.summaries(shards) if shard is None else None
        conversion = convert(root, docs_dir, progress, plan=plan, part=part, summaries=summaries)
        status = print_diagnostics(conversion, args.strict, "text")
        if progress and shard is not None:
            progress(f"Shard {shard}: {len(part.courses)} of {len(plan.courses)} courses")
        if shard is not None:
            finish = shard_site.manifest_writer(conversion, plan, shard, key)
            options = {"shard": key}
        else:
            finish = shard_site.joiner(shards, progress)
            options = {"shards": [data["key"] for _, data in shards]}
        try:
            warnings = site.build_site(
                conversion,
                config_file,
                site_dir,
                args.strict,
                progress,
                force=getattr(args, "force", False),
                finish=finish,
                more_options=options,
            )
        except SystemExit as error:
            print(f"coursesite: error: MkDocs stopped: {error}", file=sys.stderr)
            return EXIT_CONTENT
        except site.BuildError as error:
            print(f"coursesite: error: {error}; the previous site is unchanged", file=sys.stderr)
            return EXIT_CONTENT
        warnings += warn_if_too_large(site_dir, "shard" if shard else "merged site")
        if shard is None:  # the merge's summary counts every course
            conversion.counts = _merged_counts(conversion)
        print_summary(conversion, time.perf_counter() - started, args.command, root, warnings, site_dir)
        return EXIT_CONTENT if status or (args.strict and warnings) else EXIT_OK
    finally:
        if temporary:
            config_file.unlink(missing_ok=True)


def _default_site(root: Path, shard) -> Path:
    return root / "site-shards" / shard.name if shard is not None else root / "site"


def _merged_counts(conversion: Conversion) -> dict[str, int]:
    from .pipeline import count

    return count(conversion.catalog)


def warn_if_too_large(site_dir: Path, what: str) -> int:
    """GitHub Pages' 1 GB: said before anything is deployed (1: one warning, for the summary)."""
    from .assemble.shards import size_warning

    warning = size_warning(site_dir, what)
    if warning is None:
        return 0
    print(f"coursesite: warning: {warning}", file=sys.stderr)
    return 1


def print_course_pdfs(conversion: Conversion, site_dir: Path, progress) -> int:
    """After the site is built: one PDF per course, or why not (the site stays built either way)."""
    from .assemble import paper

    chromium = find_chromium()
    if chromium is None:
        print(
            f"coursesite: error: --pdf needs a headless Chromium and none was found; {INSTALL_HINT}. "
            f"The site itself was built.",
            file=sys.stderr,
        )
        return EXIT_CONTENT
    try:
        written = paper.write_course_pdfs(site_dir, conversion.catalog, chromium, progress)
    except PdfError as error:
        print(f"coursesite: error: {error}; the site itself was built", file=sys.stderr)
        return EXIT_CONTENT
    if progress:
        progress(f"Wrote {len(written)} PDF{'s' if len(written) != 1 else ''} into {paper.pdf_dir_for(site_dir)}")
    return EXIT_OK


def run_new(root: Path, kind: str, names: list[str]) -> int:
    from .scaffold import ScaffoldError, new_course, new_lab, new_week

    expected = {"course": (1, 1), "week": (1, 2), "lab": (3, 3)}[kind]
    if not expected[0] <= len(names) <= expected[1]:
        usage = {"course": "TITLE", "week": "COURSE [TITLE]", "lab": "COURSE WEEK TITLE"}[kind]
        print(f"coursesite: error: usage: coursesite new {kind} {usage}", file=sys.stderr)
        return EXIT_USAGE
    try:
        if kind == "course":
            created = new_course(root, names[0])
        elif kind == "week":
            created = new_week(root, names[0], names[1] if len(names) > 1 else None)
        else:
            created = new_lab(root, names[0], names[1], names[2])
    except (ScaffoldError, FileExistsError) as error:
        print(f"coursesite: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    for path in created:
        print(f"created {path.relative_to(root)}{'/' if path.is_dir() else ''}")
    return EXIT_OK


def run_check(root: Path, strict: bool, style: str, progress, paths: list[Path]) -> int:
    started = time.perf_counter()
    conversion = convert(root, root / "docs", progress, write=False)
    if paths:
        wanted = [_relative_to(root, path) for path in paths]
        conversion.diagnostics = [
            d
            for d in conversion.diagnostics
            if any(d.path == w or d.path.startswith(w.rstrip("/") + "/") for w in wanted)
        ]
    status = print_diagnostics(conversion, strict, style)
    if style == "text":
        print_summary(conversion, time.perf_counter() - started, "check", root)
    return status


def _relative_to(root: Path, path: Path) -> str:
    """A path given on the command line, as diagnostics name it (relative to the root)."""
    resolved = path.resolve()
    return resolved.relative_to(root).as_posix() if resolved.is_relative_to(root) else path.as_posix()


def print_diagnostics(conversion: Conversion, strict: bool, style: str) -> int:
    for line in report(conversion.diagnostics, style):
        print(line, file=sys.stdout if style == "github" else sys.stderr)
    errors, warnings = counts(conversion.diagnostics)
    return EXIT_CONTENT if errors or (strict and warnings) else EXIT_OK


def print_summary(
    conversion: Conversion,
    seconds: float,
    command: str,
    root: Path,
    site_warnings: int = 0,
    site_dir: Path | None = None,
) -> None:
    """One line; ``site_warnings``: what MkDocs warned about (printed above by MkDocs itself)."""
    errors, warnings = counts(conversion.diagnostics)
    warnings += site_warnings
    n = conversion.counts
    parts = [
        count(n["courses"], "course"),
        count(n["weeks"], "week"),
        count(n["videos"], "video"),
        count(n["labs"], "lab"),
        count(errors, "error"),
        count(warnings, "warning"),
        f"{seconds:.1f} s",
    ]
    summary = unpublished_summary(conversion.unpublished)
    if summary:
        print(f"coursesite {command}: {summary}", file=sys.stderr)
    where = {
        "build": f" → {site_dir or root / 'site'}",
        "merge": f" → {site_dir}",
        "convert": f" → {conversion.docs_dir / 'courses'}",
    }.get(command, "")
    print(f"coursesite {command}: {' · '.join(parts)}{where}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
