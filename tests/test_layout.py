"""The house's imports run one way: the apps import the toolkit, the toolkit imports no app, and nothing
imports `config` (which only wires the site together)."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

APPS = {"talks", "actors", "sources", "ingest", "dataversion", "dataset"}
ROOT = Path(settings.BASE_DIR)


def imported(path):
    """The top-level packages a module imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def modules(package):
    return sorted((ROOT / package).rglob("*.py"))


def test_the_toolkit_imports_no_app():
    for path in modules("toolkit"):
        assert not imported(path) & (APPS | {"config"}), path


@pytest.mark.parametrize("package", sorted(APPS | {"toolkit"}))
def test_nothing_in_the_apps_or_the_toolkit_imports_config(package):
    for path in modules(package):
        assert "config" not in imported(path), path


DEVELOPMENT = {"pytest", "pytest_django", "factory", "hypothesis", "playwright", "schemathesis", "tqdm", "ruff",
               "bibtexparser", "rispy", "frictionless", "feedparser", "pyinstrument"}  # fmt: skip


@pytest.mark.parametrize("package", sorted(APPS | {"toolkit", "config"}))
def test_what_runs_imports_nothing_only_the_tests_and_tools_install(package):
    # Production installs requirements.txt only: the tests' and the benchmark's packages are not there.
    for path in modules(package):
        assert not imported(path) & DEVELOPMENT, path


def test_the_runtime_requirements_leave_the_tools_out():
    runtime = (ROOT / "requirements.txt").read_text().lower()
    development = (ROOT / "requirements-dev.txt").read_text().lower()
    assert "-r requirements.txt" in development
    for name in ("pytest", "hypothesis", "playwright", "schemathesis", "factory-boy", "ruff", "tqdm"):
        assert name not in runtime and name in development, name
