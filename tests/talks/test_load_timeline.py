import json
import shutil

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from actors.models import Delegation, Envoy, Person, Role
from sources.models import Citation, Figure, Source
from talks.loader import FixtureError, load_timeline, read_fixtures
from talks.models import Milestone, Process, Resolution, RoundDelegation, TalkRound, Venue

pytestmark = pytest.mark.django_db
MODELS = [Source, Citation, Figure, Person, Role, Envoy, Delegation, Process, Venue, Resolution, TalkRound,
          RoundDelegation, Milestone]  # fmt: skip


def snapshot():
    """Every row of every model, as values: what 'nothing changed' is checked against."""
    return {model.__name__: sorted(map(repr, model.objects.values_list())) for model in MODELS}


def test_every_fixture_record_is_in_the_database():
    data = read_fixtures(settings.FIXTURES_DIR)
    assert Source.objects.count() == len(data["sources"]) == 5
    assert TalkRound.objects.count() == len(data["rounds"])
    assert Milestone.objects.count() == len(data["milestones"])
    assert Figure.objects.count() == len(data["figures"])
    assert Person.objects.count() == len(data["people"])
    assert Delegation.objects.count() == len(data["delegations"])
    assert Envoy.objects.count() == len(data["envoys"])
    assert Venue.objects.count() == len(data["venues"])
    assert Resolution.objects.count() == len(data["resolutions"])
    assert Process.objects.count() == len(data["processes"])


def test_a_second_load_changes_nothing():
    before = snapshot()
    report = load_timeline(fixtures_dir=settings.FIXTURES_DIR)
    assert report.changed == 0
    assert snapshot() == before


def test_the_command_prints_how_many_records_of_each_kind_it_loaded(capsys):
    call_command("load_timeline")
    out = capsys.readouterr().out
    assert f"talk rounds: {TalkRound.objects.count()} (0 created, 0 updated" in out
    assert f"citations: {Citation.objects.count()} (0 created" in out
    assert "Already up to date." in out


def broken_copy(tmp_path, mutate):
    shutil.copytree(settings.FIXTURES_DIR, tmp_path, dirs_exist_ok=True)
    talks = json.loads((tmp_path / "talks.json").read_text())
    figures = json.loads((tmp_path / "figures.json").read_text())
    mutate(talks, figures)
    (tmp_path / "talks.json").write_text(json.dumps(talks))
    (tmp_path / "figures.json").write_text(json.dumps(figures))
    return tmp_path


def test_a_failure_midway_leaves_the_database_as_it_was(tmp_path):
    def mutate(talks, figures):
        talks["rounds"][0]["title"] = "Renamed before the failure"  # loaded early ...
        talks["rounds"].append(dict(talks["rounds"][1], slug="a-new-round", round_number=None))  # ... created ...
        figures["figures"][-1]["citations"][0]["quote"] = "A sentence no article contains."  # ... then it fails.

    before = snapshot()
    with pytest.raises(CommandError, match="Nothing was loaded: figures\\[.*not found verbatim"):
        call_command("load_timeline", fixtures_dir=broken_copy(tmp_path, mutate))
    assert snapshot() == before
    assert not TalkRound.objects.filter(slug="a-new-round").exists()


def test_a_reference_to_an_unknown_record_names_it(tmp_path):
    def mutate(talks, figures):
        talks["rounds"][0]["venue"] = "atlantis"

    with pytest.raises(FixtureError, match="unknown venue 'atlantis'"):
        load_timeline(fixtures_dir=broken_copy(tmp_path, mutate))


def test_a_record_without_a_citation_is_refused(tmp_path):
    def mutate(talks, figures):
        talks["milestones"][0]["citations"] = []

    with pytest.raises(FixtureError, match=r"milestones\[0\].*needs at least one citation"):
        load_timeline(fixtures_dir=broken_copy(tmp_path, mutate))


def test_a_changed_fixture_updates_only_what_changed(tmp_path):
    def mutate(talks, figures):
        talks["venues"][0]["description"] = "Changed description."

    report = load_timeline(fixtures_dir=broken_copy(tmp_path, mutate))
    assert report.changed == 1
    assert report.counts["venues"]["updated"] == 1
    assert Venue.objects.get(slug=read_fixtures(tmp_path)["venues"][0]["slug"]).description == "Changed description."


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda talks, figures: talks["rounds"][0].update(inference_notes="A typo."), "unknown key inference_notes"),
        (lambda talks, figures: talks["rounds"][0]["citations"][0].update(page=3), "a citation with unknown page"),
        (lambda talks, figures: figures["figures"][0]["as_of"].update(earliest="2016"), "unknown key earliest"),
    ],
    ids=["a misspelt field", "a field of a citation", "a field of a nested date"],
)
def test_a_key_the_loader_does_not_know_is_refused_rather_than_lost(tmp_path, mutate, message):
    with pytest.raises(FixtureError, match=message):
        load_timeline(fixtures_dir=broken_copy(tmp_path, mutate))
