import tempfile
from pathlib import Path

import hypothesis
import pytest
from django.conf import settings
from django.core.cache import cache

from talks.loader import load_timeline

pytest_plugins = ["tests.api_support"]

# Hypothesis (tests/test_cursors.py, and Schemathesis) keeps what it learns under .hypothesis/ in the working
# tree; not this suite's business.
hypothesis.configuration.set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "peace-talks-hypothesis")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The real knowledge base, loaded once: data-fidelity tests read it, others add to it and roll back."""
    with django_db_blocker.unblock():
        load_timeline(fixtures_dir=settings.FIXTURES_DIR)


@pytest.fixture(autouse=True)
def clean_cache():
    """Each test starts with an empty cache: cached strip counts and throttle counts are per test."""
    cache.clear()
