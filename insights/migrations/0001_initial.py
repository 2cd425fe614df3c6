# Written by hand from makemigrations' output: the models move from faq, their rows stay.

import django.db.models.expressions
from django.db import migrations, models


MODELS = ('feedback', 'handledquery', 'pageview', 'searchlog')


def relabel_content_types(apps, schema_editor):
    """Permissions, admin log entries and history keep pointing at the moved models."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label="insights", model=model).exists():
            ContentType.objects.filter(app_label="faq", model=model).update(app_label="insights")


def unrelabel_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="insights", model__in=MODELS).update(app_label="faq")


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
                    name='Feedback',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('target', models.CharField(db_index=True, max_length=120, verbose_name='item')),
                        ('node', models.SlugField(blank=True, max_length=60, verbose_name='troubleshooter step')),
                        ('helpful', models.BooleanField(verbose_name='helpful')),
                        ('comment', models.TextField(blank=True, max_length=1000, verbose_name='comment')),
                        ('language', models.CharField(max_length=10, verbose_name='language')),
                        ('source', models.CharField(choices=[('site', 'Help site'), ('api', 'API'), ('widget', 'Widget')], default='api', max_length=10, verbose_name='from')),
                        ('day', models.DateField(db_index=True, verbose_name='day')),
                        ('client', models.CharField(editable=False, max_length=64, verbose_name='client')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                    ],
                    options={
                        'db_table': 'faq_feedback',
                        'verbose_name': 'feedback',
                        'verbose_name_plural': 'feedback',
                        'ordering': ['-created_at'],
                        'constraints': [models.UniqueConstraint(fields=('client', 'target', 'node', 'day'), name='one_vote_per_client_per_day')],
                    },
                ),
                migrations.CreateModel(
                    name='HandledQuery',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('query', models.CharField(max_length=200, verbose_name='query')),
                        ('language', models.CharField(max_length=10, verbose_name='language')),
                        ('handled_on', models.DateField(verbose_name='handled on')),
                        ('how', models.CharField(choices=[('draft', 'FAQ draft created'), ('keyword', 'Added as a keyword or synonym'), ('handled', 'Marked handled')], max_length=10, verbose_name='how')),
                        ('note', models.CharField(blank=True, max_length=200, verbose_name='note')),
                    ],
                    options={
                        'db_table': 'faq_handledquery',
                        'verbose_name': 'handled query',
                        'verbose_name_plural': 'handled queries',
                        'ordering': ['-handled_on', 'query'],
                        'constraints': [models.UniqueConstraint(fields=('query', 'language'), name='one_handled_query_per_key')],
                    },
                ),
                migrations.CreateModel(
                    name='PageView',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('target', models.CharField(max_length=120, verbose_name='item')),
                        ('node', models.SlugField(blank=True, max_length=60, verbose_name='troubleshooter step')),
                        ('day', models.DateField(verbose_name='day')),
                        ('count', models.PositiveIntegerField(default=0, verbose_name='views')),
                    ],
                    options={
                        'db_table': 'faq_pageview',
                        'verbose_name': 'page view',
                        'verbose_name_plural': 'page views',
                        'ordering': ['-day', 'target', 'node'],
                        'constraints': [models.UniqueConstraint(fields=('target', 'node', 'day'), name='one_page_view_per_key')],
                    },
                ),
                migrations.CreateModel(
                    name='SearchLog',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('query', models.CharField(help_text='As normalized for search.', max_length=200, verbose_name='query')),
                        ('language', models.CharField(max_length=10, verbose_name='language')),
                        ('day', models.DateField(verbose_name='day')),
                        ('source', models.CharField(choices=[('site', 'Help site'), ('api', 'API'), ('widget', 'Widget')], max_length=10, verbose_name='from')),
                        ('count', models.PositiveIntegerField(default=0, verbose_name='searches')),
                        ('rule_count', models.PositiveIntegerField(default=0, verbose_name='answered by a rule')),
                        ('search_count', models.PositiveIntegerField(default=0, verbose_name='answered by search')),
                        ('none_count', models.PositiveIntegerField(default=0, verbose_name='no confident answer')),
                        ('best_score', models.FloatField(blank=True, help_text='Of the latest search; empty: no hit.', null=True, verbose_name='best score')),
                    ],
                    options={
                        'db_table': 'faq_searchlog',
                        'verbose_name': 'search log',
                        'verbose_name_plural': 'search logs',
                        'ordering': ['-day', '-count', 'query'],
                        'indexes': [models.Index(fields=['day', 'language'], name='search_log_day_language')],
                        'constraints': [models.UniqueConstraint(fields=('query', 'language', 'day', 'source'), name='one_search_log_per_key'), models.CheckConstraint(condition=models.Q(('count', django.db.models.expressions.CombinedExpression(django.db.models.expressions.CombinedExpression(models.F('rule_count'), '+', models.F('search_count')), '+', models.F('none_count')))), name='search_log_count_is_the_sum_of_outcomes')],
                    },
                ),
            ],
        ),
        migrations.AlterModelTable(name='feedback', table=None),
        migrations.AlterModelTable(name='handledquery', table=None),
        migrations.AlterModelTable(name='pageview', table=None),
        migrations.AlterModelTable(name='searchlog', table=None),
        migrations.RunPython(relabel_content_types, unrelabel_content_types, elidable=False),
    ]
