"""A saved web page reduced to the article's text and metadata, with trafilatura."""


def reduce_html(html):
    """(text, metadata) of a saved HTML page: the article's text, and its title, author and date as printed.

    Metadata values are None where the page gives none; `date` is ISO (YYYY-MM-DD) as trafilatura reads it.
    """
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True) or ""
    meta = trafilatura.extract_metadata(html)
    metadata = {
        "title": getattr(meta, "title", None) if meta else None,
        "author": getattr(meta, "author", None) if meta else None,
        "date": getattr(meta, "date", None) if meta else None,
        "sitename": getattr(meta, "sitename", None) if meta else None,
    }
    return text, metadata
