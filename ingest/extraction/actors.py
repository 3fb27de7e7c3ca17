"""People with the titles printed next to their names, envoys, delegations and venues.

A known person is proposed as a match when the article prints a title beside the name (the citation
supports the role); an unknown one, named beside a title or as the speaker of a statement, is proposed as
new with a slug. Venues and delegations are proposed only when new: known ones are referred to by slug
from the rounds and milestones that mention them.
"""

import calendar
import re

from rapidfuzz import fuzz

from .article import GEO_NOTE, gazetteer_city, is_country, slug_for
from .linking import NAME_WORD, PARTICLE, TITLE_WORDS, Mention
from .model import Proposal

TITLE_NOUN = (
    r"(?:[Pp]resident|[Pp]rime [Mm]inister|[Ff]oreign [Mm]inister|[Mm]inister|[Ss]pokes(?:person|man|woman)|"
    r"[Ss]pecial [Ee]nvoy|[Ee]nvoy|[Nn]egotiator|[Hh]ead of (?:the )?[\w .'’-]+?|[Cc]o-[Cc]hairs?(?: [\w ]*?MP)?|MP|"
    r"[Ss]ecretary[- ][Gg]eneral|[Ss]ecretary of [Ss]tate|[Aa]mbassador|[Ll]eader|[Cc]ommander|[Mm]ediator|"
    r"[Cc]hair(?:man|woman)?|[Dd]irector|[Kk]ing|[Ee]mir|[Cc]hief)"
)
# A title before a name: "UN Special Envoy to Syria Geir Pedersen", "head of the HNC Asaad al-Zoabi",
# "the country's Foreign Ministry spokesperson Maria Zakharova"; or in apposition: "Syrian president, Bashar al-Assad".
TITLE_BEFORE = re.compile(
    rf"(?P<title>(?:(?:[A-Z][\w.’'-]*|of|to|for|the|country['’]s|United|Nations|co-chair|deputy|vice|acting|former|"
    rf"assistant|[A-Z][\w’'-]*\s+and(?=\s+[A-Z][\w’'-]*\s+{TITLE_NOUN}))\s+)*?{TITLE_NOUN}"
    rf"(?:\s+(?:to|for|of)\s+(?:the\s+)?(?:country|[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)){{0,2}})(?:,\s*|\s+)$"
)
ROLE_NOUN = (
    r"(?:researcher|analyst|fellow|professor|expert|official|diplomat|adviser|advisor|correspondent|member|"
    r"representative|delegate|commissioner|coordinator|secretary|deputy|director|officer)"
)
# A title after a name, in apposition: "Hadi al-Bahra, head of the Syrian Negotiations Commission delegation",
# "Rana Khalaf, a researcher at Chatham House", "Ahmad Kuzbari, nominated by the Government,".
TITLE_AFTER = re.compile(
    rf"^,\s+(?:(?:a|an|the)\s+)?(?P<title>(?:(?:[A-Z][\w.'’-]*|senior|junior|chief|deputy|former|top|leading|"
    rf"veteran|co-\w+)\s+){{0,4}}?(?:{TITLE_NOUN}|{ROLE_NOUN})"
    rf"(?:\s+(?:of|for|at|to|with|in|from)\s+(?:[^,.;:\"“”()]|(?<=\b[A-Z])\.){{1,70}}?)?"
    rf"|nominated by (?:the )?[^,.;:]{{1,40}}?)"
    rf"(?=\s*[,;:]|(?<!\b[A-Z])\.(?!\w)|\s+(?:said|says|told|who|has|had|was|is)\b|$)"
)
LED_BY = re.compile(r"^,\s+who\s+(?:led|leads|heads|headed|chaired|chairs)\s+(?P<title>the\s+[^,.;:]{1,60}?)(?=[,.;:])")
# Who heads a delegation, said with a verb: "Hadi al-Bahra leads the opposition side", "the government delegation is
# headed by Ahmad Kuzbari", "a delegation of armed opposition groups headed by Ahmad Touma".
LEADS_AFTER = re.compile(
    r"^\s+(?:(?:now|also|still)\s+)?(?:leads|heads|led|headed|chairs|chaired)\s+(?P<title>(?:the|a|an|its|their)\s+"
    r"[^,.;:\"“”]{1,60}?(?:delegation|side|team|delegates|negotiators|representatives|bloc|opposition|government))"
    r"(?=[,.;:]|\s+(?:at|in|to|during|for|while|and)\b|$)"
)
HEADED_BY = re.compile(
    r"(?P<group>\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir)\s+(?:[\w'’-]+\s+){0,6}?(?:delegation|side|team|delegates|"
    r"negotiators|representatives|groups|bloc|opposition|government)),?\s+(?:(?:is|was|are|were|has been|had been|"
    r"will be)\s+)?(?:headed|led|chaired)\s+by\s+$"
)
SPEECH = re.compile(
    r"^\s+(?:also\s+|has\s+|had\s+)?(?:said|says|told|stressed|added|recalled|hinted|warned|reaffirmed|noted|"
    r"announced|insisted|declared|pointed out|called|described|urged)\b"
)
OBJECT_OF_SPEECH = re.compile(r"\b(?:telling|told|met with|met|said|says|added|according to|wrote)\s+$")
# An envoy's own title ("UN Special Envoy to Syria"), not someone else's ("a spokeswoman for the U.N. envoy").
ENVOY_TITLE = re.compile(
    r"^(?:the\s+)?(?!.*\b(?:spokes\w*|adviser|advisor|aide|assistant|office|deputy)\b.*\benvoy)"
    r"(?:[\w.'’-]+\s+){0,4}?(?:special\s+)?envoy\b",
    re.IGNORECASE,
)
# The principal an envoy speaks for, when it is not the UN: "the Kremlin's special envoy", "the US envoy".
OTHER_PRINCIPAL = re.compile(
    r"[A-Z][\w.]*['’]s\s+(?:[\w-]+\s+){0,2}envoy|\b(?:Russian|Kremlin|US|U\.S\.|American|Turkish|Iranian|Chinese|French|"
    r"British|German|EU|European|Arab League|Qatari|Saudi|Jordanian|Egyptian|Iraqi|Lebanese|Israeli|Presidential)\b"
)
UN_WORDS = re.compile(r"\bU\.?N\.?\b|United Nations|Secretary[- ]General", re.I)


def is_un_envoy_title(title):
    """Whether a printed title makes its holder a UN special envoy for Syria: an envoy's own title that names the UN
    or no other principal ('the Kremlin's special envoy for Syria' is Russia's)."""
    if not ENVOY_TITLE.match(title):
        return False
    return bool(UN_WORDS.search(title)) or not OTHER_PRINCIPAL.search(title)


ENVOY_REFERENCE = re.compile(
    r"\b(?:the\s+)?(?:U\.?N\.?|United Nations)\s+(?:special\s+)?envoy(?:\s+(?:for|to)\s+(?:Syria|the country))?",
    re.IGNORECASE,
)
NOT_NAMES = {
    "The", "But", "He", "She", "It", "They", "We", "While", "After", "During", "At", "In", "On", "By", "For",
    "This", "That", "These", "Those", "However", "Experts", "Writing", "Other", "Human", "Islamic", "State",
    "Security", "Council", "United", "Nations", "Syrian", "Syria", "Russian", "Turkish", "French", "Western",
    "Kurdish", "Arab", "Opposition", "Credit", "Honestly", "Our", "With", "Talks", "Negotiators", "Little",
    "Moscow", "Reuters", "AFP", "Twitter", "Black", "Sea", "Foreign", "Ministry", "President", "Minister",
    "Dr", "Mr", "Mrs", "Ms", "Prof", "SANA", "AP", "TASS", "IRNA",
}  # fmt: skip
HONORIFIC = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|Prof|H\.E)\.?\s+$")
ORG_WORDS = re.compile(
    r"\b(?:Committee|Commission|Council|Coalition|Front|Group|Delegation|Authority|Organization|Organisation|"
    r"Ministry|Conference|Congress|Nations|Union|League|Army|Forces|State|Party|Movement|Assembly|Agency|"
    r"Observatory|Office|Court)\b"
)


NAME_RUN = re.compile(rf"(?<![\w-])(?:{PARTICLE}[ -])?{NAME_WORD}(?: (?:{PARTICLE}[ -])?{NAME_WORD})*")


def _name_candidates(text, known):
    """Spans of capitalised runs that may be names: cut at known records, stripped of titles, 1-4 words."""
    for run in NAME_RUN.finditer(text):
        words = [(w.start() + run.start(), w.end() + run.start()) for w in re.finditer(r"\S+", run.group())]
        # Cut at any known mention inside the run: keep the words after the last one.
        for k in known:
            if k.start < run.end() and k.end > run.start():
                words = (
                    [w for w in words if w[0] >= k.end] if k.end < run.end() else [w for w in words if w[1] <= k.start]
                )
        # A title before the name ends where the name begins: "Qatar's Foreign Minister Khalid Al-Attiyah",
        # "Jordanian Foreign Minister Ayman Safadi".
        titles = [i for i, (ws, we) in enumerate(words) if text[ws:we].rstrip(",") in TITLE_WORDS]
        if titles and titles[-1] < len(words) - 1:
            words = words[titles[-1] + 1 :]
        while words and (
            text[words[0][0] : words[0][1]] in TITLE_WORDS | NOT_NAMES
            or text[words[0][0] : words[0][1]][:1].islower()
            and len(words) > 1
            and text[words[1][0] : words[1][1]] in TITLE_WORDS
        ):
            words = words[1:]
        while words and text[words[-1][0] : words[-1][1]] in NOT_NAMES | TITLE_WORDS:
            words = words[:-1]
        if 1 <= len(words) <= 4:
            yield words[0][0], words[-1][1]


def _is_name(candidate):
    words = candidate.split()
    if any(len(re.sub(r"\W", "", w)) < 2 or re.search(r"\w\.\w", w) for w in words):
        return False  # initials and abbreviations ("U.N.") alone are no name
    if any(w in NOT_NAMES for w in words) or ORG_WORDS.search(candidate):
        return False
    return not (gazetteer_city(candidate) or is_country(candidate))


class People:
    """Finds people, their printed titles, and the envoys among them."""

    def __init__(self, article):
        self.article = article
        self.proposals = {}  # slug -> Proposal
        self.new_envoys = {}
        self.envoys_named = []  # envoy slugs named in the article, in order

    def run(self):
        self._new_people()
        self._titles_of_known_people()
        self._envoy_references()
        return list(self.proposals.values()) + list(self.new_envoys.values())

    # -- people not in the knowledge base
    def _new_people(self):
        a = self.article
        text = a.text
        known = [
            m for m in a.mentions
            if m.kind in {"people", "delegations", "venues", "processes"}
            or m.kind == "envoys" and a.kb.has("people", a.kb.person_of_envoy(m.slug) or "")
        ]  # fmt: skip
        candidates = {}
        for s, e in _name_candidates(text, known):
            name = text[s:e]
            name = re.sub(r"['’]s$", "", name)
            e = s + len(name)
            if not _is_name(name):
                continue
            sentence = a.sentence_at(s)
            if sentence is None:
                continue
            before = text[sentence.start : s]
            after = text[e : sentence.end]
            title = self._title(sentence, s, e)
            several = len(name.split()) > 1
            speaker = bool(SPEECH.match(after)) or bool(OBJECT_OF_SPEECH.search(before))
            if title or (several and speaker):
                candidates.setdefault(name, []).append((s, e, title, sentence))
            elif not several and speaker:
                candidates.setdefault(name, []).append((s, e, None, sentence))
        # One word alone is a name only when it recurs and is no sentence's first word everywhere.
        for name, uses in list(candidates.items()):
            if len(name.split()) == 1:
                initial = all(text[sentence.start : s].strip() == "" for s, _, _, sentence in uses)
                if len(re.findall(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)) < 2 or initial:
                    del candidates[name]
        # A surname that is the last word of a fuller name found here is that person.
        full_names = sorted((n for n in candidates if len(n.split()) > 1), key=len, reverse=True)
        for name in sorted(candidates, key=len, reverse=True):
            if name not in candidates:
                continue
            fuller = next((f for f in full_names if f != name and f.endswith(" " + name)), None)
            if fuller:
                candidates[fuller] += candidates.pop(name)
        for name, uses in candidates.items():
            slug = slug_for(name)
            if a.kb.has("people", slug):
                continue
            proposal = Proposal(
                "person",
                {"slug": slug, "name": name, "aliases": [], "description": "", "roles": []},
                confidence=0.6,
            )
            for s, e, title, _sentence in uses:
                a.add_mention(Mention("people", slug, s, e, a.text[s:e]))
                self._cite_role(proposal, s, e, title)
            # The full name's mentions first: the surname is found alone elsewhere, not again inside the name.
            surname = name.split()[-1]
            if len(name.split()) > 1 and surname not in NOT_NAMES:
                a.add_person_alias(surname, slug)
                if re.search(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", a.text.replace(name, "")):
                    proposal.fields["aliases"].append(surname)
            if not any(c.supports for c in proposal.citations):
                for s, e, _title, _sentence in uses[:1]:
                    proposal.cite(*self._clause(s, e), "name")
            self.proposals[slug] = proposal
            envoy_title = next((u[2] for u in uses if u[2] and is_un_envoy_title(u[2][2])), None)
            if envoy_title:
                self._new_envoy(slug, name, envoy_title)

    def _title(self, sentence, s, e):
        """The title printed beside the name at [s, e): (quote start, quote end, title), or None.

        Before the name ("Jordanian Foreign Minister Ayman Safadi") or in apposition after it ("Rana Khalaf, a
        researcher at Chatham House", "Hadi al-Bahra, who led the opposition delegation"); the quote runs from
        the title to the name, or from the name to the title.
        """
        text = self.article.text
        # "Deputy Foreign and Expatriates Minister Dr. Ayman Sousan": an honorific stands between title and name.
        honorific = HONORIFIC.search(text[sentence.start : s])
        m = TITLE_BEFORE.search(text[sentence.start : s - len(honorific.group()) if honorific else s])
        if m:
            title = m.group("title").strip()
            title = re.sub(r"^(?:the|a|an|two|three|both)\s+", "", title, flags=re.I)
            title = re.sub(r"^country['’]s\s+", "", title)
            return sentence.start + m.start("title"), e, title
        after = text[e : sentence.end]
        m = TITLE_AFTER.match(after)
        if m:
            return s, e + m.end("title"), m.group("title").strip()
        m = LED_BY.match(after) or LEADS_AFTER.match(after)
        if m:
            return s, e + m.end("title"), "Head of " + m.group("title").strip()
        m = HEADED_BY.search(text[sentence.start : s])
        if m:
            group = m.group("group")
            return sentence.start + m.start("group"), e, "Head of " + group[:1].lower() + group[1:]
        return None

    def _clause(self, s, e):
        """The words around a name worth citing: the sentence it stands in."""
        sentence = self.article.sentence_at(s)
        return sentence.start, sentence.end

    def _cite_role(self, proposal, s, e, title):
        if not title:
            return
        sentence = self.article.sentence_at(s)
        quote_start, quote_end, words = title
        roles = proposal.fields.setdefault("roles", [])
        existing = next((r for r in roles if same_role(r["title"], words)), None)
        if existing is None:
            existing = {"title": words, "citations": []}
            roles.append(existing)
        quote = {"quote": self.article.text[quote_start:quote_end], "supports": "role"}
        if quote not in existing.setdefault("citations", []):
            existing["citations"].append(quote)
        proposal.cite(sentence.start, sentence.end, "role")

    def _new_envoy(self, person_slug, name, title):
        self.new_envoys[person_slug] = Proposal(
            "envoy",
            {"slug": person_slug, "name": name, "person": person_slug, "title": title[2]},
            citations=list(self.proposals[person_slug].citations),
            confidence=0.6,
        )
        self.envoys_named.append(person_slug)

    # -- people in the knowledge base
    def _titles_of_known_people(self):
        a = self.article
        for m in a.mentions:
            if m.kind != "people" or m.slug in self.proposals and not a.kb.has("people", m.slug):
                continue
            envoy = a.kb.envoy_of_person(m.slug)
            if envoy and envoy not in self.envoys_named:
                self.envoys_named.append(envoy)
            if not a.kb.has("people", m.slug):
                continue
            sentence = a.sentence_at(m.start)
            if sentence is None:
                continue
            title = self._title(sentence, m.start, m.end)
            misspelt = m.text not in a.kb.get("people", m.slug).names
            if not title and not misspelt:
                continue
            proposal = self._known(m.slug)
            if title:
                self._cite_role(proposal, m.start, m.end, title)
            if misspelt:
                aliases = proposal.fields.setdefault("aliases", [])
                if m.text not in aliases:
                    aliases.append(m.text)
                proposal.cite(sentence.start, sentence.end, "alias")
                proposal.confidence = min(proposal.confidence, m.score / 100)

    def _known(self, slug):
        if slug not in self.proposals:
            record = self.article.kb.get("people", slug)
            fields = {"slug": slug, **dict(record.record)}
            fields["aliases"] = list(fields.get("aliases", []))
            fields["roles"] = [dict(r) for r in fields.get("roles", [])]
            self.proposals[slug] = Proposal("person", fields, match=slug, confidence=0.8)
        return self.proposals[slug]

    def _envoy_references(self):
        """'The U.N. special envoy for the country said Monday', in an article that names one envoy: that envoy."""
        a = self.article
        if len(self.envoys_named) != 1:
            return
        envoy = self.envoys_named[0]
        person = a.kb.person_of_envoy(envoy) or envoy
        for m in ENVOY_REFERENCE.finditer(a.text):
            if any(k.kind == "people" and 0 <= k.start - m.end() <= 2 for k in a.mentions):
                continue  # the name follows the title: handled as a title
            following = a.text[m.end() : m.end() + 3]
            if following.startswith(","):
                continue  # apposition: "The UN special envoy for Syria, Staffan de Mistura"
            sentence = a.sentence_at(m.start())
            if sentence is None:
                continue
            a.add_mention(Mention("people", person, m.start(), m.end(), m.group(), 90.0))
            if a.kb.has("people", person) and re.search(r"\bsaid\b|\btold\b", a.text[m.end() : sentence.end]):
                proposal = self._known(person)
                title = m.group().strip()
                title = re.sub(r"^the\s+", "", title, flags=re.I)
                roles = proposal.fields["roles"]
                same = next(
                    (
                        r
                        for r in roles
                        if r["title"].lower().replace(".", "") in title.lower().replace(".", "")
                        or title.lower().replace(".", "").startswith(r["title"].lower()[:6])
                    ),
                    None,
                )
                if same is None:
                    same = {"title": title, "citations": []}
                    roles.append(same)
                same.setdefault("citations", []).append({"quote": a.text[m.start() : sentence.end], "supports": "role"})
                proposal.cite(sentence.start, sentence.end, "role")
                proposal.confidence = 0.6


# ---------------------------------------------------------------------------------------------------
# Venues and delegations new in the article

DELEGATION_NAME = re.compile(
    r"(?P<name>(?:[A-Z][\w'-]+\s+){1,4}(?:Committee|Commission|Council|Coalition|Front|Group|Platform|Authority))"
    r"\s*(?:\((?P<abbr1>[A-Z]{2,6})\)|\[(?P<abbr2>[A-Z]{2,6})\])?"
)
DELEGATIONS_FROM = re.compile(
    r"\b(?:rival\s+|other\s+)?(?:opposition\s+)?(?:delegations|groups|platforms)\s+from\s+(?P<a>[A-Z]\w+)"
    r"(?:,\s+(?P<b>[A-Z]\w+))?\s+and\s+(?P<c>[A-Z]\w+)"
)
SIDE_WORDS = [("opposition", "opposition"), ("rebel", "opposition"), ("government", "government"),
              ("regime", "government"), ("civil society", "civil_society")]  # fmt: skip
NOT_DELEGATIONS = re.compile(r"Security Council|Constitutional Committee|drafting committee|Arab League", re.I)


MONTH_AND_DAY_NAMES = set(calendar.month_name[1:]) | set(calendar.day_name)


class Places:
    """New venues (with the gazetteer's coordinates) and new delegations, proposed once each."""

    def __init__(self, article):
        self.article = article
        self.venues = {}
        self.delegations = {}
        self.processes = {}

    def venue(self, name, sentence, start, end):
        """The slug of the venue called `name` (known, or proposed new from the gazetteer), or None."""
        a = self.article
        for record in a.kb.all("venues"):
            if name in record.names:
                return record.slug
        place = gazetteer_city(name)
        if place is not None and place["name"] != name:
            # Another name of a city ("Nur-Sultan" for Astana): the known venue, or the city's own name.
            known = next((r.slug for r in a.kb.all("venues") if place["name"] in r.names), None)
            if known:
                return known
            name = place["name"]
        slug = slug_for(name)
        if slug in self.venues:
            self.venues[slug].cite(sentence.start, sentence.end, "name")
            return slug
        if place is None or name in MONTH_AND_DAY_NAMES:
            return None
        proposal = Proposal(
            "venue",
            {"slug": slug, "name": place["name"], "country": place["country"], "latitude": place["latitude"],
             "longitude": place["longitude"], "description": GEO_NOTE},
            confidence=0.7,
        )  # fmt: skip
        proposal.cite(sentence.start, sentence.end, "name")
        self.venues[slug] = proposal
        a.add_mention(Mention("venues", slug, start, end, name))
        return slug

    def find_delegations(self):
        a = self.article
        for sentence in a.sentences:
            for m in DELEGATION_NAME.finditer(sentence.text):
                name = m.group("name").strip()
                lead = re.match(r"(?:(?:Opposition|Rebel|Government|The|Main|Official)\s+)+", name)
                if lead:
                    name = name[lead.end() :]
                if NOT_DELEGATIONS.search(name) or len(name.split()) < 2:
                    continue
                s, e = sentence.slice(*m.span())
                if any(k.kind == "delegations" and not (e <= k.start or s >= k.end) for k in a.mentions):
                    continue
                if any(k.kind in {"processes", "venues"} and k.start >= s and k.end <= e for k in a.mentions):
                    continue
                abbr = m.group("abbr1") or m.group("abbr2") or ""
                before = sentence.text[max(0, m.start() - 25) : m.start()].lower()
                side = next((v for w, v in SIDE_WORDS if w in before or w in name.lower()), "opposition")
                self._delegation(name, abbr, side, sentence, m.start(), m.end())
            for m in DELEGATIONS_FROM.finditer(sentence.text):
                before = sentence.text[max(0, m.start() - 30) : m.end()].lower()
                side = "opposition" if "opposition" in before or "rival" in before else "opposition"
                for group in ("a", "b", "c"):
                    if m.group(group):
                        self._delegation(f"{m.group(group)} delegation", "", side, sentence, m.start(group),
                                         m.end(group), from_place=True)  # fmt: skip
        return list(self.delegations.values())

    def side_delegation(self, printed, side, sentence, start, end):
        """A delegation the article names only by what it is ('a delegation of armed opposition groups'), at talks
        with no known delegation of that side: new, named by the printed words."""
        name = re.sub(r"^(?:an?|the)\s+", "", printed, flags=re.I)
        name = name[:1].upper() + name[1:]
        slug = slug_for(name)
        if slug not in self.delegations:
            fields = {"slug": slug, "name": name, "abbreviation": "", "side": side, "aliases": [],
                      "description": f"Named in the article only as '{printed}'; no {side} delegation of these "
                                     "talks is known."}  # fmt: skip
            self.delegations[slug] = Proposal("delegation", fields, confidence=0.4)
        self.delegations[slug].cite(sentence.start, sentence.end, "name")
        return slug

    def _delegation(self, name, abbr, side, sentence, start, end, from_place=False):
        a = self.article
        slug = slug_for(name)
        known = next((r for r in a.kb.all("delegations") if name in r.names or (abbr and abbr in r.names)), None)
        s, e = sentence.slice(start, end)
        if known:
            if not from_place:
                a.add_mention(Mention("delegations", known.slug, s, e, a.text[s:e]))
                return
            if known.slug in {r.slug for r in a.kb.all("delegations") if r.get("side") == side}:
                a.add_mention(Mention("delegations", known.slug, s, e, a.text[s:e]))
                return
        if from_place:
            # "delegations from Moscow and Cairo": the Moscow delegation, not Russia, which Moscow also names.
            a.mentions[:] = [k for k in a.mentions if not (k.kind == "delegations" and (k.start, k.end) == (s, e))]
        if slug not in self.delegations:
            fields = {"slug": slug, "name": name, "abbreviation": abbr, "side": side,
                      "aliases": [abbr] if abbr else [], "description": ""}  # fmt: skip
            self.delegations[slug] = Proposal("delegation", fields, confidence=0.6)
        self.delegations[slug].cite(sentence.start, sentence.end, "name")
        # Mentions of the abbreviation elsewhere are this delegation too.
        a.add_mention(Mention("delegations", slug, s, e, a.text[s:e]))
        if abbr:
            for m in re.finditer(rf"\b{re.escape(abbr)}\b", a.text):
                if not any(k.start <= m.start() < k.end for k in a.mentions if k.kind == "delegations"):
                    a.add_mention(Mention("delegations", slug, m.start(), m.end(), abbr))


def _role_words(title):
    words = re.sub(r"\bU\.?N\.?\b", "un", title.lower())
    words = re.sub(r"\b(?:united nations)\b", "un", words)
    words = re.sub(r"['’]s\b|\b(?:the|of|for|to|a|an)\b|[^\w\s-]", " ", words)
    return " ".join(words.split())


def same_role(known, printed):
    """Whether a printed title says what a role already says ('President' of 'President of Syria',
    'UN Special Envoy to Syria' of 'UN special envoy for Syria')."""
    a, b = _role_words(known), _role_words(printed)
    if not a or not b:
        return False
    return a in b or b in a or fuzz.token_set_ratio(a, b) >= 85 and fuzz.ratio(a, b) >= 70
