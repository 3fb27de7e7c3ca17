"""The knowledge base described in the fixtures' format, and read back by the loader, is the same knowledge base."""

import json

import pytest

from talks.exporter import describe_records
from talks.loader import load_records
from tests.snapshots import every_row

pytestmark = pytest.mark.django_db


def test_loading_a_description_of_the_database_changes_nothing():
    before = every_row()
    report = load_records(describe_records(), reason="Round trip of the exporter")
    assert report.changed == 0, list(report.lines())
    assert every_row() == before


def test_a_description_is_plain_json_with_every_kind_and_record():
    description = json.loads(json.dumps(describe_records()))
    assert {kind: len(records) for kind, records in description.items()} == {
        "sources": 5,
        "delegations": 10,
        "people": 13,
        "envoys": 2,
        "processes": 5,
        "venues": 6,
        "resolutions": 3,
        "rounds": 15,
        "milestones": 18,
        "figures": 27,
    }
    eighth = next(r for r in description["rounds"] if r["slug"] == "eighth-round-of-geneva-talks")
    assert (eighth["start"], eighth["end"], eighth["basis"]) == (None, "2017-12", "inferred")
    zakharova = next(m for m in description["milestones"] if m["slug"].startswith("zakharova"))
    assert (zakharova["start"], zakharova["start_latest"]) == ("2021-09-30", "2021-10-07")
