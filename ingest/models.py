"""An ingested article under review: its draft Source, and a batch of the proposals the engine made from it.

Nothing here is public. A proposal is a record described in the fixtures' format; accepting it checks it
against the loader, and publishing the batch writes every accepted one through the loader at once.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from ingest.extraction.model import PROPOSAL_KINDS


class ReviewBatch(models.Model):
    """The review of one ingested article: one per draft source."""

    source = models.OneToOneField("sources.Source", on_delete=models.PROTECT, related_name="review")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "article review"

    def __str__(self):
        return f"Review of “{self.source}”"

    def get_absolute_url(self):
        return reverse("admin:ingest_reviewbatch_review", args=[self.pk])

    @property
    def is_published(self):
        return self.published_at is not None


class Proposal(models.Model):
    """One record the article states, as the engine proposed it, and the curator's decision on it."""

    Kind = models.TextChoices("Kind", [(kind, kind) for kind in PROPOSAL_KINDS])

    class Decision(models.TextChoices):
        PENDING = "pending", "Pending"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    batch = models.ForeignKey(ReviewBatch, on_delete=models.CASCADE, related_name="proposals")
    number = models.PositiveIntegerField(help_text="The proposal's id in the JSON shape: 1, 2, … within its batch.")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    match = models.SlugField(max_length=120, blank=True, help_text="The existing record it is tied to, if any.")
    fields = models.JSONField(help_text="The whole proposed record, in the fixtures' format, citations left out.")
    citations = models.JSONField(help_text="[{quote, supports}]: verbatim sentences of the article.")
    confidence = models.FloatField()
    decision = models.CharField(max_length=8, choices=Decision.choices, default=Decision.PENDING)
    edited_fields = models.JSONField(
        null=True, blank=True, help_text="The curator's correction of `fields`, where the curator made one."
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["batch", "number"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "number"], name="proposal_number_unique_in_batch"),
            models.CheckConstraint(condition=Q(number__gte=1), name="proposal_number_from_one"),
            models.CheckConstraint(condition=Q(kind__in=PROPOSAL_KINDS), name="proposal_kind_valid"),
            models.CheckConstraint(
                condition=Q(decision__in=["pending", "accepted", "rejected"]), name="proposal_decision_valid"
            ),
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1), name="proposal_confidence_in_0_1"
            ),
            # Decided means when; pending means not yet.
            models.CheckConstraint(
                condition=Q(decision="pending", decided_at__isnull=True)
                | (~Q(decision="pending") & Q(decided_at__isnull=False)),
                name="proposal_decided_when",
            ),
            # Only an accepted proposal carries the curator's edits.
            models.CheckConstraint(
                condition=Q(edited_fields__isnull=True) | Q(decision="accepted"), name="proposal_edits_accepted"
            ),
        ]

    def __str__(self):
        return f"#{self.number} {self.kind} {self.slug or ''}".strip()

    @property
    def slug(self):
        """The record it writes: the one it matches, or the new one's proposed slug."""
        return self.match or self.fields.get("slug") or ""

    @property
    def final_fields(self):
        """What accepting it writes: the curator's edits where there are any, else the engine's proposal."""
        return self.edited_fields if self.edited_fields is not None else self.fields
