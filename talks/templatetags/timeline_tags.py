"""Rendering helpers shared by the pages: dates to their precision, process colours, footnotes, JSON-LD."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from sources.dates import EN_DASH, display

register = template.Library()

PALETTE_SIZE = 8
KINDS = {"talkround": "round", "milestone": "milestone", "resolution": "resolution"}
# Inside <script>, only these can end the element or start a comment; JSON escapes keep them inert.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def date_parts(when):
    """`when.display` cut into (start, separator, end) so each end of a range can sit in its own <time>.

    The words the two ends share are printed once, after the end: '25–26 January 2018' is '25' + '–' +
    '26 January 2018'. The pieces are checked against `display` so the page never reads differently.
    """
    whole = when.display
    if when.end_only:
        return "", "", display(when.end, None, when.precision)
    if when.start is None or when.end is None:
        return whole, "", ""
    start_alone = display(when.start, None, when.precision)
    end_alone = display(when.end, None, when.precision)
    if start_alone == whole:
        return whole, "", ""
    start_words, end_words = start_alone.split(" "), end_alone.split(" ")
    shared = 0
    while shared < min(len(start_words), len(end_words)) - 1 and start_words[-1 - shared] == end_words[-1 - shared]:
        shared += 1
    head = " ".join(start_words[: len(start_words) - shared])
    separator = f" {EN_DASH} " if " " in head else EN_DASH
    if f"{head}{separator}{end_alone}" != whole:
        return whole, "", ""
    return head, separator, end_alone


@register.inclusion_tag("includes/_date.html")
def when(subject, note_id="", note_href=""):
    """A date to its precision in <time> elements, marked when inferred.

    `subject` is a dated record (its `date_display` may add words such as 'planned for') or a PartialDate.
    The inferred marker shows the note on hover and focus and links to the note in the text: `note_id` on the
    same page, or `note_href` elsewhere.
    """
    partial = getattr(subject, "when", subject)
    text = getattr(subject, "date_display", partial.display)
    prefix = text[: -len(partial.display)] if text != partial.display and text.endswith(partial.display) else ""
    start_text, separator, end_text = date_parts(partial)
    return {
        "partial": partial,
        "prefix": prefix,
        "start_text": start_text,
        "separator": separator,
        "end_text": end_text,
        "note_id": note_id,
        "note_href": note_href or (f"#{note_id}" if note_id else ""),
    }


@register.filter
def palette(process_id):
    """The colour class of a process: stable for a process on every page, one of a few accessible colours."""
    if process_id is None or process_id == "":
        return "p-none"
    return f"p{int(process_id) % PALETTE_SIZE}"


@register.filter
def kind_of(obj):
    """'round', 'milestone' or 'resolution': the timeline's name for a record's kind."""
    return KINDS.get(obj._meta.model_name, obj._meta.model_name)


@register.filter
def verbose_name(obj):
    return obj._meta.verbose_name


@register.filter
def supporting(citations, fact):
    """(number, citation) for each citation whose `supports` names `fact`, numbered as the list is."""
    return [
        (number, citation)
        for number, citation in enumerate(citations, 1)
        if fact in {part.strip() for part in citation.supports.split(",")}
    ]


@register.filter
def cited_url(subject):
    """Where a cited record is shown: its own page, or the page of the record it belongs to."""
    model_name = subject._meta.model_name
    if model_name == "role":
        return subject.person.get_absolute_url()
    if model_name == "rounddelegation":
        return subject.round.get_absolute_url()
    return subject.get_absolute_url()


@register.filter
def json_ld(data):
    """A schema.org JSON-LD block. The escapes stop any text in the data from closing the element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


STRIP_WIDTH = 800  # the widest the strip is drawn, in its own units (CSS pixels at full size)
STRIP_COLUMN = (6, 72)  # the narrowest and widest a year may be
STRIP_TOP, STRIP_CHART, STRIP_MIN_SEGMENT = 20, 80, 3


def items(count):
    return f"{count} item" if count == 1 else f"{count} items"


def segment_link(year, segment, rect):
    label = escape(f"{year}, {segment.lane.label}: {items(segment.count)}")
    return f'<a href="{escape(segment.href)}" aria-label="{label}"><title>{label}</title>{rect}</a>'


@register.inclusion_tag("includes/_overview.html")
def overview_strip(overview):
    """The overview strip's geometry: one column per year, its items stacked by process, every piece a link."""
    years = overview.years
    column = min(STRIP_COLUMN[1], max(STRIP_COLUMN[0], STRIP_WIDTH / len(years)))
    bar = column * 0.64
    most_lanes = max((len(segments) for segments in overview.segments.values()), default=1)
    most_items = max((sum(s.count for s in segments) for segments in overview.segments.values()), default=1)
    unit = (STRIP_CHART - STRIP_MIN_SEGMENT * most_lanes) / most_items
    tick_every = max(1, -(-36 // int(column)))
    baseline = STRIP_TOP + STRIP_CHART
    columns = []
    for index, year in enumerate(years):
        x = 4 + index * column
        y = baseline
        pieces, elsewhere = [], []
        for segment in overview.segments.get(year, []):
            height = STRIP_MIN_SEGMENT + segment.count * unit
            y -= height
            # Markup built here rather than in a template loop: a strip may hold a thousand segments.
            rect = (
                f'<rect class="{escape(segment.lane.css)}" x="{round(x + (column - bar) / 2, 1)}" y="{round(y, 1)}" '
                f'width="{round(bar, 1)}" height="{round(height - 0.5, 1)}"/>'
            )
            if segment.href.startswith("#"):
                pieces.append(segment_link(year, segment, rect))
            else:
                elsewhere.append((segment, rect))
        if len(elsewhere) == 1:
            pieces.append(segment_link(year, *elsewhere[0]))
        elif elsewhere:
            # The pieces of a year not on this page all open the page of that year: one link, not one each.
            # Its name stays short (the legend names the colours), so that a strip of many years stays light.
            label = escape(f"{year}: {items(sum(segment.count for segment, _ in elsewhere))}")
            rects = "".join(rect for _, rect in elsewhere)
            pieces.append(f'<a href="{escape(elsewhere[0][0].href)}"><title>{label}</title>{rects}</a>')
        total = sum(segment.count for segment in overview.segments.get(year, []))
        columns.append(
            {
                "year": year,
                "centre": round(x + column / 2, 1),
                "segments": mark_safe("".join(pieces)),
                "total": total if total and column >= 14 else None,
                "total_y": round(y - 4, 1),
                "tick": index % tick_every == 0,
            }
        )
    width = round(8 + len(years) * column)
    return {
        "overview": overview,
        "columns": columns,
        "width": width,
        "height": baseline + 22,
        "baseline": baseline,
        "tick_y": baseline + 16,
    }
