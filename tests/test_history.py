"""Every write path leaves history, with who, when and why: the admin, the API, the loader and the services."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from actors.models import Envoy
from sources.models import Citation, Source
from talks.loader import FIXTURES_REASON, load_records, load_timeline, read_fixtures
from talks.models import Milestone, TalkRound
from talks.services import citation_create, citation_delete, round_update
from tests.api_support import STAFF_REASON, data
from tests.htmltree import parse
from tests.test_admin import round_form
from toolkit.admin import DELETED_IN_ADMIN

pytestmark = pytest.mark.django_db
ROUND = "un-sponsored-talks-in-vienna"
SOURCE = "un-sponsored-syria-talks-open-in-vienna"


def latest(model, **lookup):
    return model.history.filter(**lookup).order_by("-history_date", "-history_id").first()


def a_quote(words=6, start=0):
    text = Source.objects.get(slug=SOURCE).text.split()
    return " ".join(text[start : start + words])


# The loader -------------------------------------------------------------------------------------------------


def test_the_fixtures_load_leaves_a_created_row_with_its_reason_for_every_record():
    for model in (TalkRound, Milestone, Citation, Source, Envoy):
        assert model.history.filter(history_type="+").count() >= model.objects.count() > 0
        assert set(model.history.values_list("history_change_reason", flat=True)) == {FIXTURES_REASON}


def test_a_second_load_of_the_same_fixtures_adds_no_history():
    before = TalkRound.history.count() + Citation.history.count()
    assert load_timeline(fixtures_dir=settings.FIXTURES_DIR).changed == 0
    assert TalkRound.history.count() + Citation.history.count() == before


def test_a_load_records_the_reason_its_caller_gives_on_the_records_it_changes_only():
    description = read_fixtures(settings.FIXTURES_DIR)
    (vienna,) = [r for r in description["rounds"] if r["slug"] == ROUND]
    vienna["outcome"] = "An outcome an article corrected."
    before = TalkRound.history.count()
    load_records(description, reason="Article of 2 May read")
    assert TalkRound.history.count() == before + 1
    row = latest(TalkRound, slug=ROUND)
    assert (row.outcome, row.history_change_reason, row.history_user) == (
        "An outcome an article corrected.",
        "Article of 2 May read",
        None,
    )


def test_a_load_without_a_reason_is_refused_before_it_writes():
    with pytest.raises(ValidationError):
        load_records(read_fixtures(settings.FIXTURES_DIR), reason="  ")


# The services -----------------------------------------------------------------------------------------------


def test_a_service_edit_keeps_the_old_and_new_values_with_its_reason():
    talk_round = TalkRound.objects.get(slug=ROUND)
    old = talk_round.outcome
    round_update(talk_round=talk_round, data={"outcome": "Rewritten."}, reason="Outcome corrected")
    row = latest(TalkRound, id=talk_round.pk)
    assert (row.history_type, row.history_change_reason, row.outcome) == ("~", "Outcome corrected", "Rewritten.")
    assert row.prev_record.outcome == old
    talk_round.refresh_from_db()
    assert talk_round.updated > talk_round.created


def test_a_service_edit_without_a_reason_is_refused_and_changes_nothing():
    talk_round = TalkRound.objects.get(slug=ROUND)
    before = TalkRound.history.count()
    with pytest.raises(ValidationError, match="why"):
        round_update(talk_round=talk_round, data={"outcome": "Rewritten."}, reason=" ")
    assert TalkRound.objects.get(pk=talk_round.pk).outcome == talk_round.outcome
    assert TalkRound.history.count() == before


def test_replacing_citations_records_each_citation_created_and_removed_with_the_edits_reason():
    # citations_sync deletes with a queryset and creates one by one: both leave history.
    talk_round = TalkRound.objects.get(slug=ROUND)
    old = list(talk_round.citations.values_list("pk", flat=True))
    source = Source.objects.get(slug=SOURCE)
    new = [{"source": source, "quote": a_quote(), "supports": "outcome"}]
    round_update(talk_round=talk_round, data={"citations": new}, reason="Cited to the opening paragraph")
    removed = Citation.history.filter(id__in=old, history_type="-")
    assert removed.count() == len(old)
    assert set(removed.values_list("history_change_reason", flat=True)) == {"Cited to the opening paragraph"}
    (created,) = Citation.history.filter(history_type="+", object_id=talk_round.pk, quote=a_quote())
    assert created.history_change_reason == "Cited to the opening paragraph"


def test_a_change_of_envoys_is_a_history_row_holding_the_set_as_it_then_stood():
    talk_round = TalkRound.objects.get(slug=ROUND)
    assert talk_round.envoys.exists()
    round_update(talk_round=talk_round, data={"envoys": []}, reason="No envoy named")
    row = latest(TalkRound, id=talk_round.pk)
    assert row.history_change_reason == "No envoy named"
    assert row.envoys.count() == 0
    earlier = TalkRound.history.filter(id=talk_round.pk, history_change_reason=FIXTURES_REASON).first()
    assert earlier.envoys.count() > 0


def test_a_citation_created_and_deleted_through_the_services_leaves_both_rows():
    talk_round = TalkRound.objects.get(slug=ROUND)
    source = Source.objects.get(slug=SOURCE)
    citation = citation_create(subject=talk_round, source=source, quote=a_quote(start=3), reason="A second quote")
    pk = citation.pk
    citation_delete(citation=citation, reason="Not needed after all")
    rows = list(Citation.history.filter(id=pk).order_by("history_date", "history_id"))
    assert [(r.history_type, r.history_change_reason) for r in rows] == [
        ("+", "A second quote"),
        ("-", "Not needed after all"),
    ]


# The API ----------------------------------------------------------------------------------------------------


def test_an_api_edit_is_recorded_with_its_reason_header_and_its_user(staff):
    response = staff.patch(f"/api/rounds/{ROUND}/", {"outcome": "Edited through the API."}, format="json")
    assert response.status_code == 200, data(response)
    row = latest(TalkRound, slug=ROUND)
    assert (row.outcome, row.history_change_reason, row.history_user.username) == (
        "Edited through the API.",
        STAFF_REASON,
        "staff",
    )


def test_an_api_reason_in_utf8_is_kept_as_written(silent_staff):
    reason = "Corrigé d’après l’article"
    response = silent_staff.patch(
        f"/api/rounds/{ROUND}/",
        {"outcome": "Edited."},
        format="json",
        headers={"X-Change-Reason": reason.encode().decode("latin-1")},
    )
    assert response.status_code == 200, data(response)
    assert latest(TalkRound, slug=ROUND).history_change_reason == reason


@pytest.mark.parametrize(
    ("method", "url", "payload"),
    [
        ("patch", f"/api/rounds/{ROUND}/", {"outcome": "No reason given."}),
        ("post", "/api/citations/", {"subject_kind": "round", "subject": ROUND, "source": SOURCE, "quote": "x"}),
    ],
)
def test_an_api_write_without_a_reason_is_a_400_naming_the_header_and_changes_nothing(
    silent_staff, method, url, payload
):
    before = TalkRound.history.count() + Citation.history.count()
    response = getattr(silent_staff, method)(url, payload, format="json")
    assert response.status_code == 400
    assert "X-Change-Reason" in data(response)
    assert TalkRound.history.count() + Citation.history.count() == before


@pytest.mark.parametrize("reason", ["   ", "x" * 101])
def test_a_blank_or_overlong_api_reason_is_a_400(silent_staff, reason):
    response = silent_staff.patch(
        f"/api/rounds/{ROUND}/", {"outcome": "Edited."}, format="json", headers={"X-Change-Reason": reason}
    )
    assert response.status_code == 400
    assert data(response)["X-Change-Reason"]


def test_an_api_citation_delete_is_recorded_with_its_reason(staff):
    talk_round = TalkRound.objects.get(slug=ROUND)
    source = Source.objects.get(slug=SOURCE)
    citation = citation_create(subject=talk_round, source=source, quote=a_quote(start=9), reason="Added")
    response = staff.delete(f"/api/citations/{citation.pk}/")
    assert response.status_code == 204
    row = latest(Citation, id=citation.pk)
    assert (row.history_type, row.history_change_reason) == ("-", STAFF_REASON)


def test_the_schema_documents_the_reason_header_on_every_write(api):
    schema = api.get("/api/schema/", {"format": "json"}).json()
    # Ingesting, deciding and publishing an article record reasons of their own (ingest/services.py): they
    # edit no record by hand.
    writes = [
        (path, method, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in {"post", "put", "patch", "delete"} and not path.startswith("/api/ingest/")
    ]
    assert writes
    for path, method, operation in writes:
        headers = [p for p in operation.get("parameters", []) if p["in"] == "header"]
        assert [(p["name"], p["required"]) for p in headers] == [("X-Change-Reason", True)], (path, method)


# The admin --------------------------------------------------------------------------------------------------


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-password")
    client.force_login(user)
    return client


def test_an_admin_edit_is_recorded_with_the_forms_reason_and_the_editor(editor_client):
    talk_round = TalkRound.objects.get(slug=ROUND)
    talk_round.round_delegations.all().delete()  # the inline is posted empty
    url = reverse("admin:talks_talkround_change", args=[talk_round.pk])
    response = editor_client.post(url, round_form(talk_round, outcome="Edited in the admin."))
    assert response.status_code == 302, response.content.decode()[:2000]
    row = latest(TalkRound, id=talk_round.pk)
    assert (row.outcome, row.history_change_reason, row.history_user.username) == (
        "Edited in the admin.",
        "Outcome reworded",
        "editor",
    )


def test_an_admin_edit_without_a_reason_is_refused_on_the_field(editor_client):
    talk_round = TalkRound.objects.get(slug=ROUND)
    url = reverse("admin:talks_talkround_change", args=[talk_round.pk])
    response = editor_client.post(url, round_form(talk_round, outcome="No reason.", change_reason=""))
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert TalkRound.objects.get(pk=talk_round.pk).outcome == talk_round.outcome


def test_an_admin_delete_is_recorded_as_one(editor_client):
    talk_round = TalkRound.objects.get(slug=ROUND)
    source = Source.objects.get(slug=SOURCE)
    citation = citation_create(subject=talk_round, source=source, quote=a_quote(start=12), reason="Added")
    url = reverse("admin:sources_citation_delete", args=[citation.pk])
    assert editor_client.post(url, {"post": "yes"}).status_code == 302
    row = latest(Citation, id=citation.pk)
    assert (row.history_type, row.history_change_reason) == ("-", DELETED_IN_ADMIN)


def test_the_admin_shows_a_records_history(editor_client):
    talk_round = TalkRound.objects.get(slug=ROUND)
    response = editor_client.get(reverse("admin:talks_talkround_history", args=[talk_round.pk]))
    assert response.status_code == 200
    assert FIXTURES_REASON in response.content.decode()


# The History section of a record's page --------------------------------------------------------------------


def test_a_rounds_page_shows_its_edit_with_the_reason_and_the_old_and_new_values(client, staff):
    talk_round = TalkRound.objects.get(slug=ROUND)
    old = talk_round.status
    assert staff.patch(f"/api/rounds/{ROUND}/", {"status": "adjourned"}, format="json").status_code == 200
    section = parse(client.get(talk_round.get_absolute_url()).content).find("section", cls="history")
    newest = section.find("li")
    assert STAFF_REASON in newest.text and "by staff" in newest.text
    change = newest.find("dl", cls="history-changes").find("div")
    assert (change.find("dt").text, change.find("del").text, change.find("ins").text) == ("status", old, "adjourned")
    assert newest.find("time").get("datetime").startswith(str(latest(TalkRound, slug=ROUND).history_date.date()))
    # the load that created it, and its citations' creation, are further down
    assert FIXTURES_REASON in section.text and "citation created" in section.text


def test_a_citation_removed_from_a_record_shows_in_the_records_history(client):
    talk_round = TalkRound.objects.get(slug=ROUND)
    source = Source.objects.get(slug=SOURCE)
    citation = citation_create(subject=talk_round, source=source, quote=a_quote(start=15), reason="Quote added")
    citation_delete(citation=citation, reason="Quote withdrawn")
    section = parse(client.get(talk_round.get_absolute_url()).content).find("section", cls="history")
    items = [li.text for li in section.find_all("li")]
    assert "citation deleted" in items[0] and "Quote withdrawn" in items[0]
    assert "citation created" in items[1] and "Quote added" in items[1]
