import datetime

import factory
from django.contrib.contenttypes.models import ContentType

from actors.models import Delegation, Envoy, Person
from sources.models import Citation, Figure, Source
from talks.models import Milestone, Process, Resolution, RoundDelegation, TalkRound, Venue

ARTICLE = "Delegates met in Geneva on Monday. The talks ended without progress."


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    title = factory.Sequence(lambda n: f"Test article {n}")
    slug = factory.Sequence(lambda n: f"test-article-{n}")
    file_name = factory.Sequence(lambda n: f"test-{n}.txt")
    # Each its own text (a text is one source): the same two sentences, told apart by a line after them.
    text = factory.Sequence(lambda n: f"{ARTICLE}\n\nTest article {n}.")
    text_digest = factory.LazyAttribute(lambda o: Source.digest_of(o.text))
    published = datetime.date(2020, 1, 1)
    published_precision = "day"


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    source = factory.SubFactory(SourceFactory)
    quote = "Delegates met in Geneva on Monday."
    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.subject))
    object_id = factory.LazyAttribute(lambda o: o.subject.pk)

    class Params:
        subject = None


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    slug = factory.Sequence(lambda n: f"person-{n}")


class EnvoyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Envoy

    person = factory.SubFactory(PersonFactory)
    name = factory.SelfAttribute("person.name")
    slug = factory.Sequence(lambda n: f"envoy-{n}")


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    name = factory.Sequence(lambda n: f"Delegation {n}")
    slug = factory.Sequence(lambda n: f"delegation-{n}")
    side = "opposition"


class ProcessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Process

    name = factory.Sequence(lambda n: f"Process {n}")
    slug = factory.Sequence(lambda n: f"process-{n}")


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Venue {n}")
    slug = factory.Sequence(lambda n: f"venue-{n}")
    country = "Switzerland"
    latitude = "46.2"
    longitude = "6.1"


class ResolutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resolution

    name = factory.Sequence(lambda n: f"Resolution {9000 + n}")
    slug = factory.Sequence(lambda n: f"resolution-{9000 + n}")
    code = factory.Sequence(lambda n: str(9000 + n))
    kind = "unsc_resolution"
    start_date = datetime.date(2015, 12, 1)
    date_precision = "month"


class TalkRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TalkRound

    title = factory.Sequence(lambda n: f"Test round {n}")
    slug = factory.Sequence(lambda n: f"test-round-{n}")
    process = factory.SubFactory(ProcessFactory)
    venue = factory.SubFactory(VenueFactory)
    start_date = datetime.date(2020, 3, 2)
    date_precision = "day"
    status = "held"


class RoundDelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoundDelegation

    round = factory.SubFactory(TalkRoundFactory)
    delegation = factory.SubFactory(DelegationFactory)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    title = factory.Sequence(lambda n: f"Test milestone {n}")
    slug = factory.Sequence(lambda n: f"test-milestone-{n}")
    category = "agreement"
    start_date = datetime.date(2020, 5, 1)
    date_precision = "month"


class FigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Figure

    slug = factory.Sequence(lambda n: f"test-figure-{n}")
    measure = "death_toll"
    counts = "people killed"
    value = 1000
    value_text = "1,000"
    unit = "people"
