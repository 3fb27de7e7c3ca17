import pytest
from django.conf import settings
from django.core.cache import cache

from talks.services import load_timeline

pytest_plugins = ["tests.api_support"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The real knowledge base, loaded once: data-fidelity tests read it, others add to it and roll back."""
    with django_db_blocker.unblock():
        load_timeline(fixtures_dir=settings.FIXTURES_DIR)


@pytest.fixture(autouse=True)
def clean_cache():
    """Each test starts with an empty cache: cached strip counts and throttle counts are per test."""
    cache.clear()
