"""Take screenshots of a built site in headless Chromium, as a person would see it.

    .venv/bin/python scripts/screenshot.py site courses/ out.png [--dark] [--width 1280] [--height 900]

Serves SITE_DIR on a free localhost port, opens PATH and writes a PNG. Uses Debian's chromium.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright

from tests.site_browser import CHROMIUM, CHROMIUM_ARGS, serve_folder  # the browser the tests use, set up alike


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("path")
    parser.add_argument("output", type=Path)
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--full", action="store_true", help="the whole page, not just the viewport")
    args = parser.parse_args()
    with serve_folder(args.site_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(
            viewport={"width": args.width, "height": args.height}, color_scheme="dark" if args.dark else "light"
        )
        page.goto(base + args.path.lstrip("/"))
        page.wait_for_load_state("networkidle")
        args.output.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.output), full_page=args.full)
        browser.close()
    print(args.output)


if __name__ == "__main__":
    main()
