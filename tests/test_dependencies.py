"""pyproject.toml declares what coursesite imports; the requirements files pin it, split by who needs it.

A package imported but not declared breaks `pip install .` (the import fails on the user's machine); one
declared but not imported is installed for nothing. requirements.txt is what 'make site' installs, and the
test and development tools stay out of it (tests/test_install.py checks the pins against a real install).
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib

from tests.conftest import REPO

# Packages coursesite needs without an import statement naming them, and why.
USED_WITHOUT_IMPORT = {
    "linkify-it-py": "github_markdown enables markdown-it-py's linkify rule, which imports it",
}
DEVELOPMENT_TOOLS = {"pytest", "hypothesis", "playwright", "ruff", "pre-commit"}


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(requirement: str) -> str:
    return normalized(re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement).group())


def imported_modules() -> dict[str, str]:
    """Each third-party top-level module coursesite imports, with one file that imports it."""
    modules = {}
    for path in sorted((REPO / "coursesite").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_bytes(), str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top != "coursesite":
                    modules.setdefault(top, str(path.relative_to(REPO)))
    return modules


def imported_distributions() -> dict[str, str]:
    # A module of a package this environment lacks (say, mkdocs_jupyter) is taken to share its name.
    providers = importlib.metadata.packages_distributions()
    return {normalized(providers.get(module, [module])[0]): where for module, where in imported_modules().items()}


def pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]


def pins(name: str) -> dict[str, str]:
    """requirements file → {package: version}; every line must be an exact pin."""
    found = {}
    for line in (REPO / name).read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", line)
            assert match, f"{name}: {line!r} is not an exact pin"
            found[normalized(match[1])] = match[2]
    return found


def test_pyproject_declares_every_package_the_code_imports_and_none_it_does_not():
    project = pyproject()
    declared = {requirement_name(r) for r in project["dependencies"]}
    optional = {requirement_name(r) for extra in project["optional-dependencies"].values() for r in extra}
    imported = imported_distributions()
    missing = {name: where for name, where in imported.items() if name not in declared | optional}
    assert not missing, f"imported but not declared in pyproject.toml: {missing}"
    unused = declared - set(imported) - set(USED_WITHOUT_IMPORT)
    assert not unused, f"declared in pyproject.toml but never imported by coursesite/: {unused}"


def test_mkdocs_jupyter_is_an_optional_extra_and_nbconvert_comes_only_with_it():
    project = pyproject()
    declared = {requirement_name(r) for r in project["dependencies"]}
    extra = {requirement_name(r) for r in project["optional-dependencies"]["mkdocs-jupyter"]}
    assert extra == {"mkdocs-jupyter"}
    assert not {"mkdocs-jupyter", "nbconvert"} & declared
    assert {"mkdocs-jupyter", "nbconvert"} <= set(pins("requirements-jupyter.txt"))


def test_requirements_pin_what_a_build_needs_and_the_tools_apart():
    site, dev, jupyter = pins("requirements.txt"), pins("requirements-dev.txt"), pins("requirements-jupyter.txt")
    declared = {requirement_name(r) for r in pyproject()["dependencies"]}
    assert declared <= set(site), f"declared but not pinned in requirements.txt: {declared - set(site)}"
    assert set(dev) >= DEVELOPMENT_TOOLS
    assert not DEVELOPMENT_TOOLS & set(site)
    # The files are installed together: a package pinned in two of them could be pinned twice differently.
    assert not set(site) & set(dev) and not set(site) & set(jupyter) and not set(dev) & set(jupyter)
