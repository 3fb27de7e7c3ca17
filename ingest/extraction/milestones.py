"""Milestones (ceasefires, agreements, committees, elections, military actions, dated statements,
humanitarian events, the course of the war) and resolutions, by the words news prose uses for them."""

import re

from .article import date_fields, slug_for
from .events import _record_period
from .model import Proposal

CATEGORIES = [
    ("ceasefire", re.compile(r"\b(?:cease-?fire|truce|cessation of hostilities|de-escalation zones?)\b", re.I)),
    ("committee", re.compile(r"\bcommittee was (?:formed|established|created)\b|\bformed a committee\b", re.I)),
    ("election", re.compile(r"\b(?:re-?elected|was elected|elections? (?:was|were) held)\b", re.I)),
    (
        "military",
        re.compile(
            r"\b(?:military operation|offensives?|joined [\w’' -]*?(?:conflict|war)|intervention in|"
            r"air ?strikes|launched an? (?:attack|assault|operation))\b",
            re.I,
        ),
    ),  # fmt: skip
    ("humanitarian", re.compile(r"\bhumanitarian (?:supplies|aid|convoys?|deliveries|corridor)\b", re.I)),
    ("conflict", re.compile(r"\b(?:began with|entered the war|captured [\w ]*territory|since it began)\b", re.I)),
    ("agreement", re.compile(r"\bhave agreed to\b|\bagreed to take part\b|\bsigned an? (?:deal|agreement)\b", re.I)),
]
REPORTED = re.compile(r"\b(?:said|says|told)\s+(?:that\s+)?$")
STATEMENT_VERB = re.compile(
    r"\b(?:said|says|told|stressed|recalled|welcomed|announced|hinted|pointed out|added|declared|warned)\b"
)
FORUM = re.compile(r"\btold (?:the )?(?:U\.?N\.? )?(?:Security Council|council|a news conference|reporters)|"
                   r"\bat a (?:news )?conference\b|\bvideo briefing\b", re.I)  # fmt: skip
UNDER_WAY = re.compile(r"\b(?:is|are) (?:pushing|pressing|continuing|carrying out)\b", re.I)
RESOLUTION = re.compile(
    r"\b(?:(?:U\.?N\.?\s+)?Security Council\s+)?[Rr]esolution\s+(?P<code>\d{3,4})\b|"
    r"\b(?P<month>(?:a|the)\s+\w+\s+\d{4})\s+Security Council resolution\b|"
    r"\b(?P<communique>Geneva Communiqu[eé])\b|"
    r"\broad ?map to peace approved in (?P<place>[A-Z]\w+) on (?P<date>[A-Z][a-z]+\.? \d{1,2}, \d{4})"
)


class Milestones:
    def __init__(self, article, rounds):
        self.article = article
        self.rounds = rounds  # round proposals: a milestone inside a round's sentence is that round's outcome

    def proposals(self):
        found = self._events() + self._statements()
        return found

    def _events(self):
        a = self.article
        proposals = []
        round_sentences = {(c.start, c.end) for r in self.rounds for c in r.citations}
        for sentence in a.sentences:
            if not a.is_prose(sentence):
                continue
            for category, regex in CATEGORIES:
                m = regex.search(sentence.text)
                if not m:
                    continue
                before = sentence.text[: m.start()]
                if REPORTED.search(before[-30:]) or re.search(r"\bsaid that\b", before) and category == "military":
                    continue
                if category == "agreement" and (sentence.start, sentence.end) in round_sentences:
                    continue
                if category in {"ceasefire"} and re.search(r"\bnot just de-escalation\b", sentence.text):
                    pass
                facts = [f for f in a.dates.get(sentence.index, []) if f.start is not None]
                near = [f for f in facts if f.mention and abs(f.mention.start - m.start()) < 60]
                fact = min(near, key=lambda f: abs(f.mention.start - m.start())) if near else None
                if fact and re.search(r"\bsince\b", sentence.text[fact.mention.start - 20 : fact.mention.start]) and (
                        category not in {"military", "conflict"}):  # fmt: skip
                    fact = None
                proposal = self._merge_or_new(proposals, category, sentence, m, fact)
                proposal.cite(sentence.start, sentence.end, "date" if fact else "summary")
                break
        return proposals

    def _merge_or_new(self, proposals, category, sentence, m, fact):
        a = self.article
        dates = date_fields(fact)
        under_way = UNDER_WAY.search(sentence.text) and fact is None
        if under_way:
            dates = {"start": None, "end": None, "note": f"Under way in an article published {a.anchor_words()};"
                     " when it began is not given."}  # fmt: skip
        if fact is None and category == "agreement":
            dates = {"start": None, "end": None, "note": "The article does not date it."}
        delegations = [k.slug for k in a.mentions_in(sentence, "delegations")
                       if (a.kb.get("delegations", k.slug) or _E).get("side") in {"guarantor", "state"}]  # fmt: skip
        people = [k.slug for k in a.mentions_in(sentence, "people")]
        for p in proposals:
            if p.fields["category"] != category:
                continue
            last = max(c.end for c in p.citations)
            same_date = fact is None or p.fields.get("start") in (None, dates.get("start"))
            if same_date and (sentence.start - last < 3 or _same_trigger(p, m.group())):
                if fact and not p.fields.get("start"):
                    p.fields.update(dates)
                return p
        # A known milestone: the same category, an overlapping date, and a shared actor or trigger word.
        match = None
        for record in a.kb.all("milestones"):
            if record.get("category") != category:
                continue
            period = _record_period(record.record)
            overlap = fact is not None and period is not None and period.overlaps(fact.period)
            shared = set(record.get("delegations", [])) & set(delegations) or set(record.get("people", [])) & set(
                people
            )
            if overlap and (shared or category in {"military", "ceasefire"}):
                match = record
                break
        title = _title(category, sentence.text, m, a)
        if match:
            fields = {"slug": match.slug, **match.record}
        else:
            fields = {"slug": slug_for(title), "title": title, "category": category, **dates,
                      "summary": "", "place": "", "people": people if category in {"election", "statement"} else [],
                      "delegations": delegations, "resolutions": []}  # fmt: skip
        proposal = Proposal("milestone", fields, match=match.slug if match else None, confidence=0.5)
        proposal.trigger = m.group().lower()
        proposals.append(proposal)
        return proposal

    def _statements(self):
        """One statement per speaker whose words the article dates or places before a forum."""
        a = self.article
        by_speaker = {}
        for sentence in a.sentences:
            if not a.is_prose(sentence):
                continue
            for verb in STATEMENT_VERB.finditer(sentence.text):
                speaker = self._speaker(sentence, verb.start())
                if speaker:
                    by_speaker.setdefault(speaker, []).append((sentence, verb))
                    break
        proposals = []
        for speaker, uses in by_speaker.items():
            dated = []
            for sentence, verb in uses:
                for f in a.dates.get(sentence.index, []):
                    # Only the saying's own date ("said on Monday"), not one it speaks of ("said ... next month").
                    if f.mention and f.of_speech and 0 <= abs(f.mention.start - verb.end()) < 40 and not f.ends_event:
                        dated.append((sentence, f))
            forum = [s for s, _ in uses if FORUM.search(s.text)]
            if not dated and not forum:
                continue
            fact = dated[0][1] if dated else None
            dates = date_fields(fact) if fact else {"start": None, "end": None, "note": "The article does not date it."}
            if fact is None and re.search(r"\bsaid recently\b", " ".join(s.text for s, _ in uses)):
                dates["note"] = "'Said recently': the article does not date it."
            person = a.kb.get("people", speaker)
            name = person.name if person else speaker.replace("-", " ").title()
            venue = None
            for s, _ in uses:
                v = a.mentions_in(s, "venues")
                if v and FORUM.search(s.text):
                    venue = v[0].slug
                    break
            title = (
                f"{name.split()[-1]} briefs the Security Council"
                if any(re.search(r"Security Council|council", s.text) for s in forum)
                else f"{name.split()[-1]} speaks"
            )
            fields = {"slug": slug_for(title), "title": title, "category": "statement", **dates, "venue": venue,
                      "summary": "", "people": [speaker], "delegations": [], "resolutions": []}  # fmt: skip
            match = self._known_statement(speaker, fact)
            if match:
                fields = {"slug": match.slug, **match.record}
            proposal = Proposal("milestone", fields, match=match.slug if match else None, confidence=0.5)
            for s, _ in uses:
                proposal.cite(s.start, s.end, "date" if fact and any(s is d for d, _ in dated) else "summary")
            proposals.append(proposal)
        return proposals

    def _known_statement(self, speaker, fact):
        for record in self.article.kb.all("milestones"):
            period = _record_period(record.record)
            if record.get("category") == "statement" and speaker in record.get("people", []) and fact and period and (
                    period.overlaps(fact.period)):  # fmt: skip
                return record
        return None

    def _speaker(self, sentence, index):
        a = self.article
        people = a.mentions_in(sentence, "people")
        before = [p for p in people if p.end - sentence.start <= index and index - (p.end - sentence.start) < 40]
        if before:
            return before[-1].slug
        after = [p for p in people if 0 <= p.start - sentence.start - index < 40]
        if after and re.match(r"said|says", sentence.text[index:]):
            return after[0].slug
        return None


class _Empty:
    def get(self, key, default=None):
        return default


_E = _Empty()


def _same_trigger(proposal, trigger):
    return getattr(proposal, "trigger", "") == trigger.lower()


def _title(category, sentence, m, a):
    words = m.group()
    subject = re.match(r"\s*(?:[A-Z][\w-]*\s+){1,3}", sentence)
    lead = subject.group().strip() if subject else ""
    if category == "election":
        return f"{lead or 'Election'} {words}".strip().capitalize()
    return f"{lead} {words}".strip()[:1].upper() + f"{lead} {words}".strip()[1:]


class Resolutions:
    def __init__(self, article):
        self.article = article

    def proposals(self):
        a = self.article
        found = {}
        for sentence in a.sentences:
            for m in RESOLUTION.finditer(sentence.text):
                record, fields = self._resolve(m, sentence)
                if fields is None:
                    continue
                key = fields["slug"]
                proposal = found.get(key)
                if proposal is None:
                    proposal = Proposal("resolution", fields, match=record.slug if record else None,
                                        confidence=0.8 if record else 0.6)  # fmt: skip
                    found[key] = proposal
                proposal.cite(sentence.start, sentence.end, "date" if m.group("month") or m.group("date") else "name")
        return list(found.values())

    def _resolve(self, m, sentence):
        a = self.article
        kb = a.kb
        if m.group("code"):
            code = m.group("code")
            record = next((r for r in kb.all("resolutions") if r.get("code") == code), None)
            if record:
                return record, {"slug": record.slug, **record.record}
            return None, {"slug": f"resolution-{code}", "name": f"Resolution {code}", "code": code,
                          "kind": "unsc_resolution", "title": f"UN Security Council Resolution {code}",
                          "adopted_by": "UN Security Council", "vote": "", "calls_for": "", "start": None,
                          "note": "The article does not date it."}  # fmt: skip
        if m.group("communique"):
            record = next((r for r in kb.all("resolutions") if r.get("kind") == "communique"), None)
            if record:
                return record, {"slug": record.slug, **record.record}
            return None, {"slug": "geneva-communique", "name": "Geneva Communiqué", "code": "Geneva Communiqué",
                          "kind": "communique", "title": "", "adopted_by": "", "start": None,
                          "note": "The article does not date it."}  # fmt: skip
        facts = [f for f in a.dates.get(sentence.index, []) if f.mention and f.start]
        fact = next((f for f in facts if m.start() <= f.mention.start <= m.end() + 5), None)
        if fact is None:
            return None, None
        kind = "unsc_resolution" if m.group("month") else "communique"
        for record in kb.all("resolutions"):
            period = _record_period(record.record)
            if record.get("kind") == kind and period and period.overlaps(fact.start):
                return record, {"slug": record.slug, **record.record}
        return None, None
