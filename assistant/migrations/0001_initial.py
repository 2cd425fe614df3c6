# Written by hand from makemigrations' output: the models move from faq, their rows stay.

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


MODELS = ('synonymgroup', 'answerrule', 'historicalanswerrule', 'historicalsynonymgroup')


def relabel_content_types(apps, schema_editor):
    """Permissions, admin log entries and history keep pointing at the moved models."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label="assistant", model=model).exists():
            ContentType.objects.filter(app_label="faq", model=model).update(app_label="assistant")


def unrelabel_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="assistant", model__in=MODELS).update(app_label="faq")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('faq', '0004_insights'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The tables exist: the first layout kept these models in the faq app. Take them over in
        # Django's state, then rename the tables for real; every row stays.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='SynonymGroup',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('slug', models.SlugField(max_length=80, unique=True, verbose_name='slug')),
                        ('terms', models.TextField(blank=True, help_text='Comma-separated terms in this language.', verbose_name='terms')),
                        ('terms_zh_hans', models.TextField(blank=True, help_text='Comma-separated terms in this language.', null=True, verbose_name='terms')),
                        ('terms_en', models.TextField(blank=True, help_text='Comma-separated terms in this language.', null=True, verbose_name='terms')),
                        ('terms_ru', models.TextField(blank=True, help_text='Comma-separated terms in this language.', null=True, verbose_name='terms')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                    ],
                    options={
                        'db_table': 'faq_synonymgroup',
                        'verbose_name': 'synonym group',
                        'verbose_name_plural': 'synonym groups',
                        'ordering': ['slug'],
                    },
                ),
                migrations.CreateModel(
                    name='AnswerRule',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=120, unique=True, verbose_name='name')),
                        ('priority', models.IntegerField(default=0, help_text='When several rules match, the highest wins.', verbose_name='priority')),
                        ('active', models.BooleanField(default=True, verbose_name='active')),
                        ('phrases', models.TextField(blank=True, help_text='Comma-separated phrases; a question containing any of them (in any language) matches. Leave empty for a rule that only suggests an answer for a page.', verbose_name='match phrases')),
                        ('phrases_zh_hans', models.TextField(blank=True, help_text='Comma-separated phrases; a question containing any of them (in any language) matches. Leave empty for a rule that only suggests an answer for a page.', null=True, verbose_name='match phrases')),
                        ('phrases_en', models.TextField(blank=True, help_text='Comma-separated phrases; a question containing any of them (in any language) matches. Leave empty for a rule that only suggests an answer for a page.', null=True, verbose_name='match phrases')),
                        ('phrases_ru', models.TextField(blank=True, help_text='Comma-separated phrases; a question containing any of them (in any language) matches. Leave empty for a rule that only suggests an answer for a page.', null=True, verbose_name='match phrases')),
                        ('language', models.CharField(blank=True, choices=[('zh-hans', '中文（简体）'), ('en', 'English'), ('ru', 'Русский')], max_length=10, verbose_name='only for questions in')),
                        ('page_url', models.CharField(blank=True, help_text='A URL prefix (https://shop.example/pay/) or a pattern with * and ? (https://*.example/*/checkout*) that the page asking must match.', max_length=300, verbose_name='only on pages')),
                        ('target', models.CharField(help_text='The item to answer with: faq:slug, guide:slug or troubleshooter:slug.', max_length=120, verbose_name='answer with')),
                        ('target_node', models.SlugField(blank=True, help_text='For a troubleshooter: the key of the node to start at (optional).', max_length=60, verbose_name='start at node')),
                        ('message', models.TextField(blank=True, help_text='Optional text shown above the answer.', verbose_name='message')),
                        ('message_zh_hans', models.TextField(blank=True, help_text='Optional text shown above the answer.', null=True, verbose_name='message')),
                        ('message_en', models.TextField(blank=True, help_text='Optional text shown above the answer.', null=True, verbose_name='message')),
                        ('message_ru', models.TextField(blank=True, help_text='Optional text shown above the answer.', null=True, verbose_name='message')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                        ('card_type', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='faq.cardtype', verbose_name='only for card type')),
                        ('carrier', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='faq.carrier', verbose_name='only for carrier')),
                    ],
                    options={
                        'db_table': 'faq_answerrule',
                        'verbose_name': 'answer rule',
                        'verbose_name_plural': 'answer rules',
                        'ordering': ['-priority', 'name'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalAnswerRule',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('name', models.CharField(db_index=True, max_length=120, verbose_name='name')),
                        ('priority', models.IntegerField(default=0, help_text='When several rules match, the highest wins.', verbose_name='priority')),
                        ('active', models.BooleanField(default=True, verbose_name='active')),
                        ('phrases', models.TextField(blank=True, help_text='Comma-separated phrases; a question containing any of them (in any language) matches. Leave empty for a rule that only suggests an answer for a page.', verbose_name='match phrases')),
                        ('phrases_zh_hans', models.TextField(blank=True, help_text='Comma-separated phrases; a question containing any of them (in any language) matches. Leave empty for a rule that only suggests an answer for a page.', null=True, verbose_name='match phrases')),
                        ('phrases_en', models.TextField(blank=True, help_text='Comma-separated phrases; a question containing any of them (in any language) matches. Leave empty for a rule that only suggests an answer for a page.', null=True, verbose_name='match phrases')),
                        ('phrases_ru', models.TextField(blank=True, help_text='Comma-separated phrases; a question containing any of them (in any language) matches. Leave empty for a rule that only suggests an answer for a page.', null=True, verbose_name='match phrases')),
                        ('language', models.CharField(blank=True, choices=[('zh-hans', '中文（简体）'), ('en', 'English'), ('ru', 'Русский')], max_length=10, verbose_name='only for questions in')),
                        ('page_url', models.CharField(blank=True, help_text='A URL prefix (https://shop.example/pay/) or a pattern with * and ? (https://*.example/*/checkout*) that the page asking must match.', max_length=300, verbose_name='only on pages')),
                        ('target', models.CharField(help_text='The item to answer with: faq:slug, guide:slug or troubleshooter:slug.', max_length=120, verbose_name='answer with')),
                        ('target_node', models.SlugField(blank=True, help_text='For a troubleshooter: the key of the node to start at (optional).', max_length=60, verbose_name='start at node')),
                        ('message', models.TextField(blank=True, help_text='Optional text shown above the answer.', verbose_name='message')),
                        ('message_zh_hans', models.TextField(blank=True, help_text='Optional text shown above the answer.', null=True, verbose_name='message')),
                        ('message_en', models.TextField(blank=True, help_text='Optional text shown above the answer.', null=True, verbose_name='message')),
                        ('message_ru', models.TextField(blank=True, help_text='Optional text shown above the answer.', null=True, verbose_name='message')),
                        ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                        ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('card_type', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='faq.cardtype', verbose_name='only for card type')),
                        ('carrier', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='faq.carrier', verbose_name='only for carrier')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'faq_historicalanswerrule',
                        'verbose_name': 'historical answer rule',
                        'verbose_name_plural': 'historical answer rules',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalSynonymGroup',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('slug', models.SlugField(max_length=80, verbose_name='slug')),
                        ('terms', models.TextField(blank=True, help_text='Comma-separated terms in this language.', verbose_name='terms')),
                        ('terms_zh_hans', models.TextField(blank=True, help_text='Comma-separated terms in this language.', null=True, verbose_name='terms')),
                        ('terms_en', models.TextField(blank=True, help_text='Comma-separated terms in this language.', null=True, verbose_name='terms')),
                        ('terms_ru', models.TextField(blank=True, help_text='Comma-separated terms in this language.', null=True, verbose_name='terms')),
                        ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'faq_historicalsynonymgroup',
                        'verbose_name': 'historical synonym group',
                        'verbose_name_plural': 'historical synonym groups',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
            ],
        ),
        migrations.AlterModelTable(name='synonymgroup', table=None),
        migrations.AlterModelTable(name='answerrule', table=None),
        migrations.AlterModelTable(name='historicalanswerrule', table=None),
        migrations.AlterModelTable(name='historicalsynonymgroup', table=None),
        migrations.RunPython(relabel_content_types, unrelabel_content_types, elidable=False),
    ]
