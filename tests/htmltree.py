"""A small HTML tree for the view tests, on the standard library's parser: find elements, read their text.

Enough to check markup (landmarks, headings, labels, microformats, anchors) without a new dependency.
"""

import json
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Element:
    def __init__(self, tag, attrs=(), parent=None):
        self.tag = tag
        self.attrs = {name: value if value is not None else "" for name, value in attrs}
        self.parent = parent
        self.children = []

    def __repr__(self):
        return f"<{self.tag} {self.attrs}>"

    @property
    def classes(self):
        return set(self.attrs.get("class", "").split())

    @property
    def id(self):
        return self.attrs.get("id")

    def get(self, name, default=None):
        return self.attrs.get(name, default)

    def iter(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag=None, *, cls=None, **attrs):
        """Descendants by tag, class (one of their classes) and attribute values (`id_`, `for_` for reserved names)."""
        wanted = {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}
        return [
            el
            for el in self.iter()
            if (tag is None or el.tag == tag)
            and (cls is None or cls in el.classes)
            and all(el.attrs.get(name) == value for name, value in wanted.items())
        ]

    def find(self, tag=None, *, cls=None, **attrs):
        found = self.find_all(tag, cls=cls, **attrs)
        return found[0] if found else None

    def by_id(self, value):
        return self.find(id_=value)

    @property
    def raw_text(self):
        return "".join(child if isinstance(child, str) else child.raw_text for child in self.children)

    @property
    def text(self):
        return " ".join(self.raw_text.split())

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html):
    if isinstance(html, bytes):
        html = html.decode()
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def h_events(root):
    """The microformats2 h-events of a page, as dicts of the properties the timeline publishes."""
    events = []
    for event in root.find_all(cls="h-event"):

        def first(cls, event=event):
            return event.find(cls=cls)

        name, url, start, end, location = (first(c) for c in ("p-name", "u-url", "dt-start", "dt-end", "p-location"))
        events.append(
            {
                "element": event,
                "name": name.text if name else None,
                "url": url.get("href") if url else None,
                "start": start.get("datetime") if start else None,
                "end": end.get("datetime") if end else None,
                "location": location.text if location else None,
            }
        )
    return events


def json_ld(root):
    return [json.loads(script.raw_text) for script in root.find_all("script", type="application/ld+json")]


LANDMARKS = ("header", "nav", "main", "footer")
EXTERNAL = ("http://", "https://", "//")


def page_problems(root):
    """What the house style forbids on any page, as a list of problems (empty when the page is sound)."""
    problems = []
    headings = [el for el in root.iter() if el.tag in {"h1", "h2", "h3", "h4", "h5", "h6"}]
    if [h.tag for h in headings].count("h1") != 1:
        problems.append(f"{[h.tag for h in headings].count('h1')} h1 elements")
    if headings and headings[0].tag != "h1":
        problems.append(f"the first heading is {headings[0].tag}")
    for before, after in zip(headings, headings[1:], strict=False):
        if int(after.tag[1]) > int(before.tag[1]) + 1:
            problems.append(f"{before.tag} '{before.text}' is followed by {after.tag} '{after.text}'")
    for landmark in LANDMARKS:
        if root.find(landmark) is None:
            problems.append(f"no <{landmark}>")
    html = root.find("html")
    if html is None or not html.get("lang"):
        problems.append("no lang on <html>")
    links = root.find("body").find_all("a") if root.find("body") else []
    if not links or links[0].get("href") != "#main" or root.by_id("main") is None:
        problems.append("no skip link to #main first in the body")
    labelled = {label.get("for") for label in root.find_all("label")}
    for control in root.find_all("input") + root.find_all("select") + root.find_all("textarea"):
        if control.get("type") in {"hidden", "submit"}:
            continue
        if control.id not in labelled and not control.get("aria-label"):
            problems.append(f"unlabelled control {control}")
    ids = [el.id for el in root.iter() if el.id]
    problems += [f"duplicate id {i}" for i in sorted({i for i in ids if ids.count(i) > 1})]
    problems += [f"inline style on {el}" for el in root.iter() if "style" in el.attrs]
    problems += ["a <style> element" for _ in root.find_all("style")]
    problems += [
        f"script {el}" for el in root.find_all("script") if el.get("type") != "application/ld+json" or el.get("src")
    ]
    for el in root.iter():
        for attr in ("src", "href"):
            value = el.get(attr, "")
            if el.tag != "a" and value.startswith(EXTERNAL):
                problems.append(f"asset from another host: {el}")
    problems += [f"<time> without datetime: {el.text}" for el in root.find_all("time") if not el.get("datetime")]
    return problems
