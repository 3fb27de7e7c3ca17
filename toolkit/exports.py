"""Exports that are not JSON pages: CSV of any list (streamed), and the renderers that announce them."""

import csv
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import StreamingHttpResponse
from django.urls import reverse
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer

from .renderers import JSONRenderer

CSV_CHUNK = 500


class CSVRenderer(BaseRenderer):
    """Announces `?format=csv`; the viewset streams the rows itself (see csv_response)."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        # Only reached for an error body: those are answered as JSON by ApiViewSet.finalize_response.
        return JSONRenderer().render(data, accepted_media_type, renderer_context)


class FileRenderer(BaseRenderer):
    """A renderer for an export view that builds its own streamed response."""

    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return JSONRenderer().render(data, accepted_media_type, renderer_context)


class ICSRenderer(FileRenderer):
    media_type = "text/calendar"
    format = "ics"


class GeoJSONRenderer(FileRenderer):
    media_type = "application/geo+json"
    format = "geojson"


class TimelineJSRenderer(FileRenderer):
    media_type = "application/json"
    format = "json"


class KnownFormats(DefaultContentNegotiation):
    """`?format=` must name a format the address offers; anything else is a 400 naming the parameter.

    DRF answers an unknown `?format=` with a bare 404, as if the resource did not exist; the resource
    exists, it is the parameter that is wrong. (An unknown suffix, `/api/rounds.xml`, stays a 404: that
    address does not exist.)
    """

    def select_renderer(self, request, renderers, format_suffix=None):
        name = self.settings.URL_FORMAT_OVERRIDE
        wanted = request.query_params.get(name)
        if wanted and not format_suffix and all(renderer.format != wanted for renderer in renderers):
            offered = ", ".join(dict.fromkeys(renderer.format for renderer in renderers))
            raise ValidationError({name: [f"Not a format of this address; use {offered}."]})
        return super().select_renderer(request, renderers, format_suffix)


class FirstRenderer(DefaultContentNegotiation):
    """An export is what its address says, whatever the client's Accept header."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def flatten(value):
    """A serializer value as one CSV cell: references by slug, lists joined with '; ', quotes with their source."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        if "quote" in value:
            return f"{value.get('source', '')}: {value['quote']}"
        for key in ("slug", "title", "name", "id"):
            if value.get(key) is not None:
                return str(value[key])
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(flatten(item) for item in value)
    return str(value)


# CSV injection, as OWASP's guidance says: a spreadsheet runs a cell that begins with = + - @, a tab or a
# carriage return as a formula, so a staff title =HYPERLINK("http://x","click") would be a live link in the
# export. Such a cell gets a leading ' , which makes the spreadsheet read it as text. Every cell is also
# quoted (quotes inside doubled), so that a ; or , in a cell cannot start a new cell in a spreadsheet that
# splits on it, with the formula at its head.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A plain number is not a formula, and stays a number: a negative longitude, -0.5, is written as it is (a
# spreadsheet reads a quoted number as a number).
PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")


def cell(value):
    """A serializer value as one CSV cell, safe to open in a spreadsheet."""
    text = flatten(value)
    if text.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(text):
        return f"'{text}"
    return text


class _Echo:
    def write(self, value):
        return value


def csv_response(rows, *, columns, filename):
    """Stream `rows` (dicts, e.g. serializer output) as CSV, one line at a time, in constant memory."""
    writer = csv.writer(_Echo(), quoting=csv.QUOTE_ALL)

    def lines():
        yield writer.writerow(columns)
        for row in rows:
            yield writer.writerow([cell(row.get(column)) for column in columns])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def streamed(chunks, renderer, filename):
    """A file export written out as it is produced."""
    response = StreamingHttpResponse(chunks, content_type=f"{renderer.media_type}; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# ---------------------------------------------------------------------------------------------------------------
# Links to the exports, on the pages that show the same data: "This view as CSV · JSON · iCalendar · TimelineJS"
# in the page and <link rel="alternate"> in its head (templates/includes/_exports.html, templates/base.html).


@dataclass(frozen=True)
class Export:
    label: str
    media_type: str
    href: str


@dataclass(frozen=True)
class Exports:
    title: str  # "This view as", "This venue as"
    links: list


def with_query(path, query):
    return f"{path}?{query}" if query else path


def timeline_exports(query="", title="This view as"):
    """The timeline, filtered by `query` (a URL-encoded query string, without a cursor), in every format."""
    events = reverse("api:event-list")
    return Exports(
        title,
        [
            Export("CSV", "text/csv", with_query(events, "&".join(filter(None, [query, "format=csv"])))),
            Export("JSON", "application/json", with_query(events, query)),
            Export("iCalendar", "text/calendar", with_query(reverse("api:events-ics"), query)),
            Export("TimelineJS", "application/json", with_query(reverse("api:timelinejs"), query)),
        ],
    )


def api_exports(name, title="This view as", extra=(), **kwargs):
    """An API address (a list or a record, by URL name) as JSON and CSV, and any `extra` Export."""
    path = reverse(name, kwargs=kwargs or None)
    return Exports(
        title,
        [Export("CSV", "text/csv", f"{path}?format=csv"), Export("JSON", "application/json", path), *extra],
    )


class ExportLinksMixin:
    """A page that links to its own data: `export_groups()` gives the Exports, in the context as `exports`."""

    def export_groups(self):
        return []

    def get_context_data(self, **kwargs):
        return super().get_context_data(exports=self.export_groups(), **kwargs)


class RecordExports(ExportLinksMixin):
    """A record's page links to the record in the API and, where the timeline filters by it, to that timeline."""

    api_name = ""  # "api:venue-detail"
    noun = ""  # "venue"
    timeline_filter = ""  # "venue"

    def export_groups(self):
        slug = self.object.slug
        groups = [api_exports(self.api_name, f"This {self.noun} as", slug=slug)]
        if self.timeline_filter:
            groups.append(timeline_exports(urlencode({self.timeline_filter: slug}), "Its timeline as"))
        return groups
