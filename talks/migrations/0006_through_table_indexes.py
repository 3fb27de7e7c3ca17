"""Indexes on the many-to-many tables in the direction the filters read them: from the thing filtered by
(an envoy, a resolution, a person, a delegation) to the rounds and milestones that have it. Django cannot
declare indexes on the tables it creates for a ManyToManyField, so they are plain SQL, valid on SQLite
and PostgreSQL alike."""

from django.db import migrations

INDEXES = [
    ("talks_talkround_envoys", "envoy_id", "talkround_id"),
    ("talks_talkround_resolutions", "resolution_id", "talkround_id"),
    ("talks_milestone_people", "person_id", "milestone_id"),
    ("talks_milestone_delegations", "delegation_id", "milestone_id"),
    ("talks_milestone_resolutions", "resolution_id", "milestone_id"),
]


def name(table, first):
    return f"{table}_{first.removesuffix('_id')}_rev"[:63]


class Migration(migrations.Migration):
    dependencies = [("talks", "0005_timeline_indexes")]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX {name(table, first)} ON {table} ({first}, {second})",
            reverse_sql=f"DROP INDEX {name(table, first)}",
        )
        for table, first, second in INDEXES
    ]
