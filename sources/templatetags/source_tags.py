"""An article's text with its cited quotes highlighted, and the chart of reported death tolls."""

import datetime
import math
from dataclasses import dataclass

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from sources.dates import Precision

register = template.Library()


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    pk: int
    title: str = ""

    @property
    def order(self):
        # Outer spans before the spans they contain, so a mark encloses the marks inside it.
        return (self.start, -self.end, self.pk)


def highlight(text, spans):
    """`text` escaped, one <p> per line, each span in a <mark id="quote-<pk>">.

    Spans may share their text, nest or overlap: a span interrupted by the end of another (or of a paragraph)
    is closed and reopened as a continuation, so the HTML stays well formed and every id appears once, on the
    first piece of its quote.
    """
    spans = sorted((s for s in spans if 0 <= s.start < s.end <= len(text)), key=lambda s: s.order)
    cuts = {0, len(text)}
    for span in spans:
        cuts.update((span.start, span.end))
    for index, char in enumerate(text):
        if char == "\n":
            cuts.update((index, index + 1))
    cuts = sorted(cuts)

    out, stack, started, in_paragraph = [], [], set(), False
    for start, end in zip(cuts, cuts[1:], strict=False):
        piece = text[start:end]
        if piece == "\n":
            out.append("</mark>" * len(stack))
            stack = []
            if in_paragraph:
                out.append("</p>")
                in_paragraph = False
            continue
        if not in_paragraph:
            out.append("<p>")
            in_paragraph = True
        covering = [s for s in spans if s.start <= start and end <= s.end]
        kept = 0
        while kept < min(len(stack), len(covering)) and stack[kept] == covering[kept]:
            kept += 1
        out.append("</mark>" * (len(stack) - kept))
        stack = stack[:kept]
        for span in covering[kept:]:
            if span.pk in started:
                out.append('<mark class="quote quote-continued">')
            else:
                started.add(span.pk)
                title = f' title="{escape(span.title)}"' if span.title else ""
                out.append(f'<mark class="quote" id="quote-{span.pk}"{title}>')
            stack.append(span)
        out.append(escape(piece))
    out.append("</mark>" * len(stack))
    if in_paragraph:
        out.append("</p>")
    return mark_safe("".join(out))


@register.simple_tag
def highlighted_text(source, citations):
    """The source's full text with every citation of it highlighted and anchored (at its first occurrence)."""
    spans = []
    for citation in citations:
        start = source.text.find(citation.quote)
        if start >= 0:
            cited = f"Cited for: {citation.subject}" if citation.subject is not None else ""
            spans.append(Span(start, start + len(citation.quote), citation.pk, cited))
    return highlight(source.text, spans)


CHART = {"width": 640, "height": 300, "left": 78, "right": 24, "top": 28, "bottom": 40}


def _middle(day, precision):
    """Where a date known to a month or a year sits on a time axis: the middle of its period."""
    if precision == Precision.YEAR:
        return datetime.date(day.year, 7, 1)
    if precision == Precision.MONTH:
        return datetime.date(day.year, day.month, 15)
    return day


def _nice_ceiling(value):
    magnitude = 10 ** max(0, int(math.log10(value)) if value > 0 else 0)
    return math.ceil(value / magnitude) * magnitude if value > 0 else 1


@register.inclusion_tag("includes/_death_toll_chart.html")
def death_toll_chart(figures):
    """Points for the claims with a number and an as-of date, on a time axis; the rest listed."""
    plotted = [f for f in figures if f.value is not None and f.as_of is not None]
    unplotted = [f for f in figures if f not in plotted]
    if not plotted:
        return {"plotted": [], "unplotted": unplotted}
    c = CHART
    inner_w = c["width"] - c["left"] - c["right"]
    inner_h = c["height"] - c["top"] - c["bottom"]
    dates = [_middle(f.as_of, f.as_of_precision) for f in figures if f.as_of]
    first_year, last_year = min(dates).year, max(dates).year + 1
    x0, x1 = datetime.date(first_year, 1, 1), datetime.date(last_year, 1, 1)
    top = _nice_ceiling(float(max(f.value for f in plotted)) * 1.1)
    step = top / 4

    def x(day):
        return round(c["left"] + inner_w * (day - x0).days / (x1 - x0).days, 1)

    def y(value):
        return round(c["top"] + inner_h * (1 - float(value) / top), 1)

    points = []
    for figure in sorted(plotted, key=lambda f: f.as_of):
        px, py = x(_middle(figure.as_of, figure.as_of_precision)), y(figure.value)
        points.append(
            {
                "figure": figure,
                "x": px,
                "y": py,
                "lower_bound": figure.qualifier == figure.Qualifier.MORE_THAN,
                "label_x": px + 8 if px < c["left"] + inner_w * 0.7 else px - 8,
                "anchor": "start" if px < c["left"] + inner_w * 0.7 else "end",
            }
        )
    return {
        "chart": c,
        "plotted": points,
        "unplotted": unplotted,
        "baseline": c["height"] - c["bottom"],
        "right_edge": c["width"] - c["right"],
        "years": [{"year": year, "x": x(datetime.date(year, 1, 1))} for year in range(first_year, last_year + 1)],
        "ticks": [{"label": f"{round(step * i):,}", "y": y(step * i)} for i in range(5)],
    }
