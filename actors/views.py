from django.views.generic import DetailView

from sources.history import HistoryMixin
from toolkit.citing import CiteThisMixin
from toolkit.exports import RecordExports
from toolkit.index import IndexView
from toolkit.linked_data import json_ld, site_url, thing

from .models import Delegation, Envoy, Person


class EnvoyDetailView(HistoryMixin, CiteThisMixin, RecordExports, DetailView):
    api_name = "api:envoy-detail"
    noun = "envoy"
    timeline_filter = "envoy"
    queryset = Envoy.objects.for_page()
    template_name = "actors/envoy_detail.html"
    context_object_name = "envoy"

    def get_context_data(self, **kwargs):
        envoy = self.object
        rounds = list(envoy.rounds.all())
        return super().get_context_data(
            rounds=rounds,
            first=rounds[0] if rounds else None,
            last=rounds[-1] if rounds else None,
            json_ld=json_ld(
                "Person",
                name=envoy.person.name,
                jobTitle=envoy.title,
                url=site_url(self.request, envoy),
                sameAs=site_url(self.request, envoy.person),
            ),
            **kwargs,
        )


class DelegationDetailView(HistoryMixin, CiteThisMixin, RecordExports, DetailView):
    api_name = "api:delegation-detail"
    noun = "delegation"
    timeline_filter = "delegation"
    queryset = Delegation.objects.for_page()
    template_name = "actors/delegation_detail.html"
    context_object_name = "delegation"

    def get_context_data(self, **kwargs):
        delegation = self.object
        heads = list({rd.head_id: rd.head for rd in delegation.round_delegations.all() if rd.head_id}.values())
        document = json_ld(
            "Organization",
            name=delegation.name,
            alternateName=[delegation.abbreviation, *delegation.aliases]
            if delegation.abbreviation
            else delegation.aliases,
            description=delegation.description,
            url=site_url(self.request, delegation),
            member=[
                thing("Person", name=role.person.name, jobTitle=role.title, url=site_url(self.request, role.person))
                for role in delegation.member_roles.all()
            ],
        )
        return super().get_context_data(heads=heads, json_ld=document, **kwargs)


class PersonDetailView(HistoryMixin, CiteThisMixin, RecordExports, DetailView):
    api_name = "api:person-detail"
    noun = "person"
    queryset = Person.objects.for_page()
    template_name = "actors/person_detail.html"
    context_object_name = "person"

    def get_context_data(self, **kwargs):
        person = self.object
        document = json_ld(
            "Person",
            name=person.name,
            alternateName=person.aliases,
            description=person.description,
            url=site_url(self.request, person),
            jobTitle=[role.title for role in person.roles.all()],
        )
        return super().get_context_data(json_ld=document, **kwargs)


class EnvoyListView(IndexView):
    api_list = "api:envoy-list"
    model = Envoy
    details = [("Title", "title")]
    detail_url = "actors:envoy-detail"
    timeline_filter = "envoy"
    heading = "Envoys"
    lede = "The UN special envoys for Syria, with how many rounds of talks each convened."
    item_type = "Person"

    counts = [("Rounds", "rounds")]


class DelegationListView(IndexView):
    api_list = "api:delegation-list"
    model = Delegation
    detail_url = "actors:delegation-detail"
    timeline_filter = "delegation"
    heading = "Delegations"
    lede = "The delegations at the talks, with how many rounds each attended and how many events name it."
    item_type = "Organization"

    counts = [("Rounds", "round_delegations"), ("Events", "milestones")]


class PersonListView(IndexView):
    api_list = "api:person-list"
    model = Person
    detail_url = "actors:person-detail"
    heading = "People"
    lede = "Everyone the articles name in the talks: their roles, the delegations they led, the events they were at."
    item_type = "Person"

    counts = [("Roles", "roles"), ("Delegations led", "headed"), ("Events", "milestones")]
