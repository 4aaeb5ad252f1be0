"""scripts/bench.py: which scales it measures and what it checks between them (not the measurements)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from scripts.bench import Corpus, scales, targets


def test_scales_are_read_with_spaces_or_commas():
    assert scales("1,10,100") == [1, 10, 100]
    assert scales("100") == [100]
    for wrong in ("0", "ten", ""):
        with pytest.raises(argparse.ArgumentTypeError):
            scales(wrong)


def figures(wall: float, site: int, rss: float) -> dict:
    measured = {"wall": wall, "cpu": wall, "rss_mb": rss}
    return {
        "build cold": measured,
        "build unchanged": measured,
        "build one changed": measured,
        "site bytes": site,
    }


def test_each_scale_is_held_to_eleven_times_the_one_ten_times_smaller_without_a_baseline():
    results = [
        (Corpus("synthetic", 10, Path("10")), {"ours": figures(40, 400, 380)}),
        (Corpus("synthetic", 100, Path("100")), {"ours": figures(480, 4_000, 1_200)}),
    ]
    lines = targets(results)
    assert "- FAIL: synthetic 100x costs at most 11x the 10x in time (12.0x)" in lines
    assert "- PASS: synthetic 100x costs at most 11x the 10x in site bytes (10.0x)" in lines
    assert "- FAIL: synthetic 100x: peak memory at most 1000 MB (1200 MB)" in lines
    assert "- PASS: synthetic 10x: peak memory at most 500 MB (380 MB)" in lines
    assert not any("baseline" in line for line in lines)
