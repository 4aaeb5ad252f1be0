"""axe-core (npm) injected into real pages finds no serious or critical accessibility violation."""

from __future__ import annotations

import pytest

from tests.site_browser import AXE, screenshot, serve_folder, type_search

pytestmark = [pytest.mark.browser, pytest.mark.e2e]  # each builds a site to browse

PAGES = {
    "home": "",
    "course": "courses/introduction-to-data-engineering/",
    "week": "courses/introduction-to-data-engineering/week-1/",
    "transcript": "courses/introduction-to-data-engineering/week-1/welcome-to-the-specialization/",
    "notebook lab": "courses/introduction-to-data-engineering/week-1/explore-an-orders-dataset/",
    "folder lab": "courses/data-modeling-transformation-and-serving/week-1/build-a-star-schema/",
}


@pytest.fixture(scope="module")
def served(sample):
    with serve_folder(sample / "site") as base:
        yield base


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violations(served, page, name):
    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm ci)")
    page.goto(served + PAGES[name])
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .map(v => ({id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"""
    )
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    screenshot(page, f"a11y-{name.replace(' ', '-')}")
    assert serious == [], serious


def test_no_serious_accessibility_violations_in_search_results(served, page):
    """The result list coursesite's search worker fills (titles, course and week, excerpts with marks)."""
    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm ci)")
    page.goto(served)
    type_search(page, "data contract")
    assert page.locator(".md-search-result__item .cs-search-context").count() > 0
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async () => (await axe.run(document.querySelector('.md-search'), {resultTypes: ['violations']})).violations
            .map(v => ({id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.slice(0, 12).map(n => n.target.join(' '))}))"""
    )
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    screenshot(page, "a11y-search-results")
    assert serious == [], serious
