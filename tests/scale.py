"""Extra rows at a chosen scale, for the query-count guards of the HTML pages.

`grow(n)` adds n of everything each page lists — rounds, milestones, delegations at a round, roles, figures,
citations — all tied to one venue, process, envoy, delegation, person, resolution and source, so that every
page about those shows n more rows. A page that renders in a constant number of queries shows the same count
at n=5 and n=40.
"""

import datetime
from types import SimpleNamespace

from actors.models import Role
from tests.factories import (
    ARTICLE,
    CitationFactory,
    DelegationFactory,
    EnvoyFactory,
    FigureFactory,
    MilestoneFactory,
    PersonFactory,
    ProcessFactory,
    ResolutionFactory,
    RoundDelegationFactory,
    SourceFactory,
    TalkRoundFactory,
    VenueFactory,
)

QUOTE = ARTICLE.split(". ")[0] + "."


def cite(subject, source, n=1):
    for i in range(n):
        CitationFactory(subject=subject, source=source, quote=QUOTE, supports=f"fact {i}")


def grow(n):
    source = SourceFactory()
    process = ProcessFactory()
    venue = VenueFactory()
    envoy = EnvoyFactory()
    delegation = DelegationFactory()
    head = PersonFactory()
    resolution = ResolutionFactory()
    for subject in (process, venue, envoy, delegation, head, resolution):
        cite(subject, source)

    rounds = []
    for i in range(n):
        day = datetime.date(2030, 1, 1) + datetime.timedelta(days=i)
        round = TalkRoundFactory(process=process, venue=venue, start_date=day)
        round.envoys.add(envoy)
        round.resolutions.add(resolution)
        cite(round, source)
        cite(RoundDelegationFactory(round=round, delegation=delegation, head=head), source)
        rounds.append(round)

        month = datetime.date(2030 + i % 3, 1 + i % 12, 1)
        milestone = MilestoneFactory(process=process, venue=venue, start_date=month)
        milestone.people.add(head)
        milestone.delegations.add(delegation)
        milestone.resolutions.add(resolution)
        cite(milestone, source)

        role = Role.objects.create(person=head, title=f"Role {i}", delegation=delegation)
        cite(role, source)
        cite(FigureFactory(as_of=day, as_of_precision="day"), source)

    # One round and one milestone that carry n of everything they list themselves.
    big_round = rounds[0]
    big_milestone = MilestoneFactory(process=process, venue=venue, start_date=datetime.date(2031, 6, 1))
    for _ in range(n):
        other = DelegationFactory()
        cite(RoundDelegationFactory(round=big_round, delegation=other, head=PersonFactory()), source)
        big_round.envoys.add(EnvoyFactory())
        extra_resolution = ResolutionFactory()
        cite(extra_resolution, source)
        big_round.resolutions.add(extra_resolution)
        big_milestone.people.add(PersonFactory())
        big_milestone.delegations.add(other)
        big_milestone.resolutions.add(extra_resolution)
    cite(big_round, source, n)
    cite(big_milestone, source, n)

    return SimpleNamespace(
        source=source,
        process=process,
        venue=venue,
        envoy=envoy,
        delegation=delegation,
        person=head,
        resolution=resolution,
        round=big_round,
        milestone=big_milestone,
    )
