"""Small pieces the detail pages' schema.org JSON-LD is made of, shared by every app's views."""


def site_url(request, obj):
    """The absolute address of a record's page."""
    return request.build_absolute_uri(obj.get_absolute_url())


def without_empty(data):
    """JSON-LD leaves a property out rather than giving it an empty value."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}
