import hashlib

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.urls import reverse

from toolkit.history import recorded_history
from toolkit.paths import slug_path

from .dates import DateBasis, PartialDate, Precision, partial_date_constraints
from .querysets import CitationQuerySet, FigureQuerySet, SourceQuerySet


class Timestamped(models.Model):
    """When a record was first saved and last changed (its history says how and why)."""

    # The database's own clock where a row is written without the ORM (the benchmark's bulk loader).
    created = models.DateTimeField(auto_now_add=True, db_default=Now())
    updated = models.DateTimeField(auto_now=True, db_default=Now())

    class Meta:
        abstract = True


class Source(Timestamped):
    """One article, with its full text exactly as given.

    An ingested article is a draft until its review is published: no public page, API answer or export shows
    a draft (`Source.objects.published()`), and only the admin does.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft (under review)"
        PUBLISHED = "published", "Published"

    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=300, help_text="The headline, or a description where none is printed.")
    headline_printed = models.BooleanField(
        default=True, help_text="False when the article has no headline and the title is ours."
    )
    author = models.CharField(max_length=200, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    publisher_note = models.CharField(max_length=300, blank=True)
    published = models.DateField(null=True, blank=True, help_text="For a window, its earliest possible day.")
    published_latest = models.DateField(
        null=True, blank=True, help_text="For a date known only to lie between two bounds: the latest."
    )
    published_precision = models.CharField(max_length=5, choices=Precision.choices, blank=True)
    published_basis = models.CharField(max_length=8, choices=DateBasis.choices, default=DateBasis.STATED)
    published_note = models.CharField(max_length=1000, blank=True)
    file_name = models.CharField(max_length=200, unique=True, help_text="The article file the text came from.")
    text = models.TextField()
    text_digest = models.CharField(
        max_length=64, unique=True, editable=False, help_text="SHA-256 of the exact text: one source per text."
    )
    status = models.CharField(max_length=9, choices=Status.choices, default=Status.PUBLISHED, db_index=True)

    objects = SourceQuerySet.as_manager()
    history = recorded_history()

    class Meta:
        ordering = ["published", "slug"]
        constraints = [
            *partial_date_constraints(
                date="published",
                latest="published_latest",
                precision="published_precision",
                basis="published_basis",
                note="published_note",
            ),
            models.CheckConstraint(condition=Q(status__in=["draft", "published"]), name="source_status_valid"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slug_path("sources:source-detail", self.slug)

    def cited_as(self):
        """How "Cite this" names the article itself (toolkit.citing): the reference is to the article, read
        in the copy this page keeps."""
        return {
            "type": "article-newspaper",
            "title": self.title,
            "authors": (self.author,) if self.author else (),
            "container": self.publisher,
            "issued": self.publication.iso_start,
            "note": "Text as kept by Peace Talks Timeline",
        }

    @staticmethod
    def digest_of(text):
        """What `text_digest` holds for a text: the same text twice is refused by its unique index."""
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    @property
    def publication(self):
        return PartialDate(
            self.published,
            self.published_precision,
            self.published_basis,
            self.published_note,
            latest=self.published_latest,
        )


class Citation(Timestamped):
    """Ties one fact-bearing record to the sentence of an article it comes from."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    quote = models.TextField(help_text="Verbatim from the source's text.")
    supports = models.CharField(
        max_length=100, blank=True, help_text="Which fact the quote supports, e.g. 'date', 'venue', 'outcome'."
    )
    note = models.CharField(max_length=500, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")

    objects = CitationQuerySet.as_manager()
    history = recorded_history()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            # No unique constraint over the quote: a B-tree over free text breaks on long quotes and
            # bloats at scale; the loader keeps each record's set of citations exact instead.
            models.CheckConstraint(condition=~Q(quote=""), name="citation_quote_not_empty"),
        ]

    def __str__(self):
        return f"{self.source}: “{self.quote[:60]}”"

    def get_absolute_url(self):
        """The quote highlighted on its source page."""
        return f"{self.source.get_absolute_url()}#{self.anchor}"

    def clean(self):
        if self.source_id and self.quote and self.quote not in self.source.text:
            raise ValidationError(
                {"quote": f"This quote is not found verbatim in the text of “{self.source}”. Copy it exactly."}
            )

    @property
    def anchor(self):
        return self.anchor_of(self.pk)

    @staticmethod
    def anchor_of(pk):
        """Where the quote is on its source's page."""
        return f"quote-{pk}"


class Cited(Timestamped):
    """A record that carries facts, and so carries the citations behind them."""

    citations = GenericRelation(Citation)

    class Meta:
        abstract = True


class FigureMeasure(models.TextChoices):
    DEATH_TOLL = "death_toll", "Death toll of the war"
    CIVILIAN_DEATHS = "civilian_deaths", "Civilian deaths attributed to an actor"
    DISPLACED = "displaced", "People displaced"
    REFUGEES = "refugees", "Refugees"
    POPULATION = "population", "Population"
    DISPLACED_SHARE = "displaced_share", "Share of a population displaced from elsewhere"
    COMMITTEE_SIZE = "committee_size", "Size of a committee"
    DEESCALATION_ZONES = "deescalation_zones", "De-escalation zones"
    TROOPS = "troops", "Troops deployed"
    CONFLICT_DURATION = "conflict_duration", "Length of the war"
    ROUNDS_HELD = "rounds_held", "Rounds of talks held"
    DURATION = "duration", "Length of a period"


class FigureQualifier(models.TextChoices):
    EXACT = "exact", "as stated"
    MORE_THAN = "more_than", "more than"
    NEARLY = "nearly", "nearly"
    ABOUT = "about", "about"
    ORDER_OF = "order_of", "an order of magnitude"


class Figure(Cited):
    """A number an article reports. Claims that disagree are all kept, each with its source."""

    Measure = FigureMeasure

    Qualifier = FigureQualifier

    slug = models.SlugField(max_length=120, unique=True)
    measure = models.CharField(max_length=30, choices=Measure.choices, db_index=True)
    counts = models.CharField(max_length=300, help_text="What the number counts, in words.")
    value = models.DecimalField(
        max_digits=20,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="The number, where the article gives one; empty for 'hundreds of thousands'.",
    )
    value_text = models.CharField(max_length=200, help_text="The figure exactly as printed.")
    qualifier = models.CharField(max_length=10, choices=Qualifier.choices, default=Qualifier.EXACT)
    unit = models.CharField(max_length=40)
    place = models.CharField(max_length=100, blank=True)
    as_of = models.DateField(null=True, blank=True, help_text="For a window, its earliest possible day.")
    as_of_latest = models.DateField(
        null=True, blank=True, help_text="For a date known only to lie between two bounds: the latest."
    )
    as_of_precision = models.CharField(max_length=5, choices=Precision.choices, blank=True)
    as_of_basis = models.CharField(max_length=8, choices=DateBasis.choices, default=DateBasis.STATED)
    as_of_note = models.CharField(max_length=1000, blank=True)
    note = models.CharField(max_length=500, blank=True)

    objects = FigureQuerySet.as_manager()
    history = recorded_history()

    class Meta:
        ordering = ["measure", "as_of", "slug"]
        constraints = [
            *partial_date_constraints(
                date="as_of", latest="as_of_latest", precision="as_of_precision", basis="as_of_basis", note="as_of_note"
            ),
            models.CheckConstraint(condition=Q(measure__in=FigureMeasure.values), name="figure_measure_valid"),
            models.CheckConstraint(condition=Q(qualifier__in=FigureQualifier.values), name="figure_qualifier_valid"),
            models.CheckConstraint(condition=Q(value__isnull=True) | Q(value__gte=0), name="figure_value_not_negative"),
            models.CheckConstraint(
                condition=Q(value__isnull=False) | Q(qualifier="order_of"), name="figure_value_or_order_of_magnitude"
            ),
        ]

    def __str__(self):
        return f"{self.get_measure_display()}: {self.value_text}"

    def get_absolute_url(self):
        return f"{reverse('sources:figures')}#{self.slug}"

    @property
    def as_of_date(self):
        return PartialDate(
            self.as_of, self.as_of_precision, self.as_of_basis, self.as_of_note, latest=self.as_of_latest
        )
