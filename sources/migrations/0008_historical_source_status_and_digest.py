from django.db import migrations, models


class Migration(migrations.Migration):
    """The history of a source keeps its status and its text's digest too (rows recorded before keep none)."""

    dependencies = [
        ("sources", "0007_history_and_timestamps"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalsource",
            name="status",
            field=models.CharField(
                choices=[("draft", "Draft (under review)"), ("published", "Published")],
                db_index=True,
                default="published",
                max_length=9,
            ),
        ),
        migrations.AddField(
            model_name="historicalsource",
            name="text_digest",
            field=models.CharField(
                db_index=True,
                default="",
                editable=False,
                help_text="SHA-256 of the exact text: one source per text.",
                max_length=64,
            ),
            preserve_default=False,
        ),
    ]
