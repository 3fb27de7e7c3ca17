from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce

from actors.models import Delegation, Envoy, Person
from sources.dates import DateBasis, PartialDate, Precision, partial_date_constraints, period_end, rank_expression
from sources.models import Cited
from toolkit.history import recorded_history
from toolkit.paths import slug_path

from .querysets import MilestoneQuerySet, ResolutionQuerySet, TalkRoundQuerySet

DATE_CONSTRAINTS = partial_date_constraints(
    date="start_date",
    latest="start_latest",
    end="end_date",
    precision="date_precision",
    basis="date_basis",
    note="date_note",
)
# The timeline's order: by start (or by end, where only the end is known), a year before the months of
# that year and a month before its days. Undated records come last on every database (SQLite would put
# NULLs first): the models' own ordering says so, for every list of related records too.
TIMELINE_ORDER = ["sort_date", "date_rank", "id"]
UNDATED_LAST = models.F("sort_date").asc(nulls_last=True)


class Dated(Cited):
    """A dated item of the timeline: a start (maybe a window of possible starts, maybe an end) to a precision."""

    start_date = models.DateField(
        null=True,
        blank=True,
        help_text="The start; for a window, its earliest possible value. Empty where undated or known only by its end.",
    )
    start_latest = models.DateField(
        null=True,
        blank=True,
        help_text="For a start known only to lie between two bounds: its latest possible value. Empty otherwise.",
    )
    end_date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(max_length=5, choices=Precision.choices, blank=True)
    date_basis = models.CharField(max_length=8, choices=DateBasis.choices, default=DateBasis.STATED)
    date_note = models.CharField(
        max_length=1000,
        blank=True,
        help_text="How an inferred date was worked out from the articles, or the reference an external one is from.",
    )
    sort_date = models.GeneratedField(
        expression=Coalesce("start_date", "end_date"),
        output_field=models.DateField(),
        db_persist=True,
        null=True,
        help_text="Where the timeline places the item: its start, or its end where only the end is known.",
    )
    date_rank = models.GeneratedField(
        expression=rank_expression("date_precision"),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
        help_text="0 year, 1 month, 2 day, 3 undated: orders partial dates that begin on the same day.",
    )
    inference_note = models.CharField(
        max_length=1000,
        blank=True,
        default="",
        db_default="",
        help_text="What else is worked out rather than printed (the venue, the process, a round number), and how.",
    )
    # Title, summary, outcome and quotes in one column, kept by talks.search_index.refresh_search_text,
    # so that `q` searches one indexed column instead of joining the citations.
    search_text = models.TextField(blank=True, editable=False)

    # The facts that the timeline as known on a date leaves out when only later sources support them (by the
    # `supports` of their citations), each with the value it then shows (sources/querysets.py as_known_on).
    WITHHELD_FACTS = {}
    as_of = None  # the day this record is shown as known on, if any, and the facts then left out
    withheld = ()

    class Meta:
        abstract = True
        constraints = DATE_CONSTRAINTS

    def as_known_on(self, day, withheld):
        """This record, in memory, as the sources published by `day` report it. Never saved."""
        self.as_of, self.withheld = day, sorted(withheld)
        for fact in withheld:
            setattr(self, fact, self.WITHHELD_FACTS[fact](self, day))

    @property
    def when(self):
        return PartialDate(
            self.start_date, self.date_precision, self.date_basis, self.date_note, self.end_date, self.start_latest
        )

    @property
    def date_inferred(self):
        return self.date_basis == DateBasis.INFERRED

    @property
    def date_display(self):
        return self.when.display


class Process(Cited):
    """A track of the peace process: the UN-led Geneva talks, the Astana format, ..."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    short_name = models.CharField(max_length=60, blank=True)
    convened_by = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)

    history = recorded_history()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "processes"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_path("talks:process-detail", self.slug)


class Venue(Cited):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    country = models.CharField(max_length=100)
    latitude = models.DecimalField(max_digits=9, decimal_places=6)
    longitude = models.DecimalField(max_digits=9, decimal_places=6)
    description = models.CharField(max_length=300, blank=True)

    history = recorded_history()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(latitude__gte=-90, latitude__lte=90), name="venue_latitude_range"),
            models.CheckConstraint(condition=Q(longitude__gte=-180, longitude__lte=180), name="venue_longitude_range"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_path("talks:venue-detail", self.slug)


class ResolutionKind(models.TextChoices):
    UNSC_RESOLUTION = "unsc_resolution", "UN Security Council resolution"
    COMMUNIQUE = "communique", "Communiqué"


class Resolution(Dated):
    """A UN Security Council resolution, or a founding document such as the Geneva Communiqué."""

    Kind = ResolutionKind
    WITHHELD_FACTS = {"vote": lambda obj, day: "", "calls_for": lambda obj, day: ""}

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    code = models.CharField(max_length=40, help_text="Its number, e.g. 2254, or a short code.")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=300, blank=True)
    adopted_by = models.CharField(max_length=300, blank=True)
    vote = models.CharField(max_length=100, blank=True)
    calls_for = models.TextField(blank=True)

    objects = ResolutionQuerySet.as_manager()
    history = recorded_history()

    class Meta:
        ordering = [UNDATED_LAST, "date_rank", "name"]
        constraints = [
            *DATE_CONSTRAINTS,
            models.CheckConstraint(condition=Q(kind__in=ResolutionKind.values), name="resolution_kind_valid"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_path("talks:resolution-detail", self.slug)


class RoundStatus(models.TextChoices):
    HELD = "held", "held"
    PLANNED = "planned", "planned"
    ADJOURNED = "adjourned", "adjourned"
    POSTPONED = "postponed", "postponed"
    CANCELLED = "cancelled", "cancelled"


class RoundFormat(models.TextChoices):
    ROUND = "round", "Round of talks"
    MEETING = "meeting", "Meeting"
    TECHNICAL = "technical", "Technical meeting of experts"
    CONGRESS = "congress", "Congress or conference"
    BILATERAL = "bilateral", "Bilateral talks"


class TalkRound(Dated):
    """A round of talks or a meeting: who met, where, when, under whom, on what basis, with what result."""

    Status = RoundStatus

    Format = RoundFormat

    WITHHELD_FACTS = {
        "summary": lambda obj, day: "",
        "outcome": lambda obj, day: "",
        "status": lambda obj, day: obj.status_as_known_on(day),
    }

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    process = models.ForeignKey(Process, on_delete=models.PROTECT, related_name="rounds")
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, null=True, blank=True, related_name="rounds")
    round_number = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.HELD, db_index=True)
    format = models.CharField(max_length=10, choices=Format.choices, default=Format.ROUND)
    summary = models.TextField(blank=True)
    outcome = models.TextField(blank=True)
    envoys = models.ManyToManyField(Envoy, blank=True, related_name="rounds")
    delegations = models.ManyToManyField(Delegation, through="RoundDelegation", related_name="rounds", blank=True)
    resolutions = models.ManyToManyField(Resolution, blank=True, related_name="rounds")

    objects = TalkRoundQuerySet.as_manager()
    history = recorded_history(m2m_fields=["envoys", "resolutions"])

    class Meta:
        ordering = [UNDATED_LAST, "date_rank", "id"]
        constraints = [
            *DATE_CONSTRAINTS,
            models.CheckConstraint(condition=Q(status__in=RoundStatus.values), name="talkround_status_valid"),
            models.CheckConstraint(condition=Q(format__in=RoundFormat.values), name="talkround_format_valid"),
            models.CheckConstraint(
                condition=Q(round_number__isnull=True) | Q(round_number__gte=1), name="talkround_number_positive"
            ),
            models.UniqueConstraint(
                fields=["process", "round_number"],
                condition=Q(round_number__isnull=False),
                name="talkround_number_unique_in_process",
            ),
        ]
        # Every filter path walks an index in the timeline's order, (sort_date, date_rank, id), and the id in the
        # key lets PostgreSQL answer from the index alone when it intersects with a to-many filter.
        indexes = [
            models.Index(fields=TIMELINE_ORDER, name="talkround_date_id"),
            models.Index(fields=["process", *TIMELINE_ORDER], name="talkround_process_date"),
            models.Index(fields=["venue", *TIMELINE_ORDER], name="talkround_venue_date_id"),
            models.Index(fields=["status", *TIMELINE_ORDER], name="talkround_status_date"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slug_path("talks:round-detail", self.slug)

    def status_as_known_on(self, day):
        """A round reported held only by later sources, that may not yet have begun on `day`, was then ahead:
        planned. One that had surely begun keeps its status: it happened, whenever it was reported."""
        bound = self.start_latest or self.start_date or self.end_date  # an undated round keeps its status
        if self.status == RoundStatus.HELD and bound and period_end(bound, self.date_precision) > day:
            return RoundStatus.PLANNED
        return self.status

    @property
    def date_display(self):
        return self.display_date(self.when, self.status)

    @staticmethod
    def display_date(when, status):
        """The date as the timeline shows it: a planned round reads 'planned for June 2017'."""
        if status == RoundStatus.PLANNED and when.start:
            return f"planned for {when.display}"
        return when.display


class DelegationRole(models.TextChoices):
    PARTICIPANT = "participant", "participant"
    HOST = "host", "host"
    GUARANTOR = "guarantor", "guarantor"
    SPONSOR = "sponsor", "sponsor"


class RoundDelegation(Cited):
    """A delegation at a round, with its head where the articles name one."""

    Role = DelegationRole

    round = models.ForeignKey(TalkRound, on_delete=models.CASCADE, related_name="round_delegations")
    delegation = models.ForeignKey(Delegation, on_delete=models.PROTECT, related_name="round_delegations")
    head = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="headed")
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.PARTICIPANT)
    note = models.CharField(max_length=500, blank=True)

    history = recorded_history()

    class Meta:
        ordering = ["round", "id"]
        indexes = [models.Index(fields=["delegation", "round"], name="rounddelegation_deleg_round")]
        constraints = [
            models.UniqueConstraint(fields=["round", "delegation"], name="rounddelegation_unique"),
            models.CheckConstraint(condition=Q(role__in=DelegationRole.values), name="rounddelegation_role_valid"),
        ]

    def __str__(self):
        return f"{self.delegation} at {self.round}"


class MilestoneCategory(models.TextChoices):
    CEASEFIRE = "ceasefire", "Ceasefire or de-escalation"
    AGREEMENT = "agreement", "Agreement"
    COMMITTEE = "committee", "Committee"
    ELECTION = "election", "Election"
    MILITARY = "military", "Military action"
    STATEMENT = "statement", "Statement or briefing"
    HUMANITARIAN = "humanitarian", "Humanitarian"
    CONFLICT = "conflict", "Course of the war"


class Milestone(Dated):
    """Another dated event the articles report between rounds, for context."""

    Category = MilestoneCategory
    WITHHELD_FACTS = {"summary": lambda obj, day: ""}

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    category = models.CharField(max_length=15, choices=Category.choices, db_index=True)
    summary = models.TextField(blank=True)
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, null=True, blank=True, related_name="milestones")
    place = models.CharField(max_length=200, blank=True, help_text="Where, when it is not a venue of talks.")
    process = models.ForeignKey(Process, on_delete=models.PROTECT, null=True, blank=True, related_name="milestones")
    people = models.ManyToManyField(Person, blank=True, related_name="milestones")
    delegations = models.ManyToManyField(Delegation, blank=True, related_name="milestones")
    resolutions = models.ManyToManyField(Resolution, blank=True, related_name="milestones")

    objects = MilestoneQuerySet.as_manager()
    history = recorded_history(m2m_fields=["people", "delegations", "resolutions"])

    class Meta:
        ordering = [UNDATED_LAST, "date_rank", "id"]
        indexes = [
            models.Index(fields=TIMELINE_ORDER, name="milestone_date_id"),
            models.Index(fields=["venue", *TIMELINE_ORDER], name="milestone_venue_date_id"),
            models.Index(fields=["process", *TIMELINE_ORDER], name="milestone_process_date"),
        ]
        constraints = [
            *DATE_CONSTRAINTS,
            models.CheckConstraint(condition=Q(category__in=MilestoneCategory.values), name="milestone_category_valid"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slug_path("talks:milestone-detail", self.slug)
