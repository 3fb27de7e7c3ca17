"""Synthetic data at scale, on top of the real knowledge base, for benchmarks.

    python -m bench.synthetic --rounds 1000000 --seed 42
    python -m bench.synthetic --clear

Every synthetic row cites one Source, "Synthetic data, not from any article", with a sentence of its text:
that citation is what marks the row as synthetic, so it never passes for real data and the domain models need
no flag of their own, and `clear()` removes exactly the rows that cite it. Every synthetic slug also starts
with `synthetic-` (a round's with `synthetic-round-`), for SQL that wants the rows without a join.

Rows are made in batches, as dicts by field name, and written with COPY on PostgreSQL (batched INSERTs
elsewhere), with ids allocated up front, so memory stays flat whatever the number of rounds.
"""

import argparse
import datetime
import os
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from functools import partial

import django
from tqdm import tqdm

if __name__ == "__main__":  # run as a script: Django is set up before the models are imported
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    django.setup()

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Max

from actors.models import Delegation, Envoy, Person
from sources.models import Citation, Figure, Source
from talks.models import Milestone, Process, Resolution, RoundDelegation, TalkRound, Venue
from toolkit.history import unrecorded

SOURCE_SLUG = "synthetic-data-not-from-any-article"
SLUG_PREFIX = "synthetic-"
# Every kind generate() writes, in the order it writes them; clear() removes them in the reverse order.
KINDS = (Process, Venue, Delegation, Person, Resolution, Envoy, TalkRound, RoundDelegation, Milestone, Figure)
FIRST_DAY = datetime.date(1990, 1, 1)
LAST_DAY = datetime.date(2030, 12, 31)
WORDS = [
    "ceasefire", "constitution", "transition", "humanitarian", "corridor", "detainees", "elections", "sanctions",
    "reconstruction", "refugees", "return", "monitoring", "prisoners", "governance", "security", "water", "border",
    "aid", "access", "federal", "amnesty", "militias", "withdrawal", "reform",
]  # fmt: skip
STATUSES = ["held"] * 90 + ["planned"] * 7 + ["adjourned"] * 3
PRECISIONS = ["day"] * 80 + ["month"] * 15 + ["year"] * 5
SIDES = ["government", "opposition", "civil_society", "state"]
SENTENCES = 400
ENVOYS_PER_PROCESS = 4


class Plan:
    """How much of each kind to make for N rounds, in proportions like the real data's.

    The world's supply of processes, venues, delegations and people does not grow with the number of rounds:
    from 10,000 rounds on they are fixed, so that the benchmark's sizes differ in rounds only. Small plans
    (for tests) get proportionally fewer.
    """

    def __init__(self, rounds):
        self.rounds = rounds
        self.processes = max(5, min(40, rounds // 250))
        self.venues = max(10, min(200, rounds // 50))
        self.delegations = max(20, min(400, rounds // 25))
        self.people = max(40, min(2_000, rounds // 5))
        self.milestones = rounds // 10
        self.figures = max(10, rounds // 100)
        self.resolutions = max(5, min(300, rounds // 35))


def generate(*, rounds, seed=0, batch_size=5_000, progress=None):
    """Add `rounds` synthetic rounds (and their proportionate context) on top of what is there."""
    plan = Plan(rounds)
    # Benchmark rows, not knowledge: they leave no history (nor does `clear`).
    with transaction.atomic(), unrecorded():
        run = _Run(seed=seed, batch_size=batch_size)
        context = _context(run, plan)
        run.add(TalkRound, plan.rounds, partial(_round, run, context), progress)
        run.add(Milestone, plan.milestones, partial(_milestone, run, context))
        run.add(Figure, plan.figures, partial(_figure, run))
        run.writer.finish()
    return plan


def clear():
    """Remove every row that cites the synthetic source, the links between them, the source; nothing else.

    Returns how many rounds went."""
    source = Source.objects.filter(slug=SOURCE_SLUG).first()
    if source is None:
        return 0

    def citing(model):
        cited = source.citations.filter(content_type=ContentType.objects.get_for_model(model))
        return model.objects.filter(pk__in=cited.values("object_id"))

    # Raw deletes, one statement a table: Django's collector would load a million rows to cascade them.
    with transaction.atomic(), unrecorded():
        count = citing(TalkRound).count()
        for model in reversed(KINDS):
            for field in model._meta.local_many_to_many:
                links = field.remote_field.through.objects
                links.filter(**{f"{field.m2m_field_name()}__in": citing(model)})._raw_delete(connection.alias)
            citing(model)._raw_delete(connection.alias)
        source.citations.all()._raw_delete(connection.alias)
        source.delete()
    return count


class _Run:
    """What one call of generate() shares: the seeded randomness, the ids taken, the synthetic source, the writer."""

    def __init__(self, *, seed, batch_size):
        self.rng = random.Random(seed)
        self.batch_size = batch_size
        self.writer = _Writer()
        self.next_ids = {}
        self.content_types = {model: ContentType.objects.get_for_model(model).pk for model in KINDS}
        self.quotes = _sentences()
        self.source, _ = Source.objects.get_or_create(
            slug=SOURCE_SLUG,
            defaults={
                "title": "Synthetic data, not from any article",
                "headline_printed": False,
                "file_name": "synthetic",
                "text": " ".join(self.quotes),
                "text_digest": Source.digest_of(" ".join(self.quotes)),
            },
        )
        self.name = f"{seed}-{self.take(TalkRound, 0)}"  # in every name and slug: later runs do not clash

    def take(self, model, count=1):
        """The first of `count` new ids for `model`, above whatever its table holds."""
        if model not in self.next_ids:
            self.next_ids[model] = (model.objects.aggregate(last=Max("pk"))["last"] or 0) + 1
        first = self.next_ids[model]
        self.next_ids[model] += count
        return first

    def cite(self, rows, model, object_id, supports=""):
        """Add to `rows` a citation of the synthetic source for one row; returns its quote."""
        quote = self.rng.choice(self.quotes)
        rows[Citation].append(
            {
                "id": self.take(Citation),
                "source_id": self.source.pk,
                "quote": quote,
                "supports": supports,
                "content_type_id": self.content_types[model],
                "object_id": object_id,
            }
        )
        return quote

    def add(self, model, count, make, progress=None):
        """`count` rows of `model`, each added to the batch by `make(rows, i, pk)` with what goes with it (its
        citations, its links), written batch by batch. Returns the first id."""
        first = self.take(model, count)
        for start in range(0, count, self.batch_size):
            stop = min(count, start + self.batch_size)
            rows = defaultdict(list, {model: []})
            for i in range(start, stop):
                make(rows, i, first + i)
            for table, table_rows in rows.items():
                self.writer.write(table, table_rows)
            if progress:
                progress(stop - start)
        return first

    def add_named(self, model, kind, count, fields=lambda i, name: {}):
        """`count` rows named 'Synthetic <kind> <run>-<i>', with the `fields(i, name)` of each, cited once each."""

        def make(rows, i, pk):
            label = f"{self.name}-{i}"
            name = f"Synthetic {kind} {label}"
            rows[model].append({"id": pk, "name": name, "slug": f"{SLUG_PREFIX}{kind}-{label}", **fields(i, name)})
            self.cite(rows, model, pk)

        return self.add(model, count, make)


@dataclass
class _Context:
    """What the rounds draw on: the first id of each kind, and each process's own venues and delegations."""

    plan: Plan
    processes: int
    venues: int
    people: int
    resolutions: int
    envoys: int
    pools: list  # by process: (venue ids, delegation ids)

    def envoy(self, process, day):
        """Each process has a succession of envoys whose spans do not overlap: the one in office on `day`."""
        span = (LAST_DAY - FIRST_DAY).days // ENVOYS_PER_PROCESS
        return self.envoys + process * ENVOYS_PER_PROCESS + min(ENVOYS_PER_PROCESS - 1, (day - FIRST_DAY).days // span)


def _context(run, plan):
    """The processes, venues, delegations, people, resolutions and envoys, and each process's pools."""
    # One person holds one envoy mandate (a one-to-one): each envoy needs a person of its own.
    if plan.processes * ENVOYS_PER_PROCESS > plan.people:
        raise ValueError("not enough synthetic people for the envoys")
    rng = run.rng
    processes = run.add_named(Process, "process", plan.processes)
    venues = run.add_named(
        Venue,
        "venue",
        plan.venues,
        lambda i, name: {
            "country": "Nowhere",
            "latitude": round(rng.uniform(-60, 60), 6),
            "longitude": round(rng.uniform(-170, 170), 6),
        },
    )
    delegations = run.add_named(Delegation, "delegation", plan.delegations, lambda i, name: {"side": rng.choice(SIDES)})
    people = run.add_named(Person, "person", plan.people)
    resolutions = run.add_named(
        Resolution,
        "resolution",
        plan.resolutions,
        lambda i, name: {"code": f"S-{run.name}-{i}", "kind": "unsc_resolution", "search_text": name, **_date(rng)},
    )
    envoys = run.add_named(
        Envoy,
        "envoy",
        plan.processes * ENVOYS_PER_PROCESS,
        lambda i, name: {"person_id": people + i, "title": "UN Special Envoy (synthetic)"},
    )
    pools = [
        (
            rng.sample(range(venues, venues + plan.venues), k=min(6, plan.venues)),
            rng.sample(range(delegations, delegations + plan.delegations), k=min(8, plan.delegations)),
        )
        for _ in range(plan.processes)
    ]
    return _Context(plan, processes, venues, people, resolutions, envoys, pools)


def _round(run, context, rows, i, pk):
    """A round, with its envoy, two or three delegations (each cited), now and then a resolution."""
    rng = run.rng
    process = rng.randrange(context.plan.processes)
    venues, delegations = context.pools[process]
    venue = rng.choice(venues)
    when = _date(rng)
    status = rng.choice(STATUSES)
    topic = rng.choice(WORDS)
    title = f"Synthetic round {run.name}-{i} on {topic}"
    summary = f"Talks on {topic} and {rng.choice(WORDS)}."
    outcome = f"Agreement on {rng.choice(WORDS)}." if status == "held" else ""
    quotes = [run.cite(rows, TalkRound, pk, "date, venue"), run.cite(rows, TalkRound, pk, "outcome")]
    rows[TalkRound].append(
        {
            "id": pk,
            "title": title,
            "slug": f"{SLUG_PREFIX}round-{run.name}-{i}",
            "process_id": context.processes + process,
            "venue_id": venue,
            **when,
            "search_text": "\n".join([title, summary, outcome, *quotes]),
            "status": status,
            "summary": summary,
            "outcome": outcome,
        }
    )
    rows[TalkRound.envoys.through].append({"talkround_id": pk, "envoy_id": context.envoy(process, when["start_date"])})
    for delegation in rng.sample(delegations, k=rng.choice([2, 2, 3])):
        head = context.people + rng.randrange(context.plan.people) if rng.random() < 0.3 else None
        link = run.take(RoundDelegation)
        rows[RoundDelegation].append({"id": link, "round_id": pk, "delegation_id": delegation, "head_id": head})
        run.cite(rows, RoundDelegation, link)
    if rng.random() < 0.1:
        resolution = context.resolutions + rng.randrange(context.plan.resolutions)
        rows[TalkRound.resolutions.through].append({"talkround_id": pk, "resolution_id": resolution})


def _milestone(run, context, rows, i, pk):
    rng = run.rng
    when = _date(rng)
    title = f"Synthetic milestone {run.name}-{i}: {rng.choice(WORDS)}"
    quote = run.cite(rows, Milestone, pk)
    rows[Milestone].append(
        {
            "id": pk,
            "title": title,
            "slug": f"{SLUG_PREFIX}milestone-{run.name}-{i}",
            "category": "agreement",
            "venue_id": context.venues + rng.randrange(context.plan.venues),
            "process_id": context.processes + rng.randrange(context.plan.processes),
            **when,
            "search_text": "\n".join([title, quote]),
        }
    )


def _figure(run, rows, i, pk):
    rng = run.rng
    when = _date(rng, day="as_of", precision="as_of_precision")
    value = rng.randrange(1_000, 1_000_000)
    rows[Figure].append(
        {
            "id": pk,
            "slug": f"{SLUG_PREFIX}figure-{run.name}-{i}",
            "measure": "death_toll",
            "counts": "people killed (synthetic)",
            "value": value,
            "value_text": f"{value:,}",
            "unit": "people",
            **when,
        }
    )
    run.cite(rows, Figure, pk)


def _date(rng, day="start_date", precision="date_precision"):
    """A date between FIRST_DAY and LAST_DAY, stated to a day, a month or a year, as the fields `day` and
    `precision`."""
    date = FIRST_DAY + datetime.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days))
    to = rng.choice(PRECISIONS)
    if to == "month":
        date = date.replace(day=1)
    elif to == "year":
        date = datetime.date(date.year, 1, 1)
    return {day: date, precision: to}


def _sentences():
    """The synthetic source's sentences: the same text whatever the seed, so later runs can cite it too."""
    rng = random.Random(0)
    return [
        f"Delegates in synthetic session {n} discussed {rng.choice(WORDS)} and {rng.choice(WORDS)}."
        for n in range(SENTENCES)
    ]


class _Writer:
    """Writes rows, dicts by field name, to a model's table: COPY on PostgreSQL, batched INSERTs elsewhere.

    The columns are the model's stored fields. A field a row leaves out takes the model's default (the
    database's own, where it has one: the records' created and updated times); an id it leaves out (a
    many-to-many link's), the database's sequence.
    """

    def __init__(self):
        self.numbered = {}  # the tables written with ids of ours, whose sequences must catch up
        self.tables = {}

    def write(self, model, rows):
        if not rows:
            return
        fields = [
            field
            for field in model._meta.concrete_fields
            if not field.generated and (field.attname in rows[0] or not (field.primary_key or field.has_db_default()))
        ]
        defaults = {field.attname: field.get_db_prep_save(field.get_default(), connection) for field in fields}
        table = model._meta.db_table
        self.tables[table] = None
        if model._meta.pk.attname in defaults:
            self.numbered[table] = None

        def values(row):
            filled = defaults | row
            if len(filled) > len(defaults):
                raise ValueError(f"{model.__name__} has no field {', '.join(row.keys() - defaults.keys())}")
            return list(filled.values())

        columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(values(row))
            else:
                marks = ", ".join(["%s"] * len(fields))
                cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", [values(r) for r in rows])

    def finish(self):
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            for table in self.numbered:
                highest = f"(SELECT COALESCE(MAX(id), 1) FROM {table})"
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {highest})")
            # Fresh statistics for the planner, through tables included, and a fresh visibility map
            # for index-only scans. (VACUUM cannot run in a transaction: ANALYZE now, autovacuum later.)
            for table in self.tables:
                cursor.execute(f"ANALYZE {table}")


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m bench.synthetic",
        description="Add synthetic rounds (and proportionate context) on top of the real data, for benchmarks. "
        "Uses config.settings.dev unless DJANGO_SETTINGS_MODULE says otherwise, and DATABASE_URL's database.",
    )
    parser.add_argument("--rounds", type=int, default=0, help="How many synthetic rounds to add.")
    parser.add_argument("--seed", type=int, default=0, help="Random seed, for repeatable data.")
    parser.add_argument("--batch-size", type=int, default=5_000)
    parser.add_argument("--clear", action="store_true", help="Remove every synthetic row first.")
    parser.add_argument("--quiet", action="store_true", help="No progress bar.")
    args = parser.parse_args(argv)
    if args.rounds < 0 or args.batch_size < 1:
        parser.error("--rounds must be ≥ 0 and --batch-size ≥ 1.")
    if args.clear:
        removed = clear()
        print(f"Removed {removed} synthetic rounds and everything synthetic beside them.")
    if not args.rounds:
        return
    began = time.monotonic()
    with tqdm(total=args.rounds, unit="round", disable=args.quiet, file=sys.stderr) as bar:
        plan = generate(rounds=args.rounds, seed=args.seed, batch_size=args.batch_size, progress=bar.update)
    print(
        f"Added {plan.rounds} rounds, {plan.milestones} milestones, {plan.figures} figures, "
        f"{plan.processes} processes, {plan.venues} venues, {plan.delegations} delegations, "
        f"{plan.people} people in {time.monotonic() - began:.1f}s."
    )


if __name__ == "__main__":
    main()
