"""The extraction engine on the five curated articles and on invented ones: shape, quotes, dates, linking."""

import copy
import json
from functools import cache

import pytest
from django.conf import settings

from ingest.evaluation import TARGETS, evaluate
from ingest.extraction import AnchorDate, KnowledgeBase, extract, reduce_html
from ingest.extraction.article import precision_of
from ingest.extraction.dates import FINER
from ingest.extraction.figures import parse_number
from ingest.extraction.kb import read_fixture_dir
from ingest.extraction.model import PROPOSAL_KINDS

DATA = read_fixture_dir(settings.FIXTURES_DIR)
SOURCES = {s["slug"]: s for s in DATA["sources"]}


@cache
def kb():
    return KnowledgeBase.from_fixtures(DATA)


@cache
def extraction(slug):
    source = SOURCES[slug]
    return extract(source["text"], published=AnchorDate.from_fixture(source["published"]), kb=kb(),
                   source_slug=slug).to_dict()  # fmt: skip


@cache
def leave_one_out():
    return evaluate(settings.FIXTURES_DIR)


@pytest.mark.parametrize(
    ("printed", "value", "qualifier"),
    [
        ("more than 470,000", 470000, "more_than"),
        ("hundreds of thousands", None, "order_of"),
        ("tens of thousands", None, "order_of"),
        ("millions", None, "order_of"),
        ("more than half a million", 500000, "more_than"),
        ("nearly 3 million", 3000000, "nearly"),
        ("two-thirds", 0.6667, "exact"),
        ("150", 150, "exact"),
        ("nearly seven", 7, "nearly"),
        ("about 2,000", 2000, "about"),
    ],
)
def test_a_printed_figure_is_read_with_its_qualifier(printed, value, qualifier):
    number = parse_number(printed)
    assert (number.value, number.qualifier) == (value, qualifier)


@pytest.mark.parametrize(
    ("sentence", "measure", "value", "qualifier"),
    [
        # The value is worked out (half of 23 million); the qualifier is the one printed, none: exact.
        ("The war has displaced half the country's pre-war 23 million population.", "displaced", 11500000, "exact"),
        ("Some 6.8 million Syrians have fled abroad as refugees.", "refugees", 6800000, "about"),
        ("The war is thought to have killed as many as 500,000 people.", "death_toll", 500000, "about"),
        (
            "Idlib is home to nearly 3 million people, two-thirds of them displaced from other parts.",
            "displaced_share",
            0.6667,
            "exact",
        ),
        ("An agreement was reached to form a 150-member committee.", "committee_size", 150, "exact"),
        ("Talks aimed at ending Syria's nearly seven-year war.", "conflict_duration", 7, "nearly"),
        ("A war that has killed hundreds of thousands of people.", "death_toll", None, "order_of"),
        ("The cease-fire has held for 30 days despite violations.", "duration", 30, "exact"),
        # In its twelfth year, the war has lasted more than eleven years: nearly twelve.
        ("The war, now in its twelfth year, goes on.", "conflict_duration", 12, "nearly"),
        ("About 4.1 million people in the northwest depend on aid.", "population", 4100000, "about"),
        ("The war has forced some 12 million people from their homes.", "displaced", 12000000, "about"),
    ],  # fmt: skip
)
def test_figures_are_found_in_news_prose(sentence, measure, value, qualifier):
    text = f"{sentence} Officials said so."
    figures = [p["fields"] for p in extract(text, published=AnchorDate.from_iso("2021-09-30"), kb=kb()).to_dict()[
        "proposals"] if p["kind"] == "figure"]  # fmt: skip
    assert any((f["measure"], f["value"], f["qualifier"]) == (measure, value, qualifier) for f in figures), figures


def test_a_misspelt_name_is_linked_to_the_person_it_misspells():
    data = copy.deepcopy(DATA)
    mistura = next(p for p in data["people"] if p["slug"] == "staffan-de-mistura")
    mistura["aliases"].remove("de Misutra")
    text = '"We should encourage them to make this a reality during the next round," de Misutra said.'
    proposals = extract(text, published=AnchorDate.from_iso("2017-05-22"), kb=KnowledgeBase.from_fixtures(data))
    people = [p for p in proposals.to_dict()["proposals"] if p["kind"] == "person"]
    assert [(p["match"], "de Misutra" in p["fields"]["aliases"]) for p in people] == [("staffan-de-mistura", True)]


def test_an_unknown_person_is_proposed_as_new_with_a_slug():
    text = "Jordanian Foreign Minister Ayman Safadi said on Monday that the talks would resume in Amman."
    people = [p for p in extract(text, published=AnchorDate.from_iso("2022-03-09"), kb=kb()).to_dict()["proposals"]
              if p["kind"] == "person"]  # fmt: skip
    assert [(p["match"], p["fields"]["slug"], p["fields"]["roles"][0]["title"]) for p in people] == [
        (None, "ayman-safadi", "Jordanian Foreign Minister")
    ]


@pytest.mark.parametrize("slug", SOURCES)
def test_every_quote_is_verbatim_from_the_article(slug):
    text = SOURCES[slug]["text"]
    for proposal in extraction(slug)["proposals"]:
        assert proposal["citations"], proposal
        for citation in proposal["citations"]:
            assert citation["quote"] in text


@pytest.mark.parametrize("slug", SOURCES)
def test_no_proposed_date_is_finer_than_the_publication_date_allows(slug):
    anchor = SOURCES[slug]["published"]
    text = SOURCES[slug]["text"]
    for proposal in extraction(slug)["proposals"]:
        fields = proposal["fields"]
        start = fields.get("start") or fields.get("end")
        if proposal["kind"] in {"round", "milestone"} and proposal["match"] is None and start:
            quotes = " ".join(c["quote"] for c in proposal["citations"])
            printed_day = any(ch.isdigit() for ch in quotes)
            if precision_of(start) == "day" and not printed_day:
                assert FINER[precision_of(anchor["date"])] == 0, (proposal, text[:40])


@pytest.mark.parametrize("slug", SOURCES)
def test_the_json_has_the_fixed_shape(slug):
    result = json.loads(json.dumps(extraction(slug)))
    assert set(result) == {"source", "proposals"}
    assert set(result["source"]) >= {"slug", "title", "published"}
    for number, proposal in enumerate(result["proposals"], start=1):
        assert set(proposal) == {"id", "kind", "match", "fields", "citations", "confidence"}
        assert proposal["id"] == number
        assert proposal["kind"] in PROPOSAL_KINDS
        assert proposal["match"] is None or isinstance(proposal["match"], str)
        assert isinstance(proposal["fields"], dict) and proposal["fields"].get("slug")
        assert 0 <= proposal["confidence"] <= 1
        for citation in proposal["citations"]:
            assert set(citation) == {"quote", "supports"}
        if proposal["kind"] == "figure":
            assert proposal["fields"]["value"] is None or isinstance(proposal["fields"]["value"], int | float)


INVENTED = [
    (
        "Delegations from the Syrian government and the opposition met in Riyadh on Tuesday for the third round of "
        "talks brokered by the UN special envoy Joan Marsden, who said the fourth round would be held in Amman in "
        "March. The cease-fire agreed in Riyadh has held for 40 days, Marsden said.",
        "2023-02-10",
    ),
    (
        "A new round of Syria talks opened in Doha on Monday. Qatar's Foreign Minister Khalid Al-Attiyah said the "
        "delegations would meet again next month. The war has killed more than 300,000 civilians, the UN said.",
        "2022-11-16",
    ),
]


@pytest.mark.parametrize(
    ("text", "published"),
    INVENTED,
)
def test_an_article_nobody_here_has_seen_gets_new_venues_rounds_and_people(text, published):
    result = extract(text, published=AnchorDate.from_iso(published), kb=kb()).to_dict()
    kinds = {p["kind"] for p in result["proposals"]}
    assert {"venue", "round", "person"} <= kinds, result
    for proposal in result["proposals"]:
        for citation in proposal["citations"]:
            assert citation["quote"] in text
    venues = [p["fields"] for p in result["proposals"] if p["kind"] == "venue"]
    assert all(v["latitude"] and "gazetteer" in v["description"].lower() for v in venues)


def test_a_round_number_given_in_words_and_a_new_envoy_are_read():
    text, published = INVENTED[0]
    result = extract(text, published=AnchorDate.from_iso(published), kb=kb()).to_dict()
    rounds = {p["fields"].get("round_number"): p["fields"] for p in result["proposals"] if p["kind"] == "round"}
    assert rounds[3]["venue"] == "riyadh" and rounds[3]["start"] == "2023-02-07" and rounds[3]["status"] == "held"
    assert rounds[4]["status"] == "planned" and rounds[4]["start"] == "2023-03"
    assert any(p["kind"] == "envoy" and p["fields"]["name"] == "Joan Marsden" for p in result["proposals"])


def test_a_saved_page_is_reduced_to_the_article_and_its_metadata():
    paragraph = "Negotiators met in Vienna on January 25 for the first of two days of UN-sponsored talks. " * 3
    html = f"""<html><head><title>Syria talks open in Vienna</title>
      <meta name="author" content="Jane Reporter"><meta property="article:published_time" content="2018-01-26">
      </head><body><nav>Home | World | Sport</nav><article><h1>Syria talks open in Vienna</h1>
      <p>{paragraph}</p><p>The UN special envoy met both delegations separately in the afternoon.</p></article>
      <footer>Copyright 2018</footer></body></html>"""
    text, metadata = reduce_html(html)
    assert "Negotiators met in Vienna on January 25" in text and "Copyright" not in text and "Sport" not in text
    assert metadata["title"] == "Syria talks open in Vienna"
    assert metadata["author"] == "Jane Reporter"
    assert metadata["date"] == "2018-01-26"


def test_leave_one_out_meets_the_issue_targets():
    summary = leave_one_out()["summary"]
    assert summary["round_recall"] >= TARGETS["round_recall"]
    assert summary["figure_recall"] >= TARGETS["figure_recall"]
    assert summary["precision"] >= TARGETS["precision"]
    assert summary["finer_dates"] == 0
    assert summary["non_verbatim"] == 0
    assert summary["seconds"] < 30


def test_leave_one_out_keeps_the_level_reached():
    """Today's level, so that a regression fails: every round and figure, 99% precision, and no more rounds passed
    by abstaining on an external date than the one whose day no article gives (Erdogan and Putin in Sochi)."""
    result = leave_one_out()
    summary, total = result["summary"], result["total"]
    assert (summary["round_recall"], summary["figure_recall"]) == (1.0, 1.0)
    assert summary["precision"] >= 0.98
    assert total["round"].get("external_undated", 0) <= 1
    assert total["round"]["status"] == total["round"]["paired"] == 16
    assert total["round"]["heads"] >= 14
    assert total["milestone"]["paired"] >= 19 and total["milestone"]["proposed"] - total["milestone"]["paired"] == 0
    assert total["person"]["paired"] >= 18


def test_a_negotiator_is_a_member_of_the_delegation_and_a_head_heads_it():
    text = (
        "Talks in Geneva resumed on Monday. The talks bring together government representatives, including "
        "negotiator Bashar al-Jaafari, and the opposition High Negotiations Committee. The HNC is led by Asaad "
        "al-Zoabi, head of the HNC, who told reporters the talks were useful."
    )
    result = extract(text, published=AnchorDate.from_iso("2016-05-10"), kb=kb()).to_dict()  # no known round then
    [talks] = [p for p in result["proposals"] if p["kind"] == "round"]
    assert talks["match"] is None
    heads = {d["delegation"]: d["head"] for d in talks["fields"]["delegations"]}
    assert heads == {"syrian-government-delegation": None, "high-negotiations-committee": "asaad-al-zoabi"}


def _rounds(text, published):
    result = extract(text, published=AnchorDate.from_iso(published), kb=kb()).to_dict()
    return [p for p in result["proposals"] if p["kind"] == "round"], result


def test_a_date_in_a_clause_with_its_own_verb_is_not_the_sessions():
    text = (
        "Delegations returned to Geneva on Monday for a new round of talks on the constitution, the ninth such session "
        "since the committee was launched in 2019."
    )
    [ninth], _ = _rounds(text, "2022-05-30")
    assert (ninth["fields"]["round_number"], ninth["fields"]["start"]) == (9, "2022-05-30")


def test_a_head_is_found_beside_a_verb_and_never_across_a_contrast():
    text = (
        "Delegations returned to Geneva on Monday for the ninth session of the Constitutional Committee. "
        "The government delegation is headed by Ahmad Kuzbari, while Hadi al-Bahra leads the opposition side."
    )
    [ninth], _ = _rounds(text, "2022-05-30")
    heads = {d["delegation"]: d["head"] for d in ninth["fields"]["delegations"]}
    assert heads == {
        "syrian-government-delegation": "ahmad-al-kuzbari",
        "syrian-negotiations-commission": "hadi-al-bahra",
    }


def test_another_states_special_envoy_is_a_person_and_no_un_envoy():
    text = (
        "Alexander Lavrentiev, the Kremlin's special envoy for Syria, said the talks would resume in Astana next month."
    )
    _, result = _rounds(text, "2022-03-22")
    assert not [p for p in result["proposals"] if p["kind"] == "envoy"]
    [person] = [p["fields"] for p in result["proposals"] if p["kind"] == "person"]
    assert person["roles"][0]["title"] == "Kremlin's special envoy for Syria"


def test_a_session_is_not_matched_to_a_meeting_of_the_co_chairs_with_the_envoy():
    text = "The previous session, held in Geneva last October, ended without agreement after five days of meetings."
    [sixth], _ = _rounds(text, "2022-03-02")
    assert sixth["match"] == "constitutional-committee-sixth-round"
    assert (sixth["fields"]["status"], sixth["fields"]["end"]) == ("held", "2021-10-22")


def test_what_reports_said_and_proved_unfounded_is_not_proposed():
    text = "Reports that the leaders would announce a new round of Astana talks in Damascus proved unfounded."
    rounds, result = _rounds(text, "2019-02-15")
    assert rounds == [] and not [p for p in result["proposals"] if p["kind"] == "venue"]
