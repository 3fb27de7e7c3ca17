"""Milestones (ceasefires, agreements, committees, elections, military actions, dated statements,
humanitarian events, the course of the war) and resolutions, by the words news prose uses for them."""

import re
from dataclasses import replace

from .article import DATELINE, date_fields, slug_for
from .dates import Period
from .events import CITY_AFTER_IN, _record_period, segment_around
from .model import Proposal

CATEGORIES = [
    (
        "ceasefire",
        re.compile(
            r"\b(?:cease-?fire|truce|cessation of hostilities|de-escalation zones?|demilitari[sz]ed zones?|"
            r"buffer zones?)\b",
            re.I,
        ),
    ),
    (
        "committee",
        # "The committee, made up of 50 members each from ..., was formed in September"
        re.compile(
            r"\bcommittee\b(?:,[^.;]{0,120}?,)?\s+was (?:formed|established|created|set up|launched)\b|"
            r"\bformed a committee\b",
            re.I,
        ),
    ),
    ("election", re.compile(r"\b(?:re-?elected|was elected|elections? (?:was|were) held)\b", re.I)),
    (
        "military",
        re.compile(
            r"\b(?:military operation|offensives?|joined [\w’' -]*?(?:conflict|war)|intervention in|"
            r"air ?strikes|launched an? (?:attack|assault|operation))\b",
            re.I,
        ),
    ),  # fmt: skip
    (
        "humanitarian",
        re.compile(
            r"\bhumanitarian (?:supplies|aid|convoys?|deliveries|corridor)\b|"
            r"\bcross-border (?:aid|deliveries|assistance|operations|mechanism)\b|\baid (?:deliveries|convoys?)\b",
            re.I,
        ),
    ),
    ("conflict", re.compile(r"\b(?:began with|entered the war|captured [\w ]*territory|since it began)\b", re.I)),
    ("agreement", re.compile(r"\bhave agreed to\b|\bagreed to take part\b|\bsigned an? (?:deal|agreement)\b", re.I)),
]
REPORTED = re.compile(r"\b(?:said|says|told)\s+(?:that\s+)?$")
STATEMENT_VERB = re.compile(
    r"\b(?:said|says|told|stressed|recalled|welcomed|announced|hinted|pointed out|added|declared|warned)\b"
)
FORUM = re.compile(r"\btold (?:the )?(?:U\.?N\.? )?(?:Security Council|council|a news conference)|"
                   r"\bat a (?:news )?conference\b|\bvideo briefing\b", re.I)  # fmt: skip
UNDER_WAY = re.compile(r"\b(?:is|are) (?:pushing|pressing|continuing|carrying out)\b", re.I)
RESOLUTION = re.compile(
    r"\b(?:(?:U\.?N\.?\s+)?Security Council\s+)?[Rr]esolution\s+(?P<code>\d{3,4})\b|"
    r"\b(?P<month>(?:a|the)\s+\w+\s+\d{4})\s+Security Council resolution\b|"
    r"\b(?P<communique>Geneva Communiqu[eé])\b|"
    r"\broad ?map to peace approved in (?P<place>[A-Z]\w+) on (?P<date>[A-Z][a-z]+\.? \d{1,2}, \d{4})"
)


# A decision of the Security Council: "The U.N. Security Council voted unanimously on Monday to extend ...".
COUNCIL_DECISION = re.compile(
    r"\b(?:Security Council|[Tt]he council)\s+(?:[\w-]+\s+){0,2}?(?:voted|adopted|approved|passed|renewed|extended|"
    r"authori[sz]ed)\b"
)
ADOPTED = re.compile(r"\b(?:voted|adopted|approved|passed|renewed)\b")
VOTE = re.compile(
    r"\b(?P<unanimous>unanimous(?:ly)?)\b|\b(?P<yes>\d{1,2})\s*(?:-|–|to)\s*(?P<no>\d{1,2})\b"
    r"(?:,?\s+with\s+(?P<abstain>\w+)\s+abstentions?)?"
)


SPOKESPERSON_FOR = re.compile(
    r"\b(?:spokes(?:man|woman|person)|aide|adviser|advisor|office|deputy|assistant|representative)\s+(?:for|of|to)\s+"
    r"(?:the\s+)?$",
    re.I,
)


class Milestones:
    def __init__(self, article, rounds, places=None, round_dates=(), decided=()):
        self.article = article
        self.decided = set(decided)  # sentences that report a resolution's adoption: its words are the resolution's
        self.rounds = rounds  # round proposals: a milestone inside a round's sentence is that round's outcome
        self.places = places
        self.round_dates = set(round_dates)  # dates that date rounds ('the 19th round, held in November, ended
        # with a joint statement condemning Israeli airstrikes': November is the round's, not the airstrikes')

    def proposals(self):
        return _one_per_record(self._events() + self._statements())

    def _events(self):
        """One milestone per part of a sentence that names one ('Turkey is pushing ahead with a military operation
        ..., while Russian-backed Syrian troops are pressing their offensives ...' names two)."""
        a = self.article
        proposals = []
        round_sentences = {(c.start, c.end) for r in self.rounds for c in r.citations}
        for sentence in a.sentences:
            if not a.is_prose(sentence):
                continue
            text = sentence.text
            used = []
            if sentence.index in self.decided:
                continue  # "voted on Monday to extend humanitarian aid": the resolution's words, not a milestone
            for category, regex in CATEGORIES:
                for m in regex.finditer(text):
                    lo, hi = segment_around(text, m.start(), m.end())
                    if any(u[0] < hi and lo < u[1] for u in used):
                        continue
                    if category in {"military", "conflict", "election"} and _reported(text, m.start()):
                        continue  # "Assad said ... his troops had completed preparations for such an offensive"
                    if category == "agreement" and (sentence.start, sentence.end) in round_sentences:
                        continue
                    fact = self._date(sentence, m, category, lo, hi)
                    # A wish ("our goal is ... the nationwide cease-fire") or a count ("multiple cease-fire
                    # agreements") names no one event; it may still speak of one already found.
                    before = text[max(lo, m.start() - 50) : m.start()]
                    if NOT_HAPPENED.search(before):
                        continue  # "failed to agree on a military operation": no operation took place
                    # A wish ("our goal is ... the nationwide cease-fire"), a count ("multiple cease-fire agreements")
                    # or a reference to one in force ("violations of the cease-fire") names no new event; it may
                    # still speak of one already found.
                    wish = ASPIRATION.search(before) or MANY.search(text[max(lo, m.start() - 40) : m.start()])
                    wish = wish or REFERENCE.search(before)
                    proposal = self._merge_or_new(proposals, category, sentence, m, fact, (lo, hi), wish)
                    if proposal is None:
                        continue
                    proposal.cite(sentence.start, sentence.end, "date" if fact else "summary")
                    used.append((lo, hi))
        return proposals

    def _date(self, sentence, m, category, lo, hi):
        """The date nearest the words, in their part of the sentence, that is no saying's date; 'since 2015' dates
        only the course of the war."""
        text = sentence.text

        def own(f):
            # A round's date is the milestone's too when nothing but words stand between it and the milestone's:
            # "agreed on Thursday to extend a fragile cease-fire ..., at the close of two days of talks".
            return id(f) not in self.round_dates or (
                f.mention.end <= m.start() and m.start() - f.mention.end < 60
                and not re.search(r"[,;:()\"“”—–]", text[f.mention.end : m.start()])
            )  # fmt: skip

        facts = [
            f for f in self.article.dates.get(sentence.index, [])
            if f.start is not None and f.mention and not f.of_speech and lo <= f.mention.start < hi and own(f)
        ]  # fmt: skip

        def gap(f):  # from the words' span: "The committee, made up of ..., was formed in September"
            return max(0, f.mention.start - m.end(), m.start() - f.mention.end)

        near = [f for f in facts if gap(f) < 90]
        if not near:  # "It took until September 2019 before a committee was formed."
            near = [
                f for f in self.article.dates.get(sentence.index, [])
                if f.start is not None and f.mention and not f.of_speech and gap(f) < 60
                and own(f)
            ]  # fmt: skip
        fact = min(near, key=gap) if near else None
        if fact and re.search(r"\bsince\b", sentence.text[max(0, fact.mention.start - 20) : fact.mention.start]):
            return fact if category in {"military", "conflict"} else None
        return fact

    def _merge_or_new(self, proposals, category, sentence, m, fact, segment, quoted):
        a = self.article
        # A milestone is one moment: words that would date a round's end ('until September 2019') date it.
        dates = date_fields(replace(fact, ends_event=False) if fact else None)
        if UNDER_WAY.search(sentence.text) and fact is None:
            dates = {"start": None, "end": None, "note": f"Under way in an article published {a.anchor_words()};"
                     " when it began is not given."}  # fmt: skip
        elif fact is None:
            dates = {"start": None, "end": None, "note": "The article does not date it."}
        lo, hi = segment
        delegations = [k.slug for k in a.mentions_in(sentence, "delegations", start=lo, end=hi)
                       if (a.kb.get("delegations", k.slug) or _E).get("side") in {"guarantor", "state"}]  # fmt: skip
        people = [k.slug for k in a.mentions_in(sentence, "people", start=lo, end=hi)]
        trigger = _trigger_words(m.group())
        subject = _subject(sentence, m, segment, a)
        modifier = _modifier(sentence.text, m.start())
        match = None
        # "A de-escalation zone in Idlib": an indefinite phrase brings in something new; it names no known record.
        if not re.search(r"\b(?:a|an)\s+(?:[\w-]+\s+){0,2}$", sentence.text[max(0, m.start() - 30) : m.start()], re.I):
            place = re.match(r"\s+(?:in|for|around|across)\s+(?:the\s+)?([A-Z][\w-]+)", sentence.text[m.end() :])
            match = self._known(category, fact, trigger, delegations, people, modifier, place and place.group(1))
        # The same event again: in the sentence after the last mention of one of its kind, or by the same words;
        # never two dates, actors or known records. A cease-fire and de-escalation zones are two things.
        for p in proposals:
            if p.fields["category"] != category or subject and p.subject and subject != p.subject:
                continue
            if (match or p.match) and p.match != (match.slug if match else None):
                continue
            same_date = fact is None or p.fields.get("start") in (None, dates.get("start"))
            adjacent = sentence.index - p.last_sentence == 1 and (
                category != "ceasefire" or _same_thing(p.trigger, trigger)
            )
            if same_date and (adjacent or p.trigger == trigger or match):
                if fact and not p.fields.get("start"):
                    for key in ("start", "start_latest", "end", "basis", "note"):
                        p.fields.pop(key, None)
                    p.fields.update(dates)
                p.last_sentence = sentence.index
                return p
        if quoted:
            return None
        title = _title(category, sentence, m, segment, a, _when(dates))
        if match:
            fields = {"slug": match.slug, **match.record}
        else:
            summary = _verbatim_sentence(a, sentence)
            fields = {"slug": slug_for(title), "title": title, "category": category, **dates,
                      "summary": summary, "place": "", "people": people if category in {"election"} else [],
                      "delegations": delegations, "resolutions": []}  # fmt: skip
        proposal = Proposal("milestone", fields, match=match.slug if match else None, confidence=0.5)
        proposal.trigger = trigger
        proposal.subject = subject
        proposal.last_sentence = sentence.index
        if not match and fields["summary"]:
            proposal.cite(sentence.start, sentence.end, "summary")
        proposals.append(proposal)
        return proposal

    def _known(self, category, fact, trigger, delegations, people, modifier="", place=None):
        """A known milestone of the same kind: its date overlaps and it shares an actor (or is a military action or
        a ceasefire, which the date alone singles out); undated words match one whose title says the same thing
        ('the de-escalation zones established by the three guarantors') when nothing contradicts it."""
        for record in self.article.kb.all("milestones"):
            if record.get("category") != category:
                continue
            period = _record_period(record.record)
            shared = set(record.get("delegations", [])) & set(delegations) or set(record.get("people", [])) & set(
                people
            )
            if fact is not None and period is not None:
                if period.overlaps(fact.period) and (shared or category in {"military", "ceasefire"}):
                    return record
                if period.overlaps(fact.period) and category in {"committee", "election"}:
                    # A rare kind of event, dated alike: the one record of it (two would be no evidence).
                    alike = [r for r in self.article.kb.all("milestones") if r.get("category") == category and (
                        p := _record_period(r.record)) and p.overlaps(fact.period)]  # fmt: skip
                    if len(alike) == 1:
                        return record
                continue
            name = _plain(record.name)
            if place and _plain(place) not in name:
                continue  # 'the de-escalation zone in Idlib' is not 'Four de-escalation zones established'
            if fact is None and trigger and _plain(trigger) in name and _plain(modifier) in name:
                return record  # not 'the Idlib de-escalation zone' for 'Four de-escalation zones established'

        return None

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
                forums = [(f.start(), f.end() + 30) for f in FORUM.finditer(sentence.text)]
                for f in a.dates.get(sentence.index, []):
                    if not f.mention or f.ends_event:
                        continue
                    # The saying's own date ("said on Monday", "at a conference on Thursday"), not one it speaks of
                    # ("said ... next month").
                    own = f.of_speech and abs(f.mention.start - verb.end()) < 40
                    at_forum = any(lo <= f.mention.start < hi for lo, hi in forums) and f.mention.start < verb.start()
                    if own or at_forum:
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
                if not FORUM.search(s.text):
                    continue
                v = a.mentions_in(s, "venues")
                if v:
                    venue = v[0].slug
                    break
                city = CITY_AFTER_IN.search(s.text)  # "at a conference ... in Istanbul": a venue new to the timeline
                if city and self.places is not None:
                    venue = self.places.venue(city.group("city"), s, *s.slice(*city.span("city")))
                    if venue:
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
        # "A spokeswoman for the UN envoy said": the spokeswoman speaks, not the envoy.
        people = [
            p for p in a.mentions_in(sentence, "people")
            if not SPOKESPERSON_FOR.search(a.text[max(sentence.start, p.start - 50) : p.start])
        ]  # fmt: skip
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


def _one_per_record(proposals):
    """Proposals that match one known record are one proposal: its citations together."""
    kept, by_match = [], {}
    for p in proposals:
        if p.match and p.match in by_match:
            for c in p.citations:
                by_match[p.match].cite(c.start, c.end, *c.supports)
            continue
        if p.match:
            by_match[p.match] = p
        kept.append(p)
    return kept


def _reported(text, index):
    """Whether the words at `index` are said by someone ('Assad said last week that ... an offensive'), or are what a
    statement condemns or calls for ('the guarantors condemned Israeli airstrikes on Syria')."""
    return bool(
        re.search(r"\b(?:said|says|told|warned|stressed|added|announced|claimed)\b[^.;]*$", text[:index])
        or CONDEMNED.search(text[max(0, index - 50) : index])
    )


CONDEMNED = re.compile(
    r"\b(?:condemn|denounc|deplor|criticiz|criticis|call(?:ed|s)? for|urg|demand)\w*\s+(?:[\w'’-]+\s+){0,3}$"
)


# Words for one thing: a truce is a cease-fire is a cessation of hostilities ("agreed to extend a fragile cease-fire
# ... The three countries, which act as guarantors of the truce").
SYNONYMS = {"ceasefire": "cease-fire", "truce": "cease-fire", "cessation of hostilities": "cease-fire",
            "de-escalation zones": "de-escalation zone", "deescalation zone": "de-escalation zone"}  # fmt: skip


def _plain(words):
    """Words compared without case, spaces or hyphens: 'cease-fire' is in 'Ceasefire of December 2016'."""
    return re.sub(r"[\s-]", "", words.lower())


def _trigger_words(words):
    words = re.sub(r"\s+", " ", words.lower())
    return re.sub(r"^(?:joined|launched) .*", "", words)


def _same_thing(a, b):
    """Words for one kind of thing, within one article ('the truce' after 'a cease-fire'). Not for matching a known
    record: a cessation of hostilities deal is not the December ceasefire."""
    return SYNONYMS.get(a, a) == SYNONYMS.get(b, b)


def _verbatim_sentence(a, sentence):
    dateline = DATELINE.match(a.text, sentence.start)
    start = dateline.end() if dateline else sentence.start
    return a.text[start : sentence.end]


def _when(dates):
    start = dates.get("start") or dates.get("end")
    if not start:
        return ""
    try:
        return Period.from_iso(start, dates.get("start_latest")).words()
    except ValueError:
        return ""


NOT_HAPPENED = re.compile(
    r"\b(?:failed to|did not|didn't|could not|couldn't|refused to|ruled out|rejected|no)\s+(?:[\w-]+\s+){0,3}$", re.I
)
REFERENCE = re.compile(
    r"\b(?:violations? of|violating|breach(?:es)? of|breaching|respect(?:ing)? for|to respect|to observe|to uphold|"
    r"under)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)
MANY = re.compile(r"\b(?:multiple|several|many|numerous|repeated|previous|past|various)\s+(?:[\w-]+\s+)?$", re.I)
ASPIRATION = re.compile(r"\b(?:goal|aim|hope|hopes|call for|calls for|seek|seeks|towards|toward|wish)\b", re.I)
SUBJECT_SKIP = re.compile(r"^(?:for the first time|however|but|and|meanwhile|also|in|on|at|the)\b[\s,]*", re.I)


def _subject(sentence, m, segment, a):
    """Who acts, in the words before the event's: a person or delegation named there, else the clause's first
    words when they are a proper name ('Islamic State fighters'), else nothing ('He', 'It')."""
    lo, _hi = segment
    text = sentence.text
    actors = a.mentions_in(sentence, "people", "delegations", start=lo, end=m.start())
    if actors:
        k = actors[-1]
        if k.kind == "people":
            return k.text.split()[-1]  # as printed: "Assad"
        record = a.kb.get("delegations", k.slug)
        return record.name if record is not None else k.text
    before = re.sub(r"\s[—–][^—–]*[—–]\s", " ", text[lo : m.start()])  # "— including the divided opposition —"
    before = before[before.rfind(",") + 1 :].strip(" ,;:")
    before = SUBJECT_SKIP.sub("", before).strip()
    words = before.split()
    proper = re.match(r"((?:[A-Z][\w'’-]*\s?){1,3})", before)
    if proper and proper.group(1).strip().split()[0] not in NOT_SUBJECTS:
        return proper.group(1).strip()
    if words and words[0].lower() in {"all", "both", "the"} and len(words) <= 6:
        return " ".join(re.sub(r"\b(?:have|has|had|were|was|are|is)\b", "", before).split())
    return ""


NOT_SUBJECTS = {
    "He", "She", "It", "They", "We", "This", "That", "These", "Those", "The", "There", "In", "On", "At", "For",
    "After", "During", "While", "When", "But", "And", "Its", "Their", "His", "Her",
}  # fmt: skip


def _modifier(text, index):
    """The capitalised words right before a trigger: 'Idlib' in 'The Idlib de-escalation zone'."""
    words = re.search(r"((?:[A-Z][\w-]+ ){1,3})$", text[max(0, index - 40) : index])
    words = words.group(1).split() if words else []
    while words and words[0] in NOT_SUBJECTS:
        words = words[1:]
    return " ".join(words)


def _title(category, sentence, m, segment, a, when):
    """A short title from the words themselves: 'Cease-fire, December 2016', 'Turkey: military operation',
    'Russia joins the war, September 2015', 'Assad re-elected, May 2021', 'Humanitarian supplies to Idlib'."""
    text = sentence.text
    words = re.sub(r"\s+", " ", m.group())
    subject = _subject(sentence, m, segment, a)
    after = text[m.end() : m.end() + 60]
    if category == "ceasefire":
        place = _modifier(text, m.start())
        name = (place + " " if place else "") + words.lower()
        title = name[:1].upper() + name[1:]
    elif category == "committee":
        title = "Committee formed"
    elif category == "election":
        title = f"{subject} re-elected" if subject else "Election"
    elif category == "military":
        if re.match(r"joined", words, re.I):
            title = f"{subject or 'A new party'} joins the war"
        else:
            noun = re.sub(r"^launched an? ", "", words.lower()).replace("intervention in", "intervention")
            target = re.match(r"\s+against\s+((?:[\w-]+\s?){1,3})", after)
            target = re.sub(r"\s+(?:in|on|at|of|near|the|a|and)$", "", target.group(1).strip()) if target else ""
            title = (f"{subject}: {noun}" if subject else noun[:1].upper() + noun[1:]) + (
                f" against {target}" if target else ""
            )
    elif category == "humanitarian":
        to = re.match(r"\s+(?:to|into|for)\s+([A-Z][\w-]+)", after)
        title = words[:1].upper() + words[1:] + (f" to {to.group(1)}" if to else "")
    elif category == "conflict":
        if re.search(r"began|since it began", words, re.I):
            title = "The war begins"
        elif re.search(r"entered", words, re.I):
            title = f"{subject or 'A new party'} enters the war"
        else:
            title = f"{subject or 'A party'} captures territory"
    elif category == "agreement":
        obj = re.match(r"\s*((?:[\w'’-]+\s?){1,6})", after)
        obj = re.sub(r"(?:\s+(?:to|in|on|at|of|for|the|a|and))+\s*$", "", obj.group(1).strip()) if obj else ""
        verb = "agree to" if re.search(r"agreed to", words) else "sign an agreement"
        title = f"{subject or 'The parties'} {verb} {obj if verb == 'agree to' else ''}".strip()
    else:
        title = words
    title = title[:1].upper() + title[1:]
    return f"{title}, {when}" if when else title


class Resolutions:
    def __init__(self, article):
        self.article = article
        self.decided = set()  # indices of the sentences that report an adoption

    def proposals(self):
        a = self.article
        found, named_in = {}, {}
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
                if m.group("code"):
                    named_in.setdefault(sentence.index, set()).add(key)
        self._adoptions(found, named_in)
        return list(found.values())

    def _adoptions(self, found, named_in):
        """A council's dated decision dates the one resolution named with it or in the next sentence ('The Security
        Council voted unanimously on Monday to extend ... . Resolution 2672, drafted by Brazil and Switzerland, ...'),
        and says its vote. A resolution already dated, or a decision of another date, is left alone."""
        a = self.article
        for sentence in a.sentences:
            here = named_in.get(sentence.index, set())
            decision = COUNCIL_DECISION.search(sentence.text) or (here and ADOPTED.search(sentence.text))
            if not decision:
                continue
            named = here or named_in.get(sentence.index + 1, set())
            if len(named) != 1:
                continue
            proposal = found[next(iter(named))]
            facts = [
                f for f in a.dates.get(sentence.index, [])
                if f.start is not None and f.mention and not f.of_speech and not f.ends_event
                and f.mention.start >= decision.start()
            ]  # fmt: skip
            if not facts or proposal.match:
                continue
            fact = min(facts, key=lambda f: f.mention.start)
            dates = date_fields(fact)
            if proposal.fields.get("start") and proposal.fields["start"] != dates.get("start"):
                continue
            for key in ("start", "start_latest", "end", "basis", "note"):
                proposal.fields.pop(key, None)
            proposal.fields.update({k: v for k, v in dates.items() if k != "end"})
            vote = VOTE.search(sentence.text[decision.start() :])
            supports = ["date"]
            if vote and vote.group("unanimous"):
                proposal.fields["vote"] = "unanimous"
            elif vote:
                abstain = f", {vote.group('abstain')} abstentions" if vote.group("abstain") else ""
                proposal.fields["vote"] = f"{vote.group('yes')}-{vote.group('no')}{abstain}"
            if vote:
                supports.append("vote")
            # What it decided, in the article's words: "to extend the delivery of humanitarian aid ... for six months".
            purpose = re.search(r"\bto\s+[a-z][^,;]*?(?=,\s+(?:after|while|but|as|when)\b|[;.]\s*$|$)",
                                sentence.text[fact.mention.end :])  # fmt: skip
            if purpose and not proposal.fields.get("calls_for"):
                proposal.fields["calls_for"] = purpose.group().strip()
                supports.append("calls for")
            if not here:
                note = "The vote is reported in the sentence before the one that names the resolution."
                proposal.fields["inference_note"] = note
            proposal.cite(sentence.start, sentence.end, *supports)
            self.decided.add(sentence.index)

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
