"""Articles nobody here has seen, in four styles, read against the whole knowledge base: what each must give.

A wire report (dateline, 'on Friday', heads of delegations), an analysis with hedges and a publication date
known only to the month, a UN press release ('on Tuesday', '14 to 17 May'), and a report of a postponed round
and a cancelled meeting. The texts are invented; they are in tests/ingest/articles/.
"""

import json
from functools import cache
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from ingest.extraction import AnchorDate, KnowledgeBase, extract
from ingest.extraction.article import precision_of
from ingest.extraction.kb import read_fixture_dir

ARTICLES = Path(__file__).parent / "articles"
PUBLISHED = {"wire_report": "2022-06-03", "analysis": "2022-07", "un_press_release": "2024-05-14",
             "postponed": "2022-07-18"}  # fmt: skip


@cache
def kb():
    return KnowledgeBase.from_fixtures(read_fixture_dir(settings.FIXTURES_DIR))


@cache
def text(name):
    return (ARTICLES / f"{name}.txt").read_text(encoding="utf-8")


@cache
def read(name):
    return extract(text(name), published=AnchorDate.from_iso(PUBLISHED[name]), kb=kb(), source_slug=name).to_dict()


def proposals(name, kind):
    return [p for p in read(name)["proposals"] if p["kind"] == kind]


def rounds(name):
    return {(p["fields"]["process"], p["fields"].get("round_number"), p["fields"].get("status")): p["fields"]
            for p in proposals(name, "round")}  # fmt: skip


def delegations(fields):
    return {d["delegation"]: d for d in fields["delegations"]}


@pytest.mark.parametrize("name", PUBLISHED)
def test_every_quote_is_verbatim_and_every_proposal_cited(name):
    result = json.loads(json.dumps(read(name)))
    assert set(result) == {"source", "proposals"}
    for proposal in result["proposals"]:
        assert set(proposal) == {"id", "kind", "match", "fields", "citations", "confidence"}
        assert proposal["citations"], proposal
        for citation in proposal["citations"]:
            assert citation["quote"] in text(name)
        for field in ("summary", "outcome"):
            # Summaries and outcomes are the article's own words or nothing.
            value = proposal["fields"].get(field)
            if value and proposal["match"] is None:
                assert value in text(name), (field, value)


@pytest.mark.parametrize("name", PUBLISHED)
def test_no_day_is_proposed_that_the_text_does_not_print_or_the_date_does_not_allow(name):
    anchor = PUBLISHED[name]
    for proposal in proposals(name, "round") + proposals(name, "milestone"):
        fields = proposal["fields"]
        for key in ("start", "end"):
            if precision_of(fields.get(key)) == "day" and precision_of(anchor) != "day":
                quotes = " ".join(c["quote"] for c in proposal["citations"])
                assert any(ch.isdigit() for ch in quotes), (proposal, key)


def test_a_wire_report_gives_the_round_its_start_end_and_heads():
    eighth = rounds("wire_report")[("constitutional-committee", 8, "held")]
    # 'ended in Geneva on Friday' and 'the five-day session, which opened on Monday'; the dateline dates the report.
    assert (eighth["start"], eighth.get("end"), eighth["venue"]) == ("2022-05-30", "2022-06-03", "geneva")
    assert eighth["envoys"] == ["geir-pedersen"]
    heads = {slug: d["head"] for slug, d in delegations(eighth).items()}
    assert heads == {
        "syrian-government-delegation": "ahmad-al-kuzbari",
        "syrian-negotiations-commission": "hadi-al-bahra",
    }
    assert "'the opposition'" in delegations(eighth)["syrian-negotiations-commission"]["note"]
    assert eighth["outcome"].startswith(
        "An eighth round of talks on Syria's new constitution ended in Geneva on Friday"
    )
    planned = rounds("wire_report")[("constitutional-committee", None, "planned")]
    assert (planned["start"], planned["venue"]) == ("2022-07-25", "geneva")


def test_a_wire_report_gives_new_people_their_titles_and_known_ones_their_match():
    people = {p["fields"]["slug"]: p for p in proposals("wire_report", "person")}
    assert people["hadi-al-bahra"]["match"] is None
    assert [r["title"] for r in people["hadi-al-bahra"]["fields"]["roles"]] == ["Head of the opposition delegation"]
    assert people["ahmad-al-kuzbari"]["match"] == "ahmad-al-kuzbari"
    assert not proposals("wire_report", "milestone")  # talking to reporters is no milestone


def test_a_wire_report_gives_its_figures_with_their_qualifiers():
    figures = {(f["fields"]["measure"], f["fields"]["value"], f["fields"]["qualifier"]) for f in proposals(
        "wire_report", "figure")}  # fmt: skip
    # 'now in its 12th year': more than eleven years, nearly twelve.
    assert figures == {("death_toll", 350000, "more_than"), ("refugees", 6800000, "about"),
                       ("committee_size", 45, "exact"), ("conflict_duration", 12, "nearly")}  # fmt: skip


def test_an_analysis_with_hedges_reports_what_happened_and_hedges_what_may():
    held = rounds("analysis")[("astana-format", 18, "held")]
    # 'in Nur-Sultan' is the gazetteer's Astana; 'last month' and 'June 15-16' in an article known to the month.
    assert (held["start"], held.get("end"), held["venue"]) == ("2022-06-15", "2022-06-16", "astana")
    assert {slug: d["role"] for slug, d in delegations(held).items()} == {
        "russia": "guarantor", "turkey": "guarantor", "iran": "guarantor"}  # fmt: skip
    ninth = next(p for p in proposals("analysis", "round") if p["fields"].get("round_number") == 9)
    assert (ninth["fields"]["status"], ninth["fields"]["start"], ninth["fields"]["venue"]) == (
        "planned", "2022-07", "geneva")  # fmt: skip
    assert ninth["confidence"] < 0.7  # 'now appears unlikely to take place at all'
    assert len(proposals("analysis", "round")) == 2  # 'could meet again before the end of the year' is no round


def test_an_analysis_gives_a_hedged_figure_and_a_quoted_expert():
    people = {p["fields"]["slug"]: p["fields"] for p in proposals("analysis", "person")}
    assert [r["title"] for r in people["rana-khalaf"]["roles"]] == ["researcher at Chatham House"]
    figures = {(f["fields"]["measure"], f["fields"]["value"], f["fields"]["qualifier"]) for f in proposals(
        "analysis", "figure")}  # fmt: skip
    assert ("death_toll", 500000, "about") in figures  # 'as many as 500,000'


def test_a_press_release_reads_on_tuesday_and_a_day_month_range():
    tenth = rounds("un_press_release")[("constitutional-committee", 10, "held")]
    assert (tenth["start"], tenth.get("end"), tenth["venue"]) == ("2024-05-14", "2024-05-17", "geneva")
    assert tenth["envoys"] == ["ingrid-lund"]
    dels = delegations(tenth)
    assert dels["syrian-negotiations-commission"]["head"] == "hadi-al-bahra"
    assert dels["syrian-government-delegation"]["note"] == "Co-chair: Ahmad Al-Kuzbari."
    ninth = rounds("un_press_release")[("constitutional-committee", 9, "held")]
    assert (ninth["start"], ninth.get("end")) == ("2024-01-25", "2024-01-29")
    assert (
        ninth["outcome"]
        == "The ninth session, held from 25 to 29 January, concluded without agreement on the next steps."
    )
    assert "The venue" in ninth["inference_note"]


def test_a_press_release_proposes_a_new_envoy_and_links_a_shortened_name():
    envoys = [p["fields"] for p in proposals("un_press_release", "envoy")]
    assert [(e["slug"], e["person"]) for e in envoys] == [("ingrid-lund", "ingrid-lund")]
    kuzbari = next(p for p in proposals("un_press_release", "person") if p["match"] == "ahmad-al-kuzbari")
    assert "Ahmad Kuzbari" in kuzbari["fields"]["aliases"]


def test_a_postponed_round_and_a_cancelled_meeting_keep_the_dates_they_were_set_for():
    found = rounds("postponed")
    ninth = found[("constitutional-committee", 9, "postponed")]
    assert (ninth["start"], ninth["venue"]) == ("2022-07-25", "geneva")  # not 'the United Nations said on Monday'
    assert "set for" in ninth["note"]
    astana = found[("astana-format", None, "cancelled")]
    assert (astana["start"], astana["venue"], astana["format"]) == ("2022-08", "tehran", "meeting")
    eighth = found[("constitutional-committee", 8, "held")]  # the process of the article's other numbered round
    assert (eighth["start"], eighth.get("end")) == (None, "2022-06-03")
    assert [p["fields"]["slug"] for p in proposals("postponed", "venue")] == ["tehran"]


def test_a_spokeswoman_for_the_envoy_is_not_an_envoy():
    assert not proposals("postponed", "envoy")
    people = {p["fields"]["slug"]: p for p in proposals("postponed", "person")}
    assert [r["title"] for r in people["jenifer-fenton"]["fields"]["roles"]] == ["spokeswoman for the U.N. envoy"]
    assert people["maria-zakharova"]["match"] == "maria-zakharova"


def test_an_article_about_something_else_proposes_no_talks():
    unrelated = (
        "Arsenal beat Chelsea 2-1 in the third round of the FA Cup in London on Saturday. The next round will be "
        "played in Manchester in February, the club said."
    )
    result = extract(unrelated, published=AnchorDate.from_iso("2023-01-09"), kb=kb()).to_dict()
    assert not [p for p in result["proposals"] if p["kind"] in {"round", "process", "venue"}]


def test_the_command_line_prints_the_proposals_for_a_text_file():
    out = StringIO()
    call_command("extract_article", str(ARTICLES / "postponed.txt"), "--published", "2022-07-18", stdout=out)
    result = json.loads(out.getvalue())
    assert result["source"] == {"slug": "syria-constitution-talks-postponed-after-russia-objects-to-swiss-venue",
                                "title": "Syria constitution talks postponed after Russia objects to Swiss venue",
                                "published": "2022-07-18"}  # fmt: skip
    assert result == json.loads(json.dumps(read("postponed") | {"source": result["source"]}))


def test_the_command_line_reads_a_saved_page_and_its_date(tmp_path):
    page = tmp_path / "page.html"
    body = "".join(f"<p>{line}</p>" for line in text("wire_report").splitlines()[4:] if line.strip())
    page.write_text(
        "<html><head><title>Syria constitution talks end in Geneva</title>"
        '<meta property="article:published_time" content="2022-06-03"></head>'
        f"<body><nav>Home | World</nav><article><h1>Syria constitution talks end in Geneva</h1>{body}</article>"
        "</body></html>",
        encoding="utf-8",
    )
    out = StringIO()
    call_command("extract_article", str(page), stdout=out)
    result = json.loads(out.getvalue())
    assert result["source"]["published"] == "2022-06-03"
    assert any(p["kind"] == "round" and p["fields"].get("round_number") == 8 for p in result["proposals"])


def test_a_headline_says_where_the_talks_the_report_tells_met():
    article = (
        "Syria peace talks open in Astana amid fragile truce\n\n"
        "Talks between the Syrian government and rebel groups opened in the Kazakh capital on Monday, with Russia, "
        "Turkey and Iran hoping to consolidate a nationwide ceasefire.\n\n"
        "UN envoy Staffan de Mistura is attending the two-day meeting, which is expected to end on Tuesday."
    )
    result = extract(article, published=AnchorDate.from_iso("2017-01-23"), kb=kb()).to_dict()
    [talks] = [p["fields"] for p in result["proposals"] if p["kind"] == "round"]
    # 'the Kazakh capital' is no city of the gazetteer's; the headline names it; 'the two-day meeting' ends it.
    assert (talks["venue"], talks["process"], talks["start"], talks.get("end")) == (
        "astana", "astana-format", "2017-01-23", "2017-01-24")  # fmt: skip


def test_two_leaders_who_meet_hold_talks_between_states_and_an_envoy_meeting_co_chairs_does_not():
    leaders = extract("The two leaders met for more than four hours in the Black Sea resort of Sochi.",
                      published=AnchorDate.from_iso("2018-09-17"), kb=kb()).to_dict()  # fmt: skip
    assert [(p["fields"]["format"], p["fields"]["process"]) for p in leaders["proposals"] if p["kind"] == "round"] == [
        ("bilateral", "bilateral-diplomacy")]  # fmt: skip
    rounds_ = rounds("un_press_release")
    assert all(key[1] != "bilateral-diplomacy" and key[0] != "bilateral-diplomacy" for key in rounds_)
