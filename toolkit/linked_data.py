"""schema.org JSON-LD for the detail pages: one helper, so every page leaves an empty property out alike."""


def site_url(request, obj):
    """The absolute address of a record's page."""
    return request.build_absolute_uri(obj.get_absolute_url())


def thing(type_, **properties):
    """A schema.org object nested in another; a property left empty (None, "" or []) is left out."""
    return {"@type": type_, **{name: value for name, value in properties.items() if value not in (None, "", [])}}


def json_ld(type_, **properties):
    """A page's JSON-LD document: a schema.org object with its @context."""
    return {"@context": "https://schema.org", **thing(type_, **properties)}
