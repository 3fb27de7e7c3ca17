import itertools
from collections import defaultdict

import pytest
from django.contrib.contenttypes.models import ContentType

from actors.models import Delegation, Envoy, Person
from bench.synthetic import SOURCE_SLUG, Plan, clear, generate, main
from sources.models import Citation, Figure, Source
from talks.models import Milestone, Process, Resolution, RoundDelegation, TalkRound, Venue
from tests.snapshots import every_row

pytestmark = pytest.mark.django_db


def synthetic(model):
    """The rows of `model` that cite the synthetic source: that citation is what marks a row synthetic."""
    cited = Citation.objects.filter(source__slug=SOURCE_SLUG, content_type=ContentType.objects.get_for_model(model))
    return model.objects.filter(pk__in=cited.values("object_id"))


def test_synthetic_rounds_are_marked_and_proportionate():
    plan = generate(rounds=300, seed=7, batch_size=64)
    assert synthetic(TalkRound).count() == 300
    assert synthetic(Milestone).count() == plan.milestones == 30
    assert synthetic(Process).count() == plan.processes
    assert synthetic(Venue).count() == plan.venues
    assert synthetic(Delegation).count() == plan.delegations
    assert synthetic(Figure).count() == plan.figures
    per_round = RoundDelegation.objects.filter(round__in=synthetic(TalkRound)).count() / 300
    assert 2 <= per_round <= 3


def test_every_synthetic_row_cites_the_synthetic_source_verbatim():
    kinds = (TalkRound, RoundDelegation, Milestone, Figure, Envoy, Person, Process, Venue, Delegation, Resolution)
    before = {model: list(model.objects.values_list("pk", flat=True)) for model in kinds}
    generate(rounds=120, seed=1)
    source = Source.objects.get(slug=SOURCE_SLUG)
    assert "not from any article" in source.title
    for model in kinds:
        added = model.objects.exclude(pk__in=before[model])
        assert added.exists(), model
        assert not added.exclude(citations__source=source).exists(), model
    for citation in Citation.objects.filter(source=source):
        assert citation.quote in source.text


def test_envoy_spans_within_a_process_do_not_overlap():
    generate(rounds=400, seed=3)
    days = defaultdict(list)
    rows = synthetic(TalkRound).values_list("process_id", "envoys", "start_date")
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
    first = list(synthetic(TalkRound).order_by("pk").values_list("start_date", "status"))
    clear()
    generate(rounds=50, seed=11)
    again = list(synthetic(TalkRound).order_by("pk").values_list("start_date", "status"))
    assert first == again


def test_clear_removes_the_synthetic_rows_and_nothing_else():
    before = every_row()
    generate(rounds=200, seed=2)
    assert every_row() != before
    assert clear() == 200
    assert every_row() == before
    assert not Source.objects.filter(slug=SOURCE_SLUG).exists()


def test_the_command_adds_and_clears(capsys):
    real = list(TalkRound.objects.values_list("pk", flat=True))
    main(["--rounds", "60", "--seed", "5", "--quiet"])
    assert "Added 60 rounds" in capsys.readouterr().out
    assert synthetic(TalkRound).count() == 60
    main(["--clear"])
    assert "Removed 60 synthetic rounds" in capsys.readouterr().out
    assert list(TalkRound.objects.values_list("pk", flat=True)) == real


def test_the_plan_scales_context_with_the_rounds():
    small, large = Plan(10_000), Plan(1_000_000)
    assert (small.milestones, large.milestones) == (1_000, 100_000)
    assert large.processes * 4 <= large.people
