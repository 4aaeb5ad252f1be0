"""Shards built apart and merged make the site an unsharded build makes: the same pages, byte for byte."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import pytest

from coursesite.assemble import shards as shard_site
from coursesite.cli import EXIT_OK, EXIT_USAGE, main
from tests.conftest import copy_sample

pytestmark = pytest.mark.e2e

SHARDS = 3
RGX_HREF = re.compile(r'(?:href|src)="([^"#?]*)')


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The sample (with a site_url, so that the sitemap lists pages) built whole, and in SHARDS shards merged."""
    root = copy_sample(tmp_path_factory.mktemp("shards"))
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("site_dir: site\n", "site_dir: site\nsite_url: https://example.org/notes/\n")
    )
    assert main(["build", "--root", str(root), "-q", "--site-dir", str(root / "whole")]) == EXIT_OK
    for number in range(1, SHARDS + 1):
        assert main(["build", "--root", str(root), "-q", "--shard", f"{number}/{SHARDS}"]) == EXIT_OK
    shards = [str(root / "site-shards" / f"{n}-of-{SHARDS}") for n in range(1, SHARDS + 1)]
    assert main(["merge", "--root", str(root), "-q", "--site-dir", str(root / "merged"), *shards]) == EXIT_OK
    return root


def files(site: Path) -> dict[str, Path]:
    return {path.relative_to(site).as_posix(): path for path in site.rglob("*") if path.is_file()}


def test_the_merged_site_has_every_page_of_the_whole_site_byte_for_byte(built):
    whole, merged = files(built / "whole"), files(built / "merged")
    pages = sorted(name for name in whole if name.endswith(".html"))
    assert pages == sorted(name for name in merged if name.endswith(".html"))
    assert len(pages) > 50
    different = [name for name in pages if whole[name].read_bytes() != merged[name].read_bytes()]
    assert different == []
    # Everything else too, but the search index: the merged site has one bundle per shard beside the frame's.
    others = sorted(name for name in whole if not name.startswith("search/pagefind"))
    assert others == sorted(name for name in merged if not name.startswith("search/pagefind"))
    assert [name for name in others if whole[name].read_bytes() != merged[name].read_bytes()] == []


def test_every_internal_link_of_the_merged_site_resolves(built):
    site = built / "merged"
    broken = []
    for page in site.rglob("*.html"):
        for href in RGX_HREF.findall(page.read_text("utf-8")):
            if not href or "://" in href or href.startswith(("mailto:", "data:", "javascript:")):
                continue
            # 404.html links from the site's root (site_url's path), as it may be shown at any address
            target = (site / href.removeprefix("/notes/") if href.startswith("/") else page.parent / href).resolve()
            if not (target.is_file() or (target / "index.html").is_file()):
                broken.append(f"{page.relative_to(site)} → {href}")
    assert broken == []


def test_the_sitemap_lists_every_page_in_the_whole_sites_order(built):
    whole = (built / "whole" / "sitemap.xml").read_text("utf-8")
    assert whole.count("<url>") > 50
    assert (built / "merged" / "sitemap.xml").read_text("utf-8") == whole
    assert gzip.decompress((built / "merged" / "sitemap.xml.gz").read_bytes()).decode() == whole


def test_one_search_over_every_shard(built):
    site = built / "merged"
    more = json.loads((site / "search" / "pagefind-indexes.json").read_text("utf-8"))
    assert [bundle for bundle in more if "-of-" in bundle] == [f"search/pagefind-{n}-of-{SHARDS}/" for n in range(1, 4)]
    for bundle in more:
        assert (site / bundle / "pagefind-entry.json").is_file()
    # Each page is indexed once: the frame's bundle holds no course page, each shard's only its own.
    assert indexed_pages(site) == indexed_pages(built / "whole") > 50


def indexed_pages(site: Path) -> int:
    bundles = ["search/pagefind/", *json.loads((site / "search" / "pagefind-indexes.json").read_text("utf-8"))]
    entries = [json.loads((site / bundle / "pagefind-entry.json").read_text("utf-8")) for bundle in bundles]
    return sum(language["page_count"] for entry in entries for language in entry["languages"].values())


def test_each_shard_holds_its_own_courses_only(built):
    seen: list[str] = []
    for number in range(1, SHARDS + 1):
        folder = built / "site-shards" / f"{number}-of-{SHARDS}"
        manifest = json.loads((folder / "coursesite-shard.json").read_text("utf-8"))
        assert manifest["shard"] == f"{number}/{SHARDS}" and manifest["courses"]
        assert sorted(path.name for path in (folder / "courses").iterdir() if path.is_dir()) == sorted(
            manifest["courses"]
        )
        seen += manifest["courses"]
    assert len(seen) == len(set(seen)) == 4


def test_an_unchanged_shard_is_reused_from_its_key_and_a_changed_one_is_built(built, capsys):
    capsys.readouterr()
    assert main(["shard-key", "--root", str(built), f"1/{SHARDS}"]) == EXIT_OK
    key = capsys.readouterr().out.strip()
    assert re.fullmatch(rf"1-of-{SHARDS}-[0-9a-f]{{64}}", key)
    assert main(["build", "--root", str(built), "--shard", f"1/{SHARDS}"]) == EXIT_OK
    assert "reused, nothing built" in capsys.readouterr().err
    manifest = json.loads((built / "site-shards" / f"1-of-{SHARDS}" / "coursesite-shard.json").read_text())
    source = next((built / "transcripts").rglob("*.srt"))
    folder = source.relative_to(built / "transcripts").parts[0]  # 01-introduction-…: the course's slug after the number
    owner = next(
        n for n in range(1, SHARDS + 1) if any(folder.endswith(slug) for slug in shard_manifest(built, n)["courses"])
    )
    keys = {}
    for n in range(1, SHARDS + 1):
        main(["shard-key", "--root", str(built), f"{n}/{SHARDS}"])
        keys[n] = capsys.readouterr().out.strip()
    original = source.read_bytes()
    try:
        source.write_bytes(original + b"\n")
        for n in range(1, SHARDS + 1):
            main(["shard-key", "--root", str(built), f"{n}/{SHARDS}"])
            assert (capsys.readouterr().out.strip() == keys[n]) == (n != owner), n
    finally:
        source.write_bytes(original)
    assert manifest["key"] == key.split("-", 3)[3]


def shard_manifest(root: Path, number: int) -> dict:
    return json.loads((root / "site-shards" / f"{number}-of-{SHARDS}" / "coursesite-shard.json").read_text("utf-8"))


def test_merge_refuses_missing_or_foreign_shards(built, capsys, tmp_path):
    shards = [str(built / "site-shards" / f"{n}-of-{SHARDS}") for n in range(1, SHARDS + 1)]
    out = str(tmp_path / "out")
    assert main(["merge", "--root", str(built), "--site-dir", out, *shards[:2]]) == EXIT_USAGE
    assert f"shard 3/{SHARDS} missing" in capsys.readouterr().err
    assert main(["merge", "--root", str(built), "--site-dir", out, shards[0], shards[0], shards[2]]) == EXIT_USAGE
    assert "are both shard 1/3" in capsys.readouterr().err
    assert main(["merge", "--root", str(built), "--site-dir", out, str(built / "docs")]) == EXIT_USAGE
    assert "is not a shard" in capsys.readouterr().err
    other = tmp_path / "other"
    shutil.copytree(built, other, ignore=shutil.ignore_patterns("whole", "merged", "site-shards", ".coursesite-cache"))
    next((other / "transcripts").rglob("*.srt")).rename(
        next((other / "transcripts").rglob("*.srt")).with_name("99-new-video.en.srt")
    )
    assert main(["merge", "--root", str(other), "--site-dir", out, *shards]) == EXIT_USAGE
    assert "was built from other sources" in capsys.readouterr().err
    assert not Path(out).exists()


def test_a_site_larger_than_github_pages_publishes_is_named_with_its_size(built, monkeypatch, capsys):
    monkeypatch.setattr(shard_site, "PAGES_LIMIT", 1000)
    warning = shard_site.size_warning(built / "merged", "merged site")
    assert warning is not None and "GB, more than the 1 GB GitHub Pages publishes" in warning
    monkeypatch.undo()
    assert shard_site.size_warning(built / "merged") is None
