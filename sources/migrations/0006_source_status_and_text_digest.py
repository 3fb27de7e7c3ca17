import hashlib

from django.db import migrations, models


def digest_texts(apps, schema_editor):
    Source = apps.get_model("sources", "Source")
    for source in Source.objects.only("pk", "text"):
        source.text_digest = hashlib.sha256(source.text.encode("utf-8")).hexdigest()
        source.save(update_fields=["text_digest"])


class Migration(migrations.Migration):
    """Draft sources (an ingested article under review) and one source per text. Every existing source is
    published; the digest of each existing text is computed before the digest becomes unique and required."""

    dependencies = [
        ("sources", "0005_remove_synthetic_flags"),
    ]

    operations = [
        migrations.AddField(
            model_name="source",
            name="status",
            field=models.CharField(
                choices=[("draft", "Draft (under review)"), ("published", "Published")],
                db_index=True,
                default="published",
                max_length=9,
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="text_digest",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(digest_texts, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="source",
            name="text_digest",
            field=models.CharField(
                editable=False,
                help_text="SHA-256 of the exact text: one source per text.",
                max_length=64,
                unique=True,
            ),
        ),
        migrations.AddConstraint(
            model_name="source",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["draft", "published"])), name="source_status_valid"
            ),
        ),
    ]
