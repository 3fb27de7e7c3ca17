from django.db import models

from sources.querysets import cited


class PersonQuerySet(models.QuerySet):
    def for_detail(self):
        return self.prefetch_related("roles__delegation", cited("roles__citations"), cited())

    def for_api(self):
        """A person as the API shows them: roles with citations, and the envoy mandate if any."""
        return self.for_detail().select_related("envoy")

    def for_page(self):
        """A person's page: roles with citations, the envoy mandate, the rounds they headed, milestones."""
        return (
            self.for_detail()
            .select_related("envoy")
            .prefetch_related(
                "headed__round__venue",
                "headed__round__process",
                "headed__delegation",
                "milestones__venue",
                "milestones__process",
            )
        )


class DelegationQuerySet(models.QuerySet):
    def for_detail(self):
        return self.prefetch_related(cited(), "member_roles__person")

    def with_citations(self):
        """A delegation as the API lists it: its own fields and its citations."""
        return self.prefetch_related(cited())

    def for_page(self):
        """A delegation's page: the rounds it attended (in order, with heads), its members, milestones."""
        return self.for_detail().prefetch_related(
            "round_delegations__round__venue",
            "round_delegations__round__process",
            "round_delegations__head",
            "milestones__venue",
            "milestones__process",
        )


class EnvoyQuerySet(models.QuerySet):
    def for_detail(self):
        return self.select_related("person").prefetch_related(cited())

    def for_page(self):
        """An envoy's page: the rounds convened, in order."""
        return self.for_detail().prefetch_related("rounds__venue", "rounds__process")
