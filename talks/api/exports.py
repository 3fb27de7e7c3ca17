"""The timeline in other formats: iCalendar, Knight Lab TimelineJS, GeoJSON; all streamed, all filtered.

Every export takes the parameters of the timeline (`venue`, `envoy`, `year`, `q` …) and walks the whole
filtered timeline in its order (Timeline.entries): rows are fetched in chunks and written out as they come,
so memory stays flat however many there are.
"""

import datetime
import json
from html import escape

from icalendar import Calendar, Event

from sources.dates import DateBasis, Precision, period_end
from talks.timeline import CHUNK

from .serializers import EventRepresenter, VenueRefSerializer, title_of

# iCalendar --------------------------------------------------------------------------------------------
#
# iCalendar has no partial dates: DTSTART;VALUE=DATE is a day. A round known only to the month is
# therefore an all-day event spanning the whole month (DTSTART the 1st, DTEND — exclusive — the 1st of
# the next month), and a year spans the year: a calendar shows "some time in May 2017" rather than a
# made-up day. X-PEACETALKS-DATE-PRECISION says which it is, for programs, and DESCRIPTION says so in
# words, for people.

STATUS = {"held": "CONFIRMED", "adjourned": "CONFIRMED", "planned": "TENTATIVE", "postponed": "TENTATIVE"}
STATUS["cancelled"] = "CANCELLED"


def exclusive_end(start, end, precision):
    """The day after the last day of the last period: iCalendar's DTEND of an all-day event is exclusive."""
    return period_end(end or start, precision) + datetime.timedelta(days=1)


def vevent(kind, obj, data, stamp):
    event = Event()
    event.add("uid", f"{kind}-{obj.slug}@peace-talks-timeline")
    event.add("dtstamp", stamp)
    event.add("summary", title_of(kind, obj))
    # A window ("one of these days") spans every day it may be, as a month spans the month; a span known only
    # by its end is shown as that end's period.
    event.add("dtstart", obj.sort_date)
    event.add("dtend", exclusive_end(obj.sort_date, obj.end_date or obj.start_latest, obj.date_precision))
    event.add("x-peacetalks-kind", kind)
    event.add("x-peacetalks-date-precision", obj.date_precision)
    event.add("x-peacetalks-date-basis", obj.date_basis)
    event.add("x-peacetalks-date-edtf", obj.when.edtf)
    if obj.start_latest:
        event.add("x-peacetalks-date-window", "TRUE")
    if obj.date_inferred:
        event.add("x-peacetalks-date-inferred", "TRUE")
    event.add("url", data["html_url"])
    event.add("status", STATUS.get(getattr(obj, "status", "held"), "CONFIRMED"))
    process = data.get("process")
    event.add("categories", [kind, *([process["name"]] if process else [])])
    venue = getattr(obj, "venue", None)
    if venue is not None:
        event.add("location", f"{venue.name}, {venue.country}")
        event.add("geo", (float(venue.latitude), float(venue.longitude)))
    elif getattr(obj, "place", ""):
        event.add("location", obj.place)
    event.add("description", describe(obj, data))
    return event


def describe(obj, data):
    when = f"When: {obj.date_display}"
    if obj.start_latest:
        when += " (one of these days only; shown as all of them)"
    elif obj.start_date is None:
        when += f" (its start is not known; shown as the {obj.date_precision} it ended)"
    elif obj.date_precision != Precision.DAY:
        when += f" (known to the {obj.date_precision} only; shown as the whole {obj.date_precision})"
    lines = [when]
    if obj.date_inferred:
        lines.append(f"Date inferred: {obj.date_note}")
    elif obj.date_basis == DateBasis.EXTERNAL:
        lines.append(f"Date from outside the articles: {obj.date_note}")
    for name in ("summary", "outcome", "calls_for"):
        if data.get(name):
            lines.append(data[name])
    lines += [f"“{c['quote']}” ({c['source']})" for c in data["citations"]]
    lines.append(data["html_url"])
    return "\n\n".join(lines)


def ics_chunks(entries, context):
    calendar = Calendar()
    calendar.add("prodid", "-//Peace Talks Timeline//API//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Peace Talks Timeline")
    head, end = calendar.to_ical().split(b"END:VCALENDAR")
    stamp = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    represent = EventRepresenter(context)
    yield head
    for kind, obj in entries:
        yield vevent(kind, obj, represent(kind, obj), stamp).to_ical()
    yield b"END:VCALENDAR" + end


# TimelineJS -------------------------------------------------------------------------------------------
#
# https://timeline.knightlab.com/docs/json-format.html: a date is {year, month, day}; a month-precision
# item leaves out `day`, a year-precision one `month` as well, so TimelineJS shows no invented day.


def tl_date(value, precision):
    date = {"year": value.year}
    if precision in (Precision.MONTH, Precision.DAY):
        date["month"] = value.month
    if precision == Precision.DAY:
        date["day"] = value.day
    return date


def group_of(kind, data):
    if data.get("process"):
        return data["process"]["name"]
    return "Resolutions" if kind == "resolution" else "Other events"


def tl_iso_date(value):
    """A TimelineJS date from an ISO date of any precision: "2021", "2021-10" or "2021-10-07"."""
    return dict(zip(("year", "month", "day"), (int(part) for part in value.split("-")), strict=False))


def tl_event(kind, obj, data):
    text = [f"<p>{escape(data[name])}</p>" for name in ("summary", "outcome", "calls_for") if data.get(name)]
    text.append(f'<p><a href="{escape(data["html_url"])}">Sources and details</a></p>')
    event = {
        "unique_id": f"{kind}-{obj.slug}",
        # A window gives only what its bounds share (30 September…7 October 2021 is "2021"): no chosen day.
        "start_date": tl_iso_date(obj.when.iso_start or obj.when.iso_end),
        "display_date": obj.date_display,
        "text": {"headline": escape(title_of(kind, obj)), "text": "".join(text)},
        "group": group_of(kind, data),
    }
    if obj.start_date and obj.end_date and obj.end_date != obj.start_date:
        event["end_date"] = tl_date(obj.end_date, obj.date_precision)
    return event


def envoy_eras(rounds):
    """Each envoy's span: from the first to the last of their rounds in the filtered set."""
    spans = {}
    rows = rounds.filter(envoys__isnull=False).values_list(
        "envoys__slug", "envoys__name", "envoys__title", "sort_date", "end_date", "date_precision"
    )
    for slug, name, title, start, end, precision in rows.order_by().iterator(chunk_size=CHUNK):
        span = spans.setdefault(slug, {"name": name, "title": title, "first": (start, precision), "last": None})
        span["first"] = min(span["first"], (start, precision), key=lambda pair: pair[0])
        last = (end or start, precision)
        span["last"] = last if span["last"] is None or last[0] > span["last"][0] else span["last"]
    eras = []
    for span in sorted(spans.values(), key=lambda s: s["first"][0]):
        eras.append(
            {
                "start_date": tl_date(*span["first"]),
                "end_date": tl_date(*span["last"]),
                "text": {"headline": escape(span["name"]), "text": escape(span["title"])},
            }
        )
    return eras


def timelinejs_chunks(timeline, context):
    title = {"text": {"headline": "Peace Talks Timeline", "text": "The Syrian peace process, round by round."}}
    eras = envoy_eras(timeline.filtersets["round"].qs)
    represent = EventRepresenter(context)
    yield f'{{"title": {json.dumps(title)}, "eras": {json.dumps(eras)}, "events": ['
    for number, (kind, obj) in enumerate(timeline.entries(undated=False)):
        yield ("," if number else "") + json.dumps(tl_event(kind, obj, represent(kind, obj)))
    yield "]}"


# GeoJSON ----------------------------------------------------------------------------------------------


def venue_features(venues, context):
    """A FeatureCollection (RFC 7946: coordinates are longitude, latitude) of venues with their round counts."""
    ref = VenueRefSerializer(context=context)
    yield '{"type": "FeatureCollection", "features": ['
    for number, venue in enumerate(venues.iterator(chunk_size=CHUNK)):
        feature = {
            "type": "Feature",
            "id": venue.slug,
            "geometry": {"type": "Point", "coordinates": [float(venue.longitude), float(venue.latitude)]},
            "properties": {
                "slug": venue.slug,
                "name": venue.name,
                "country": venue.country,
                "round_count": venue.round_count,
                "url": ref.to_representation(venue)["url"],
                "html_url": context["request"].build_absolute_uri(venue.get_absolute_url()),
            },
        }
        yield ("," if number else "") + json.dumps(feature)
    yield "]}"
