from django.db import models


class PersonQuerySet(models.QuerySet):
    def for_detail(self):
        return self.prefetch_related("roles__delegation", "roles__citations__source", "citations__source")


class DelegationQuerySet(models.QuerySet):
    def for_detail(self):
        return self.prefetch_related("citations__source", "member_roles__person")


class EnvoyQuerySet(models.QuerySet):
    def for_detail(self):
        return self.select_related("person").prefetch_related("citations__source")
