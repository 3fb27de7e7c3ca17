"""The README's figures about the data stay true."""

import re

import pytest
from django.conf import settings

from actors.models import Delegation, Envoy, Person, Role
from sources.models import Citation, Figure, Source
from talks.models import Milestone, Process, Resolution, RoundDelegation, TalkRound, Venue

pytestmark = pytest.mark.django_db

ROWS = {
    "sources (articles)": [Source],
    "talk rounds and meetings": [TalkRound],
    "delegations at rounds": [RoundDelegation],
    "milestones": [Milestone],
    "resolutions and founding documents": [Resolution],
    "processes": [Process],
    "venues": [Venue],
    "envoys": [Envoy],
    "delegations": [Delegation],
    "people / their roles": [Person, Role],
    "reported figures": [Figure],
    "citations (verbatim quotes)": [Citation],
}


def test_the_readme_counts_what_is_loaded():
    readme = (settings.BASE_DIR / "README.md").read_text()
    table = dict(re.findall(r"^\| ([a-z /()]+) \| ([\d /]+)", readme, re.M))
    for label, models in ROWS.items():
        printed = [int(n) for n in table[label].split("/")]
        assert printed == [model.objects.count() for model in models], label
    assert f"({TalkRound.objects.planned().count()} of them planned)" in readme
    assert f"({Milestone.objects.filter(start_date__isnull=True).count()} undated)" in readme
