from django.views.generic import DetailView

from .models import Delegation, Envoy, Person


class EnvoyDetailView(DetailView):
    model = Envoy
    template_name = "detail.html"


class DelegationDetailView(DetailView):
    model = Delegation
    template_name = "detail.html"


class PersonDetailView(DetailView):
    model = Person
    template_name = "detail.html"
