"""Articles nobody here curated, read as a new user would, against a gold of what a careful curator would record.

Each `tests/ingest/unseen/<name>.txt` has a `<name>.gold.json`: the key facts (rounds with venue, dates at the text's
precision, status, number, envoys and heads; figures; resolutions with date and vote; people with roles;
milestones), what may be proposed without being required, and what must not be said. `judge_against_gold`
(ingest/evaluation.py) counts the key facts recalled and every proposal that asserts something the gold says is
false: a wrong date, head or match, a duplicate of one event, an event the text does not state. That count must be
0; recall is reported per article (`python -m ingest.evaluation unseen tests/ingest/unseen`) and held at the level
reached.

a1-a4 were tried by the lead (Reuters, AP, a UN report, a postponement); the others were written for this test in
yet other styles. afp_delay, aa_first_meeting, wire_preview and tass_astana were read once before any rule was changed
for them (six false proposals in the first two, one in the third, none in the fourth); what they still miss is in
RECALL_AT_LEAST.
"""

import json
import re
import time
from functools import cache
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from ingest.evaluation import evaluate_unseen, judge_against_gold, unseen_markdown
from ingest.extraction import AnchorDate, KnowledgeBase, extract
from ingest.extraction.article import precision_of
from ingest.extraction.kb import read_fixture_dir

UNSEEN = Path(__file__).parent / "unseen"
NAMES = sorted(p.name.removesuffix(".gold.json") for p in UNSEEN.glob("*.gold.json"))
# Key facts recalled, per article: the level reached, so that a regression fails.
RECALL_AT_LEAST = {
    "a1": 1.0,
    "a2": 1.0,
    "a3": 1.0,
    "a4": 1.0,
    "aa_first_meeting": 1.0,
    "afp_delay": 1.0,
    "arabic_press": 1.0,
    "date_styles": 1.0,
    "feature_timeline": 1.0,
    "summit_denials": 1.0,
    "tass_astana": 0.87,  # 'the Turkish by ..., and the Iranian by ...': elliptical heads are not read
    "two_meetings": 1.0,
    "wire_preview": 0.94,  # 'co-chairs, Ahmad Kuzbari for the government and Hadi al-Bahra for the opposition'
}


@cache
def kb():
    return KnowledgeBase.from_fixtures(read_fixture_dir(settings.FIXTURES_DIR))


@cache
def gold(name):
    return json.loads((UNSEEN / f"{name}.gold.json").read_text(encoding="utf-8"))


@cache
def text(name):
    return (UNSEEN / f"{name}.txt").read_text(encoding="utf-8")


@cache
def read(name):
    anchor = AnchorDate.from_iso(gold(name)["published"], gold(name).get("published_latest"))
    return extract(text(name), published=anchor, kb=kb(), source_slug=name).to_dict()


@cache
def judged(name):
    return judge_against_gold(read(name), gold(name), kb())


def test_every_article_has_its_gold_and_its_level():
    assert sorted(RECALL_AT_LEAST) == NAMES
    for name in NAMES:
        assert (UNSEEN / f"{name}.txt").exists()


@pytest.mark.parametrize("name", NAMES)
def test_no_proposal_asserts_what_the_gold_says_is_false(name):
    wrong = judged(name)["wrong"]
    assert wrong == [], "\n".join(f"{w['kind']} '{w['what']}': {'; '.join(w['why'])}" for w in wrong)


@pytest.mark.parametrize("name", NAMES)
def test_the_key_facts_are_recalled(name):
    report = judged(name)
    assert report["recall"] >= RECALL_AT_LEAST[name], "\n".join(report["missed"])


@pytest.mark.parametrize("name", NAMES)
def test_every_quote_is_verbatim_and_every_proposal_cited(name):
    for proposal in read(name)["proposals"]:
        assert proposal["citations"], proposal
        for citation in proposal["citations"]:
            assert citation["quote"] in text(name)
        for field in ("summary", "outcome", "calls_for"):
            value = proposal["fields"].get(field)
            if value and proposal["match"] is None:
                assert value in text(name), (field, value)


DAY_WORDS = re.compile(
    r"\d|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tomorrow|"
    r"the day (?:before|after))\b"
)


@pytest.mark.parametrize("name", NAMES)
def test_no_day_is_proposed_that_the_text_does_not_give(name):
    for proposal in read(name)["proposals"]:
        fields = proposal["fields"]
        if proposal["kind"] not in {"round", "milestone", "resolution"} or proposal["match"]:
            continue  # a known record keeps its own dates
        if "day" in {precision_of(fields.get("start")), precision_of(fields.get("end"))}:
            quotes = " ".join(c["quote"] for c in proposal["citations"])
            assert DAY_WORDS.search(quotes), proposal


def test_the_report_gives_recall_per_article_and_the_false_assertions(capsys):
    started = time.perf_counter()
    reports = evaluate_unseen(UNSEEN, settings.FIXTURES_DIR)
    seconds = time.perf_counter() - started
    table = unseen_markdown(reports)
    print(table)
    assert [line.split("|")[1].strip() for line in table.splitlines()[2 : 2 + len(NAMES)]] == NAMES
    assert sum(len(r["wrong"]) for r in reports.values()) == 0
    assert seconds < 30


def test_the_command_line_reads_an_unseen_article_as_a_new_user_would():
    out = StringIO()
    call_command("extract_article", str(UNSEEN / "a2.txt"), "--published", "2020-02-20", stdout=out)
    result = json.loads(out.getvalue())
    assert result["source"]["title"] == "Astana talks end with pledge to extend Idlib truce"
    assert judge_against_gold(result, gold("a2"), kb())["wrong"] == []
    assert [p["fields"] for p in result["proposals"]] == [p["fields"] for p in read("a2")["proposals"]]
