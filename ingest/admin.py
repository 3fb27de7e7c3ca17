"""The curator's pages: "Add an article", and the review of its proposals (accept, edit, reject, publish).

Plain admin views over the services in ingest/services.py, which are what the command and the API call too.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from .forms import AddArticleForm, DecisionForm
from .models import Proposal, ReviewBatch
from .review import review_context
from .services import decide, ingest_article, publish


def error_text(error: ValidationError):
    return " ".join(error.messages)


@admin.register(ReviewBatch)
class ReviewBatchAdmin(admin.ModelAdmin):
    list_display = ["source", "created_by", "created_at", "published_at", "pending", "accepted", "rejected"]
    list_filter = [("published_at", admin.EmptyFieldListFilter)]
    search_fields = ["source__title", "source__slug"]
    list_select_related = ["source", "created_by"]

    def get_queryset(self, request):
        counts = {d: Count("proposals", filter=Q(proposals__decision=d)) for d in ("pending", "accepted", "rejected")}
        return super().get_queryset(request).annotate(**{f"n_{d}": c for d, c in counts.items()})

    @admin.display(description="pending", ordering="n_pending")
    def pending(self, batch):
        return batch.n_pending

    @admin.display(description="accepted", ordering="n_accepted")
    def accepted(self, batch):
        return batch.n_accepted

    @admin.display(description="rejected", ordering="n_rejected")
    def rejected(self, batch):
        return batch.n_rejected

    def get_urls(self):
        def view(method, permission):
            """Staff only (the admin's login), and with the model's permission, as the admin's own pages."""

            def checked(request, *args, **kwargs):
                if not permission(request):
                    raise PermissionDenied
                return method(request, *args, **kwargs)

            return self.admin_site.admin_view(checked)

        return [
            path("add-article/", view(self.add_article_view, self.has_add_permission),
                 name="ingest_reviewbatch_add_article"),
            path("<int:pk>/review/", view(self.review_view, self.has_view_or_change_permission),
                 name="ingest_reviewbatch_review"),
            path("<int:pk>/proposals/<int:number>/decide/",
                 view(require_POST(self.decide_view), self.has_change_permission), name="ingest_reviewbatch_decide"),
            path("<int:pk>/publish/", view(require_POST(self.publish_view), self.has_change_permission),
                 name="ingest_reviewbatch_publish"),
            *super().get_urls(),
        ]  # fmt: skip

    # The model's own add and change pages are the article form and the review page.
    def add_view(self, request, form_url="", extra_context=None):
        return redirect("admin:ingest_reviewbatch_add_article")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return redirect("admin:ingest_reviewbatch_review", pk=object_id)

    def page(self, request, template, title, **context):
        return TemplateResponse(
            request,
            f"admin/ingest/reviewbatch/{template}",
            {**self.admin_site.each_context(request), "opts": self.model._meta, "title": title, **context},
        )

    def add_article_view(self, request):
        form = AddArticleForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                batch = ingest_article(**form.arguments, user=request.user)
            except ValidationError as error:
                uploaded = bool(form.cleaned_data.get("file"))
                errors_by_field = error.error_dict if hasattr(error, "error_dict") else {None: error.error_list}
                for name, errors in errors_by_field.items():
                    name = "file" if name == "text" and uploaded else name
                    form.add_error(name if name in form.fields else None, errors)
            else:
                count = batch.proposals.count()
                messages.success(request, f"“{batch.source}” is in as a draft with {count} proposals to review.")
                return redirect(batch.get_absolute_url())
        return self.page(request, "add_article.html", "Add an article", form=form)

    def review_view(self, request, pk):
        batch = get_object_or_404(ReviewBatch.objects.select_related("source"), pk=pk)
        return self.page(
            request,
            "review.html",
            f"Review: {batch.source}",
            batch=batch,
            source=batch.source,
            **review_context(batch),
        )

    def decide_view(self, request, pk, number):
        proposal = get_object_or_404(Proposal, batch_id=pk, number=number)
        form = DecisionForm(request.POST)
        anchor = f"{reverse('admin:ingest_reviewbatch_review', args=[pk])}#proposal-{number}"
        if not form.is_valid():
            messages.error(request, f"Proposal #{number}: " + " ".join(m for ms in form.errors.values() for m in ms))
            return redirect(anchor)
        try:
            proposal = decide(
                proposal=proposal,
                decision=form.cleaned_data["decision"],
                fields=form.cleaned_data["record"],
                user=request.user,
            )
        except ValidationError as error:
            messages.error(request, f"Proposal #{number} was not {form.cleaned_data['decision']}: {error_text(error)}")
        else:
            edited = " with your edits" if proposal.edited_fields is not None else ""
            messages.success(request, f"Proposal #{number} {proposal.decision}{edited}.")
        return redirect(anchor)

    def publish_view(self, request, pk):
        batch = get_object_or_404(ReviewBatch.objects.select_related("source"), pk=pk)
        try:
            report = publish(batch=batch, user=request.user)
        except ValidationError as error:
            messages.error(request, f"Not published: {error_text(error)}")
            return redirect(batch.get_absolute_url())
        messages.success(request, f"“{batch.source}” is published: " + "; ".join(report.lines()) + ".")
        return redirect(batch.get_absolute_url())
