# Written by hand from makemigrations' output: the models move from faq, their rows stay.

import django.core.validators
from django.db import migrations, models


MODELS = ('contentversion',)


def relabel_content_types(apps, schema_editor):
    """Permissions, admin log entries and history keep pointing at the moved models."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label="simhelp", model=model).exists():
            ContentType.objects.filter(app_label="faq", model=model).update(app_label="simhelp")


def unrelabel_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="simhelp", model__in=MODELS).update(app_label="faq")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('faq', '0004_insights'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        # The tables exist: the first layout kept these models in the faq app. Take them over in
        # Django's state, then rename the tables for real; every row stays.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ContentVersion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('version', models.PositiveBigIntegerField(default=0, validators=[django.core.validators.MinValueValidator(0)])),
                        ('changed_at', models.DateTimeField(auto_now=True)),
                    ],
                    options={
                        'db_table': 'faq_contentversion',
                        'verbose_name': 'content version',
                    },
                ),
            ],
        ),
        migrations.AlterModelTable(name='contentversion', table=None),
        migrations.RunPython(relabel_content_types, unrelabel_content_types, elidable=False),
    ]
