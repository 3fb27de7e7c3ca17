""" "Cite this": one reference to a page of the chronology, the article it keeps, or the whole dataset, written
in the three formats reference managers read (CSL-JSON, BibTeX, RIS) and as a formatted reference.

A reference always names the permalink, the day it was read (the access date) and, once there is one, the
data release the live data was last frozen as; the page may change after, the release does not.
"""

import json
import re
import threading
from dataclasses import dataclass
from datetime import date

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.module_loading import import_string

CITE_PARAM = "cite"  # on a page: ?cite=bibtex saves its reference
DOWNLOAD_PARAM = "download"  # on the API's cite answers: ?download=bibtex
SITE_NAME = "Peace Talks Timeline"
DATASET_TITLE = "Peace Talks Timeline: a chronology of the Syrian peace process"
# A style citeproc-py carries with it, so nothing is fetched: Harvard, as Cite Them Right writes it.
STYLE = "harvard-cite-them-right"
FORMATS = {
    # ?download= value: (media type, file extension)
    "csl-json": ("application/vnd.citationstyles.csl+json", "json"),
    "bibtex": ("application/x-bibtex", "bib"),
    "ris": ("application/x-research-info-systems", "ris"),
}
# CSL type → (BibTeX entry type, RIS reference type)
ENTRY_TYPES = {
    "webpage": ("misc", "ELEC"),
    "article-newspaper": ("article", "NEWS"),
    "dataset": ("misc", "DATA"),
}
BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


@dataclass(frozen=True)
class Release:
    version: str
    made: date


@dataclass(frozen=True)
class Work:
    """What a reference describes. `issued` is an ISO date whose length is its precision ('2017', '2017-02')."""

    key: str
    type: str
    title: str
    url: str
    accessed: date
    authors: tuple = (SITE_NAME,)
    container: str = ""
    publisher: str = ""
    issued: str = ""
    release: Release | None = None
    note: str = ""

    def csl(self):
        """The CSL-JSON item (https://citationstyles.org), as Zotero and citeproc read it."""
        item = {
            "id": self.key,
            "type": self.type,
            "title": self.title,
            "author": [{"literal": name} for name in self.authors],
            "container-title": self.container,
            "publisher": self.publisher,
            "URL": self.url,
            "accessed": {"date-parts": [date_parts(self.accessed.isoformat())]},
            "note": self.note,
        }
        if self.issued:
            item["issued"] = {"date-parts": [date_parts(self.issued)]}
        if self.release:
            item["version"] = self.release.version
        return {name: value for name, value in item.items() if value not in ("", None, [])}

    def bibtex(self):
        entry_type, _ = ENTRY_TYPES[self.type]
        fields = {
            "title": "{" + bibtex_escape(self.title) + "}",  # braced twice: styles keep its capitals
            "author": " and ".join("{" + bibtex_escape(name) + "}" for name in self.authors),
            ("journal" if entry_type == "article" else "howpublished"): bibtex_escape(self.container or SITE_NAME),
            "publisher": bibtex_escape(self.publisher),
            "year": self.issued[:4],
            "month": str(int(self.issued[5:7])) if len(self.issued) >= 7 else "",
            "date": self.issued,
            "version": bibtex_escape(self.release.version) if self.release else "",
            "url": self.url,
            "urldate": self.accessed.isoformat(),
            "note": bibtex_escape(self.note),
        }
        lines = [f"  {name} = {{{value}}}" for name, value in fields.items() if value]
        return f"@{entry_type}{{{self.key},\n" + ",\n".join(lines) + "\n}\n"

    def ris(self):
        _, ris_type = ENTRY_TYPES[self.type]
        tags = [("TY", ris_type), ("TI", self.title)]
        tags += [("AU", name) for name in self.authors]
        tags += [
            ("T2", self.container),
            ("PB", self.publisher),
            ("PY", self.issued[:4]),
            ("DA", ris_date(self.issued)),
            ("ET", self.release.version if self.release else ""),
            ("UR", self.url),
            ("Y2", ris_date(self.accessed.isoformat())),
            ("N1", self.note),
            ("ID", self.key),
        ]
        lines = [f"{tag}  - {one_line(value)}" for tag, value in tags if value]
        return "\r\n".join([*lines, "ER  - ", ""])

    def text(self):
        """The formatted reference, in plain text, naming the release where the style does not."""
        text = formatted(self.csl())
        if self.release and self.release.version not in text:
            text += f" Data release {self.release.version}."
        return text

    def as_dict(self):
        return {"text": self.text(), "csl_json": self.csl(), "bibtex": self.bibtex(), "ris": self.ris()}

    def download(self, name):
        """The reference in one format, as (body, media type, file name); KeyError for an unknown format."""
        media_type, extension = FORMATS[name]
        if name == "csl-json":
            body = json.dumps([self.csl()], ensure_ascii=False, indent=2) + "\n"
        else:
            body = {"bibtex": self.bibtex, "ris": self.ris}[name]()
        return body, media_type, f"{self.key}.{extension}"


def date_parts(iso):
    return [int(part) for part in iso.split("-")]


def ris_date(iso):
    """RIS writes YYYY/MM/DD/ with the parts the precision has."""
    parts = iso.split("-") if iso else []
    return "/".join(parts + [""] * (3 - len(parts))) + "/" if parts else ""


def one_line(value):
    return re.sub(r"\s+", " ", str(value)).strip()


def bibtex_escape(value):
    return "".join(BIBTEX_SPECIAL.get(char, char) for char in one_line(value))


_style = threading.local()


def formatted(item):
    # Reading the style is the slow part (an XML file); each thread keeps the one it read.
    if not hasattr(_style, "style"):
        _style.style = CitationStylesStyle(STYLE, validate=False)
    bibliography = CitationStylesBibliography(_style.style, CiteProcJSON([item]), formatter.plain)
    bibliography.register(Citation([CitationItem(item["id"])]))
    return one_line(str(bibliography.bibliography()[0]))


def current_release():
    """The data release the live data was last frozen as, or None before the first. `CITATION_RELEASE` names
    the function that finds it (config wires the releases' app to the toolkit, which imports no app)."""
    found = import_string(settings.CITATION_RELEASE)() if getattr(settings, "CITATION_RELEASE", "") else None
    return Release(found.version, timezone.localdate(found.made_at)) if found else None


def page_work(request, obj, *, accessed=None):
    """The reference to a record's page. A model may say how it is cited itself (`cited_as()`: a dict of
    Work fields), as an article is, by its author, publisher and publication date."""
    meta = obj._meta
    own = obj.cited_as() if hasattr(obj, "cited_as") else {}
    return Work(
        key=f"peacetalks-{meta.model_name}-{obj.slug}",
        type=own.pop("type", "webpage"),
        title=own.pop("title", f"{obj} ({meta.verbose_name})"),
        url=request.build_absolute_uri(obj.get_absolute_url()),
        accessed=accessed or timezone.localdate(),
        release=current_release(),
        issued=own.pop("issued", last_changed(obj)),
        **own,
    )


def last_changed(obj):
    """A page of the chronology is dated by its record's last change (its History says what it was)."""
    updated = getattr(obj, "updated", None)
    return timezone.localdate(updated).isoformat() if updated else ""


def dataset_work(request, *, url, accessed=None):
    release = current_release()
    return Work(
        key="peacetalks-dataset",
        type="dataset",
        title=DATASET_TITLE,
        url=request.build_absolute_uri(url),
        accessed=accessed or timezone.localdate(),
        release=release,
        issued=release.made.isoformat() if release else "",
    )


def download_response(work, name):
    """The reference as a file to save, or a 400 naming the formats when `name` is none of them."""
    if name not in FORMATS:
        choices = ", ".join(FORMATS)
        return HttpResponseBadRequest(
            f"Unknown citation format {name!r}: choose one of {choices}.", content_type="text/plain; charset=utf-8"
        )
    body, media_type, filename = work.download(name)
    response = HttpResponse(body, content_type=f"{media_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class CiteThisMixin:
    """A page's "Cite this" section (`cite` in its context), and its reference as a file: `?cite=ris`."""

    def get(self, request, *args, **kwargs):
        if not request.GET.get(CITE_PARAM):  # blank is absent, as for every parameter
            return super().get(request, *args, **kwargs)
        return download_response(self.work(), request.GET[CITE_PARAM])

    def work(self):
        """The reference to the page's record; a page that cites something else says what."""
        if getattr(self, "object", None) is None:
            # Only the reference is wanted: the record, without what its page prefetches.
            self.object = self.get_object(self.get_queryset().prefetch_related(None))
        return page_work(self.request, self.object)

    def get_context_data(self, **kwargs):
        return super().get_context_data(cite=self.work(), **kwargs)
