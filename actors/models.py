from django.db import models
from django.db.models import Q

from sources.models import Cited
from toolkit.history import recorded_history
from toolkit.paths import slug_path

from .querysets import DelegationQuerySet, EnvoyQuerySet, PersonQuerySet


class Person(Cited):
    """Someone the articles name."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    aliases = models.JSONField(default=list, blank=True, help_text="Other spellings the articles print.")
    description = models.CharField(max_length=300, blank=True, help_text="Who they are, in a line.")

    objects = PersonQuerySet.as_manager()
    history = recorded_history()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_path("actors:person-detail", self.slug)


class DelegationSide(models.TextChoices):
    GOVERNMENT = "government", "Syrian government"
    OPPOSITION = "opposition", "Syrian opposition"
    CIVIL_SOCIETY = "civil_society", "Syrian civil society"
    GUARANTOR = "guarantor", "Guarantor state"
    STATE = "state", "Other state"


class Delegation(Cited):
    """A party at the table: a delegation, an opposition body, civil society, a state."""

    Side = DelegationSide

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    abbreviation = models.CharField(max_length=20, blank=True)
    side = models.CharField(max_length=20, choices=Side.choices, db_index=True)
    aliases = models.JSONField(default=list, blank=True)
    description = models.TextField(blank=True)

    objects = DelegationQuerySet.as_manager()
    history = recorded_history()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(side__in=DelegationSide.values), name="delegation_side_valid")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_path("actors:delegation-detail", self.slug)


class Role(Cited):
    """A position someone held, as an article describes it."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles")
    title = models.CharField(max_length=200)
    delegation = models.ForeignKey(
        Delegation, on_delete=models.PROTECT, null=True, blank=True, related_name="member_roles"
    )

    history = recorded_history()

    class Meta:
        ordering = ["person", "id"]
        constraints = [models.UniqueConstraint(fields=["person", "title"], name="role_unique_per_person")]

    def __str__(self):
        return f"{self.person}: {self.title}"


class Envoy(Cited):
    """A UN special envoy for Syria: the mandate, held by a person."""

    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="envoy")
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=200, default="UN Special Envoy for Syria")

    objects = EnvoyQuerySet.as_manager()
    history = recorded_history()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_path("actors:envoy-detail", self.slug)
