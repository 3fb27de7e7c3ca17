"""The leave-one-out scorer: how dates are judged, and the knowledge base an article is read against."""

import pytest

from ingest.evaluation import judge_against_gold, judge_date, without_source


@pytest.mark.parametrize(
    ("proposed", "curated", "verdict"),
    [
        ({"start": "2017-12"}, {"start": "2017-12", "basis": "inferred"}, "equal"),
        # A span known only by its end is compared like any other date.
        ({"start": None, "end": "2017-12"}, {"start": None, "end": "2017-12", "basis": "inferred"}, "equal"),
        ({"start": "2017-12"}, {"start": None, "end": "2017-12", "basis": "inferred"}, "wrong"),
        ({"start": "2018-01-25", "end": "2018-01-26"}, {"start": "2018-01-25", "end": "2018-01-26"}, "equal"),
        ({"start": "2018-01-25"}, {"start": "2018-01-25", "end": "2018-01-26"}, "wrong"),
        # Not external: coarser is not enough.
        ({"start": "2016-03"}, {"start": "2016-03-24", "basis": "stated"}, "wrong"),
        # External: the text cannot be expected to give it; what is proposed must be true and no finer.
        ({"start": "2021-09-29"}, {"start": "2021-09-29", "basis": "external"}, "equal"),
        ({"start": None}, {"start": "2021-09-29", "basis": "external"}, "undated"),
        ({"start": "2019-10"}, {"start": "2019-10-21", "start_latest": "2019-10-27", "basis": "external"},
         "consistent"),
        ({"start": "2019-10-24"}, {"start": "2019-10-21", "start_latest": "2019-10-27", "basis": "external"},
         "wrong"),  # a guessed day inside the window is finer than the curated date
        ({"start": "2021-10"}, {"start": "2021-09-29", "basis": "external"}, "wrong"),
        ({"start": "2017-05-15", "start_latest": "2017-05-21"}, {"start": "2017-05", "basis": "external"}, "wrong"),
        ({"start": "2017", "end": "2017"}, {"start": "2017-05-18", "end": "2017-05-19", "basis": "external"},
         "consistent"),
    ],
)  # fmt: skip
def test_a_date_is_judged_on_what_the_proposal_claims(proposed, curated, verdict):
    assert judge_date(proposed, curated) == verdict


def _cite(*sources):
    return [{"source": s, "quote": "q"} for s in sources]


def test_leaving_an_article_out_keeps_what_another_article_cites_even_through_a_role():
    data = {
        "people": [
            {"slug": "only-here", "citations": _cite("a"), "roles": [{"title": "x", "citations": _cite("a")}]},
            {"slug": "role-elsewhere", "citations": _cite("a"),
             "roles": [{"title": "envoy", "citations": _cite("a", "b")}, {"title": "mp", "citations": _cite("a")}]},
        ],
        "rounds": [{"slug": "r", "citations": _cite("a", "b"), "delegations": [
            {"delegation": "d1", "citations": _cite("a")}, {"delegation": "d2", "citations": _cite("b")}]}],
    }  # fmt: skip
    kept = without_source(data, "a")
    assert [p["slug"] for p in kept["people"]] == ["role-elsewhere"]
    assert [r["title"] for r in kept["people"][0]["roles"]] == ["envoy"]
    assert kept["people"][0]["roles"][0]["citations"] == _cite("b")
    assert [d["delegation"] for d in kept["rounds"][0]["delegations"]] == ["d2"]


def _proposal(number, kind, fields, quotes=(), match=None):
    return {"id": number, "kind": kind, "match": match, "fields": fields,
            "citations": [{"quote": q, "supports": ""} for q in quotes], "confidence": 0.5}  # fmt: skip


GOLD = {
    "published": "2022-05-30",
    "expect": [
        {"kind": "round", "label": "ninth", "about": ["the ninth session"], "match": None,
         "fields": {"round_number": 9, "start": "2022-05-30", "end": "2022-06-03", "status": "held"},
         "heads": {"gov": "kuzbari", "side:opposition": "bahra"}},
        {"kind": "figure", "fields": {"measure": "death_toll", "value": 350000, "qualifier": "more_than"}},
    ],
    "tolerate": [{"kind": "figure", "fields": {"measure": "duration"}}],
    "false": [{"kind": "round", "fields": {"start": "2019"}, "why": "the launch, not the session"}],
}  # fmt: skip


class _KB:
    sides = {"gov": "government", "snc": "opposition"}

    def get(self, kind, slug):
        side = self.sides.get(slug)
        return None if side is None else {"side": side}


def _judge(*proposals):
    return judge_against_gold({"proposals": list(proposals)}, GOLD, _KB())


def test_the_gold_scorer_counts_key_facts_and_nothing_false_for_a_right_reading():
    right = _proposal(1, "round", {"round_number": 9, "start": "2022-05-30", "end": "2022-06-03", "status": "held",
                                   "delegations": [{"delegation": "gov", "head": "kuzbari"},
                                                   {"delegation": "snc", "head": "bahra"}]},
                      ["GENEVA - the ninth session opened."])  # fmt: skip
    figure = _proposal(2, "figure", {"measure": "death_toll", "value": 350000, "qualifier": "more_than"})
    tolerated = _proposal(3, "figure", {"measure": "duration", "value": 6})
    report = _judge(right, figure, tolerated)
    assert (report["recalled"], report["facts"], report["wrong"]) == (10, 10, [])


@pytest.mark.parametrize(
    ("fields", "why"),
    [
        ({"round_number": 9, "start": "2019"}, "the launch, not the session"),  # a `false` entry
        ({"round_number": 9, "start": "2022-05-31"}, "date"),  # a day the text does not give
        ({"round_number": 9, "start": "2022-05"}, None),  # coarser and containing: not recalled, not false
        ({"round_number": 8}, "round_number 8"),
        ({"round_number": 9, "delegations": [{"delegation": "snc", "head": "kuzbari"}]}, "kuzbari as head of snc"),
    ],
)
def test_the_gold_scorer_counts_a_proposal_that_asserts_something_false(fields, why):
    report = _judge(_proposal(1, "round", fields, ["the ninth session opened"]))
    reasons = " ".join(r for w in report["wrong"] for r in w["why"])
    assert (why in reasons) if why else report["wrong"] == [], report


def test_the_gold_scorer_counts_a_duplicate_a_wrong_match_and_an_event_the_text_does_not_state():
    first = _proposal(1, "round", {"round_number": 9}, ["the ninth session opened"])
    again = _proposal(2, "round", {"start": "2022-05-30"}, ["the ninth session opened"])
    matched = _proposal(3, "round", {"round_number": 9}, ["the ninth session opened"], match="co-chairs-meet")
    invented = _proposal(4, "milestone", {"title": "Truce"}, ["a truce"])
    report = _judge(first, again, matched, invented)
    reasons = {w["id"]: " ".join(w["why"]) for w in report["wrong"]}
    assert "duplicate" in reasons[2] and "matched to 'co-chairs-meet'" in reasons[3] and "not in the gold" in reasons[4]
    assert 1 not in reasons
