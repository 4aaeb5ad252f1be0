"""Shards: which course goes where, what a part owns, and the CLI's answer to a shard that cannot be."""

from __future__ import annotations

from pathlib import Path

import pytest

from coursesite.cli import EXIT_USAGE, main
from coursesite.discover import CoursePlan, Plan, VideoPlan, WeekPlan
from coursesite.model import Settings
from coursesite.shards import Part, Shard, ShardError, assign, parse_shard, shard_part


def course(slug: str, items: int) -> CoursePlan:
    videos = [VideoPlan(f"v{i}", f"V{i}", (i,)) for i in range(items)]
    return CoursePlan(slug, slug.upper(), None, (slug,), weeks=[WeekPlan("w1", "W1", 1, (1,), videos=videos)])


def plan(*sizes: int) -> Plan:
    return Plan(Path("/nowhere"), Settings(), [course(f"c{n:02}", size) for n, size in enumerate(sizes)], [])


@pytest.mark.parametrize(
    ("text", "expected"), [("1/1", Shard(1, 1)), ("2/4", Shard(2, 4)), (" 4/4 ", Shard(4, 4)), ("10/12", Shard(10, 12))]
)
def test_a_shard_is_k_of_n(text, expected):
    assert parse_shard(text) == expected
    assert expected.name == f"{expected.number}-of-{expected.count}"


@pytest.mark.parametrize("text", ["3/2", "0/2", "1/0", "2", "a/b", "1/2/3", "-1/2", ""])
def test_a_shard_that_cannot_be_is_refused_with_what_is_expected(text):
    with pytest.raises(ShardError, match="K"):
        parse_shard(text)


def test_the_cli_refuses_an_impossible_shard_before_reading_anything(tmp_path, capsys):
    assert main(["build", "--root", str(tmp_path), "--shard", "3/2"]) == EXIT_USAGE
    assert "--shard 3/2: K must be between 1 and N" in capsys.readouterr().err
    assert main(["shard-key", "--root", str(tmp_path), "x"]) == EXIT_USAGE
    assert not any(tmp_path.iterdir())  # nothing written


def test_courses_are_cut_in_contiguous_runs_of_about_equal_weight():
    shards = assign(plan(10, 10, 10, 10, 10, 10, 10, 10), 4)
    assert list(shards.values()) == [1, 1, 2, 2, 3, 3, 4, 4]
    uneven = assign(plan(40, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5), 2)
    assert list(uneven.values()) == [1] * 4 + [2] * 9  # the big course and three small ones: 59 of 113


def test_every_shard_gets_a_course_when_there_are_enough():
    for count in range(1, 9):
        shards = assign(plan(*[3 + (i * 7) % 11 for i in range(8)]), count)
        assert set(shards.values()) == set(range(1, count + 1))


def test_adding_a_course_moves_at_most_one_course_per_boundary():
    sizes = [3 + (i * 7) % 11 for i in range(40)]
    before = assign(plan(*sizes), 4)
    after = assign(plan(*sizes, 8), 4)
    moved = [slug for slug in before if before[slug] != after[slug]]
    assert len(moved) <= 3


def test_a_part_owns_its_courses_pages_and_the_frame_only_if_it_says_so():
    part = Part(frozenset({"c1"}), frame=False)
    assert part.owns("courses/c1/index.md") and part.owns("courses/c1/w1/v1/index.md")
    assert not part.owns("courses/c10/index.md") and not part.owns("courses/index.md") and not part.owns("index.md")
    frame = Part(frozenset(), frame=True)
    assert frame.owns("index.md") and frame.owns("courses/index.md") and frame.owns("about.md")
    assert not frame.owns("courses/c1/index.md")


def test_a_shard_part_names_its_search_bundles_for_the_shard():
    part = shard_part(plan(1, 1, 1), Shard(2, 3))
    assert part.courses == {"c01"} and part.bundle == "pagefind-2-of-3" and not part.frame
