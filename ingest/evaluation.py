"""Leave-one-out evaluation of the extraction engine against the curated knowledge base.

For each curated article A:

1. **Knowledge base without A.** From the fixture JSON (read fresh), every record that no other article
   cites — neither by its own citations nor by those of its nested entries (a person's roles, a round's
   delegations) — is removed; a record another article cites stays, minus A's citations, and so do its
   nested entries that another article cites. (A person whose own citations are all A's but whose role
   another article cites would have been created by reading that article, and an envoy record that stays
   needs its person.) A's Source stays only as the text being ingested.
2. **Run** `extract` on A's text with A's curated publication date (possibly a window).
3. **Gold**: the curated records that cite A (by their own citations, or, for people, their roles').

**Pairing a proposal with a curated record** (one-to-one, per kind):

- a proposal whose `match` is a slug pairs with the curated record of that slug, if that record cites A;
- otherwise a proposal and a curated record of the same kind are candidates when they share evidence:
  a citation of the proposal and a quote of the record cite overlapping characters of A's text, or
  (people, delegations, venues, resolutions) the proposal's name, slug or code is the record's name,
  slug, code or one of its aliases;
- candidates are paired greedily by a score: overlapping quotes first, then agreement of date, value,
  round number and venue. Each proposal and each record is used at most once.

**Judging a pair** (only what the curated record itself holds is checked):

- round: venue equal; date right (below); status equal; envoys equal as sets; heads: every curated
  (delegation, head) pair present;
- milestone, resolution: date as for rounds;
- figure: value equal (to 4 decimal places, both null for an order of magnitude) and qualifier equal;
- a proposal's date is *finer than the curated* when its precision is finer than the curated precision
  of the same date (a date where the curated record has none counts as finer).

**Dates.** A date is *equal* when start, start_latest and end each equal the curated value at the curated
precision; a span known only by its end (`start: null, end: "2017-12"`) is compared the same way. A curated
date with basis `external` was taken from outside the articles, so the text cannot be expected to give
it; it is judged on what the proposal claims, never on a guess:

- *equal*: as above (the publication date the engine is given can carry what the text lacks);
- *consistent*: the proposal's date is coarser and contains the curated one (its start contains the
  curated start, its end the curated end): true, and no finer than the text;
- *undated*: the proposal gives no date: the text gave none, and none was invented;
- *wrong*: anything else — a date that does not contain the curated one, or one finer than it.

The first three pass the date check; the report counts each apart (`external` in the tables), so a score
reached by abstaining is visible. A date that is not external must be equal.
**Recall** of a kind = curated records of A paired (and, for rounds and figures, judged correct on the
criteria named) / curated records of A. **Precision** = paired proposals / proposals of that kind.
**Matches**: of the curated records citing A that stayed in the knowledge base, the share whose proposal
carries `match` = their slug. Venues, processes, envoys and delegations already known are never proposed:
the engine refers to them by slug inside rounds and milestones; their recall counts a known record as
found when some proposal's fields refer to it.
Quotes: every citation's `quote` must be a verbatim substring of A's text.
"""

import json
import time
from collections import Counter
from copy import deepcopy
from pathlib import Path

from ingest.extraction import AnchorDate, KnowledgeBase, extract
from ingest.extraction.article import precision_of
from ingest.extraction.dates import FINER, Period
from ingest.extraction.kb import read_fixture_dir
from ingest.extraction.model import FIXTURE_LIST

KINDS = ("round", "milestone", "resolution", "figure", "person", "delegation", "venue", "process", "envoy")
REFERENCED = {"venue": ("venue",), "process": ("process",), "envoy": ("envoys",), "delegation": ("delegations",)}
# Kinds the engine proposes as matches; known venues, processes, envoys and delegations are referenced instead.
MATCHED_KINDS = ("round", "milestone", "resolution", "figure", "person")
EXTERNAL_VERDICTS = ("equal", "consistent", "undated", "wrong")
TARGETS = {"round_recall": 0.8, "figure_recall": 0.9, "precision": 0.7, "finer_dates": 0, "non_verbatim": 0}


def cites(record, source):
    return any(c.get("source") == source for c in record.get("citations", []))


def cites_anywhere(record, source):
    nested = [*record.get("roles", []), *record.get("delegations", [])]
    return cites(record, source) or any(isinstance(n, dict) and cites(n, source) for n in nested)


def _cited_elsewhere(citations, source):
    return any(c["source"] != source for c in citations)


def without_source(data, source):
    """The fixtures as they would be had article `source` never been read."""
    kept = {}
    for key, records in data.items():
        if key == "sources":
            kept[key] = [r for r in records if r["slug"] != source]
            continue
        kept[key] = []
        for record in records:
            own = record.get("citations", [])
            nested_citations = [
                c for n in _nested(record) for c in n.get("citations", [])
            ]  # fmt: skip
            if (own or nested_citations) and not _cited_elsewhere(own + nested_citations, source):
                continue
            record = deepcopy(record)
            record["citations"] = [c for c in own if c["source"] != source]
            for nested in ("roles", "delegations"):
                if _nested(record, nested):
                    record[nested] = [
                        {**n, "citations": [c for c in n.get("citations", []) if c["source"] != source]}
                        for n in record[nested]
                        if not n.get("citations") or _cited_elsewhere(n["citations"], source)
                    ]
            kept[key].append(record)
    return kept


def _nested(record, *keys):
    """A record's nested cited entries (a person's roles, a round's delegations)."""
    entries = []
    for key in keys or ("roles", "delegations"):
        value = record.get(key)
        if isinstance(value, list):
            entries += [n for n in value if isinstance(n, dict)]
    return entries


def _spans(text, quote):
    spans, start = [], text.find(quote)
    while start != -1:
        spans.append((start, start + len(quote)))
        start = text.find(quote, start + 1)
    return spans


def _overlap(text, proposal, record, source):
    mine = [s for c in proposal["citations"] for s in _spans(text, c["quote"])]
    quotes = [c["quote"] for c in record.get("citations", []) if c["source"] == source]
    for nested in ("roles", "delegations"):
        for n in record.get(nested, []) or []:
            if isinstance(n, dict):
                quotes += [c["quote"] for c in n.get("citations", []) if c["source"] == source]
    theirs = [s for q in quotes for s in _spans(text, q)]
    return sum(1 for a in mine for b in theirs if a[0] < b[1] and b[0] < a[1])


def _names(record):
    names = {record.get("slug"), record.get("name"), record.get("code"), record.get("abbreviation")}
    names |= set(record.get("aliases", []) or [])
    return {n.lower() for n in names if n}


def date_equal(proposed, curated):
    """Start, start_latest and end equal at the curated precision (and none proposed where none is curated)."""
    return all((curated.get(key) or None) == (proposed.get(key) or None) for key in ("start", "start_latest", "end"))


def date_finer(proposed, curated):
    cp = precision_of(curated.get("start") or curated.get("end"))
    pp = precision_of(proposed.get("start") or proposed.get("end"))
    if pp is None:
        return False
    if cp is None:
        return curated.get("basis") != "external"
    return FINER[pp] < FINER[cp]


def _periods(fields):
    """(start, end) as Periods (the start a window when start_latest is given); None where absent or malformed."""
    try:
        start = Period.from_iso(fields["start"], fields.get("start_latest")) if fields.get("start") else None
        end = Period.from_iso(fields["end"]) if fields.get("end") else None
    except ValueError:
        return None, None
    return start, end


def judge_date(proposed, curated):
    """'equal', 'consistent', 'undated' or 'wrong', as the module docstring defines them."""
    if date_equal(proposed, curated):
        return "equal"
    if curated.get("basis") != "external":
        return "wrong"
    mine_start, mine_end = _periods(proposed)
    if mine_start is None and mine_end is None:
        return "undated"
    if date_finer(proposed, curated):
        return "wrong"
    their_start, their_end = _periods(curated)
    if mine_start is not None and (their_start is None or not mine_start.contains(their_start)):
        return "wrong"
    their_end = their_end or their_start
    if mine_end is not None and (their_end is None or not mine_end.contains(their_end)):
        return "wrong"
    return "consistent"


def _figure_value(a, b):
    if a is None or b is None:
        return a is None and b is None
    return round(float(a), 4) == round(float(b), 4)


def _score(text, proposal, record, source, kind):
    f = proposal["fields"]
    score = 10 * _overlap(text, proposal, record, source)
    if kind in {"person", "delegation", "venue", "resolution", "process", "envoy"}:
        mine = {str(x).lower() for x in (f.get("slug"), f.get("name"), f.get("code")) if x}
        if mine & _names(record):
            score += 10
    if score == 0:
        return 0
    if kind == "figure":
        score += 3 * _figure_value(f.get("value"), record.get("value")) + (f.get("measure") == record.get("measure"))
    else:
        score += 2 * date_equal(f, record) + 2 * (f.get("round_number") == record.get("round_number") is not None)
        score += f.get("venue") == record.get("venue") is not None
    return score


def pair(text, proposals, gold, source, kept_slugs):
    """One-to-one pairs (proposal, record) per kind, as described in the module docstring."""
    pairs, used_p, used_g = [], set(), set()
    by_slug = {(k, r["slug"]): r for k, rs in gold.items() for r in rs}
    for i, p in enumerate(proposals):
        if p["match"] and (p["kind"], p["match"]) in by_slug and (p["kind"], p["match"]) not in used_g:
            pairs.append((p, by_slug[(p["kind"], p["match"])]))
            used_p.add(i)
            used_g.add((p["kind"], p["match"]))
    candidates = []
    for i, p in enumerate(proposals):
        if i in used_p or p["match"]:
            continue
        for r in gold.get(p["kind"], []):
            if (p["kind"], r["slug"]) in used_g or r["slug"] in kept_slugs.get(p["kind"], set()):
                continue
            score = _score(text, p, r, source, p["kind"])
            if score:
                candidates.append((score, i, p["kind"], r["slug"]))
    for kind in KINDS:
        for i, slug in _best_assignment([c for c in candidates if c[2] == kind]):
            pairs.append((proposals[i], by_slug[(kind, slug)]))
    return pairs


def _best_assignment(candidates):
    """The one-to-one pairs with the most pairs, then the highest total score (exact for up to 16 records)."""
    slugs = sorted({c[3] for c in candidates})
    if not slugs:
        return []
    if len(slugs) > 16:
        chosen, used_p, used_g = [], set(), set()
        for _score, i, _kind, slug in sorted(candidates, key=lambda c: -c[0]):
            if i not in used_p and slug not in used_g:
                chosen.append((i, slug))
                used_p.add(i)
                used_g.add(slug)
        return chosen
    index = {slug: n for n, slug in enumerate(slugs)}
    by_proposal = {}
    for score, i, _kind, slug in candidates:
        by_proposal.setdefault(i, []).append((index[slug], score))
    best = {0: ((0, 0), [])}  # mask of used records -> ((pairs, score), chosen)
    for i, options in by_proposal.items():
        step = dict(best)
        for mask, ((count, total), chosen) in best.items():
            for g, score in options:
                if mask & (1 << g):
                    continue
                key = mask | (1 << g)
                value = (count + 1, total + score)
                if key not in step or step[key][0] < value:
                    step[key] = (value, [*chosen, (i, slugs[g])])
        best = step
    return max(best.values(), key=lambda v: v[0])[1]


def evaluate_article(data, source_record):
    source = source_record["slug"]
    text = source_record["text"]
    reduced = without_source(data, source)
    kb = KnowledgeBase.from_fixtures(reduced)
    anchor = AnchorDate.from_fixture(source_record["published"])
    started = time.perf_counter()
    extraction = extract(text, published=anchor, kb=kb, source_slug=source).to_dict()
    seconds = time.perf_counter() - started
    proposals = extraction["proposals"]
    gold = {
        kind: [r for r in data.get(FIXTURE_LIST[kind], []) if cites_anywhere(r, source)] for kind in KINDS
    }  # fmt: skip
    kept_slugs = {kind: {r["slug"] for r in reduced.get(FIXTURE_LIST[kind], [])} for kind in KINDS}
    pairs = pair(text, proposals, gold, source, kept_slugs)
    report = {"article": source, "seconds": round(seconds, 3), "kinds": {}, "finer_dates": [], "non_verbatim": []}
    for p in proposals:
        for c in p["citations"]:
            if c["quote"] not in text:
                report["non_verbatim"].append(c["quote"])
    referenced = Counter()
    for p in proposals:
        for key in ("venue", "process", "envoys", "delegations"):
            value = p["fields"].get(key)
            values = value if isinstance(value, list) else [value]
            for v in values:
                slug = v.get("delegation") if isinstance(v, dict) else v
                if slug:
                    referenced[(key, slug)] += 1
    for kind in KINDS:
        mine = [p for p in proposals if p["kind"] == kind]
        theirs = gold[kind]
        kind_pairs = [(p, r) for p, r in pairs if p["kind"] == kind]
        row = {"gold": len(theirs), "proposed": len(mine), "paired": len(kind_pairs), "misses": []}
        correct = 0
        for p, r in kind_pairs:
            f = p["fields"]
            ok = True
            checks = {}
            if kind in {"round", "milestone", "resolution"}:
                verdict = judge_date(f, r)
                checks["date"] = verdict != "wrong"
                if r.get("basis") == "external":
                    row[f"external_{verdict}"] = row.get(f"external_{verdict}", 0) + 1
                if date_finer(f, r):
                    report["finer_dates"].append({"kind": kind, "slug": r["slug"], "proposed": f.get("start"),
                                                  "curated": r.get("start")})  # fmt: skip
            if kind == "round":
                checks["venue"] = f.get("venue") == r.get("venue")
                checks["status"] = f.get("status") == r.get("status")
                checks["envoys"] = set(f.get("envoys", [])) == set(r.get("envoys", []))
                heads = {(d["delegation"], d.get("head")) for d in r.get("delegations", []) if d.get("head")}
                mine_heads = {(d["delegation"], d.get("head")) for d in f.get("delegations", []) if d.get("head")}
                checks["heads"] = heads <= mine_heads
                ok = checks["venue"] and checks["date"]
            if kind == "figure":
                checks["value"] = _figure_value(f.get("value"), r.get("value"))
                checks["qualifier"] = f.get("qualifier", "exact") == r.get("qualifier", "exact")
                checks["as_of"] = (f.get("as_of") or {}).get("date") == (r.get("as_of") or {}).get("date")
                ok = checks["value"] and checks["qualifier"]
                if date_finer({"start": (f.get("as_of") or {}).get("date")}, {"start": (r.get("as_of") or {}).get(
                        "date"), "basis": (r.get("as_of") or {}).get("basis")}):  # fmt: skip
                    report["finer_dates"].append({"kind": kind, "slug": r["slug"]})
            for name, value in checks.items():
                row[name] = row.get(name, 0) + bool(value)
            correct += ok
            if not ok:
                row["misses"].append({"slug": r["slug"], "failed": [k for k, v in checks.items() if not v]})
        row["correct"] = correct
        paired_slugs = {r["slug"] for p, r in kind_pairs}
        row["unpaired_gold"] = [r["slug"] for r in theirs if r["slug"] not in paired_slugs]
        row["unpaired_proposals"] = [p["fields"].get("title") or p["fields"].get("name") or p["fields"].get(
            "value_text") for p in mine if not any(p is q for q, _ in kind_pairs)]  # fmt: skip
        if kind in REFERENCED:
            key = REFERENCED[kind][0]
            found = [r for r in theirs if r["slug"] in paired_slugs or (key, r["slug"]) in referenced]
            row["found"] = len(found)
            # A known venue, process, envoy or delegation is found by reference: only the others were missed.
            row["unpaired_gold"] = [r["slug"] for r in theirs if r not in found]
        kept = [r for r in theirs if r["slug"] in kept_slugs[kind]]
        row["kept"] = len(kept)
        row["matched"] = sum(1 for r in kept if any(p["match"] == r["slug"] for p in mine))
        report["kinds"][kind] = row
    return report


def evaluate(fixtures_dir):
    data = read_fixture_dir(fixtures_dir)
    started = time.perf_counter()
    articles = [evaluate_article(data, s) for s in data["sources"]]
    return summarise(articles, time.perf_counter() - started)


def summarise(articles, seconds):
    total = {}
    for kind in KINDS:
        row = Counter()
        for a in articles:
            for k, v in a["kinds"][kind].items():
                if isinstance(v, int):
                    row[k] += v
        total[kind] = dict(row)
    proposed = sum(t["proposed"] for t in total.values())
    paired = sum(t["paired"] for t in total.values())
    summary = {
        "round_recall": _ratio(total["round"]["correct"], total["round"]["gold"]),
        "figure_recall": _ratio(total["figure"]["correct"], total["figure"]["gold"]),
        "precision": _ratio(paired, proposed),
        "finer_dates": sum(len(a["finer_dates"]) for a in articles),
        "non_verbatim": sum(len(a["non_verbatim"]) for a in articles),
        "matches": _ratio(
            sum(total[k]["matched"] for k in MATCHED_KINDS), sum(total[k]["kept"] for k in MATCHED_KINDS)
        ),
        "seconds": round(seconds, 2),
    }
    summary["targets_met"] = (
        summary["round_recall"] >= TARGETS["round_recall"]
        and summary["figure_recall"] >= TARGETS["figure_recall"]
        and summary["precision"] >= TARGETS["precision"]
        and summary["finer_dates"] == 0
        and summary["non_verbatim"] == 0
    )
    return {"articles": articles, "total": total, "summary": summary}


def _ratio(a, b):
    return round(a / b, 3) if b else 1.0


def _pct(a, b):
    return f"{a}/{b} ({100 * a / b:.0f}%)" if b else "–"


def markdown(result):
    s = result["summary"]
    lines = [
        "# Extraction: leave-one-out over the curated articles",
        "",
        f"Rounds recalled (venue and date at the curated precision): **{100 * s['round_recall']:.0f}%** "
        f"(target 80%) · figures (value and qualifier): **{100 * s['figure_recall']:.0f}%** (target 90%) · "
        f"precision overall: **{100 * s['precision']:.0f}%** (target 70%) · dates finer than curated: "
        f"**{s['finer_dates']}** · quotes not verbatim: **{s['non_verbatim']}** · matches to kept records: "
        f"**{100 * s['matches']:.0f}%** · {s['seconds']} s in all · targets met: **{s['targets_met']}**",
        "",
        "## Per kind, all articles",
        "",
        "| kind | curated | proposed | paired | recall | precision | detail | matches (kept) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for kind in KINDS:
        t = result["total"][kind]
        recall_n = t.get("correct", 0) if kind in {"round", "figure"} else t.get("found", t["paired"])
        if kind in REFERENCED:
            recall_n = t.get("found", t["paired"])
        detail = ", ".join(f"{k} {t[k]}/{t['paired']}" for k in ("venue", "date", "status", "envoys", "heads",
                                                                  "value", "qualifier", "as_of") if k in t)  # fmt: skip
        external = ", ".join(f"{n} {verdict}" for verdict in EXTERNAL_VERDICTS if (n := t.get(f"external_{verdict}")))
        if external:
            detail += f" (external dates: {external})"
        lines.append(
            f"| {kind} | {t['gold']} | {t['proposed']} | {t['paired']} | {_pct(recall_n, t['gold'])} | "
            f"{_pct(t['paired'], t['proposed'])} | {detail} | {t['matched']}/{t['kept']} |"
        )
    lines += [
        "",
        "## Per article",
        "",
        "| article | seconds | rounds | figures | people | resolutions | milestones | proposals paired | finer dates"
        " | not verbatim |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for a in result["articles"]:
        k = a["kinds"]
        proposed = sum(r["proposed"] for r in k.values())
        paired = sum(r["paired"] for r in k.values())
        lines.append(
            f"| {a['article']} | {a['seconds']} | {_pct(k['round']['correct'], k['round']['gold'])} | "
            f"{_pct(k['figure']['correct'], k['figure']['gold'])} | {_pct(k['person']['paired'], k['person']['gold'])}"
            f" | {_pct(k['resolution']['paired'], k['resolution']['gold'])} | "
            f"{_pct(k['milestone']['paired'], k['milestone']['gold'])} | {_pct(paired, proposed)} | "
            f"{len(a['finer_dates'])} | {len(a['non_verbatim'])} |"
        )
    lines += ["", "## What was missed", ""]
    for a in result["articles"]:
        for kind, row in a["kinds"].items():
            for miss in row["misses"]:
                lines.append(
                    f"- {a['article']}: {kind} `{miss['slug']}` paired but wrong on {', '.join(miss['failed'])}"
                )
            for slug in row["unpaired_gold"]:
                lines.append(f"- {a['article']}: {kind} `{slug}` not proposed")
            for title in row["unpaired_proposals"]:
                lines.append(f"- {a['article']}: proposed {kind} '{title}' has no curated counterpart")
    return "\n".join(lines) + "\n"


def main(fixtures_dir=None):
    fixtures_dir = fixtures_dir or Path(__file__).resolve().parent.parent / "fixtures"
    return evaluate(fixtures_dir)


# ---------------------------------------------------------------------------------------------------
# Articles nobody here has curated: judged against a gold of key facts, and of what must not be said
#
# A gold is a JSON object (tests/ingest/unseen/*.gold.json):
#
#   {"published": "2022-05-30",
#    "expect": [{"kind": "round", "about": ["the ninth such session"], "match": null,
#                "fields": {"process": …, "round_number": 9, "start": "2022-05-30", "end": "2022-06-03", …},
#                "allowed": {"round_number": [null, 7]}, "envoys": […], "delegations": […], "delegations_allowed": […],
#                "heads": {"syrian-government-delegation": "ahmad-al-kuzbari", "side:opposition": "…"},
#                "roles": ["opposition"]}, …],
#    "tolerate": [{"kind": "figure", "fields": {"measure": "duration", "value": 6}}, …],
#    "false": [{"kind": "round", "fields": {"start": "2019"}, "why": "…"}, …]}
#
# Pairing: a proposal is about an expected record of its kind when one of its quotes holds one of the record's
# `about` phrases, or it carries the record's `match`, slug or code, or (figures) its measure and value; of
# several, the one its fields agree with most. Each expected record's key facts are: that it is proposed, each
# of its `fields` (a date — start, start_latest, end — is one fact, judged as the leave-one-out scorer judges
# an external date), its match when it names one, each envoy, delegation and head, each role's words.
#
# A proposal asserts something false when: a field differs from the gold's (a date that is neither equal, nor
# coarser and containing it, nor absent), or lies outside `allowed`; its match is not the gold's; it names an
# envoy, delegation or head the gold does not; it is a second proposal for one record (a duplicate event); it is
# about nothing the gold expects or tolerates; or it fits a `false` entry. Each such proposal counts once.

DATE_KEYS = ("start", "start_latest", "end")
PAIRED_BY_SLUG = {"person", "envoy", "venue", "process", "delegation"}


def _fits(value, wanted):
    if isinstance(wanted, float | int) and isinstance(value, float | int) and not isinstance(wanted, bool):
        return round(float(value), 4) == round(float(wanted), 4)
    return value == wanted


def _gold_date(fields):
    return {key: fields[key] for key in DATE_KEYS if key in fields}


def _date_verdict(proposed, gold):
    """equal, consistent (coarser and containing), undated, or wrong."""
    return judge_date({k: proposed.get(k) for k in DATE_KEYS}, {**gold, "basis": "external"})


def _quotes(proposal):
    return [c["quote"] for c in proposal["citations"]]


def _about(proposal, entry):
    """Whether the proposal speaks of the gold entry: a quote holds an `about` phrase, or it names the record."""
    f = proposal["fields"]
    if entry.get("match") and proposal["match"] == entry["match"]:
        return True
    if entry.get("slug") and entry["slug"] in {proposal["match"], f.get("slug")}:
        return True
    if entry.get("code") and f.get("code") == entry["code"]:
        return True
    if proposal["kind"] in PAIRED_BY_SLUG:
        return False
    if any(phrase in quote for phrase in entry.get("about", []) for quote in _quotes(proposal)):
        return True
    wanted = entry.get("fields", {})
    if proposal["kind"] == "figure" and {"measure", "value"} <= set(wanted):
        return f.get("measure") == wanted["measure"] and _fits(f.get("value"), wanted["value"])
    return False


def _agreement(proposal, entry):
    f = proposal["fields"]
    wanted = entry.get("fields", {})
    score = sum(1 for k, v in wanted.items() if k not in DATE_KEYS and _fits(f.get(k), v))
    # A number or a known record names an event more surely than its other fields.
    if f.get("round_number") is not None:
        score += 3 if f["round_number"] == wanted.get("round_number") else -3
    if entry.get("match") and proposal["match"] == entry["match"]:
        score += 3
    if _gold_date(wanted) and _date_verdict(f, _gold_date(wanted)) == "equal":
        score += 1
    return score


def _side_of(slug, kb, proposals):
    record = kb.get("delegations", slug)
    if record is not None:
        return record.get("side")
    new = next((p for p in proposals if p["kind"] == "delegation" and p["fields"].get("slug") == slug), None)
    return new["fields"].get("side") if new else None


def _delegation_key(slug, wanted, kb, proposals):
    """The gold's key for a proposal's delegation: its slug if the gold names it, else 'side:<side>'."""
    if slug in wanted:
        return slug
    side = _side_of(slug, kb, proposals)
    return f"side:{side}" if f"side:{side}" in wanted else None


def judge_against_gold(result, gold, kb):
    """Key facts recalled and proposals asserting something false, for one article read without a curator."""
    proposals = result["proposals"]
    expected = gold.get("expect", [])
    facts, recalled, missed, wrong = 0, 0, [], {}

    def false(p, why):
        wrong.setdefault(p["id"], {"id": p["id"], "kind": p["kind"], "what": _what(p), "why": []})["why"].append(why)

    # Pair each proposal with the expected record it is about (the one it agrees with most), else a tolerated one.
    paired = {i: [] for i in range(len(expected))}
    for p in proposals:
        candidates = [(i, e) for i, e in enumerate(expected) if e["kind"] == p["kind"] and _about(p, e)]
        if candidates:
            i, _e = max(candidates, key=lambda c: _agreement(p, c[1]))
            paired[i].append(p)
        elif not any(e["kind"] == p["kind"] and _tolerated(p, e) for e in gold.get("tolerate", [])):
            false(p, "not in the gold: the article does not state it")
        for entry in gold.get("false", []):
            if entry["kind"] == p["kind"] and _tolerated(p, entry):
                false(p, entry.get("why", "the gold says this is false"))

    for i, entry in enumerate(expected):
        label = entry.get("label") or entry.get("slug") or entry.get("code") or json.dumps(entry.get("fields", {}))
        # The proposal for the record: the one with its match, else the one agreeing most; any other is a duplicate,
        # and is judged like it.
        mine = sorted(paired[i], key=lambda p, e=entry: (p["match"] != e.get("match"), -_agreement(p, e)))
        for rank, p in enumerate(mine or [None]):
            if rank:
                false(p, f"a second proposal for one record ({label}): a duplicate")

            def fact(ok, what, _where=f"{entry['kind']} {label}", _counted=not rank):
                nonlocal facts, recalled
                if not _counted:
                    return
                facts += 1
                recalled += bool(ok)
                if not ok:
                    missed.append(f"{_where}: {what}")

            _judge_entry(p, entry, fact, false, kb, proposals)
    return {
        "facts": facts,
        "recalled": recalled,
        "recall": _ratio(recalled, facts),
        "missed": missed,
        "wrong": list(wrong.values()),
        "proposals": len(proposals),
    }


def _judge_entry(p, entry, fact, false, kb, proposals):
    """The key facts of one expected record that proposal `p` (or None) gives, and what it says that is false."""
    f = p["fields"] if p else {}
    fact(p is not None, "not proposed")
    if entry.get("match"):
        fact(p is not None and p["match"] == entry["match"], f"not matched to {entry['match']}")
    if p is not None and "match" in entry and p["match"] != entry["match"]:
        false(p, f"matched to {p['match']!r}, which is not the record it speaks of ({entry['match']!r})")
    wanted = entry.get("fields", {})
    for key, value in wanted.items():
        if key in DATE_KEYS:
            continue
        fact(_fits(f.get(key), value), f"{key} is not {value!r}")
        if p is not None and f.get(key) not in (None, "", []) and not _fits(f.get(key), value):
            false(p, f"{key} {f.get(key)!r}, where the text gives {value!r}")
    if _gold_date(wanted):
        verdict = _date_verdict(f, _gold_date(wanted)) if p else "undated"
        fact(verdict == "equal", f"date is not {_gold_date(wanted)}")
        if verdict == "wrong":
            false(p, f"date {_gold_date(f)}, where the text gives {_gold_date(wanted)}")
    for key, values in entry.get("allowed", {}).items():
        if p is not None and key in DATE_KEYS:
            allowed = [v for v in values if v is not None]
            if f.get(key) and not any(_date_verdict({key: f.get(key)}, {key: v}) != "wrong" for v in allowed):
                false(p, f"{key} {f.get(key)!r}, where only {values!r} fit the text")
        elif p is not None and f.get(key) not in (None, "") and f.get(key) not in values:
            false(p, f"{key} {f.get(key)!r}, where only {values!r} fit the text")
    _judge_people_of_event(p, entry, fact, false, kb, proposals)
    for words in entry.get("roles", []):
        titles = " | ".join(r.get("title", "") for r in f.get("roles", []))
        fact(words.lower() in titles.lower(), f"no role with '{words}'")


def _judge_people_of_event(p, entry, fact, false, kb, proposals):
    """Envoys, delegations and heads of a round or milestone, as the gold lists them (when it lists them); with no
    proposal (None), each is a key fact missed."""
    f = p["fields"] if p else {}
    if p is None:
        false = _nothing  # nothing proposed, nothing asserted
    if "envoys" in entry:
        for envoy in entry["envoys"]:
            fact(envoy in f.get("envoys", []), f"envoy {envoy} missing")
        for envoy in f.get("envoys", []):
            if envoy not in entry["envoys"]:
                false(p, f"envoy {envoy}, whom the text does not give")
    mine = f.get("delegations", [])
    entries = [d if isinstance(d, dict) else {"delegation": d, "head": None} for d in mine]
    if "delegations" in entry:
        wanted = entry["delegations"]
        acceptable = [*wanted, *entry.get("delegations_allowed", [])]
        keys = {_delegation_key(d["delegation"], wanted, kb, proposals) for d in entries}
        for slug in wanted:
            fact(slug in keys, f"delegation {slug} missing")
        for d in entries:
            if _delegation_key(d["delegation"], acceptable, kb, proposals) is None:
                false(p, f"delegation {d['delegation']}, which the text does not put there")
    if "heads" in entry:
        heads = entry["heads"]
        got = {}
        for d in entries:
            key = _delegation_key(d["delegation"], heads, kb, proposals)
            if d.get("head"):
                got[key] = d["head"]
                if key is None or heads.get(key) != d["head"]:
                    false(p, f"{d['head']} as head of {d['delegation']}, which the text does not say")
        for key, person in heads.items():
            fact(got.get(key) == person, f"head of {key} is not {person}")


def _nothing(*_args):
    return None


def _tolerated(p, entry):
    """Whether a proposal fits a tolerated or `false` entry: every field given equal, its match, a quote."""
    f = p["fields"]
    if "match" in entry and p["match"] != entry["match"]:
        return False
    if entry.get("citing") and not any(entry["citing"] in q for q in _quotes(p)):
        return False
    for key, value in entry.get("fields", {}).items():
        if key in DATE_KEYS and value is not None:
            if not f.get(key) or _date_verdict({key: f.get(key)}, {key: value}) == "wrong":
                return False
        elif not _fits(f.get(key), value):
            return False
    return True


def _what(p):
    f = p["fields"]
    name = f.get("title") or f.get("name") or f.get("value_text") or f.get("slug")
    return f"{name} ({f.get('start') or ''}{'…' + f['end'] if f.get('end') else ''})" if p["kind"] in {
        "round", "milestone", "resolution"} else name  # fmt: skip


def evaluate_unseen(directory, fixtures_dir):
    """Each article `<name>.txt` of `directory` with its `<name>.gold.json`, read against the whole knowledge base."""
    kb = KnowledgeBase.from_fixtures(read_fixture_dir(fixtures_dir))
    reports = {}
    for gold_path in sorted(Path(directory).glob("*.gold.json")):
        name = gold_path.name.removesuffix(".gold.json")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (Path(directory) / f"{name}.txt").read_text(encoding="utf-8")
        anchor = AnchorDate.from_iso(gold["published"], gold.get("published_latest"))
        result = extract(text, published=anchor, kb=kb, source_slug=name).to_dict()
        reports[name] = judge_against_gold(result, gold, kb)
    return reports


def unseen_markdown(reports):
    lines = [
        "| article | key facts recalled | proposals | asserting something false |",
        "|---|---|---|---|",
    ]
    for name, r in reports.items():
        lines.append(f"| {name} | {_pct(r['recalled'], r['facts'])} | {r['proposals']} | {len(r['wrong'])} |")
    for name, r in reports.items():
        for w in r["wrong"]:
            lines.append(f"- {name}: {w['kind']} '{w['what']}': {'; '.join(w['why'])}")
        for m in r["missed"]:
            lines.append(f"- {name}: missed {m}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] == ["unseen"]:
        # python -m ingest.evaluation unseen tests/ingest/unseen
        here = Path(__file__).resolve().parent.parent
        print(unseen_markdown(evaluate_unseen(sys.argv[2], here / "fixtures")), end="")
    else:
        print(json.dumps(main()["summary"], indent=1))
