"""docs/audit.md, the sentence-by-sentence audit of the five articles, stays true to them and to the knowledge base.

Each article has a `## NNN …` section with one table row per sentence, in order:
`| # | sentence | what the knowledge base records from it, and where | notes |`. A row whose third cell starts
`**Not factual** (reason)` or `**Not recorded** (reason)` records nothing; any other row names the records it feeds,
as a kind and a slug in backticks (round `eighth-round-of-geneva-talks`).
"""

import re
from collections import Counter

import pytest
from django.conf import settings

from actors.models import Delegation, Envoy, Person
from sources.models import Figure, Source
from talks.models import Milestone, Process, Resolution, TalkRound, Venue

pytestmark = pytest.mark.django_db
AUDIT = settings.BASE_DIR / "docs" / "audit.md"

# A sentence ends at ".", "?" or "!" (and any closing quote) followed by white space and a capital or an opening
# quote, except after an initialism ("U.N. Security Council" is not two sentences). A line break always ends one:
# headlines, bylines, captions and sub-headings have no full stop. Sentences inside a quotation are split too.
BOUNDARY = re.compile(r"(?<=[.?!])[\"”’]?\s+(?=[\"“‘A-Z])")
INITIALISM = re.compile(r"(?:\b[A-Z]\.){2,}$")
SHORTEST_PREFIX = 20

KINDS = {
    "source": Source,
    "round": TalkRound,
    "rounds": TalkRound,
    "milestone": Milestone,
    "milestones": Milestone,
    "resolution": Resolution,
    "resolutions": Resolution,
    "process": Process,
    "venue": Venue,
    "envoy": Envoy,
    "envoys": Envoy,
    "person": Person,
    "people": Person,
    "delegation": Delegation,
    "delegations": Delegation,
    "figure": Figure,
    "figures": Figure,
}
# A kind, then one or more slugs in backticks, each perhaps with a remark in brackets:
# "delegations `united-states` (head John Kerry) and `russia` (host)".
NAMED = re.compile(
    r"\b(" + "|".join(KINDS) + r")\s+((?:`[a-z0-9-]+`(?:\s+\([^()]*\))?(?:,?\s+and\s+|,\s+)?)+)", re.IGNORECASE
)
SLUG_LIKE = re.compile(r"`([a-z0-9-]+)`")
ROW = re.compile(r"\| \d+ \|")
UNRECORDED = re.compile(r"^\*\*(Not factual|Not recorded)\*\* \(([^)]+)\)")


def split_sentences(text):
    sentences = []
    for line in text.splitlines():
        line = line.strip()
        start = 0
        for boundary in BOUNDARY.finditer(line):
            if INITIALISM.search(line[start : boundary.start()]):
                continue
            sentences.append(line[start : boundary.end()].strip())
            start = boundary.end()
        if line:
            sentences.append(line[start:].strip())
    return sentences


def normalise(text):
    """One space for any run of white space, non-breaking spaces included (the audit prints them as spaces)."""
    return " ".join(text.split())


def audit_text():
    return AUDIT.read_text(encoding="utf-8")


def article_tables():
    """{"000": [[#, sentence, records, notes], …], …} from each `## NNN` section."""
    tables = {}
    for section in re.finditer(r"^## (\d{3})\b.*?(?=^## |\Z)", audit_text(), re.M | re.S):
        lines = [line.strip() for line in section.group(0).splitlines() if ROW.match(line)]
        rows = [line[2:-2].split(" | ") for line in lines]
        assert all(len(row) == 4 for row in rows), section.group(1)
        tables[section.group(1)] = rows
    return tables


def why_not_recorded(row):
    """'Not factual (byline)', 'Not recorded (repeat)', … or None for a row that records something."""
    match = UNRECORDED.match(row[2])
    return match and f"{match.group(1)} ({match.group(2)})"


def summary_table(header):
    """The rows of the table whose first header cell is `header`, as {first cell: [int, …]}."""
    lines = audit_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {header} |"))
    table = {}
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        first, *numbers = (cell.strip() for cell in line.strip().strip("|").split("|"))
        table[first] = [int(n) for n in numbers]
    return table


def test_every_sentence_of_every_article_has_its_own_row_in_order():
    tables = article_tables()
    sources = {source.file_name[:3]: source for source in Source.objects.all()}
    assert sorted(tables) == sorted(sources)
    for number, source in sources.items():
        sentences = [normalise(s) for s in split_sentences(source.text)]
        rows = tables[number]
        assert [row[0] for row in rows] == [str(n) for n in range(1, len(sentences) + 1)], number
        for row, sentence in zip(rows, sentences, strict=True):
            head, *_, tail = [normalise(part) for part in row[1].split("…")] + [""]
            where = f"{number} #{row[0]}: {sentence[:60]!r}"
            assert sentence.startswith(head) and len(head) >= min(SHORTEST_PREFIX, len(sentence)), where
            assert "…" not in row[1] or sentence.endswith(tail), where


def test_every_slug_the_audit_names_exists_in_the_knowledge_base():
    text = audit_text()
    wanted = {}
    for kind, slugs in NAMED.findall(text):
        wanted.setdefault(KINDS[kind.lower()], set()).update(SLUG_LIKE.findall(slugs))
    named = set().union(*wanted.values())
    assert set(SLUG_LIKE.findall(text)) <= named, "a slug in backticks without its kind before it"
    for model, slugs in wanted.items():
        found = set(model.objects.filter(slug__in=slugs).values_list("slug", flat=True))
        assert slugs <= found, (model.__name__, sorted(slugs - found))


def test_a_row_that_records_something_names_where():
    for number, rows in article_tables().items():
        for row in rows:
            assert why_not_recorded(row) or NAMED.search(row[2]), f"{number} #{row[0]}"


def test_the_summary_counts_are_what_the_tables_contain():
    tables = article_tables()
    counts, reasons = {}, {}
    for number, rows in sorted(tables.items()):
        why = Counter(why_not_recorded(row) for row in rows)
        not_factual = sum(n for reason, n in why.items() if reason and reason.startswith("Not factual"))
        not_recorded = sum(n for reason, n in why.items() if reason and reason.startswith("Not recorded"))
        counts[number] = [len(rows), not_factual, len(rows) - not_factual, why[None], not_recorded]
        for reason in filter(None, why):
            reasons.setdefault(reason, Counter())[number] = why[reason]
    counts["all"] = [sum(column) for column in zip(*counts.values(), strict=True)]
    assert summary_table("article") == counts
    by_reason = {
        reason: [per_article[number] for number in sorted(tables)] + [per_article.total()]
        for reason, per_article in reasons.items()
    }
    assert summary_table("why nothing is recorded from it") == by_reason
