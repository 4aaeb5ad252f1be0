"""The GitHub workflows do what CONTRIBUTING and the README promise."""

from __future__ import annotations

import yaml

from tests.conftest import REPO


def workflow(name: str) -> dict:
    return yaml.safe_load((REPO / ".github" / "workflows" / name).read_text("utf-8"))


def runs(job: dict) -> list[str]:
    return [step.get("run", "") for step in job["steps"]]


def uses(job: dict) -> list[str]:
    return [step.get("uses", "").split("@")[0] for step in job["steps"]]


def test_pull_requests_are_checked_tested_built_strictly_and_the_site_uploaded():
    flow = workflow("pull-request.yml")
    assert "pull_request" in flow[True]  # YAML reads the key "on" as True
    (job,) = flow["jobs"].values()
    commands = "\n".join(runs(job))
    assert "coursesite check --strict --format github" in commands  # problems show on the diff
    assert "make test" in commands
    assert "coursesite build --strict" in commands
    assert commands.index("coursesite check") < commands.index("make test") < commands.index("coursesite build")
    assert "actions/upload-artifact" in uses(job)
    upload = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/upload-artifact"))
    assert "site/" in upload["with"]["path"]


def test_main_is_deployed_with_the_official_pages_actions_and_releases_get_the_offline_zip():
    flow = workflow("deploy.yml")
    assert flow[True]["push"]["branches"] == ["main"]
    assert "release" in flow[True]
    assert flow["permissions"]["pages"] == "write" and flow["permissions"]["id-token"] == "write"
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    assert "coursesite build --strict --offline" in "\n".join(runs(build))
    assert {"actions/configure-pages", "actions/upload-pages-artifact"} <= set(uses(build))
    assert "site-offline.zip" in "\n".join(runs(build))
    assert deploy["needs"] == "build" and "actions/deploy-pages" in uses(deploy)


def test_the_readme_quick_start_is_two_commands_and_ci_runs_the_second():
    readme = (REPO / "README.md").read_text("utf-8")
    block = readme.split("## Quick start", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    commands = [line for line in block.strip().splitlines() if line.strip()]
    assert commands == ["make site", "make test"]
    assert "make test" in (REPO / ".ci" / "run").read_text("utf-8")
