"""The house's imports run one way: the apps import the toolkit, the toolkit imports no app, and nothing
imports `config` (which only wires the site together)."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

APPS = {"talks", "actors", "sources", "ingest"}
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
