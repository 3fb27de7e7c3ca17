"""GIN indexes for full-text search on PostgreSQL; other databases search without one."""

from django.db import migrations

TABLES = ["talks_talkround", "talks_milestone", "talks_resolution"]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        # The expression must be the one talks.search.search_vector() compiles to, or the index goes unused.
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {table}_search_gin ON {table} "
            f"USING gin (to_tsvector('english'::regconfig, COALESCE(search_text, '')))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_search_gin")


class Migration(migrations.Migration):
    dependencies = [("talks", "0002_search_text")]

    operations = [migrations.RunPython(create, drop)]
