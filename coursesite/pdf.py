"""Printing an HTML file to PDF with a headless Chromium, when one is installed.

No PDF library: Chromium lays out and paginates with the site's own print stylesheet, as a reader's
browser would; coursesite only finds the program, runs it within a time limit and checks it wrote a PDF.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .children import ending_with_this_process

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
SECONDS_PER_DOCUMENT = float(os.environ.get("COURSESITE_PDF_SECONDS", "300"))
INSTALL_HINT = (
    "install Chromium (Debian/Ubuntu: apt-get install chromium; macOS: brew install --cask chromium) "
    "or put chromium, chromium-browser or google-chrome on the PATH"
)


class PdfError(Exception):
    """Chromium is missing, failed or took too long: said in words, the site itself is already built."""


def find_chromium() -> str | None:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def print_to_pdf(chromium: str, document: Path, pdf: Path) -> None:
    """``document`` (an HTML file) printed by ``chromium`` into ``pdf``, without Chromium's header and footer."""
    with tempfile.TemporaryDirectory(prefix="coursesite-chromium-") as profile:
        command = [
            chromium,
            "--headless",
            "--disable-gpu",
            "--no-pdf-header-footer",
            "--no-first-run",
            "--disable-background-networking",
            f"--user-data-dir={profile}",  # a profile of its own: a running browser's lock does not stop it
            f"--print-to-pdf={pdf}",
            *(["--no-sandbox"] if os.geteuid() == 0 else []),  # Chromium refuses to run as root with its sandbox
            document.resolve().as_uri(),
        ]
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                text=True,
                check=False,
                timeout=SECONDS_PER_DOCUMENT,
                preexec_fn=ending_with_this_process(),  # a killed build leaves no browser behind
            )
        except subprocess.TimeoutExpired as error:
            raise PdfError(
                f"Chromium took more than {SECONDS_PER_DOCUMENT:.0f} s to print {document.name} and was stopped "
                "(COURSESITE_PDF_SECONDS sets the limit)"
            ) from error
        except OSError as error:
            raise PdfError(f"could not start Chromium ({error})") from error
    if done.returncode != 0 or not pdf.is_file() or not pdf.read_bytes().startswith(b"%PDF"):
        detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or [f"exit status {done.returncode}"]
        raise PdfError(f"Chromium did not print {document.name}: {detail[0]}")


def page_count(pdf: bytes) -> int:
    """Pages in a PDF, counted by their ``/Type /Page`` objects: crude, but true of what Chromium writes."""
    return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
