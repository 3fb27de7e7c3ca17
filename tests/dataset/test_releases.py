"""Releases: the public data frozen as a Frictionless Data Package that validates, round-trips into an empty
database, says what changed since the release before, and is served as made."""

import csv
import hashlib
import json
import zipfile

import frictionless
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import models
from django.urls import reverse

from dataset import services
from dataset.models import Release
from dataset.package import SUBJECT_TABLE, TABLES, TEXT_FILE, column_name, columns
from dataset.status import changes_since, history_row_count, latest_release
from sources.models import Source
from talks.exporter import describe_records
from talks.models import TalkRound
from talks.services import round_update
from tests.api_support import data
from toolkit.history import unrecorded

pytestmark = pytest.mark.django_db
ROUND = "un-sponsored-talks-in-vienna"
TIMESTAMPS = {"created", "updated"}


@pytest.fixture
def releases(settings, tmp_path):
    settings.RELEASES_DIR = tmp_path / "releases"
    return settings.RELEASES_DIR


def package_dir(releases, version):
    return releases / version / f"peacetalks-{version}"


def release(version):
    call_command("release", version, stdout=open("/dev/null", "w"))  # noqa: SIM115
    return Release.objects.get(version=version)


def read_csv(path):
    with path.open(encoding="utf-8", newline="") as data_file:
        return list(csv.DictReader(data_file))


def empty_the_database():
    with unrecorded():
        for table in reversed(TABLES):
            table.model._base_manager.all().delete()


def load_package(directory):
    """Every row of the package's CSVs into the database, as its columns say (ids and links kept)."""
    subject_types = {table.name: ContentType.objects.get_for_model(table.model).pk for table in TABLES}
    for table in TABLES:
        objects = []
        for row in read_csv(directory / table.path):
            values = {}
            for field in columns(table.model):
                raw = row[column_name(field)]
                if column_name(field) == SUBJECT_TABLE:
                    values["content_type_id"] = subject_types[raw]
                elif column_name(field) == TEXT_FILE:
                    values["text"] = (directory / raw).read_text(encoding="utf-8")
                elif raw == "" and field.null:
                    values[field.attname] = None
                elif isinstance(field, models.JSONField):
                    values[field.attname] = json.loads(raw)
                elif isinstance(field, models.BooleanField):
                    values[field.attname] = raw == "true"
                else:
                    values[field.attname] = field.to_python(raw)
            objects.append(table.model(**values))
        with unrecorded():
            table.model._base_manager.bulk_create(objects)


def without_timestamps(rows):
    return [{name: value for name, value in row.items() if name not in TIMESTAMPS} for row in rows]


# The package ------------------------------------------------------------------------------------------------


def test_a_release_of_the_real_data_validates_with_frictionless_foreign_keys_and_all(releases):
    made = release("2026.1")
    report = frictionless.validate(package_dir(releases, "2026.1") / "datapackage.json")
    assert report.valid, report.flatten(["resource", "title", "message"])[:5]
    package = json.loads((package_dir(releases, "2026.1") / "datapackage.json").read_text())
    resources = {resource["name"]: resource for resource in package["resources"]}
    assert set(resources) == {table.name for table in TABLES}
    assert {"fields": "process_id", "reference": {"resource": "processes", "fields": "id"}} in resources["rounds"][
        "schema"
    ]["foreignKeys"]
    assert made.counts["rounds"] == TalkRound.objects.count()
    assert made.counts["citations"] == len(read_csv(package_dir(releases, "2026.1") / "citations.csv"))


def test_frictionless_finds_a_broken_link_in_a_release(releases):
    release("2026.1")
    directory = package_dir(releases, "2026.1")
    rounds = (directory / "rounds.csv").read_text(encoding="utf-8").splitlines()
    header = rounds[0].split(",")
    row = next(csv.reader([rounds[1]]))
    row[header.index("process_id")] = "999999"
    lines = [rounds[0], ",".join(f'"{value}"' for value in row), *rounds[2:]]
    (directory / "rounds.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = frictionless.validate(directory / "datapackage.json")
    assert not report.valid
    assert [error.type for task in report.tasks for error in task.errors] == ["foreign-key"]


def test_every_file_is_in_the_checksums_the_record_and_the_zip(releases):
    made = release("2026.1")
    directory = package_dir(releases, "2026.1")
    sums = dict(reversed(line.split("  ", 1)) for line in (directory / "SHA256SUMS").read_text().splitlines())
    on_disk = sorted(p.relative_to(directory).as_posix() for p in directory.rglob("*") if p.is_file())
    assert sorted([*sums, "SHA256SUMS"]) == on_disk == sorted(made.files)
    for name, digest in sums.items():
        assert hashlib.sha256((directory / name).read_bytes()).hexdigest() == digest == made.files[name]["sha256"]
    source = Source.objects.order_by("pk").first()
    assert (directory / "texts" / f"{source.slug}.txt").read_text(encoding="utf-8") == source.text
    zip_path = releases / "2026.1" / "peacetalks-2026.1.zip"
    assert hashlib.sha256(zip_path.read_bytes()).hexdigest() == made.zip_sha256
    with zipfile.ZipFile(zip_path) as archive:
        assert sorted(archive.namelist()) == sorted(f"peacetalks-2026.1/{name}" for name in on_disk)
        assert archive.read("peacetalks-2026.1/rounds.csv") == (directory / "rounds.csv").read_bytes()


def test_the_codebook_explains_every_field_and_the_date_rules(releases):
    release("2026.1")
    directory = package_dir(releases, "2026.1")
    codebook = (directory / "codebook.md").read_text(encoding="utf-8")
    package = json.loads((directory / "datapackage.json").read_text())
    for resource in package["resources"]:
        assert f"### {resource['path']}" in codebook
        for spec in resource["schema"]["fields"]:
            assert f"| `{spec['name']}` | {spec['type']} |" in codebook
    assert "The headline, or a description where none is printed." in codebook  # a help text
    assert "precision" in codebook and "window" in codebook and "`inferred`" in codebook


def test_a_release_round_trips_its_csvs_into_an_empty_database(releases):
    before = describe_records()
    release("2026.1")
    directory = package_dir(releases, "2026.1")
    empty_the_database()
    assert not TalkRound.objects.exists() and not Source.objects.exists()
    load_package(directory)
    assert describe_records() == before
    # Table by table, the same rows and ids: a release of the reloaded database matches the first, but for the
    # timestamps a bulk insert sets anew.
    release("2026.2")
    again = package_dir(releases, "2026.2")
    for table in TABLES:
        first, second = read_csv(directory / table.path), read_csv(again / table.path)
        assert without_timestamps(first) == without_timestamps(second), table.name


# The changelog and the changes since ------------------------------------------------------------------------


def test_the_changelog_lists_a_change_made_between_two_releases_with_its_reason(releases):
    first = release("2026.1")
    assert "first release" in (package_dir(releases, "2026.1") / "CHANGELOG.md").read_text()
    assert changes_since(first) == 0
    talk_round = TalkRound.objects.get(slug=ROUND)
    round_update(talk_round=talk_round, data={"outcome": "Adjourned, the release test says."}, reason="Release test")
    assert changes_since(first) == 1
    release("2026.2")
    changelog = (package_dir(releases, "2026.2") / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "Changes since release 2026.1" in changelog
    lines = [line for line in changelog.splitlines() if "round changed" in line]
    assert len(lines) == 1 and talk_round.title in lines[0] and "Release test" in lines[0]
    assert "'Adjourned, the release test says.'" in changelog
    assert latest_release().version == "2026.2"
    assert changes_since(latest_release()) == 0


def test_a_release_records_the_history_rows_it_was_made_at(releases):
    rows = history_row_count()
    assert rows > 0 and release("2026.1").history_rows == rows


# Bad input --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["", "2026", "v2026.1", "2026.1-beta", "../2026.1", "2026.1/..", "2026.1.1.1"])
def test_a_bad_version_is_a_command_error_and_writes_nothing(releases, version):
    with pytest.raises(CommandError, match="A version is a year and a number"):
        call_command("release", version)
    assert not Release.objects.exists() and not (releases.exists() and any(releases.iterdir()))


def test_an_existing_version_is_a_command_error_and_leaves_the_release_as_it_was(releases):
    made = release("2026.1")
    before = (package_dir(releases, "2026.1") / "rounds.csv").read_bytes()
    round_update(talk_round=TalkRound.objects.get(slug=ROUND), data={"outcome": "Changed."}, reason="Release test")
    with pytest.raises(CommandError, match="Release with this Version already exists"):
        call_command("release", "2026.1")
    assert (package_dir(releases, "2026.1") / "rounds.csv").read_bytes() == before
    assert Release.objects.get() == made


def test_a_release_of_an_empty_database_is_a_command_error(releases):
    empty_the_database()
    with pytest.raises(CommandError, match="no public records to release"):
        call_command("release", "2026.1")
    assert not Release.objects.exists()


def test_a_release_that_fails_leaves_no_partial_package_and_no_record(releases, monkeypatch):
    def full_disk(*args, **kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr(services, "write_zip", full_disk)
    with pytest.raises(OSError, match="No space"):
        call_command("release", "2026.1")
    assert not Release.objects.exists()
    assert list(releases.iterdir()) == []


def test_a_release_moves_the_data_version_so_no_page_naming_the_last_one_is_served_again(client, releases):
    page = "/rounds/un-sponsored-talks-in-vienna/"
    before = client.get(page)
    release("2026.1")
    assert client.get(page, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 200
    after = client.get(page)
    assert after["ETag"] != before["ETag"]
    assert b"2026.1" in after.content and b"2026.1" not in before.content


def test_a_made_release_cannot_be_changed(releases):
    made = release("2026.1")
    made.version = "2026.9"
    with pytest.raises(Exception, match="never changed"):
        made.save()
    assert Release.objects.get().version == "2026.1"


# The page, the downloads and the API root -------------------------------------------------------------------


def test_the_releases_page_lists_each_release_with_its_counts_and_downloads(client, releases):
    release("2026.1")
    release("2026.2")
    page = client.get(reverse("dataset:release-list")).content.decode()
    assert page.index("Release 2026.2") < page.index("Release 2026.1")
    assert 'href="/releases/2026.1/peacetalks-2026.1.zip"' in page
    assert 'href="/releases/2026.2/rounds.csv"' in page
    assert f"<td>{TalkRound.objects.count()}</td>" in page
    assert page.index("2026.2/processes.csv") < page.index("2026.2/venues.csv")  # the package's order


def test_the_releases_page_is_linked_from_the_nav(client):
    assert 'href="/releases/"' in client.get(reverse("talks:timeline")).content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_the_releases_page_costs_one_query_whatever_the_number_of_releases(
    client, releases, django_assert_num_queries, count
):
    for n in range(count):
        release(f"2026.{n + 1}")
    client.get(reverse("dataset:release-list"))  # what a first request reads once and caches is not counted
    with django_assert_num_queries(1):
        assert client.get(reverse("dataset:release-list")).status_code == 200


def test_a_release_serves_its_zip_and_its_files_as_made(client, releases):
    release("2026.1")
    response = client.get("/releases/2026.1/peacetalks-2026.1.zip")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="peacetalks-2026.1.zip"'
    assert b"".join(response.streaming_content) == (releases / "2026.1" / "peacetalks-2026.1.zip").read_bytes()
    text = client.get("/releases/2026.1/texts/" + Source.objects.order_by("pk").first().slug + ".txt")
    assert b"".join(text.streaming_content).decode() == Source.objects.order_by("pk").first().text


@pytest.mark.parametrize(
    "path",
    [
        "/releases/2026.1/../../../etc/passwd",
        "/releases/2026.1/..%2F..%2Fsettings.py",
        "/releases/2026.1/%2Fetc%2Fpasswd",
        "/releases/2026.1/peacetalks-2026.1/rounds.csv",
        "/releases/2026.1/nothing.csv",
        "/releases/2099.1/rounds.csv",
        "/releases/..%2F2026.1/rounds.csv",
    ],
)
def test_a_path_not_in_the_release_is_a_404(client, releases, path):
    release("2026.1")
    (releases / "secret.txt").write_text("not to be served")
    response = client.get(path)
    assert response.status_code == 404
    assert b"not to be served" not in b"".join(getattr(response, "streaming_content", [response.content]))


def test_the_api_root_names_the_latest_release_and_the_changes_since(api, releases):
    assert data(api.get("/api/"))["release"] is None
    release("2026.1")
    round_update(talk_round=TalkRound.objects.get(slug=ROUND), data={"outcome": "Changed."}, reason="Release test")
    answer = data(api.get("/api/"))["release"]
    assert answer["version"] == "2026.1"
    assert answer["changes_since"] == 1
    assert answer["url"].endswith("/releases/#release-2026.1")
    assert answer["download"].endswith("/releases/2026.1/peacetalks-2026.1.zip")


def test_a_draft_under_review_is_not_released(releases):
    from ingest.services import ingest_article
    from tests.ingest.review_support import ARTICLE, PUBLISHED, SLUG

    ingest_article(text=ARTICLE, published=PUBLISHED, title="", author="", publisher="", user=None)
    assert Source.objects.filter(slug=SLUG, status="draft").exists()
    release("2026.9")
    package = package_dir(releases, "2026.9")
    assert SLUG not in {row["slug"] for row in read_csv(package / "sources.csv")}
    assert not (package / "texts" / f"{SLUG}.txt").exists()
    assert len(read_csv(package / "sources.csv")) == Source.objects.published().count()
