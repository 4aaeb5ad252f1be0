"""Progress that persists: the places on generated pages that ``assets/progress.js`` fills in.

Every video and lab page is an item the reader can mark as done; week, course and home pages show how many
of their items are done, and the course and home pages link to the first one not done yet, in course order.
What is done lives in the reader's browser (localStorage); what the pages hold is what only the build knows:
which items a week or course has, in order, and their titles. A page read from disk cannot fetch a file, so
each page carries what it needs, as data attributes of an empty, hidden element that the script fills in
(without the script nothing shows). An item is named by its page's folder under the site's root,
``courses/<course>/<week>/<item>/``, percent-encoded; the script names the target of any link the same way.
Text reaches the attributes through ``markup.html``.
"""

from __future__ import annotations

import json

from .markup import html, url


def done_control(page: str) -> str:
    """Where a video or lab page gets its "Mark as done" button (and, on a long transcript, "Resume reading")."""
    return f'<div class="cs-study" data-cs-item="{url(page)}" hidden></div>'


def progress_bar(label: str, items: list[tuple[str, str]], continue_link: bool = False) -> str:
    """How many of ``items`` (each its page and title, in course order) are done, as a bar named ``label``;
    with ``continue_link``, a link to the first not done."""
    listed = json.dumps([[str(url(page)), title] for page, title in items], ensure_ascii=False, separators=(",", ":"))
    follow = " data-cs-continue" if continue_link else ""
    return (
        f'<div class="cs-progress" data-cs-label="{html(label)}" data-cs-items="{html(listed)}"{follow} hidden></div>'
    )


def progress_tools() -> str:
    """Where the home page offers to export, import and reset the progress kept in this browser."""
    return '<div class="cs-progress-tools" hidden></div>'
