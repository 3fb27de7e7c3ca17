"""Synthetic data at scale, on top of the real knowledge base, for benchmarks.

Every synthetic row is marked `is_synthetic` and cites one synthetic Source ("not from any article"),
so it never passes for real data, and `clear()` removes exactly these rows. Rows are generated in
batches and written with COPY on PostgreSQL (plain multi-row INSERTs elsewhere), with ids allocated up
front, so memory stays flat whatever the number of rounds.
"""

import datetime
import random
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

from actors.models import Delegation, Envoy, Person
from sources.models import Citation, Figure, Source

from .models import Milestone, Process, Resolution, RoundDelegation, TalkRound, Venue

SYNTHETIC_SLUG = "synthetic-data-not-from-any-article"
FIRST_DAY = datetime.date(1990, 1, 1)
LAST_DAY = datetime.date(2030, 12, 31)
WORDS = [
    "ceasefire", "constitution", "transition", "humanitarian", "corridor", "detainees", "elections", "sanctions",
    "reconstruction", "refugees", "return", "monitoring", "prisoners", "governance", "security", "water", "border",
    "aid", "access", "federal", "amnesty", "militias", "withdrawal", "reform",
]  # fmt: skip
STATUSES = ["held"] * 90 + ["planned"] * 7 + ["adjourned"] * 3
PRECISIONS = ["day"] * 80 + ["month"] * 15 + ["year"] * 5
SENTENCES = 400


def _sentences():
    """The synthetic source's sentences: the same text whatever the seed, so later runs can cite it too."""
    rng = random.Random(0)
    return [
        f"Delegates in synthetic session {n} discussed {rng.choice(WORDS)} and {rng.choice(WORDS)}."
        for n in range(SENTENCES)
    ]


@dataclass
class Plan:
    """How much of each kind to make for N rounds, in proportions like the real data's."""

    rounds: int

    # The world's supply of processes, venues, delegations and people does not grow with the number of
    # rounds: from 10,000 rounds on they are fixed, so that the benchmark's sizes differ in rounds only.
    # Small plans (for tests) get proportionally fewer.

    @property
    def processes(self):
        return max(5, min(40, self.rounds // 250))

    @property
    def venues(self):
        return max(10, min(200, self.rounds // 50))

    @property
    def delegations(self):
        return max(20, min(400, self.rounds // 25))

    @property
    def people(self):
        return max(40, min(2_000, self.rounds // 5))

    @property
    def milestones(self):
        return self.rounds // 10

    @property
    def figures(self):
        return max(10, self.rounds // 100)

    @property
    def resolutions(self):
        return max(5, min(300, self.rounds // 35))


class _Ids:
    """Allocates primary keys above what each table holds, so related rows can be written in one pass."""

    def __init__(self):
        self.next = {}

    def take(self, model, count):
        if model not in self.next:
            last = model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            self.next[model] = last + 1
        start = self.next[model]
        self.next[model] += count
        return start


class _Sink:
    """Writes rows to a table: COPY on PostgreSQL, batched INSERTs elsewhere."""

    def __init__(self, batch_size):
        self.batch_size = batch_size

    def write(self, model, columns, rows):
        table = model._meta.db_table
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                return
            marks = ", ".join(["%s"] * len(columns))
            sql = f"INSERT INTO {table} ({quoted}) VALUES ({marks})"
            batch = []
            for row in rows:
                batch.append(row)
                if len(batch) >= self.batch_size:
                    cursor.executemany(sql, batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)

    def finish(self, models):
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            for model in models:
                table = model._meta.db_table
                highest = f"(SELECT COALESCE(MAX(id), 1) FROM {table})"
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {highest})")
            # Fresh statistics for the planner, through tables included, and a fresh visibility map
            # for index-only scans. (VACUUM cannot run in a transaction: ANALYZE now, autovacuum later.)
            for table in {t for model in models for t in _tables(model)}:
                cursor.execute(f"ANALYZE {table}")


def _tables(model):
    return [model._meta.db_table, *(f.m2m_db_table() for f in model._meta.local_many_to_many)]


def _partial_date(rng):
    day = FIRST_DAY + datetime.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days))
    precision = rng.choice(PRECISIONS)
    if precision == "month":
        day = day.replace(day=1)
    elif precision == "year":
        day = datetime.date(day.year, 1, 1)
    return day, precision


def generate(*, rounds, seed=0, batch_size=5_000, progress=None):
    """Add `rounds` synthetic rounds (and their proportionate context) on top of what is there."""
    rng = random.Random(seed)
    plan = Plan(rounds)
    ids = _Ids()
    sink = _Sink(batch_size)
    content_types = {
        m: ContentType.objects.get_for_model(m).pk for m in (TalkRound, Milestone, RoundDelegation, Figure)
    }
    content_types |= {m: ContentType.objects.get_for_model(m).pk for m in (Process, Venue, Person, Envoy, Delegation)}
    content_types[Resolution] = ContentType.objects.get_for_model(Resolution).pk

    with transaction.atomic():
        quotes = _sentences()
        source, _ = Source.objects.get_or_create(
            slug=SYNTHETIC_SLUG,
            defaults={
                "title": "Synthetic data, not from any article",
                "headline_printed": False,
                "file_name": "synthetic",
                "text": " ".join(quotes),
                "is_synthetic": True,
            },
        )
        citation_id = ids.take(Citation, 0)

        def cite(model, object_id, supports=""):
            nonlocal citation_id
            quote = rng.choice(quotes)
            row = (citation_id, source.pk, quote, supports, "", content_types[model], object_id)
            citation_id += 1
            return row, quote

        citations = []
        run = f"{seed}-{ids.take(TalkRound, 0)}"

        def named(model, count, make):
            first = ids.take(model, count)
            rows = [make(first + i, i) for i in range(count)]
            for obj_id, *_ in rows:
                citations.append(cite(model, obj_id)[0])
            return first, rows

        p0, processes = named(
            Process,
            plan.processes,
            lambda pk, i: (pk, f"Synthetic process {run}-{i}", f"synthetic-process-{run}-{i}", "", "", "", True),
        )
        sink.write(
            Process, ["id", "name", "slug", "short_name", "convened_by", "description", "is_synthetic"], processes
        )
        v0, venues = named(
            Venue,
            plan.venues,
            lambda pk, i: (
                pk, f"Synthetic venue {run}-{i}", f"synthetic-venue-{run}-{i}", "Nowhere",
                round(rng.uniform(-60, 60), 6), round(rng.uniform(-170, 170), 6), "", True,
            ),
        )  # fmt: skip
        sink.write(
            Venue, ["id", "name", "slug", "country", "latitude", "longitude", "description", "is_synthetic"], venues
        )
        d0, delegations = named(
            Delegation,
            plan.delegations,
            lambda pk, i: (pk, f"Synthetic delegation {run}-{i}", f"synthetic-delegation-{run}-{i}", "",
                           rng.choice(["government", "opposition", "civil_society", "state"]), "[]", "", True),
        )  # fmt: skip
        sink.write(
            Delegation,
            ["id", "name", "slug", "abbreviation", "side", "aliases", "description", "is_synthetic"],
            delegations,
        )
        pe0, people = named(
            Person,
            plan.people,
            lambda pk, i: (pk, f"Synthetic person {run}-{i}", f"synthetic-person-{run}-{i}", "[]", "", True),
        )
        sink.write(Person, ["id", "name", "slug", "aliases", "description", "is_synthetic"], people)
        r0, resolutions = named(
            Resolution,
            plan.resolutions,
            lambda pk, i: (pk, f"Synthetic resolution {run}-{i}", f"synthetic-resolution-{run}-{i}", f"S-{run}-{i}",
                           "unsc_resolution", "", "", "", "", *_partial_date(rng), "stated", "",
                           f"Synthetic resolution {run}-{i}", True),
        )  # fmt: skip
        sink.write(
            Resolution,
            [
                "id",
                "name",
                "slug",
                "code",
                "kind",
                "title",
                "adopted_by",
                "vote",
                "calls_for",
                "start_date",
                "date_precision",
                "date_basis",
                "date_note",
                "search_text",
                "is_synthetic",
            ],  # fmt: skip
            resolutions,
        )

        # Each process has a succession of envoys whose spans do not overlap, and its own pools.
        envoys_per_process = 4
        e0 = ids.take(Envoy, plan.processes * envoys_per_process)
        span_days = (LAST_DAY - FIRST_DAY).days // envoys_per_process
        envoys = []
        for p in range(plan.processes):
            for k in range(envoys_per_process):
                pk = e0 + p * envoys_per_process + k
                person = pe0 + (p * envoys_per_process + k) % plan.people
                envoys.append((pk, person, f"Synthetic envoy {run}-{p}-{k}", f"synthetic-envoy-{run}-{p}-{k}",
                               "UN Special Envoy (synthetic)", True))  # fmt: skip
                citations.append(cite(Envoy, pk)[0])
        # One person can hold one envoy mandate (a one-to-one): use distinct people while there are enough.
        if plan.processes * envoys_per_process > plan.people:
            raise ValueError("not enough synthetic people for the envoys")
        sink.write(Envoy, ["id", "person_id", "name", "slug", "title", "is_synthetic"], envoys)
        pools = {
            p: (
                rng.sample(range(v0, v0 + plan.venues), k=min(6, plan.venues)),
                rng.sample(range(d0, d0 + plan.delegations), k=min(8, plan.delegations)),
            )
            for p in range(plan.processes)
        }
        sink.write(
            Citation, ["id", "source_id", "quote", "supports", "note", "content_type_id", "object_id"], citations
        )
        citations = []

        t0 = ids.take(TalkRound, rounds)
        rd_id = ids.take(RoundDelegation, 0)
        for start in range(0, rounds, batch_size):
            count = min(batch_size, rounds - start)
            round_rows, envoy_rows, rd_rows, res_rows, cit_rows = [], [], [], [], []
            for i in range(start, start + count):
                pk = t0 + i
                p = rng.randrange(plan.processes)
                venues_pool, delegation_pool = pools[p]
                day, precision = _partial_date(rng)
                status = rng.choice(STATUSES)
                topic = rng.choice(WORDS)
                title = f"Synthetic round {run}-{i} on {topic}"
                summary = f"Talks on {topic} and {rng.choice(WORDS)}."
                outcome = f"Agreement on {rng.choice(WORDS)}." if status == "held" else ""
                c1, q1 = cite(TalkRound, pk, "date, venue")
                c2, q2 = cite(TalkRound, pk, "outcome")
                cit_rows += [c1, c2]
                round_rows.append((
                    pk, title, f"synthetic-round-{run}-{i}", p0 + p, rng.choice(venues_pool), day, None, precision,
                    "stated", "", "\n".join([title, summary, outcome, q1, q2]), None, status, "round",
                    summary, outcome, True,
                ))  # fmt: skip
                envoy = e0 + p * envoys_per_process + min(envoys_per_process - 1, (day - FIRST_DAY).days // span_days)
                envoy_rows.append((pk, envoy))
                for delegation in rng.sample(delegation_pool, k=rng.choice([2, 2, 3])):
                    head = pe0 + rng.randrange(plan.people) if rng.random() < 0.3 else None
                    rd_rows.append((rd_id, pk, delegation, head, "participant", ""))
                    cit_rows.append(cite(RoundDelegation, rd_id)[0])
                    rd_id += 1
                if rng.random() < 0.1:
                    res_rows.append((pk, r0 + rng.randrange(plan.resolutions)))
            sink.write(
                TalkRound,
                [
                    "id",
                    "title",
                    "slug",
                    "process_id",
                    "venue_id",
                    "start_date",
                    "end_date",
                    "date_precision",
                    "date_basis",
                    "date_note",
                    "search_text",
                    "round_number",
                    "status",
                    "format",
                    "summary",
                    "outcome",
                    "is_synthetic",
                ],  # fmt: skip
                round_rows,
            )
            sink.write(TalkRound.envoys.through, ["talkround_id", "envoy_id"], envoy_rows)
            sink.write(RoundDelegation, ["id", "round_id", "delegation_id", "head_id", "role", "note"], rd_rows)
            sink.write(TalkRound.resolutions.through, ["talkround_id", "resolution_id"], res_rows)
            sink.write(
                Citation, ["id", "source_id", "quote", "supports", "note", "content_type_id", "object_id"], cit_rows
            )
            if progress:
                progress(count)

        m0 = ids.take(Milestone, plan.milestones)
        for start in range(0, plan.milestones, batch_size):
            rows, cit_rows = [], []
            for i in range(start, min(plan.milestones, start + batch_size)):
                pk = m0 + i
                day, precision = _partial_date(rng)
                title = f"Synthetic milestone {run}-{i}: {rng.choice(WORDS)}"
                c, q = cite(Milestone, pk)
                cit_rows.append(c)
                rows.append((pk, title, f"synthetic-milestone-{run}-{i}", "agreement", "", rng.choice(venues)[0], "",
                             p0 + rng.randrange(plan.processes), day, None, precision, "stated", "",
                             "\n".join([title, q]), True))  # fmt: skip
            sink.write(
                Milestone,
                [
                    "id",
                    "title",
                    "slug",
                    "category",
                    "summary",
                    "venue_id",
                    "place",
                    "process_id",
                    "start_date",
                    "end_date",
                    "date_precision",
                    "date_basis",
                    "date_note",
                    "search_text",
                    "is_synthetic",
                ],  # fmt: skip
                rows,
            )
            sink.write(
                Citation, ["id", "source_id", "quote", "supports", "note", "content_type_id", "object_id"], cit_rows
            )

        f0 = ids.take(Figure, plan.figures)
        rows, cit_rows = [], []
        for i in range(plan.figures):
            day, precision = _partial_date(rng)
            value = rng.randrange(1_000, 1_000_000)
            rows.append((f0 + i, f"synthetic-figure-{run}-{i}", "death_toll", "people killed (synthetic)", value,
                         f"{value:,}", "exact", "people", "", day, precision, "stated", "", "", True))  # fmt: skip
            cit_rows.append(cite(Figure, f0 + i)[0])
        sink.write(
            Figure,
            [
                "id",
                "slug",
                "measure",
                "counts",
                "value",
                "value_text",
                "qualifier",
                "unit",
                "place",
                "as_of",
                "as_of_precision",
                "as_of_basis",
                "as_of_note",
                "note",
                "is_synthetic",
            ],  # fmt: skip
            rows,
        )
        sink.write(Citation, ["id", "source_id", "quote", "supports", "note", "content_type_id", "object_id"], cit_rows)
        sink.finish([Process, Venue, Delegation, Person, Resolution, Envoy, TalkRound, RoundDelegation, Milestone,
                     Figure, Citation])  # fmt: skip
    return plan


def clear():
    """Remove every synthetic row, and nothing else. Returns how many rounds went."""
    with transaction.atomic():
        source = Source.objects.filter(slug=SYNTHETIC_SLUG).first()
        rounds = TalkRound.objects.filter(is_synthetic=True)
        count = rounds.count()
        # Raw deletes: Django's collector would load a million rows into memory to cascade them.
        if source:
            Citation.objects.filter(source=source)._raw_delete(connection.alias)
        round_ids = rounds.values("pk")
        TalkRound.envoys.through.objects.filter(talkround_id__in=round_ids)._raw_delete(connection.alias)
        TalkRound.resolutions.through.objects.filter(talkround_id__in=round_ids)._raw_delete(connection.alias)
        RoundDelegation.objects.filter(round__is_synthetic=True)._raw_delete(connection.alias)
        rounds._raw_delete(connection.alias)
        milestones = Milestone.objects.filter(is_synthetic=True)
        for through in (Milestone.people.through, Milestone.delegations.through, Milestone.resolutions.through):
            through.objects.filter(milestone_id__in=milestones.values("pk"))._raw_delete(connection.alias)
        milestones._raw_delete(connection.alias)
        for model in (Figure, Envoy, Resolution, Person, Delegation, Venue, Process):
            model.objects.filter(is_synthetic=True)._raw_delete(connection.alias)
        if source:
            source.delete()
    return count
