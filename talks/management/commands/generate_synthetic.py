import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from talks import synthetic


class Command(BaseCommand):
    help = "Add synthetic rounds (and proportionate context) on top of the real data, for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, default=0, help="How many synthetic rounds to add.")
        parser.add_argument("--seed", type=int, default=0, help="Random seed, for repeatable data.")
        parser.add_argument("--batch-size", type=int, default=5_000)
        parser.add_argument("--clear", action="store_true", help="Remove every synthetic row first.")

    def handle(self, *args, rounds, seed, batch_size, clear, **options):
        if rounds < 0 or batch_size < 1:
            raise CommandError("--rounds must be ≥ 0 and --batch-size ≥ 1.")
        if clear:
            removed = synthetic.clear()
            self.stdout.write(f"Removed {removed} synthetic rounds and everything synthetic beside them.")
        if not rounds:
            return
        began = time.monotonic()
        with tqdm(total=rounds, unit="round", disable=options["verbosity"] == 0, file=self.stderr) as bar:
            plan = synthetic.generate(rounds=rounds, seed=seed, batch_size=batch_size, progress=bar.update)
        self.stdout.write(
            f"Added {plan.rounds} rounds, {plan.milestones} milestones, {plan.figures} figures, "
            f"{plan.processes} processes, {plan.venues} venues, {plan.delegations} delegations, "
            f"{plan.people} people in {time.monotonic() - began:.1f}s."
        )
