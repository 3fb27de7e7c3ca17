"""One keyset paginator for every list of the site: the HTML timeline and every API list.

A page is "the `page_size` rows after (or before) this position in the ordering", found with a
`WHERE (ordering values) > (cursor values)` condition on an index, never an OFFSET: the thousandth page
costs what the first does. A source of pages is either a queryset, ordered by whatever it carries (the
model's default, the `ordering` parameter, or relevance for a text search) with the primary key added
as a tie-breaker and undated rows (NULL) last in both directions, or an object with the same two
methods as `QuerysetKeyset` (`page` and `count`), such as the merged timeline of talks/timeline.py.

Every cursor has one format, opaque to clients: base64 of JSON `{"d": direction, "o": ordering terms,
"v": the position's values}`; anything else a client sends for one is a `CursorError`, a 400 (a notice
on an HTML page) naming the parameter.

`count` is capped: the rows are counted over a `LIMIT COUNT_CAP + 1` subquery, so no request ever
runs an unbounded COUNT(*). When there are more, `count` is the cap and `count_capped` is true.
"""

import base64
import binascii
import datetime
import decimal
import functools
import json
import math
import operator
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured, ValidationError
from django.db.models import F, GeneratedField, OrderBy, Q
from django.utils.http import urlencode
from rest_framework import exceptions
from rest_framework.pagination import BasePagination
from rest_framework.response import Response

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
COUNT_CAP = 10_000
CURSOR_PARAM = "cursor"
PAGE_SIZE_PARAM = "page_size"
BAD_CURSOR = "This cursor is not valid here; start again from the first page."


class CursorError(ValueError):
    """A cursor this list did not make: a 400 naming the parameter, never a 500."""


# The cursor format --------------------------------------------------------------------------------------


def encode_cursor(direction, terms, values):
    """`direction` is "n" (the page after the position) or "p" (the page before it)."""

    def plain(value):
        if isinstance(value, (datetime.date, datetime.datetime)):
            return value.isoformat()
        if isinstance(value, decimal.Decimal):
            return str(value)
        return value

    raw = json.dumps({"d": direction, "o": terms, "v": [plain(v) for v in values]}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


# What reading a forged cursor can raise: RecursionError for a thousand nested brackets, OverflowError for
# a number too large for what it should be.
UNREADABLE = (binascii.Error, ValueError, TypeError, KeyError, UnicodeDecodeError, RecursionError, OverflowError)


def _finite(text):
    """A JSON number as a float, refusing what no cursor holds: NaN, Infinity, or 1e400 (which is infinite)."""
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is not a finite number")
    return value


def read_cursor(token, terms):
    """(backwards, raw values) of a cursor made for `terms`; the source reads each value as its own type."""
    try:
        raw = json.loads(
            base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)), parse_float=_finite, parse_constant=_finite
        )
        direction, cursor_terms, values = raw["d"], raw["o"], raw["v"]
    except UNREADABLE as error:
        raise CursorError(BAD_CURSOR) from error
    if direction not in ("n", "p") or cursor_terms != terms or not isinstance(values, list):
        raise CursorError(BAD_CURSOR)
    if len(values) != len(terms):
        raise CursorError(BAD_CURSOR)
    return direction == "p", values


def whole_number(raw, *, low=0, high=2**63 - 1):
    """A cursor value that must be a whole number in [low, high]: a bool, a float or a string is refused."""
    if isinstance(raw, bool) or not isinstance(raw, int) or not low <= raw <= high:
        raise CursorError(BAD_CURSOR)
    return raw


@dataclass
class Page:
    items: list
    next_cursor: str | None = None
    previous_cursor: str | None = None


def slice_page(rows, *, size, backwards, from_cursor):
    """Rows fetched one beyond the page (in the direction of travel) → the page's rows in order, and whether
    there are rows after and before it."""
    more, rows = len(rows) > size, list(rows[:size])
    if backwards:
        rows.reverse()
    has_next = True if backwards else more
    has_previous = more if backwards else from_cursor
    return rows, has_next, has_previous


def capped_count(*querysets):
    """(count, capped): the rows of the querysets together, each counted over at most COUNT_CAP + 1 rows."""
    found = sum(queryset.order_by().values("pk")[: COUNT_CAP + 1].count() for queryset in querysets)
    return (COUNT_CAP, True) if found > COUNT_CAP else (found, False)


# A queryset as a source of pages -------------------------------------------------------------------------


class Column:
    """One column of the ordering: its name, direction, whether it can be NULL and how to read a cursor value."""

    def __init__(self, queryset, term):
        self.name = term.lstrip("-")
        self.descending = term.startswith("-")
        opts = queryset.model._meta
        # The key of the column in a `.values()` row, where the queryset gives rows rather than instances.
        self.key = opts.pk.attname if self.name == "pk" else self.name
        annotation = queryset.query.annotations.get(self.name)
        if annotation is not None:
            self.field, self.nullable = annotation.output_field, False
            return
        try:
            self.field = opts.pk if self.name == "pk" else opts.get_field(self.name)
        except FieldDoesNotExist as error:
            raise ImproperlyConfigured(f"Keyset paging cannot order {opts.label} by {term!r}") from error
        if self.field.is_relation:
            raise ImproperlyConfigured(f"Keyset paging cannot order {opts.label} by a relation ({term!r})")
        self.nullable = self.field.null
        if isinstance(self.field, GeneratedField):
            # Read a cursor's value as the column's type (a generated column's own to_python accepts anything).
            self.field = self.field.output_field

    def order(self, backwards):
        descending = self.descending != backwards
        # NULLs (undated rows) come last going forwards, so first going backwards. A column that cannot be
        # NULL says nothing about them, so that an index in either direction can serve the order.
        nulls = {} if not self.nullable else {"nulls_first": True} if backwards else {"nulls_last": True}
        return F(self.name).desc(**nulls) if descending else F(self.name).asc(**nulls)

    def value(self, obj):
        return obj[self.key] if isinstance(obj, dict) else getattr(obj, self.name)

    def parse(self, raw):
        if raw is None:
            if not self.nullable:
                raise CursorError(BAD_CURSOR)
            return None
        try:
            value = self.field.to_python(raw)
        except (ValidationError, TypeError, ValueError, OverflowError) as error:
            raise CursorError(BAD_CURSOR) from error
        if value is None or isinstance(value, (list, dict)) or (isinstance(value, str) and "\x00" in value):
            raise CursorError(BAD_CURSOR)
        if isinstance(value, float) and not math.isfinite(value):  # "NaN" as a string, for a float column
            raise CursorError(BAD_CURSOR)
        return value

    def beyond(self, value, backwards):
        """Rows strictly past `value` in the direction of travel, on this column alone."""
        ascending = self.descending == backwards
        if value is None:
            # NULL is last going forwards: nothing is after it, every non-NULL is before it.
            return Q(**{f"{self.name}__isnull": False}) if backwards else None
        condition = Q(**{f"{self.name}__{'gt' if ascending else 'lt'}": value})
        if self.nullable and not backwards:
            condition |= Q(**{f"{self.name}__isnull": True})
        return condition

    def equal(self, value):
        return Q(**{f"{self.name}__isnull": True}) if value is None else Q(**{self.name: value})


def _term(order):
    """A field name, or a model's `F(name).asc(nulls_last=True)`: keyset paging puts NULLs last itself."""
    if isinstance(order, OrderBy) and isinstance(order.expression, F):
        return f"{'-' if order.descending else ''}{order.expression.name}"
    return order


def ordering_terms(queryset):
    terms = [
        _term(order)
        for order in (
            list(queryset.query.order_by)
            or (list(queryset.model._meta.ordering) if queryset.query.default_ordering else [])
        )
    ]
    if any(not isinstance(term, str) for term in terms):
        raise ImproperlyConfigured("Keyset paging needs an ordering made of field names")
    if not {"pk", "-pk", "id", "-id"} & set(terms):
        # The tie-breaker runs the way the ordering does, so one index scan (forwards or backwards) serves both.
        terms.append("-pk" if terms and terms[0].startswith("-") else "pk")
    return terms


def ordered(queryset):
    """The queryset in its full keyset order (NULLs last): for pages and for exports alike."""
    columns = [Column(queryset, term) for term in ordering_terms(queryset)]
    return queryset.order_by(*(c.order(backwards=False) for c in columns))


def keyset_condition(columns, values, backwards):
    """(c1, c2, …) beyond (v1, v2, …): c1 beyond v1, or c1 = v1 and c2 beyond v2, or …"""
    steps = []
    for index, column in enumerate(columns):
        step = column.beyond(values[index], backwards)
        if step is not None:
            for earlier, value in zip(columns[:index], values[:index], strict=True):
                step &= earlier.equal(value)
            steps.append(step)
    if not steps:
        return Q(pk__in=[])
    condition = functools.reduce(operator.or_, steps)
    first, value = columns[0], values[0]
    if value is not None and not first.nullable:
        # Redundant with the OR above, but a plain range on the leading column lets the index seek to it.
        ascending = first.descending == backwards
        condition &= Q(**{f"{first.name}__{'gte' if ascending else 'lte'}": value})
    return condition


# A plausible value of each kind of column, for the cursor the schema shows as an example.
EXAMPLE_VALUES = {"DateField": "2018-01-25", "CharField": "Geneva", "SlugField": "geneva", "FloatField": 0.5}


class QuerysetKeyset:
    """A queryset as a source of pages, in its own order."""

    def __init__(self, queryset):
        self.queryset = queryset
        self.terms = ordering_terms(queryset)
        self.columns = [Column(queryset, term) for term in self.terms]

    def page(self, cursor, size):
        backwards, values = False, None
        if cursor:
            backwards, raw = read_cursor(cursor, self.terms)
            values = [column.parse(value) for column, value in zip(self.columns, raw, strict=True)]
        rows = self.queryset.order_by(*(c.order(backwards) for c in self.columns))
        if values is not None:
            rows = rows.filter(keyset_condition(self.columns, values, backwards))
        rows, has_next, has_previous = slice_page(
            rows[: size + 1], size=size, backwards=backwards, from_cursor=values is not None
        )
        return Page(
            rows,
            next_cursor=self.cursor("n", rows[-1]) if rows and has_next else None,
            previous_cursor=self.cursor("p", rows[0]) if rows and has_previous else None,
        )

    def cursor(self, direction, obj):
        return encode_cursor(direction, self.terms, [column.value(obj) for column in self.columns])

    def count(self):
        return capped_count(self.queryset)

    def example_cursor(self):
        """A cursor this list accepts (the page after an example row), so the schema's example works when tried."""
        values = [EXAMPLE_VALUES.get(column.field.get_internal_type(), 9) for column in self.columns]
        return encode_cursor("n", self.terms, values)


def keyset(source):
    """A source of pages: a queryset, or an object that pages itself."""
    return source if hasattr(source, "page") else QuerysetKeyset(source)


# The API's paginator ----------------------------------------------------------------------------------------


def page_size(request, *, default=DEFAULT_PAGE_SIZE, maximum=MAX_PAGE_SIZE):
    """The page size asked for: missing means the default, too large means the maximum, nonsense is a 400."""
    raw = request.query_params.get(PAGE_SIZE_PARAM)
    if raw is None or raw == "":
        return default
    try:
        size = int(raw)
    except ValueError:
        size = 0
    if size < 1:
        raise exceptions.ValidationError({PAGE_SIZE_PARAM: [f"A whole number from 1 to {maximum} is required."]})
    return min(size, maximum)


def page_links(request, next_cursor, previous_cursor):
    def link(cursor):
        if cursor is None:
            return None
        params = request.query_params.copy()
        params[CURSOR_PARAM] = cursor
        return request.build_absolute_uri(f"{request.path}?{urlencode(params, doseq=True)}")

    return link(next_cursor), link(previous_cursor)


class KeysetPagination(BasePagination):
    """`?cursor=…&page_size=…` → {count, count_capped, next, previous, results}, for any source of pages."""

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        source = keyset(queryset)
        size = page_size(request)
        try:
            page = source.page(request.query_params.get(CURSOR_PARAM), size)
        except CursorError as error:
            raise exceptions.ValidationError({CURSOR_PARAM: [str(error)]}) from error
        self.count, self.count_capped = source.count()
        self.next_cursor, self.previous_cursor = page.next_cursor, page.previous_cursor
        return page.items

    def get_paginated_response(self, data):
        next_link, previous_link = page_links(self.request, self.next_cursor, self.previous_cursor)
        return Response(
            {
                "count": self.count,
                "count_capped": self.count_capped,
                "next": next_link,
                "previous": previous_link,
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["count", "count_capped", "next", "previous", "results"],
            "properties": {
                "count": {
                    "type": "integer",
                    "example": 15,
                    "description": f"Rows matching the filters, counted up to {COUNT_CAP}.",
                },
                "count_capped": {
                    "type": "boolean",
                    "example": False,
                    "description": f"True when there are more than {COUNT_CAP} rows; `count` is then {COUNT_CAP}.",
                },
                "next": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "example": "http://127.0.0.1:8000/api/rounds/?cursor=eyJkIjoibiJ9",
                },
                "previous": {"type": "string", "nullable": True, "format": "uri", "example": None},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": CURSOR_PARAM,
                "in": "query",
                "required": False,
                "description": "Opaque position from the `next` or `previous` link of a page. A cursor that was "
                "not made by this endpoint (or for another `ordering`) is a 400.",
                "schema": {"type": "string"},
                "example": keyset(view.get_queryset()).example_cursor(),
            },
            {
                "name": PAGE_SIZE_PARAM,
                "in": "query",
                "required": False,
                "description": f"Rows per page, {DEFAULT_PAGE_SIZE} by default. Larger values are capped at "
                f"{MAX_PAGE_SIZE}; zero, a negative number or a non-number is a 400.",
                "schema": {"type": "integer", "minimum": 1, "default": DEFAULT_PAGE_SIZE},
                "example": 20,
            },
        ]
