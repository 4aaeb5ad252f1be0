"""Shards: a large site built in parts, one part per machine (or process), then merged into one site.

A shard is a set of whole courses. Every shard discovers the whole root (cheap: names, titles and file
lists), so it knows the whole catalog and writes the same navigation, previous/next links and links across
courses as an unsharded build; it converts and publishes only its own courses' pages, with a search index
of its own. ``coursesite merge`` then builds what belongs to no course (the home page and the catalog over
all courses, the hand-written pages, the theme's files, the sitemap) and joins the shards' course folders
and search bundles into one site (``assemble/merge.py``).

**Which course goes where.** Courses keep their order and are cut into N contiguous runs of about equal
weight (a course weighs its videos and labs, plus one for its own pages): course i goes to the shard its
weight's midpoint falls in. Weight, not content, decides, so editing a transcript never moves a course;
adding or removing one course moves at most one course across each of the N-1 boundaries, so the other
shards keep most of their courses (and their caches). Hashing each course to a shard would move none, but
leaves shards unbalanced (at 12 courses in 4 shards, often one shard with none); and every shard's pages
change anyway when a course is added, as the navigation in each page names every course.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .discover import CoursePlan, Plan
from .render import GENERATED_DIR

RGX_SHARD = re.compile(r"(?P<number>\d+)/(?P<count>\d+)")
MANIFEST = "coursesite-shard.json"  # in each shard's folder: what it holds, for the merge


class ShardError(Exception):
    """A shard named on the command line that cannot be (``3/2``), or shards that cannot be merged."""


@dataclass(frozen=True)
class Shard:
    number: int  # 1-based
    count: int

    @property
    def name(self) -> str:
        """``2-of-4``: the folder name, the search bundles' suffix and the CI cache key's prefix."""
        return f"{self.number}-of-{self.count}"

    def __str__(self) -> str:
        return f"{self.number}/{self.count}"


def parse_shard(text: str) -> Shard:
    """``K/N`` with 1 ≤ K ≤ N, or a ShardError that says what is expected."""
    match = RGX_SHARD.fullmatch(text.strip())
    if match is None:
        raise ShardError(f"--shard {text!r}: expected K/N, the K-th of N shards (e.g. 2/4)")
    number, count = int(match["number"]), int(match["count"])
    if count < 1 or not 1 <= number <= count:
        raise ShardError(
            f"--shard {text}: K must be between 1 and N (1/{max(count, 1)} … {max(count, 1)}/{max(count, 1)})"
        )
    return Shard(number, count)


def course_weight(course: CoursePlan) -> int:
    return 1 + sum(len(week.videos) + len(week.labs) for week in course.weeks)


def assign(plan: Plan, count: int) -> dict[str, int]:
    """Each course's shard (1 … count), by its slug: contiguous runs of about equal weight (see the docstring)."""
    weights = [course_weight(course) for course in plan.courses]
    total = sum(weights)
    shards: dict[str, int] = {}
    before = 0
    for course, weight in zip(plan.courses, weights, strict=True):
        # Twice the midpoint, in integers: the same on every machine.
        shards[course.slug] = min(count, (2 * before + weight) * count // (2 * total) + 1)
        before += weight
    return shards


@dataclass(frozen=True)
class Part:
    """What one build converts and publishes: some courses (by slug), and the frame or not (the home page, the
    catalog, hand-written pages). The whole site is every course and the frame."""

    courses: frozenset[str]
    frame: bool
    shard: Shard | None = None
    whole: bool = False  # every course and the frame: an unsharded build

    def owns(self, page: str) -> bool:
        """Whether a path under the docs folder (``courses/c1/w1/v/index.md``, ``index.md``) is this part's."""
        if not page.startswith(GENERATED_DIR + "/"):
            return self.frame
        course = page[len(GENERATED_DIR) + 1 :].split("/", 1)
        if len(course) == 1:  # courses/index.md: the catalog
            return self.frame
        return course[0] in self.courses

    @property
    def bundle(self) -> str:
        """The name of this part's search bundles under ``search/`` (``pagefind``, ``pagefind-2-of-4``)."""
        return "pagefind" if self.shard is None else f"pagefind-{self.shard.name}"


def whole_site(plan: Plan) -> Part:
    return Part(frozenset(course.slug for course in plan.courses), frame=True, whole=True)


def shard_part(plan: Plan, shard: Shard) -> Part:
    shards = assign(plan, shard.count)
    return Part(frozenset(slug for slug, number in shards.items() if number == shard.number), False, shard)


def frame_part() -> Part:
    """What ``coursesite merge`` builds itself: the frame, no course."""
    return Part(frozenset(), frame=True)
