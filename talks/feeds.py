"""Atom feeds (django.contrib.syndication): the latest changes, and the timeline's newest entries. Each takes the
parameters of its page, so a journalist can follow one venue or one envoy; a bad one is a 400."""

import heapq
import itertools

from django.contrib.syndication.views import Feed
from django.core.exceptions import BadRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .changes import ChangesForm
from .timeline import Timeline

FEED_SIZE = 50


def query(request):
    return f"?{request.GET.urlencode()}" if request.GET else ""


class ChangesFeed(Feed):
    feed_type = Atom1Feed
    title = "Peace Talks Timeline: latest changes"
    description = "Every change to a record or a citation of the knowledge base, newest first, with its reason."

    def get_object(self, request):
        form = ChangesForm(request.GET)
        if not form.is_valid():
            raise BadRequest(" ".join(f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()))
        self.page_url = reverse("talks:changes") + query(request)
        return form.changes()

    def link(self, changes):
        return self.page_url

    def items(self, changes):
        return changes.page(None, FEED_SIZE).items

    def item_title(self, entry):
        return f"{entry.change.record.capitalize()} {entry.change.action}: {entry.label}"

    def item_description(self, entry):
        return entry.change.reason

    def item_link(self, entry):
        return entry.url or reverse("talks:changes") + f"?kind={entry.kind}"

    def item_guid(self, entry):
        return f"tag:peace-talks-timeline,2026:change/{entry.kind}/{entry.change.row.history_id}"

    item_guid_is_permalink = False

    def item_pubdate(self, entry):
        return entry.change.when

    def item_author_name(self, entry):
        user = entry.change.row.history_user
        return user.get_username() if user else None


class TimelineFeed(Feed):
    """The timeline's newest entries (by when they were added), filtered as the timeline is."""

    feed_type = Atom1Feed
    title = "Peace Talks Timeline: new entries"
    description = "Rounds of talks, resolutions and milestones as they are added, newest first."

    def get_object(self, request):
        timeline = Timeline(request.GET)
        if timeline.errors:
            raise BadRequest(" ".join(f"{name}: {' '.join(errors)}" for name, errors in timeline.errors.items()))
        self.page_url = reverse("talks:timeline") + query(request)
        return timeline

    def link(self, timeline):
        return self.page_url

    def items(self, timeline):
        newest = [
            fs.qs.for_timeline(as_of=timeline.as_of).order_by("-created", "-pk")[:FEED_SIZE]
            for fs in timeline.filtersets.values()
        ]
        return list(itertools.islice(heapq.merge(*newest, key=lambda obj: obj.created, reverse=True), FEED_SIZE))

    def item_title(self, obj):
        return f"{getattr(obj, 'title', None) or obj.name} ({obj.date_display})"

    def item_description(self, obj):
        return getattr(obj, "summary", "") or getattr(obj, "calls_for", "")

    def item_link(self, obj):
        return obj.get_absolute_url()

    def item_pubdate(self, obj):
        return obj.created

    def item_updateddate(self, obj):
        return obj.updated
