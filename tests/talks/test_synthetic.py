import itertools
from collections import defaultdict

import pytest
from django.core.management import call_command

from actors.models import Delegation, Envoy, Person
from sources.models import Citation, Figure, Source
from talks.models import Milestone, Process, RoundDelegation, TalkRound, Venue
from talks.synthetic import Plan, clear, generate
from tests.talks.test_load_timeline import snapshot

pytestmark = pytest.mark.django_db


def test_synthetic_rounds_are_marked_and_proportionate():
    plan = generate(rounds=300, seed=7, batch_size=64)
    assert TalkRound.objects.filter(is_synthetic=True).count() == 300
    assert Milestone.objects.filter(is_synthetic=True).count() == plan.milestones == 30
    assert Process.objects.filter(is_synthetic=True).count() == plan.processes
    assert Venue.objects.filter(is_synthetic=True).count() == plan.venues
    assert Delegation.objects.filter(is_synthetic=True).count() == plan.delegations
    assert Figure.objects.filter(is_synthetic=True).count() == plan.figures
    per_round = RoundDelegation.objects.filter(round__is_synthetic=True).count() / 300
    assert 2 <= per_round <= 3


def test_every_synthetic_row_cites_the_synthetic_source_verbatim():
    generate(rounds=120, seed=1)
    source = Source.objects.get(is_synthetic=True)
    assert "not from any article" in source.title
    for model in (TalkRound, RoundDelegation, Milestone, Figure, Envoy, Person, Process, Venue):
        synthetic = model.objects.filter(round__is_synthetic=True) if model is RoundDelegation else (
            model.objects.filter(is_synthetic=True))  # fmt: skip
        assert not synthetic.filter(citations__isnull=True).exists(), model
    for citation in Citation.objects.filter(source=source):
        assert citation.quote in source.text


def test_envoy_spans_within_a_process_do_not_overlap():
    generate(rounds=400, seed=3)
    days = defaultdict(list)
    rows = TalkRound.objects.filter(is_synthetic=True).values_list("process_id", "envoys", "start_date")
    for process_id, envoy_id, day in rows:
        days[process_id, envoy_id].append(day)
    spans = defaultdict(list)
    for (process_id, _), seen in days.items():
        spans[process_id].append((min(seen), max(seen)))
    assert len(spans) > 1
    for ranges in spans.values():
        ranges.sort()
        assert all(earlier[1] < later[0] for earlier, later in itertools.pairwise(ranges))


def test_the_same_seed_makes_the_same_data():
    generate(rounds=50, seed=11)
    first = list(TalkRound.objects.filter(is_synthetic=True).order_by("pk").values_list("start_date", "status"))
    clear()
    generate(rounds=50, seed=11)
    again = list(TalkRound.objects.filter(is_synthetic=True).order_by("pk").values_list("start_date", "status"))
    assert first == again


def test_clear_removes_the_synthetic_rows_and_nothing_else():
    before = snapshot()
    generate(rounds=200, seed=2)
    assert snapshot() != before
    assert clear() == 200
    assert snapshot() == before
    assert not Source.objects.filter(is_synthetic=True).exists()


def test_the_command_adds_and_clears(capsys):
    call_command("generate_synthetic", rounds=60, seed=5, verbosity=0)
    assert "Added 60 rounds" in capsys.readouterr().out
    call_command("generate_synthetic", clear=True, verbosity=0)
    assert "Removed 60 synthetic rounds" in capsys.readouterr().out
    assert not TalkRound.objects.filter(is_synthetic=True).exists()


def test_the_plan_scales_context_with_the_rounds():
    small, large = Plan(10_000), Plan(1_000_000)
    assert (small.milestones, large.milestones) == (1_000, 100_000)
    assert large.processes * 4 <= large.people
