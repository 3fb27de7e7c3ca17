"""`backup` and `restore` round-trip every record exactly; a failed restore changes nothing."""

import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from dataversion.models import DataVersion
from talks.models import TalkRound

pytestmark = pytest.mark.django_db(transaction=True)


def everything():
    """Every row of every table the backup covers, as values."""
    rows = {}
    for model in apps.get_models():
        if model._meta.app_label in {"contenttypes", "sessions", "axes", "dataversion"}:
            continue
        if model._meta.label == "auth.Permission":
            continue
        rows[model._meta.label] = sorted(map(repr, model.objects.values_list()))
    return rows


@pytest.fixture
def loaded(django_db_blocker):
    from django.conf import settings

    from talks.loader import load_timeline

    load_timeline(fixtures_dir=settings.FIXTURES_DIR)
    get_user_model().objects.create_user("editor", password="a-long-password", is_staff=True)


def test_a_backup_restores_every_record_exactly(loaded, tmp_path):
    before = everything()
    assert len(before["talks.TalkRound"]) == 15
    call_command("backup", tmp_path / "backup.json", verbosity=0)
    TalkRound.objects.filter(slug="un-sponsored-talks-in-vienna").update(title="Changed after the backup")
    version = DataVersion.objects.get().number
    call_command("restore", tmp_path / "backup.json", replace=True, verbosity=0)
    assert everything() == before
    # Not the version the backup was taken at: a client holding that ETag must not be told nothing changed.
    assert DataVersion.objects.get().number == version + 1


def test_restore_refuses_to_overwrite_data_unless_told(loaded, tmp_path):
    call_command("backup", tmp_path / "backup.json", verbosity=0)
    with pytest.raises(CommandError, match="--replace"):
        call_command("restore", tmp_path / "backup.json", verbosity=0)


def test_a_broken_backup_leaves_the_database_as_it_was(loaded, tmp_path):
    call_command("backup", tmp_path / "backup.json", verbosity=0)
    records = json.loads((tmp_path / "backup.json").read_text())
    broken = next(r for r in records if r["model"] == "talks.talkround")
    broken["fields"]["date_precision"] = "fortnight"  # violates a database constraint, late in the load
    (tmp_path / "broken.json").write_text(json.dumps(records))
    before = everything()
    with pytest.raises(Exception):  # noqa: B017 - the database's own IntegrityError, wrapped by loaddata
        call_command("restore", tmp_path / "broken.json", replace=True, verbosity=0)
    assert everything() == before
