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


def step_using(job: dict, action: str) -> dict:
    return next(step for step in job["steps"] if step.get("uses", "").startswith(action + "@"))


def test_large_archives_build_one_shard_per_matrix_job_cached_by_key_then_merge_and_deploy():
    flow = workflow("shards.yml")
    shard, merge, deploy = flow["jobs"]["shard"], flow["jobs"]["merge"], flow["jobs"]["deploy"]
    # One job per shard: K of N, N being the number of jobs the matrix makes.
    numbers = shard["strategy"]["matrix"]["shard"]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 2
    assert shard["env"]["SHARD"] == "${{ matrix.shard }}/${{ strategy.job-total }}"
    assert shard["env"]["SHARD_NAME"] == "${{ matrix.shard }}-of-${{ strategy.job-total }}"
    # The cache is keyed on the shard's key, printed before anything is built, and holds the shard's folder.
    commands = runs(shard)
    key_step = next(step for step in shard["steps"] if step.get("id") == "key")
    assert 'coursesite shard-key "$SHARD"' in key_step["run"] and "$GITHUB_OUTPUT" in key_step["run"]
    cache = step_using(shard, "actions/cache")
    assert cache["with"]["key"] == "shard-${{ steps.key.outputs.key }}"
    assert "site-shards/${{ env.SHARD_NAME }}" in cache["with"]["path"]
    assert cache["with"]["restore-keys"] == "shard-${{ env.SHARD_NAME }}-"  # the shard's last cache otherwise
    steps = [step.get("id") or step.get("uses") or step.get("run") for step in shard["steps"]]
    build = next(command for command in commands if "coursesite build" in command)
    assert '--shard "$SHARD"' in build and "--strict" in build
    assert steps.index("key") < steps.index(cache["uses"]) < steps.index(build)
    # Each shard hands its folder to the merge as an artifact of its own name.
    upload = step_using(shard, "actions/upload-artifact")
    assert upload["with"]["name"] == "shard-${{ env.SHARD_NAME }}"
    assert upload["with"]["path"] == "site-shards/${{ env.SHARD_NAME }}"
    # The merge waits for every shard, downloads them all, merges them and uploads the site for Pages.
    assert merge["needs"] == "shard"
    download = step_using(merge, "actions/download-artifact")
    assert download["with"] == {"pattern": "shard-*", "path": "site-shards"}
    merging = next(command for command in runs(merge) if "coursesite merge" in command)
    assert "site-shards/shard-*" in merging and "--site-dir site" in merging and "--strict" in merging
    assert step_using(merge, "actions/upload-pages-artifact")["with"]["path"] == "site"
    assert deploy["needs"] == "merge" and "actions/deploy-pages" in uses(deploy)
    assert flow["permissions"]["pages"] == "write" and flow["permissions"]["id-token"] == "write"
