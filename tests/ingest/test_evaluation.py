"""The leave-one-out scorer: how dates are judged, and the knowledge base an article is read against."""

import pytest

from ingest.evaluation import judge_date, without_source


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
